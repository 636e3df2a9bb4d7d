"""The terminal: one place that decides how wide tables are, whether they have colour, and how
text from a portfolio is shown safely.

Folder names, YAML values, git authors and subjects are written by whoever made them; shown raw,
an escape sequence in them would recolour the terminal, set its title, clear the screen or hide
the lines before it. :func:`printable` is the one function every human-readable output passes
such text through. Shown in a CI job's log, such text could also read as a command to the runner
('##[set-output ...]', '##vso[task.setvariable ...]', a line break then '::error::'): every command
writes its standard output and error through :class:`InertStream` (:func:`inert`).
"""

from __future__ import annotations

import re
import sys


def printable(text: str, keep: str = "") -> str:
    """``text`` with every character a terminal would act on or not show written as a visible
    escape: C0 controls such as ESC (``\\x{1b}``) and the line feed (``\\x{0a}``), DEL, C1 controls
    (``\\x{9b}``), line and paragraph separators and other format characters such as
    bidirectional overrides (``\\u{202e}``), and unpaired surrogates. Characters in ``keep``
    (e.g. ``"\\n\\t"`` where a text legitimately spans lines) and spaces of every width stay as
    they are. Printable text is returned as is.

    The braces end every escape with a character that is no letter or digit, so that a BSN or
    patient number right after it still stands on its own and is masked when the escaped text
    is masked (``\\x1bNZ1234567`` would hide ``NZ1234567`` from a pattern ``\\bNZ\\d{7}``, and
    ``\\x1b111222333`` is a BSN only because the ``x`` makes ``x1b111222333`` no hexadecimal code)."""
    if not isinstance(text, str):
        text = str(text)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in keep or not hidden(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{{{code:02x}}}" if code < 0x100 else f"\\u{{{code:04x}}}")
    return "".join(out)


#: A command to a CI runner found anywhere in a line of a job's log, whatever stands before it:
#: GitHub Actions' legacy ``##[command name=value;]data`` and Azure Pipelines'
#: ``##vso[area.action ...]data``. They set outputs and variables, mask words, forge annotations,
#: stop the reading of commands. Outputs write their ``[`` otherwise (group 1 is what stands
#: before it).
RUNNER_COMMAND = re.compile(r"(##(?:vso)?)\[", re.IGNORECASE)

#: GitHub Actions' ``::command ...::message`` at the start of a line, after any blanks: the
#: runner reads a line as a command only when, its leading white space taken off, it starts with
#: ``::`` and holds a second ``::`` after those two (actions/runner, ActionCommand.TryParseV2);
#: it splits lines at CR and LF. A line such as ``::1`` (an IPv6 address) is no command and is
#: shown as it is. Group 1 is the line break before it (none at the start of the text), group 2
#: the blanks.
_LINE_COMMAND = re.compile(r"(^|[\r\n])([^\S\r\n]*):(?=:[^\r\n]*::)")
_LINE_COMMAND_INSIDE = re.compile(r"([\r\n])([^\S\r\n]*):(?=:[^\r\n]*::)")
#: A ``:`` followed by another: on a line that began with ``::`` in an earlier write, the second
#: ``::`` that would make it a command.
_COLON_PAIR = re.compile(r":(?=:)")
#: The blanks a runner takes off the start of a line.
_BLANKS = re.compile(r"[^\S\r\n]*")


#: How a document written to standard output shows the ``[`` of ``##[`` and the ``:`` that starts
#: a line's ``::``, so that it reads back as the same text: Markdown's backslash escapes, HTML's
#: character references (a CSV has none: it shows them as every other text does).
ESCAPES = {"text": ("\\x{5b}", "\\x{3a}"), "md": ("\\[", "\\:"), "html": ("&#91;", "&#58;")}


def inert(text: str, starts_line: bool = True, kind: str = "text") -> str:
    """``text`` as no CI runner takes it for a command: the ``[`` of ``##[`` and ``##vso[``
    anywhere shown as ``\\x{5b}``, and the first ``:`` of ``::`` at the start of a line (after
    blanks) as ``\\x{3a}`` where a second ``::`` follows on that line, as raio shows a character
    it will not write as it is; all else as it is (``::1``, ``[x]``). ``starts_line``:
    whether the text's start is a line's start (False: it continues a line already begun).
    ``kind`` ``md`` or ``html``: a document, whose own escapes are used instead (:data:`ESCAPES`),
    so that it reads as the same text."""
    bracket, colon = ESCAPES[kind]
    if "##" in text:
        text = RUNNER_COMMAND.sub(lambda m: m.group(1) + bracket, text)
    if "::" in text:
        text = (_LINE_COMMAND if starts_line else _LINE_COMMAND_INSIDE).sub(lambda m: m.group(1) + m.group(2) + colon,
                                                                           text)
    return text


class InertStream:
    """A text stream (standard output or error) that writes what it is given through
    :func:`inert`, whatever wrote it (print, typer.echo, a rich console, an error message), so
    that a dossier's value, a folder name or a commit's author shown by a command never reads as a
    command to the CI runner whose log the stream is: a line break in a value ('x\\n::error::')
    starts a line of the log. It keeps track of where a line starts across writes, and of a
    ``##`` that ends one write before the ``[`` of the next. Everything else (encoding, isatty,
    :attr:`wrapped`'s binary ``buffer``) is the stream's own: bytes written to that buffer (a
    PDF, a CSV) are the writer's to make inert. It has no ``buffer`` of its own: where standard
    output's encoding is ASCII (PYTHONIOENCODING=ascii), click (typer.echo) writes to the
    buffer of a stream that has one, around this one."""

    def __init__(self, stream):
        self._stream = stream
        self._line_start = True  # nothing but blanks since the last line break
        self._tail = ""  # the end of the last write: '#', '##', '##v', '##vs', '##vso' or ''
        # the line begun holds, after blanks, 1: ':' only; 2: '::' and no second '::' (a write
        # that completes a command is made inert at that second '::'); 0: neither
        self._lead = 0
        self._colon = False  # with _lead 2: the line's last character is a ':' after its first two

    def write(self, text):
        if not isinstance(text, str) or not text:
            return self._stream.write(text)
        if self._lead:  # the begun line may become a command: its rest in this write decides
            breaks = [i for i in (text.find("\n"), text.find("\r")) if i >= 0]
            cut = min(breaks) if breaks else len(text)
            shown = self._continued(text[:cut]) + inert(text[cut:], False)
        else:
            shown = inert(text, self._line_start)
        if self._tail and "[" in shown[:5]:  # '##' then '[x', '#' then '#[x', '##v' then 'so[x'
            shown = inert(self._tail + shown, False)[len(self._tail):]
        self._note(text)
        self._stream.write(shown)
        return len(text)

    def _continued(self, part: str) -> str:
        """``part`` (no line break in it) as it continues a line that began with ``:`` or ``::``:
        a ``:`` that would make the line start with ``::`` or give it its second ``::`` shown
        as ``\\x{3a}``."""
        colon = ESCAPES["text"][1]
        if self._lead == 1:  # ':' so far: a ':' now starts the line with '::'
            return colon + part[1:] if part.startswith(":") else part
        if self._colon and part.startswith(":"):
            part = colon + part[1:]
        return _COLON_PAIR.sub(lambda _: colon, part) if "::" in part else part

    def _note(self, text: str) -> None:
        """Where the next write starts: at a line's start or not, after what ``##`` part, on a
        line that began with ``:`` or ``::`` or not."""
        last = max(text.rfind("\n"), text.rfind("\r"))
        rest = text[last + 1:]
        if last >= 0 or self._line_start:  # the line begins in this write
            body = rest[_BLANKS.match(rest).end():]
            self._lead = 1 if body == ":" else 2 if body.startswith("::") and "::" not in body[2:] else 0
            self._colon = self._lead == 2 and len(body) > 2 and body.endswith(":")
        elif self._lead == 2:  # still no second '::': every one in this write was shown inert
            self._colon = text.endswith(":")
        else:
            self._lead = 0
        self._line_start = not rest.strip() and (last >= 0 or self._line_start)
        ending = re.search(r"#(?:#(?:v(?:so?)?)?)?$", (self._tail + text[-5:])[-5:], re.IGNORECASE)
        self._tail = ending.group() if ending else ""

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    @property
    def wrapped(self):
        """The stream written to."""
        return self._stream

    def __getattr__(self, name):
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self._stream, name)


