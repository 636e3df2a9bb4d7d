"""A fast reader for the plain YAML dossiers are written in; everything else goes to libyaml.

Why: reading 6,000 dossier files with libyaml's composer and building data and positions from
its node tree is about half of a cold ``raio check`` (benchmarks/README.md): the composer makes
a Python node and two marks for every value, and the builder walks them again. Dossier files
use a small part of YAML: block mappings and lists, one-line plain and quoted values, ``|`` and
``>`` texts, and one-line ``[a, b]`` and ``{k: v}`` lists and mappings. This module reads that
part line by line and hands every value to the same builder methods
(:class:`raio_cli.yamlio._Builder`) that the node tree goes through, so data, positions, read-as
notes (``coerced``, ``comments``) and findings come out the same.

It gives up, and :mod:`raio_cli.yamlio` reads the file with libyaml, at the first thing it does
not know for certain how libyaml reads: tabs, carriage returns, control characters, anchors,
tags, escapes in double quotes, values over several lines (other than ``|`` and ``>`` texts),
complex keys, a second document, a file that is not a mapping, any syntax error. Giving up is
always safe; a test compares both readers on the fixture corpus, the examples, a generated
portfolio and random texts, and holds that the common files take this path.
"""

from __future__ import annotations

import re

import yaml

#: A plain key, its colon, and the blanks after it (a colon must be followed by a blank or end).
_KEY = re.compile(r"([0-9A-Za-z_][\w.\-/]*):(?: +|$)")
#: Every line: its indentation, a plain key with its colon (or nothing), the blanks after the
#: colon, and the rest. findall() splits a whole text this way in one call.
_LINE = re.compile(r"^( *)(?:([0-9A-Za-z_][\w.\-/]*):( +|$))?(.*)$", re.M)
#: A flow mapping's key, whole.
_FLOW_KEY = re.compile(r"[0-9A-Za-z_][\w.\-/]*")
#: A ``|`` or ``>`` header: clip or strip chomping, no indentation indicator, maybe a comment.
_BLOCK_HEADER = re.compile(r"([|>])(-?)(?: *| +#.*)$")
#: First characters that start something other than a plain value in block context.
_NOT_PLAIN = frozenset("[]{},#&*!|>'\"%@`")
#: What a plain value cannot start with, or only when a non-blank follows.
_SPECIAL = _NOT_PLAIN | frozenset("-?:")
#: ... and in a flow list or mapping.
_NOT_PLAIN_FLOW = frozenset("&*!|>'\"%@`")
_DOCUMENT_START = re.compile(r"---(?: *| +#.*)$")
_ScalarNode = yaml.ScalarNode
_PLAIN = (True, False)  # how libyaml's composer marks a plain scalar for the resolver
_STR = "tag:yaml.org,2002:str"


class Syntax:
    """What the reader must know of the loader it stands in for, prepared once."""

    def __init__(self, resolve, implicit_resolvers: dict, max_depth: int, max_string: int):
        #: ``resolve(kind, text, implicit)``: the loader's implicit tag of a scalar
        self.resolve = resolve
        #: first characters of the plain values the loader may tag as other than text (its
        #: implicit resolvers are listed by first character: PyYAML's resolver.py)
        self.resolves: frozenset | _Every = (_Every() if None in implicit_resolvers
                                              else frozenset(k for k in implicit_resolvers if k))
        self.max_depth = max_depth  # deeper than this is left to libyaml and the builder
        self.max_string = max_string  # texts longer than this are left to libyaml and the builder


class _Every:
    def __contains__(self, item) -> bool:
        return True


def _printable(text: str) -> bool:
    """Whether ``text`` holds, besides line feeds, only characters Python's ``str.isprintable``
    accepts. Tabs, carriage returns, YAML 1.1's other line breaks (U+0085, U+2028, U+2029), a
    byte-order mark, and every character libyaml refuses as not printable (C0 and C1 controls,
    surrogates, U+FFFE and U+FFFF) are refused, and make this reader give up."""
    return text.replace("\n", "").isprintable()


def _starts_plain(text: str, at: int, indicators: frozenset) -> bool:
    """Whether a plain value may start at ``text[at]``: not with one of ``indicators``, and not
    with ``-``, ``?`` or ``:`` unless a non-blank follows (``-5`` is a value, ``- 5`` an item)."""
    ch = text[at]
    return ch not in indicators and not (ch in "-?:" and (len(text) == at + 1 or text[at + 1] == " "))


def _is_item(line: str, col: int) -> bool:
    """Whether ``line`` has a list item's ``-`` at column ``col``."""
    return line[col] == "-" and (len(line) == col + 1 or line[col + 1] == " ")


