"""The sandboxed Jinja environment memo templates are rendered in.

Templates can come from a portfolio's own ``templates/`` folder (or raio.yaml ``templates``),
i.e. from anyone who can open a merge request on the portfolio. So:

- Rendering uses :class:`jinja2.sandbox.ImmutableSandboxedEnvironment`: no attribute starting with
  an underscore (``''.__class__``, ``cycler.__init__.__globals__``), no mutation of the context,
  and ``*`` / ``**`` are bounded so a template cannot exhaust memory.
- Undefined variables are errors (:class:`jinja2.StrictUndefined`), never silent blanks.
- The loader reads only regular files inside the template folders, by names made of plain path
  segments: ``{% include '/etc/passwd' %}`` or ``'../x'`` or a symlink out of the folder find nothing.
- Every value printed with ``{{ ... }}`` is escaped for the output format: HTML by autoescaping,
  Markdown and typst by this module's escaping (applied through ``finalize``, so a template
  author cannot forget it). The filters ``md``, ``md_block``, ``typst`` and ``typst_block`` do
  the same explicitly and are never applied twice; ``typst_str`` escapes for the inside of a
  typst string literal (``"{{ x | typst_str }}"``); ``shy(lang)`` puts soft hyphens in long
  words for narrow cells (``documents.hyphenate``); ``css_str`` makes text the inside of a CSS
  string in a ``<style>`` element (``content: "{{ x | css_str }}"``), every character but letters
  and digits as a CSS escape, so no text can end the string or the element.
- ``clip`` cuts a text for a page's running header or footer (:func:`running`); the function
  ``has_tall_text()`` says whether a text of the document may be taller than a page, so that the
  PDF's rows and boxes, whole on one page otherwise, may break across pages.
- Any template problem (syntax, undefined variable, sandbox violation, missing include) becomes a
  :class:`TemplateProblem` with one line naming the template and the line.

Lookup of ``memo/<file>``: the portfolio's ``<templates>/memo/<file>``, then
``<templates>/<file>``, then the built-in ``templates/memo/<file>``: a portfolio overrides a
built-in template by giving a file of the same name.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

#: Template names: plain path segments, no leading slash, no "." or ".." segments.
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*(/[A-Za-z0-9_][A-Za-z0-9_.\-]*)*$")
MAX_TEMPLATE_BYTES = 1_000_000
MAX_RESULT = 2_000_000  # characters a single * may produce


class TemplateProblem(Exception):
    """A template could not be loaded or rendered; the message is one line naming template and line."""


class Escaped(str):
    """Text already escaped for its output format (never escaped again)."""


# ---------------------------------------------------------------------------------------------
# Escaping

_TYPST_SPECIAL = set("\\#$*_`<>@[]~/=-+'\":{}")
#: C0 controls but tab and line breaks, DEL, and the C1 controls (U+009B is CSI to a terminal,
#: as ESC [ is: a memo written to standard output must not hold it); and the controls of writing
#: direction (embeddings, overrides and isolates, U+202A-U+202E and U+2066-U+2069): one in a name
#: turned the rest of its line around ("Safe \u202eelbisiv" read "Safe visible"), the text after
#: the name included. raio check reports them (YML020); the documents show the text as typed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n]")
#: The line and paragraph separators, which end a line in typst markup as \n does.
_TYPST_NEWLINE = re.compile("[\u2028\u2029]")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def escape_typst(value: Any) -> Escaped:
    """Text for typst *markup*: every character with a meaning in markup is backslash-escaped.

    In typst markup a backslash before any non-space character makes it literal (typst docs,
    "Syntax", escape sequences). Escaped here: ``\\ # $ * _ ` < > @ [ ] ~ / = - + ' " : { }``
    (code, math, emphasis, raw, labels, references, content blocks, non-breaking space, comments,
    headings, lists, smart quotes, links). A number followed by a dot at the start of a line
    would start a numbered list, so that dot is escaped too. Line breaks (U+2028 and U+2029
    too, which typst reads as line breaks) become spaces: user text cannot start a heading or
    list on its own line. Control characters are dropped. A run of ``LONG_RUN`` or more
    characters without a space is set in short boxes, so that it wraps (see ``_pieces``).
    """
    if isinstance(value, Escaped):
        return value
    text = _CONTROL.sub("", _text(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = _TYPST_NEWLINE.sub("\n", text)  # typst ends a line at these too
    text = " ".join(text.split()) if "\n" in text or "\t" in text else text
    if len(text) >= LONG_RUN and _LONG_RUN.search(text) is not None:
        result = _breakable_runs(text)
    else:
        result = _escape_chars(text)
    result = re.sub(r"^(\d+)\.", r"\1\\.", result)
    return Escaped(result)


def _escape_chars(text: str) -> str:
    return "".join("\\" + ch if ch in _TYPST_SPECIAL else ch for ch in text)


#: typst breaks a line only where Unicode allows (spaces, hyphens, after "/" in a link): a run of
#: this many characters without one (an id, a hash, a name typed without spaces) ran off the page
#: and its end was lost. Such a run is set as a row of short boxes, between which typst may break;
#: the text, its copy and the PDF's outline stay as they were (no character is added).
LONG_RUN = 40
_LONG_RUN = re.compile(r"[^\s\u00ad]{%d,}" % LONG_RUN)
_PIECE = 4
#: Right-to-left letters (Hebrew, Arabic ...): boxes would set the pieces of such a run left to right.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _breakable_runs(text: str) -> str:
    out, last = [], 0
    for m in _LONG_RUN.finditer(text):
        out.append(_escape_chars(text[last:m.start()]))
        run = m.group(0)
        if _RTL.search(run) is not None:
            out.append(_escape_chars(run))
        else:
            out.append("".join(f"#box[{_escape_chars(piece)}]" for piece in _pieces(run)))
        last = m.end()
    out.append(_escape_chars(text[last:]))
    return "".join(out)


def _pieces(run: str) -> list[str]:
    """``run`` cut into pieces of about ``_PIECE`` characters, never inside a character as seen
    (a letter and its accents, an emoji sequence joined by U+200D, a flag's two letters)."""
    import unicodedata

    pieces, start, flags = [], 0, 0
    for i in range(1, len(run)):
        ch, before = run[i], run[i - 1]
        flags = flags + 1 if "\U0001f1e6" <= before <= "\U0001f1ff" else 0
        if i - start < _PIECE:
            continue
        if (unicodedata.category(ch)[0] == "M" or ch == "\u200d" or before == "\u200d"
                or "\ufe00" <= ch <= "\ufe0f" or "\U000e0000" <= ch <= "\U000e01ef"
                or "\U0001f3fb" <= ch <= "\U0001f3ff" or "\udc00" <= ch <= "\udfff"
                or ("\U0001f1e6" <= ch <= "\U0001f1ff" and flags % 2 == 1)):
            continue
        pieces.append(run[start:i])
        start = i
    pieces.append(run[start:])
    return pieces


def escape_typst_string(value: Any) -> Escaped:
    """Text for the inside of a typst *string literal* ``"..."``: only ``\\``, ``"`` and line
    breaks need escaping there (typst docs, "str": escape sequences)."""
    if isinstance(value, Escaped):
        value = str(value)
    text = _CONTROL.sub("", _text(value))
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return Escaped(text)


def escape_typst_block(value: Any) -> Escaped:
    """Like :func:`escape_typst`, but blank lines in the text stay paragraph breaks."""
    return _by_paragraph(value, escape_typst)


def _by_paragraph(value: Any, escape) -> Escaped:
    """``value`` escaped paragraph by paragraph (split at blank lines), joined by blank lines;
    what is escaped already is kept as it is."""
    if isinstance(value, Escaped):
        return value
    paragraphs = re.split(r"\n\s*\n", _text(value).replace("\r\n", "\n"))
    return Escaped("\n\n".join(escape(p) for p in paragraphs if p.strip()))


#: ``$`` too: GitHub and GitLab render the text between two of them as mathematics (MathJax/KaTeX),
#: so a dossier's "$\\phantom{...}$" hid its words from the board and "$\\color{green}{...}$" dressed
#: them up; "\\$" is a dollar sign in both (and in CommonMark, which knows no mathematics).
_MD_INLINE = set("\\`*_[]<>|~$")
_MD_INLINE_ESCAPES = str.maketrans({ch: "\\" + ch for ch in _MD_INLINE})
#: A leading sign that would start a heading, list, rule or quote, and a leading "1." or "1)".
_MD_LEADING_SIGN = re.compile(r"^(\s*)([#+=-])(?=\2*(?:\s|$))")
_MD_LEADING_NUMBER = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
#: An HTML character reference, which Markdown would show as the character it names.
_MD_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


def escape_markdown(value: Any) -> Escaped:
    """Text safe anywhere in Markdown, table cells included.

    Backslash-escapes ``\\ ` * _ [ ] < > | ~ $`` (emphasis, code, links, raw HTML, table cells,
    strikethrough: "~30%" on GitHub, mathematics: "$x$" on GitHub and GitLab), and ``&`` where
    it starts a character reference ("&amp;");
    line breaks become spaces so text cannot end a table row or start a block, and leading
    spaces count as one, so it cannot start a block of code either; a leading
    ``#``, ``-``, ``+``, ``=``, ``>`` or ``1.`` is escaped so it cannot become a heading, list,
    rule or quote where a template places the text at the start of a line (only where it would:
    "2.000" and "-5%" stay as they are, "1. item" becomes "1\\. item", "## x" and "---" become
    "\\## x" and "\\---").
    """
    if isinstance(value, Escaped):
        return value
    text = _text(value)
    if _CONTROL.search(text) is not None:
        text = _CONTROL.sub("", text)
    text = " ".join(text.split()) if ("\n" in text or "\r" in text or "\t" in text) else text
    if text.startswith("  "):  # four spaces at the start of a line, or after "1. ", begin a code block
        text = " " + text.lstrip(" ")
    out = text.translate(_MD_INLINE_ESCAPES)
    if "&" in out:
        out = _MD_ENTITY.sub(r"\\&", out)
    # each substitution only where its pattern matches (seldom): a report escapes 50,000 values
    if _MD_LEADING_SIGN.match(out):
        out = _MD_LEADING_SIGN.sub(r"\1\\\2", out)
    if _MD_LEADING_NUMBER.match(out):
        out = _MD_LEADING_NUMBER.sub(r"\1\\\2", out)
    return Escaped(out)


def escape_markdown_block(value: Any) -> Escaped:
    """Like :func:`escape_markdown`, but blank lines in the text stay paragraph breaks."""
    return _by_paragraph(value, escape_markdown)


def _markdown_finalize(value: Any) -> Any:
    return value if isinstance(value, Escaped) else escape_markdown(value)


def _html_finalize(value: Any) -> Any:
    """Plain text loses its control characters, as in Markdown and typst (autoescaping then escapes
    it), and its line breaks become spaces (what HTML shows them as anyway): no line of the page
    starts with what a dossier wrote ("::error" is a command to a GitHub Actions runner reading a
    page written to standard output). Markup the code built (``Markup``) is left as it is."""
    if type(value) is str:  # most of them (a report's matrix prints 80,000): no import, no subclass test
        if _CONTROL.search(value) is not None:
            value = _CONTROL.sub("", value)
        return _LINE_BREAKS.sub(" ", value) if "\n" in value or "\r" in value else value
    from markupsafe import Markup

    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    value = _CONTROL.sub("", value)
    return _LINE_BREAKS.sub(" ", value) if "\n" in value or "\r" in value else value


def _typst_finalize(value: Any) -> Any:
    return value if isinstance(value, Escaped) else escape_typst(value)


# ---------------------------------------------------------------------------------------------
# Loading


def _loader_class():
    from jinja2 import BaseLoader, TemplateNotFound

    class FolderLoader(BaseLoader):
        """Regular files inside the given folders only, by plain names (see module docstring)."""

        def __init__(self, override: Path | None, builtin: Path, label_root: Path | None):
            self.override = override.resolve() if override is not None else None
            self.builtin = builtin.resolve()
            self.label_root = label_root
            self.labels: dict[str, str] = {}  # filename -> how to name it in messages

        def candidates(self, name: str) -> list[tuple[Path, Path]]:
            out = []
            if self.override is not None:
                out.append((self.override / name, self.override))
                base = name.rsplit("/", 1)[-1]
                if base != name:
                    out.append((self.override / base, self.override))
            out.append((self.builtin / name, self.builtin))
            return out

        def get_source(self, environment, template):
            if not isinstance(template, str) or not _NAME.match(template) or ".." in template.split("/"):
                raise TemplateNotFound(template)
            for path, folder in self.candidates(template):
                if not path.is_file():
                    continue
                try:
                    real = path.resolve()
                    real.relative_to(folder)
                except (ValueError, OSError, RuntimeError):
                    continue  # a link out of the folder is not followed
                if real.stat().st_size > MAX_TEMPLATE_BYTES:
                    raise TemplateProblem(f"template {self._label(path, folder)} is larger than {MAX_TEMPLATE_BYTES} bytes")
                try:
                    source = real.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise TemplateProblem(f"template {self._label(path, folder)} cannot be read: {exc}") from None
                filename = str(path)
                self.labels[filename] = self._label(path, folder)
                mtime = real.stat().st_mtime
                return source, filename, lambda: real.is_file() and real.stat().st_mtime == mtime
            raise TemplateNotFound(template)

        def _label(self, path: Path, folder: Path) -> str:
            if folder == self.builtin:
                return f"built-in {path.relative_to(folder).as_posix()}"
            if self.label_root is not None:
                try:
                    return path.resolve().relative_to(self.label_root.resolve()).as_posix()
                except ValueError:
                    pass
            return path.as_posix()

    return FolderLoader


def _sandbox_class():
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

    class MemoSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, with ``*`` and ``**`` bounded against memory exhaustion."""

        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            if operator == "**":
                if isinstance(right, (int, float)) and abs(right) > 64:
                    raise SecurityError("exponent too large")
            elif operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                        if len(seq) * max(times, 0) > MAX_RESULT:
                            raise SecurityError("result of * too large")
            return super().call_binop(context, operator, left, right)

        def getattr(self, obj, attribute):
            # ``row.name`` of a plain dict (the contexts raio builds): its key, as the sandbox's
            # getattr gives it once getattr(obj, "name") has failed, but without raising and
            # catching that AttributeError (a report of 1,000 applications looks up 80,000)
            if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
                try:
                    return obj[attribute]
                except KeyError:
                    return self.undefined(obj=obj, name=attribute)
            return super().getattr(obj, attribute)

    return MemoSandbox


#: What ``getattr`` finds on a plain dict (its methods and object's): any other name is a key.
_DICT_ATTRIBUTES = frozenset(dir(dict))


def environment(fmt: str, override: Path | None = None, builtin: Path | None = None,
                label_root: Path | None = None):
    """The sandboxed environment for output format ``fmt`` (md, html or typ)."""
    from jinja2 import StrictUndefined, pass_context

    from raio_cli.resources import templates_dir

    loader = _loader_class()(override, builtin or templates_dir(), label_root)
    options: dict[str, Any] = dict(
        loader=loader,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    if fmt == "html":
        options["autoescape"] = True
        options["finalize"] = _html_finalize
    elif fmt == "md":
        options["finalize"] = _markdown_finalize
    elif fmt == "typ":
        options["finalize"] = _typst_finalize
    else:
        raise ValueError(f"no template environment for {fmt!r}")
    env = _sandbox_class()(**options)
    env.filters["md"] = escape_markdown
    env.filters["md_block"] = escape_markdown_block
    env.filters["typst"] = escape_typst
    env.filters["typst_block"] = escape_typst_block
    env.filters["typst_str"] = escape_typst_string
    env.filters["shy"] = _soft_hyphens
    env.filters["css_str"] = escape_css_string
    env.filters["clip"] = _clip
    answer: list[bool] = []  # an environment renders one document: its context is scanned once

    @pass_context
    def has_tall_text(context) -> bool:
        if not answer:
            answer.append(_has_tall_text(context))
        return answer[0]

    env.globals["has_tall_text"] = has_tall_text
    return env


#: A text this long may not fit on one page in a table's column: see :func:`_has_tall_text`.
TALL_TEXT = 1000


def _has_tall_text(context) -> bool:
    """Whether the context holds a text of ``TALL_TEXT`` characters or more. The PDF keeps a table
    row or a block whole on one page; one taller than a page ran off its bottom, and what ran off
    was lost. The templates let rows and blocks break across pages when this is true."""
    seen: set[int] = set()
    stack = [context.get_all()]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if len(value) >= TALL_TEXT and not value.lstrip().startswith("<svg"):
                return True
        elif isinstance(value, (dict, list, tuple)) and id(value) not in seen:
            seen.add(id(value))
            stack.extend(value.values() if isinstance(value, dict) else value)
    return False


def escape_css_string(value: Any) -> Any:
    """Text for the inside of a double-quoted CSS string: letters and digits as they are, every
    other character as a six-digit ``\\HHHHHH`` (CSS Syntax, "escape"; a space too, since a space
    after an escape belongs to the escape); control characters dropped. Marked safe for HTML,
    where a ``<style>`` element does not decode entities."""
    from markupsafe import Markup

    text = re.sub(r"\s+", " ", _CONTROL.sub("", _text(value)))
    return Markup("".join(ch if ch.isalnum() else f"\\{ord(ch):06x}" for ch in text))


#: The running header and footer of a page give a name or an organisation up to this many
#: characters: one of 2,000 ran the header off the top of the paper on every page.
RUNNING_TEXT = 100


def running(value: Any, limit: int = RUNNING_TEXT) -> str:
    """``value`` cut to ``limit`` characters with a mark (never inside a number), for a page's
    running header or footer; the document's own text gives it whole."""
    from raio_cli.privacy import clip

    return clip(" ".join(_text(value).split()), limit, strip=True)


def _clip(value: Any, limit: int = RUNNING_TEXT) -> Any:
    """The ``clip`` filter: :func:`running` on plain text (what is escaped already is left whole:
    a cut could fall inside an escape)."""
    from markupsafe import Markup

    return value if isinstance(value, (Escaped, Markup)) else running(value, limit)


def _soft_hyphens(value: Any, lang: str = "nl") -> Any:
    """The ``shy`` filter: soft hyphens in long words (``documents.hyphenate``), for narrow cells.
    Text escaped already keeps its escapes (soft hyphens go only between letters, entity names
    are shorter than the words that get them)."""
    from markupsafe import Markup

    from raio_cli.documents.hyphenate import soft_hyphens

    if isinstance(value, (Escaped, Markup)):
        return type(value)(soft_hyphens(value, lang))
    return soft_hyphens(_text(value), lang)


def render(fmt: str, name: str, context: dict, override: Path | None = None,
           label_root: Path | None = None, builtin: Path | None = None) -> str:
    """Render template ``name`` with ``context``; :class:`TemplateProblem` on any failure."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import TemplateError

    env = environment(fmt, override, builtin, label_root)
    loader = env.loader
    try:
        template = env.get_template(name)
        return template.render(**context)
    except TemplateProblem:
        raise
    except TemplateSyntaxError as exc:
        where = loader.labels.get(exc.filename or "", exc.name or name)
        raise TemplateProblem(f"template {where} line {exc.lineno}: {_one_line(exc.message or str(exc))}") from None
    except TemplateNotFound as exc:
        where, line = _template_position(sys.exc_info()[2], loader.labels)
        if where is None:
            raise TemplateProblem(f"template {name} not found (looked in the portfolio's templates and the built-in ones)") from None
        raise TemplateProblem(f"template {where} line {line}: included template '{exc.name}' not found") from None
    except (TemplateError, Exception) as exc:  # sandbox violations, undefined names, type errors
        where, line = _template_position(sys.exc_info()[2], loader.labels)
        what = _one_line(str(exc)) or type(exc).__name__
        if where is None:
            raise TemplateProblem(f"template {name}: {what}") from None
        raise TemplateProblem(f"template {where} line {line}: {what}") from None


def _template_position(tb, labels: dict[str, str]) -> tuple[str | None, int]:
    """The innermost traceback frame that lies in a template (Jinja rewrites them to template lines)."""
    found: tuple[str | None, int] = (None, 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename in labels:
            found = (labels[filename], tb.tb_lineno)
        tb = tb.tb_next
    return found


def _one_line(text: str) -> str:
    from raio_cli.privacy import clip

    return clip(" ".join(str(text).split()), 300, ellipsis="")