def hidden(ch: str) -> bool:
    """Whether a terminal would act on the character ``ch`` or not show it: what :func:`printable`
    writes as an escape (a space of any width is shown; the line feed and the tab are hidden here
    too). raio check's YML020 reports values holding one, with :func:`character_name`."""
    if ch.isprintable():
        return False
    import unicodedata

    return unicodedata.category(ch) != "Zs"


#: The Unicode names of the C0 control characters (Python's unicodedata has none for them)
_C0 = ("NUL SOH STX ETX EOT ENQ ACK BEL BS TAB LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB "
       "ESC FS GS RS US").split()


def character_name(ch: str) -> str:
    """``ch`` by its code and name, for a message: ``U+200B ZERO WIDTH SPACE``, ``U+001B ESC``,
    ``U+009B (a C1 control character)``."""
    import unicodedata

    code = ord(ch)
    name = _C0[code] if code < 0x20 else "DEL" if code == 0x7F else unicodedata.name(ch, "")
    if not name:
        name = "(a C1 control character)" if 0x80 <= code < 0xA0 else \
            "(an unpaired surrogate)" if 0xD800 <= code < 0xE000 else "(a character without a name)"
    return f"U+{code:04X} {name}"


#: Plain forms of the signs raio's own texts use, for a console that cannot show them.
_PLAIN = {"\u2192": "->", "\u2190": "<-", "\u2265": ">=", "\u2264": "<=", "\u2026": "...", "\u2014": "-",
          "\u2013": "-", "\u2212": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b7": ".",
          "\u00d7": "x", "\u2022": "*", "\u20ac": "EUR", "\u00a0": " ", "\u202f": " ", "\u2009": " "}