class _GiveUp(Exception):
    """The text uses YAML this reader does not handle; libyaml reads it instead."""


def read(text: str, builder, syntax: Syntax) -> dict | None:
    """The document's data, with positions, notes and findings recorded through ``builder``;
    ``None`` when libyaml must read the text (``builder``'s records are then to be dropped)."""
    if len(text) > syntax.max_string or not _printable(text):
        return None
    lines, tokens = text.split("\n"), _LINE.findall(text)
    if len(tokens) != len(lines):
        return None  # cannot happen (one match per line); the reader relies on it
    try:
        return _Reader(lines, tokens, builder, syntax).document()
    except _GiveUp:
        return None


class _Reader:
    """Reads one document's lines; every method that reads a value returns it with the index
    and indentation of the next line that holds something (``(len(lines), -1)`` at the end)."""

    def __init__(self, lines: list[str], tokens: list[tuple], builder, syntax: Syntax):
        self.lines = lines
        self.tokens = tokens  # per line: indentation, key (or ""), blanks after its colon, the rest
        self.first_lines: dict = {}  # a duplicated key's path -> the line of its first occurrence
        self.resolves = syntax.resolves
        self.n = len(lines)
        self.builder = builder
        self.pos = builder.out.pos
        self.keypos = builder.out.keypos
        self.comments = builder.out.comments
        self.resolve = syntax.resolve
        self.max_depth = syntax.max_depth

    # --- lines ------------------------------------------------------------------------------

    def next_line(self, i: int) -> tuple[int, int]:
        """The first line from ``i`` on that is neither blank nor a comment, and its indentation."""
        tokens, n = self.tokens, self.n
        while i < n:
            indent, key, _blanks, rest = tokens[i]
            if key or (rest and rest[0] != "#"):
                return i, len(indent)
            i += 1
        return n, -1

    def document(self) -> dict:
        i, ind = self.next_line(0)
        if i < self.n and self.lines[i].startswith("---"):
            if not _DOCUMENT_START.match(self.lines[i]):
                raise _GiveUp
            i, ind = self.next_line(i + 1)
        if ind != 0 or not _KEY.match(self.lines[i]):
            raise _GiveUp  # empty, not a mapping, or indented: libyaml says what it is
        data, i, ind = self.mapping(i, 0, (), 0)
        if i < self.n:
            raise _GiveUp  # something after the mapping: a syntax error or a second document
        return data

    # --- block collections ------------------------------------------------------------------

    def block(self, i: int, col: int, path: tuple, depth: int):
        """The list or mapping that starts on its own line ``i`` at column ``col``."""
        line = self.lines[i]
        if _is_item(line, col):
            return self.sequence(i, col, path, depth)
        if _KEY.match(line, col):
            return self.mapping(i, col, path, depth)
        raise _GiveUp  # a value on lines of its own: plain text over several lines and the like

    def mapping(self, i: int, col: int, path: tuple, depth: int):
        """The block mapping whose first key is on line ``i`` at column ``col``."""
        if depth > self.max_depth - 2:
            raise _GiveUp
        lines, tokens, n, pos, keypos = self.lines, self.tokens, self.n, self.pos, self.keypos
        resolves = self.resolves
        pos[path] = (i + 1, col + 1)
        result: dict = {}
        while True:
            indent, key, blanks, rest = tokens[i]
            if len(indent) == col and key:
                start = col + len(key) + 1 + len(blanks)
            else:  # the first key of a mapping in a list item, after its "- "
                m = _KEY.match(lines[i], col)
                if m is None:
                    raise _GiveUp
                key, start = m.group(1), m.end()
                rest = lines[i][start:]
            kline = i + 1
            sub = path + (key,)
            if key in result:
                self.duplicate(key, sub, kline, col + 1)
            keypos[sub] = (kline, col + 1)
            if not rest or rest[0] == "#":  # the value is on the next lines, or null
                j, ind = self.next_line(i + 1)
                if j < n and (ind > col or (ind == col and _is_item(lines[j], col))):
                    value, j, ind = self.block(j, ind, sub, depth + 1)
                else:
                    pos[sub] = (kline, col + len(key) + 2)  # just after the colon
                    value = None
            elif rest[0] not in _SPECIAL:  # the common case, here: a plain value
                if " #" in rest:
                    cut = rest.index(" #")
                    if rest[cut - 1] != " ":  # a comment right after the text: Loaded.comments
                        self.comments[sub] = (kline, start + cut + 2, rest[cut + 1:].rstrip())
                    rest = rest[:cut]
                text = rest.rstrip(" ")
                if ": " in text or text[-1] == ":":
                    raise _GiveUp  # a mapping where a value should be: libyaml reports it
                pos[sub] = (kline, start + 1)
                value = self.typed(text, sub, kline, start + 1) if text[0] in resolves else text
                j = i + 1  # the next line that holds something, and its indentation
                if j < n:
                    token = tokens[j]
                    if token[1] or (token[3] and token[3][0] != "#"):
                        ind = len(token[0])
                    else:
                        j, ind = self.next_line(j)
                else:
                    ind = -1
                if ind > col:
                    raise _GiveUp  # the value goes on over the next lines, or a syntax error
            else:
                value, j, ind = self.inline(i, start, col, sub, depth + 1)
            result[key] = value
            if ind < col:  # the end of this mapping (or of the text: -1)
                return result, j, ind
            if ind > col:
                raise _GiveUp  # more indented after a value: a syntax error or a continuation
            i = j

    def duplicate(self, key: str, sub: tuple, line: int, col: int) -> None:
        """Report a key seen before in the same mapping (the first one's line, as libyaml's)."""
        first = self.first_lines.setdefault(sub, self.keypos[sub][0])
        self.comments.pop(sub, None)  # the first value's: libyaml's positions are the last one's
        self.builder.duplicate(key, line, col, first)

    def sequence(self, i: int, col: int, path: tuple, depth: int):
        """The block list whose first ``-`` is on line ``i`` at column ``col``."""
        if depth > self.max_depth - 2:
            raise _GiveUp
        lines = self.lines
        self.pos[path] = (i + 1, col + 1)
        items: list = []
        while True:
            line = lines[i]
            sub = path + (len(items),)
            rest = line[col + 1:].lstrip(" ")
            c = len(line) - len(rest)
            if not rest or rest[0] == "#":  # the item is on the next lines
                j, ind = self.next_line(i + 1)
                if not (j < self.n and ind > col):
                    raise _GiveUp  # an empty item
                value, j, ind = self.block(j, ind, sub, depth + 1)
            elif _is_item(rest, 0):
                value, j, ind = self.sequence(i, c, sub, depth + 1)
            elif _KEY.match(line, c):
                value, j, ind = self.mapping(i, c, sub, depth + 1)
            else:
                value, j, ind = self.inline(i, c, col, sub, depth + 1)
            items.append(value)
            if ind != col:
                if ind > col:
                    raise _GiveUp
                return items, j, ind
            nxt = lines[j]
            if not _is_item(nxt, col):
                return items, j, ind  # a key at the list's column: the mapping it is in goes on
            i = j

    # --- values on one line -----------------------------------------------------------------

    def inline(self, i: int, c: int, parent: int, path: tuple, depth: int):
        """The value that starts at column ``c`` of line ``i``, after a key or a ``-`` at column
        ``parent``."""
        line = self.lines[i]
        ch = line[c]
        if ch == "|" or ch == ">":
            return self.text_block(i, c, parent, path)
        if ch == "[" or ch == "{":
            value = self.flow(line, i, c, path, depth)
        elif ch == "'" or ch == '"':
            value = self.quoted(line, i, c, path)
        else:
            value = self.plain(line, i, c, path)
        j, ind = self.next_line(i + 1)
        if ind > parent:
            raise _GiveUp  # the value goes on over the next lines, or a syntax error
        return value, j, ind

    def plain(self, line: str, i: int, c: int, path: tuple):
        if not _starts_plain(line, c, _NOT_PLAIN):
            raise _GiveUp
        end = line.find(" #", c)
        if end > c and line[end - 1] != " ":  # a comment right after the text: Loaded.comments
            self.comments[path] = (i + 1, end + 2, line[end + 1:].rstrip())
        text = (line[c:] if end < 0 else line[c:end]).rstrip(" ")
        if ": " in text or text[-1] == ":":
            raise _GiveUp  # a mapping where a value should be: libyaml reports it
        return self.scalar(text, i, c, path)

    def scalar(self, text: str, i: int, c: int, path: tuple):
        self.pos[path] = (i + 1, c + 1)
        return self.typed(text, path, i + 1, c + 1) if text[0] in self.resolves else text

    def typed(self, text: str, path: tuple, line: int, col: int):
        """A plain value that YAML may read as something other than text (a number, a date...)."""
        tag = self.resolve(_ScalarNode, text, _PLAIN)
        if tag == _STR:
            return text  # what the builder does with a text under the size limit (read() saw to it)
        if tag not in self.builder.allowed_tags:
            raise _GiveUp  # a plain '<<' or '=': libyaml's tree shows what the builder reports
        return self.builder.value(tag, text, True, path, line, col)

    def quoted(self, line: str, i: int, c: int, path: tuple) -> str:
        quote = line[c]
        k = c + 1
        while True:
            q = line.find(quote, k)
            if q < 0:
                raise _GiveUp  # goes on over the next line
            if quote == "'" and line[q + 1:q + 2] == "'":
                k = q + 2
                continue
            break
        text = line[c + 1:q]
        if quote == "'":
            text = text.replace("''", "'")
        elif "\\" in text:
            raise _GiveUp  # escapes: libyaml decodes them
        self.end_of_line(line, q + 1)
        self.pos[path] = (i + 1, c + 1)
        return text

    def end_of_line(self, line: str, k: int) -> None:
        """Nothing but blanks, or blanks and a comment, may follow a closed value."""
        rest = line[k:]
        stripped = rest.lstrip(" ")
        if stripped and not (stripped[0] == "#" and len(stripped) < len(rest)):
            raise _GiveUp

    def flow(self, line: str, i: int, c: int, path: tuple, depth: int):
        """A one-line ``[a, b]`` or ``{k: v, ...}`` of plain values."""
        if depth > self.max_depth - 2:
            raise _GiveUp
        is_list = line[c] == "["
        close = line.find("]" if is_list else "}", c + 1)
        if close < 0:
            raise _GiveUp
        inner = line[c + 1:close]
        if any(ch in inner for ch in "[]{}#'\""):
            raise _GiveUp
        self.end_of_line(line, close + 1)
        self.pos[path] = (i + 1, c + 1)
        if not inner.strip(" "):
            return [] if is_list else {}
        result: list | dict = [] if is_list else {}
        at = c + 1
        for part in inner.split(","):
            item = part.strip(" ")
            start = at + len(part) - len(part.lstrip(" "))
            at += len(part) + 1
            if not item or not _starts_plain(item, 0, _NOT_PLAIN_FLOW):
                raise _GiveUp
            if is_list:
                if ":" in item:
                    raise _GiveUp
                result.append(self.scalar(item, i, start, path + (len(result),)))
                continue
            key, sep, text = item.partition(": ")
            if not sep or ":" in text or not _FLOW_KEY.fullmatch(key):
                raise _GiveUp
            text = text.lstrip(" ")
            if not text or not _starts_plain(text, 0, _NOT_PLAIN_FLOW):
                raise _GiveUp
            sub = path + (key,)
            if key in result:
                self.duplicate(key, sub, i + 1, start + 1)
            self.keypos[sub] = (i + 1, start + 1)
            result[key] = self.scalar(text, i, start + len(item) - len(text), sub)
        return result

    def text_block(self, i: int, c: int, parent: int, path: tuple):
        """A ``|`` (lines kept) or ``>`` (lines folded) text on the lines after line ``i``."""
        lines, n = self.lines, self.n
        m = _BLOCK_HEADER.match(lines[i], c)
        if m is None:
            raise _GiveUp  # keep chomping (+), an indentation digit, or something after it
        folded, strip = m.group(1) == ">", m.group(2) == "-"
        # the first line with text sets the indentation; the blank lines before it count too
        k, longest_blank = i + 1, 0
        while k < n and not lines[k].strip(" "):
            longest_blank = max(longest_blank, len(lines[k]))
            k += 1
        if k >= n:
            raise _GiveUp
        indent = len(lines[k]) - len(lines[k].lstrip(" "))
        if indent <= parent or longest_blank > indent:
            raise _GiveUp  # an empty text, or blank lines with more spaces than the text
        end = k
        while end < n:
            line = lines[end]
            rest = line.lstrip(" ")
            if rest:
                if len(line) - len(rest) < indent:
                    break
                if folded and line[indent] == " ":
                    raise _GiveUp  # a more-indented line in a folded text: kept as it is
            elif len(line) > indent:
                raise _GiveUp  # a blank line with more spaces than the text: they are kept
            end += 1
        last = end - 1
        while not lines[last].strip(" "):
            last -= 1
        if last == n - 1:
            raise _GiveUp  # the text ends the file without a line break
        body = [line[indent:] for line in lines[i + 1:last + 1]]
        if folded:
            parts, blanks = [], 0
            for piece in body:
                if not piece:
                    blanks += 1
                    continue
                if parts and not blanks:
                    parts.append(" ")
                elif blanks:
                    parts.append("\n" * blanks)
                parts.append(piece)
                blanks = 0
            text = "".join(parts)
        else:
            text = "\n".join(body)
        if not strip:
            text += "\n"
        self.pos[path] = (i + 1, c + 1)
        j, ind = self.next_line(end)
        return text, j, ind  # never over the size limit: read() took only texts below it