PLAIN_ERRORS = "raio-plain"


def _plain(exc: UnicodeError):
    """The codec error handler :data:`PLAIN_ERRORS`: a sign in its plain form ('≥' as '>='), '?'
    for anything else (a letter keeps its '?', so that 'd?partment' still shows a name is not
    'department')."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(_PLAIN.get(ch, "?") for ch in exc.object[exc.start:exc.end]), exc.end


def _register_plain() -> None:
    import codecs

    try:
        codecs.lookup_error(PLAIN_ERRORS)
    except LookupError:
        codecs.register_error(PLAIN_ERRORS, _plain)


def fitted(text: str) -> str:
    """``text`` as standard output will write it: where its encoding cannot hold a character, a
    sign in its plain form ('→' as '->', '…' as '...') and '?' for anything else (see
    :func:`tolerate_narrow_output`); ``text`` itself where it can. A table is laid out on this
    text: laid out on '→' (one column) and written as '->' (two), every row with an arrow ran a
    column past the edge of a narrow console and wrapped there."""
    encoding = getattr(sys.stdout, "encoding", None)
    if not encoding or text.isascii():
        return text
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    except LookupError:
        return text
    errors = getattr(sys.stdout, "errors", None) or "strict"
    if errors in ("strict", "surrogateescape"):  # what tolerate_narrow_output makes of them
        errors = PLAIN_ERRORS
    _register_plain()
    try:
        return text.encode(encoding, errors).decode(encoding, "replace")
    except (UnicodeError, LookupError):
        return text


def tolerate_narrow_output() -> None:
    """Let standard output write what its encoding cannot hold (a Windows console or a redirect
    in cp1252 or cp850, a C locale's ASCII) in plain signs ('≥' as '>=', '→' as '->'), else '?',
    instead of ending the command with a UnicodeEncodeError at the first '→' or '—', or showing
    '93% ? target 90%': text for people keeps its meaning. Reports and exports meant as files are
    written as UTF-8 bytes, whatever the encoding."""
    _register_plain()
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    # a C locale's stream has surrogateescape, which fails on '→' as strict does
    if (encoding != "utf8" and getattr(sys.stdout, "errors", "strict") in ("strict", "surrogateescape", "replace")
            and hasattr(sys.stdout, "reconfigure")):
        try:
            sys.stdout.reconfigure(errors=PLAIN_ERRORS)
        except (ValueError, OSError):  # a closed or detached stream: the command says so when it writes
            pass


def shown(text: str, patterns=()) -> str:
    """``text`` as a terminal may show it: patient identifiers masked
    (:func:`raio_cli.privacy.mask_identifiers`, with raio.yaml's ``patterns``), then
    :func:`printable`."""
    from raio_cli.privacy import mask_identifiers

    return printable(mask_identifiers(text, patterns))


#: The width of a console that writes to no terminal and was given no COLUMNS: a table is as wide
#: as its cells need (see :func:`wide_console`).
UNBOUNDED = 10_000


def _columns_set() -> int | None:
    """The COLUMNS the user set, when it is a usable width (20 to 10,000), else None."""
    import os

    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and 20 <= int(columns) <= UNBOUNDED else None


def wide_console():
    """A rich console for tables and the lines that go with them.

    On a terminal: the terminal's width (COLUMNS when set); text and tables fit it. Where the
    user set COLUMNS, that width also when written to no terminal (a pager or a CI log of that
    width).

    Written to no terminal without COLUMNS (``raio status | grep``, ``raio log APP > log.txt``;
    a shell does not export COLUMNS): no line of text is broken by width (soft wrap), so that a
    sentence found by grep is found whole, and a table is as wide as its cells need, up to
    :data:`UNBOUNDED`: each row on one line, so that grep for an application's id shows its
    whole row, not the first line of a folded cell. (A pipe got 150 columns: a long cell went
    over several lines and every sentence under the table was broken at the 150th column.)
    Something drawn across the console, such as a rule, takes :func:`drawn_width`. Colour
    follows rich's rules: none when piped or under NO_COLOR."""
    from rich.console import Console

    if sys.stdout.isatty():
        return Console(highlight=False)
    columns = _columns_set()
    if columns:
        return Console(highlight=False, width=columns)
    return Console(highlight=False, width=UNBOUNDED, soft_wrap=True)


def drawn_width(console, default: int = 150) -> int:
    """The width for a line drawn across ``console`` (a rule between sections): its width, or
    ``default`` on a console as wide as its tables need (:data:`UNBOUNDED`), where a rule would
    be 10,000 characters long."""
    return default if console.width >= UNBOUNDED else console.width


def output_width(limit: int | None = None) -> int | None:
    """Columns to fill sentences on standard output to (raio monitor's lines, raio new-pilot's
    next steps, raio rule's list and pages): the COLUMNS the user set, else the width of the
    terminal standard output writes to, never fewer than 40 and at most ``limit`` when given; None when it writes to no
    terminal and COLUMNS is not set (a pipe, a file, a CI log: a shell does not export COLUMNS),
    where :func:`wrapped` and :func:`wrapped_parts` then break no line, so that grep finds a
    sentence whole (``raio monitor APP | grep OVERDUE`` showed the first half of a line, filled
    to 80 columns no one had)."""
    width = _columns_set() or terminal_width(sys.stdout)
    if width is None:
        return None
    width = max(40, width)
    return min(width, limit) if limit else width


def wrapped(text: str, width: int | None, indent: str = "", subsequent: str | None = None) -> str:
    """``text`` as one paragraph filled to ``width`` columns, in the signs standard output writes
    (:func:`fitted`: a '…' written '...' fills three); paths, ids and hyphenated words are
    never broken (a line may run longer rather than split a file name). ``width`` None (standard
    output is no terminal: :func:`output_width`): one line, ``indent`` and the words."""
    import textwrap

    if width is None:
        return indent + " ".join(fitted(text).split())

    return textwrap.fill(" ".join(fitted(text).split()), width=width, initial_indent=indent,
                         subsequent_indent=indent if subsequent is None else subsequent,
                         break_long_words=False, break_on_hyphens=False)


def terminal_width(stream) -> int | None:
    """Columns of the terminal ``stream`` writes to (COLUMNS when set), None when it writes to
    none: a pipe, a file, a CI log."""
    import os

    try:
        if not stream.isatty():
            return None
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and int(columns) >= 20 else os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):  # no stream, a closed one, a terminal with no size
        return None
    return width if width >= 20 else None


#: Words that end a raio command quoted in prose ("run raio init in a new folder", "raio
#: new-pilot writes one"): the command's own words are options, their values, ids and paths.
_PROSE = frozenset("to or and in on at for if then when with without would will can lists shows writes "
                   "reads puts explains asks gives says checks before after".split())


def _kept_together(body: str) -> str:
    """``body`` with the spaces that must not end a line written as NUL: inside a quoted text
    ('raio status', "Start the portfolio") and inside a raio command written in the text (raio
    schema --write .raio/schemas; raio monitor APP result --date YYYY-MM-DD), which ends at a
    comma, a semicolon, a bracket or a full stop, or at a plain word that is none of its options'
    values nor an action of raio monitor."""
    import re

    from raio_cli.cli import COMMANDS

    body = re.sub(r"(?<!\w)'[^'\n]+'(?!\w)|(?<!\w)\"[^\"\n]+\"(?!\w)", lambda m: m.group().replace(" ", "\0"), body)
    words = body.split(" ")
    glue = [False] * len(words)  # glue[i]: no line ends after words[i]
    for i in range(len(words) - 1):
        if words[i] != "raio" or words[i + 1] not in COMMANDS and words[i + 1].rstrip(",;:.)") not in COMMANDS:
            continue
        from raio_cli.commands.monitor import ACTIONS

        j = i + 1
        glue[i] = True
        while j + 1 < len(words) and not re.search(r"[,;:)'\"]$|\.$", words[j]):
            word = words[j + 1].rstrip(",;:.)")
            value = j == i + 1 or (words[j].startswith("-") and "=" not in words[j]) or word in ACTIONS
            if re.fullmatch(r"[a-z]+", word) and (word in _PROSE or not value):  # an id, a value, an action
                break
            glue[j] = True
            j += 1
    return "".join(w + ("\0" if g else " ") for w, g in zip(words, glue))[:-1]


def for_stream(text: str, stream) -> str:
    """A message (an error and its hint, a note) as ``stream`` is to show it: on a terminal each
    line filled to its width at spaces, continued 4 columns in (an indented line: at its own
    indent), a path, a quoted text or a raio command never split (a line may run longer rather
    than split them); elsewhere (a pipe, a file, a CI log) as it is, one line each, so that grep
    finds it. Where the user set COLUMNS, that width on a terminal or not, as standard output
    takes it (:func:`output_width`): in a log of COLUMNS=80, raio's tables and sentences were
    80 columns wide and a warning or an error among them one line of 200."""
    width = _columns_set() or terminal_width(stream)
    if width is None or all(len(line) <= width for line in text.split("\n")):
        return text
    import textwrap

    lines = []
    for line in text.split("\n"):
        body = line.lstrip(" ")
        indent = line[:len(line) - len(body)]
        kept = _kept_together(body)
        filled = textwrap.wrap(kept, width=width, initial_indent=indent, subsequent_indent=indent or "    ",
                               break_long_words=False, break_on_hyphens=False) or [line]
        lines.extend(part.replace("\0", " ") for part in filled)
    return "\n".join(lines)


def wrapped_parts(parts, width: int | None, indent: str = "", subsequent: str | None = None) -> str:
    """``parts`` (e.g. a value, its threshold, its alerts) one after another, separated by a space,
    filled to ``width`` columns: a line ends only between two parts, so that a value stays with
    its unit and its date; a part too long for a line of its own is filled word by word
    (:func:`wrapped`). On a line wide enough this is ``indent`` and the parts joined by spaces,
    their own spacing kept, as it is for ``width`` None (no terminal: :func:`output_width`);
    nothing is ever cut."""
    if width is None:
        return indent + " ".join(fitted(p) for p in parts if p)
    subsequent = indent if subsequent is None else subsequent
    lines: list[str] = []
    line = ""
    for part in (fitted(p) for p in parts if p):
        if line and len(line) + 1 + len(part) <= width:
            line += " " + part
            continue
        if line:
            lines.append(line)
        start = subsequent if line or lines else indent
        if len(start) + len(part.strip()) <= width:
            line = start + (part.strip() if line or lines else part)
        else:
            *full, line = wrapped(part, width, start, subsequent).splitlines() or [start]
            lines.extend(full)
    lines.append(line)
    return "\n".join(lines)


def print_table(console, table, rows) -> None:
    """Print the rich ``table`` with ``rows`` added, as ``table.add_row`` and ``console.print``
    would print it, in a third of the time: rich lays every cell out through its general machinery
    (1.5 s for the 1,000 rows of a hospital network's ``raio status``).

    For a table of the kind raio draws: every column has a fixed ``width``, every cell is a rich
    ``Text``, no row styles, no lines between rows, no footer. Rich still draws the title, the
    header and the edges (it renders the table without rows); each cell is wrapped, cut and
    justified by rich's own ``Text.wrap`` as rich's table would, and laid out here. A test holds
    the output equal to rich's, in colour and without, for random cells."""
    from rich.segment import Segment
    from rich.text import Text

    options = console.options
    _top, right, _bottom, left = table.padding
    columns = table.columns
    edges = (len(columns) + 1 if table.show_edge else len(columns) - 1) if table.box else 0
    pads = (left + right) * (len(columns) - 1 + table.pad_edge)
    if (table.row_styles or table.show_lines or table.leading or table.show_footer or not table.show_header
            or table.rows or not rows or _top or _bottom or table.collapse_padding
            or any(c.width is None or c.style or c.vertical != "top" for c in columns)
            or sum(c.width for c in columns) + pads + edges > options.max_width):  # rich would narrow it
        for row in rows:  # not a table this is written for: rich draws it
            table.add_row(*row)
        console.print(table)
        return
    drawn = list(Segment.split_lines(console.render(table, options)))  # title, top, header, rule, bottom
    foot = drawn.pop() if table.box and table.show_edge else None
    box = table.box.substitute(options, safe=table.safe_box if table.safe_box is not None else console.safe_box) \
        if table.box else None
    border = console.get_style(table.style or "") + console.get_style(table.border_style or "")
    new_line = Segment.line()
    joined = Text().join
    # the blanks before and after each column's cells (rich leaves them out at the edges without pad_edge)
    around = [(Segment(" " * (left if i or table.pad_edge else 0)),
               Segment(" " * (right if i < len(columns) - 1 or table.pad_edge else 0))) for i in range(len(columns))]
    blank = [Segment(" " * (c.width + len(a.text) + len(b.text))) for c, (a, b) in zip(columns, around)]

    def cells_of(row):
        """Each cell of ``row`` as its lines, each line a list of segments as wide as its column."""
        out = []
        for cell, column, (before, after) in zip(row, columns, around):
            tab_size = (console.tab_size if cell.tab_size is None else cell.tab_size) or 8
            lines = cell.wrap(console, column.width, justify=cell.justify or column.justify, tab_size=tab_size,
                              overflow=cell.overflow or column.overflow,
                              no_wrap=column.no_wrap if cell.no_wrap is None else cell.no_wrap)
            # joined, as rich joins a cell's lines: a line's own style becomes a span (render ignores it)
            out.append([[before, *joined([line]).render(console), Segment(" " * (column.width - line.cell_len)), after]
                        for line in lines])
        return out

    class _Rows:
        def __rich_console__(self, _console, _options):
            yield from (segment for line in drawn for segment in (*line, new_line))
            for index, row in enumerate(rows):
                cells = cells_of(row)
                height = max(1, *map(len, cells))
                last = index == len(rows) - 1
                edge_left, edge_right, divider = ((box.foot_left, box.foot_right, box.foot_vertical) if last
                                                  else (box.mid_left, box.mid_right, box.mid_vertical)) if box else ("", "", "")
                for line_no in range(height):
                    if box and table.show_edge:
                        yield Segment(edge_left, border)
                    for i, cell in enumerate(cells):
                        if line_no < len(cell):
                            yield from cell[line_no]
                        else:
                            yield blank[i]
                        if box and i < len(columns) - 1:
                            yield Segment(divider, border)
                    if box and table.show_edge:
                        yield Segment(edge_right, border)
                    yield new_line
            if foot is not None:
                yield from (*foot, new_line)

    console.print(_Rows())
