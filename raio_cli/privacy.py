"""Patient identifiers in a portfolio: find them, and never show them in full.

A portfolio must hold no patient data (PRODUCT.md, DOMAIN.md). This module finds three kinds of
identifier in the loaded YAML data and masks whatever it reports:

- **BSN** (Dutch citizen service number): nine digits that pass the *elfproef*
  ``9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11)``, not all zeros. Recognised in text as nine
  digits in a row (``111222333``), or in the two groupings people type, with one separator used
  throughout: 3-3-3 (``111 222 333``, ``111.222.333``, ``111-222-333``) and 4-2-3
  (``1112.22.333``). The spaces and dashes may also be those a copied text brings along (a
  no-break, narrow or thin space; a no-break hyphen, an en or em dash, a minus sign), mixed.
  No digit may touch it (``1112223334`` is a ten-digit number, not a BSN), nor may it be the
  decimals of a number or have decimals (``0.111222333``, ``111222333.5``).
  Letters glued to it do not hide it (``patient111222333``, ``x111222333``, ``BSN111222333``,
  ``111222333abc``) unless every letter and digit glued to it, together with it, reads as plain
  hexadecimal (``0-9a-fA-F``): that is what commit hashes, git object ids and the parts of a UUID
  are, and about one commit hash in 150 holds a run of exactly nine digits that passes the
  elfproef, which must not be masked out of a link to its commit. So ``3f111222333ab`` (and,
  alike, ``abc111222333`` or ``bed111222333``) is not read as a BSN. Nor is a Dutch VAT number
  (``NL111222333B01``: a company's RSIN, which passes the same check, with ``NL`` and ``B01``).
  Digits next to it after a space or dash do not count: ``111222333 5`` is a BSN and a 5 (better
  a false alarm than a leak). Eight-digit numbers (a BSN with its leading zero dropped) are not
  checked: too many other eight-digit numbers exist (KvK numbers).
  A plain YAML integer of nine digits (a BSN typed without quotes) counts too; its source text is
  used, so a leading zero is kept.
- **Local patient numbers**: raio.yaml ``policy.phi_patterns`` (``{name, regex}``, Python syntax).
  A pattern that does not compile, matches empty text, has nested repetition (which can take
  exponential time on hostile text, e.g. ``(\\d+)+``; a repeat of a choice whose alternatives
  cannot overlap, such as ``(?:ab|cd)*``, is fine) or parts of varying length that can trade
  characters (polynomial time, e.g. ``a*a*b``, ``\\d+\\s*\\d+``, ``\\s*:?\\s*``; see
  :func:`_ambiguous_repeats`, and :func:`linear_rewrite` for the rewrite the finding offers)
  or choices that can match the same text in many ways (``(?:aa|\\w\\w)`` seven times in a row)
  is reported and not used. A pattern's anchors (``^``, ``$``, ``\\A``, ``\\Z``) stand for the
  edges of the identifier it describes, not for those of the text it is found in
  (:func:`_token_anchored`): ``^Z\\d{7}$`` finds ``Z1234567`` in a sentence or a comment too.
  A ``\\b`` is such an edge too, an underscore included (``scan_NZ1234567.pdf``). A
  match inside a hexadecimal code is none (:func:`_outside_hashes`): in a run of more than
  :data:`LONG_RUN` hexadecimal characters (a full commit hash, as ``policy.accepted_history``
  names one, or a checksum), with hexadecimal letters on both sides in a shorter one (a short
  commit hash, ``a3f1234567b``), or in a UUID. Glued to any other letter (``patient1234567``) or
  to a code on one side only (``ACC12345678``) it still counts. Long
  texts are searched in windows of :data:`WINDOW` characters that overlap by :data:`OVERLAP`,
  which bounds the cost of any pattern per character; a match longer than the overlap can be
  missed at a window edge (identifiers are short).
- **E-mail addresses** whose domain is not allowed. Allowed are raio.yaml
  ``policy.allowed_email_domains`` and their subdomains (an entry that is no domain is not used,
  PRV010); when that list is empty or none of it is usable, the domains of
  ``people[].email`` in raio.yaml; when that is empty too, no e-mail address is reported (raio
  cannot tell a colleague from a patient), but every one is masked (below). Reserved example
  domains (``example.com/.org/.net``, ``*.example``, ``*.test``, ``*.invalid``, ``*.localhost``)
  are never reported.

Where the hospital's patterns cannot all be known (raio.yaml cannot be read, a pattern is refused,
no portfolio at all), what raio prints is masked with :data:`LONG_NUMBER` too: a run of seven or
more digits, but a compact date (``20261201``, unless it may be a BSN that lost its leading
zero: :func:`_no_dates`). Such numbers are masked, never reported. Where raio.yaml cannot be read or names
none of the hospital's e-mail domains, every e-mail address (but a reserved example one) is
masked alike: the hospital's domains are unknown (and one finding, PRV009, says so).

Mapping keys are scanned like values. Masks show at most the last two characters of an
identifier (``*******33``) and the first letter and the domain of an e-mail address
(``j***@gmail.com``). :func:`mask_identifiers` is the safety net that :mod:`raio_cli.check`
applies to every finding (message, hint, data, file, app) so that no layer can echo a BSN that
it happened to quote; with the masks of :func:`patterns_of` (what every output uses) also a
patient number or an e-mail address at a domain PRV003 does not allow.

Plain data in and out; only :mod:`re` is imported.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

#: Texts longer than this are searched with a user pattern in overlapping windows.
WINDOW = 1024
#: Overlap between windows: matches up to this length are never missed at a window edge.
OVERLAP = 128
#: Longest regular expression accepted in policy.phi_patterns.
MAX_PATTERN = 500
#: Most entries of policy.phi_patterns used: each is sought in every text of every check (a
#: hospital has a few patient-number formats); a raio.yaml with 1,000 made a check take 30 s.
MAX_PATTERNS = 100
#: Fewest characters every match of a policy.phi_patterns entry should hold: no patient number is
#: shorter, and a pattern that matches one to three characters ('a', '[A-Z]', '\\d{2}') matches
#: parts of ordinary words and numbers everywhere (PRV004; see :func:`_compile_patterns`).
MIN_MATCH = 4

#: What may separate the groups of a BSN, one kind used throughout: a space, a dash or a dot; the
#: spaces and dashes also as a copied text brings them along (no-break, narrow, thin and other
#: spaces; hyphens, en and em dashes, the minus sign).
_SPACE = r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_DASH = r"[\-\u2010-\u2015\u2212]"
_SEP = rf"(?:{_SPACE}|{_DASH}|\.)"
_SEPARATORS = frozenset(" .-\u00a0\u1680\u202f\u205f\u3000\u2212") | {chr(c) for c in range(0x2000, 0x200B)} \
    | {chr(c) for c in range(0x2010, 0x2016)}
_BSN = re.compile(
    r"(?=[0-9])"  # a digit first: the regex engine skips to the next digit fast (2.5 x)
    r"(?<![0-9])(?<![0-9][.,])"  # no digit glued to it, not the decimals of a number (0.111222333)
    r"(?P<n>[0-9]{9}"
    rf"|[0-9]{{3}}(?:{_SPACE}[0-9]{{3}}{_SPACE}|{_DASH}[0-9]{{3}}{_DASH}|\.[0-9]{{3}}\.)[0-9]{{3}}"
    rf"|[0-9]{{4}}(?:{_SPACE}[0-9]{{2}}{_SPACE}|{_DASH}[0-9]{{2}}{_DASH}|\.[0-9]{{2}}\.)[0-9]{{3}})"
    r"(?![0-9])(?![.,][0-9])"  # nor a number with decimals (111222333.5)
)
#: Letters and digits: what glues to a number when written without a separator.
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_HEX = "0123456789ABCDEFabcdef"
#: A Dutch VAT number: NL, a company's RSIN (which passes the elfproef), B and two digits.
_VAT = re.compile(r"[Nn][Ll][0-9]{9}[Bb][0-9]{2}")
_EMAIL_LOCAL = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-'")
_EMAIL_DOMAIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_RESERVED_DOMAINS = ("example.com", "example.org", "example.net", "example", "test", "invalid", "localhost")


# --- BSN -------------------------------------------------------------------------------------

def elfproef(number: str) -> bool:
    """True when ``number`` is nine digits (separators ignored) that pass the BSN elfproef."""
    digits = [c for c in str(number) if c.isdigit()]
    if len(digits) != 9 or not all("0" <= c <= "9" for c in digits):
        return False
    values = [int(c) for c in digits]
    if not any(values):
        return False
    total = sum(w * d for w, d in zip(range(9, 1, -1), values[:8])) - values[8]
    return total % 11 == 0


#: Characters that show nothing (a soft hyphen, zero-width spaces and joiners, direction marks, a
#: byte-order mark inside a text): copied texts bring them along, and inside a number they would
#: hide it from the patterns while a reader still sees every digit.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _has_invisible(text: str) -> bool:
    """``_INVISIBLE.search(text) is not None``, without reading most texts character by
    character: an ASCII text holds none (an O(1) test), and a text of Latin-1 characters (which
    encodes to Latin-1 as a plain copy) can only hold U+00AD, the one such character below
    U+0100; any other text is searched."""
    if text.isascii():
        return False
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return _INVISIBLE.search(text) is not None
    return "\u00ad" in text


def _visible(text: str) -> tuple[str, list[int] | None]:
    """``text`` without invisible characters, and the index in ``text`` of each character kept
    (None when there were none: the text itself)."""
    if not _has_invisible(text):
        return text, None
    keep = [i for i, c in enumerate(text) if _INVISIBLE.fullmatch(c) is None]
    return "".join(text[i] for i in keep), keep


def find_bsns(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the numbers in ``text`` that pass the elfproef (invisible
    characters inside a number do not hide it; the span then covers them)."""
    if not isinstance(text, str) or len(text) < 9:
        return []
    shown, index = _visible(text)
    if index is not None:
        return [(index[s], index[e - 1] + 1) for s, e in find_bsns(shown)]
    spans = []
    words: list[tuple[int, int, bool]] = []  # the words of letters and digits looked at (_word)
    m = _BSN.search(text)
    while m is not None:  # a candidate that fails the check may overlap one that passes: step by one
        if elfproef(m.group("n")) and not _part_of_code(text, m.start("n"), m.end("n"), words):
            spans.append((m.start("n"), m.end("n")))
            m = _BSN.search(text, m.end())
        else:
            m = _BSN.search(text, m.start() + 1)
    return spans


def _part_of_code(text: str, start: int, end: int, words: list) -> bool:
    """True when the number ``text[start:end]`` has letters glued to it that make it part of a
    code, not a BSN: the letters and digits around it are all hexadecimal (a commit hash, an
    object id, a part of a UUID), or they make a Dutch VAT number."""
    first, last = _word(text, start, words), _word(text, end - 1, words)
    if first[0] == start and last[1] == end:
        return False  # stands on its own
    if first[2] and last[2]:
        return True
    return first == last and _VAT.fullmatch(text, first[0], first[1]) is not None


def _word(text: str, pos: int, words: list) -> tuple[int, int, bool]:
    """The run of letters and digits around ``text[pos]``: ``(start, end, all hexadecimal)``.
    ``words`` holds the runs looked at before, in the order find_bsns meets them: each is read
    once, so a long run holding many numbers costs no more than a short one (linear, not
    quadratic, on hostile text)."""
    for word in words[-3:]:
        if word[0] <= pos < word[1]:
            return word
    start = pos
    while start and text[start - 1] in _ALNUM:
        start -= 1
    end = pos + 1
    while end < len(text) and text[end] in _ALNUM:
        end += 1
    word = (start, end, not text[start:end].strip(_HEX))
    words.append(word)
    return word


def is_bsn_int(value: Any, source: str | None = None) -> bool:
    """A YAML integer (``source`` is its text as written, when known) that is a nine-digit BSN."""
    if isinstance(value, bool) or not isinstance(value, int):
        return False
    text = (source if source is not None else str(value)).replace("_", "").lstrip("+")
    return text.isdigit() and len(text) == 9 and elfproef(text)


# --- masks -----------------------------------------------------------------------------------

def mask(value: str, keep: int = 2) -> str:
    """All but the last ``keep`` characters as ``*`` (separators and invisible characters dropped;
    at most 12 shown)."""
    chars = [c for c in str(value) if c not in _SEPARATORS and c not in "_/" and _INVISIBLE.fullmatch(c) is None] \
        or list(str(value))
    keep = keep if len(chars) > keep + 2 else 0
    stars = min(len(chars) - keep, 10)
    return "*" * stars + "".join(chars[len(chars) - keep:] if keep else [])


def mask_bsn(number: str) -> str:
    """``111222333`` -> ``*******33``: the last two digits only."""
    return mask(number, 2)


def clip(text: str, limit: int, *, ellipsis: str = "…", strip: bool = False) -> str:
    """``text`` cut to at most ``limit`` characters, ending in ``ellipsis`` when cut, and never
    inside a number: the cut moves back to before the run of letters and digits it falls in when
    that run holds a digit (digits joined by a space, dot, dash, slash or underscore count as one
    run: ``111 222 333``). Masking comes after clipping (the safety net sees the messages as they
    are shown), and a number cut short is no longer recognised: eight digits of a BSN are the
    whole BSN (the elfproef gives the ninth), and ``NZ-12345`` is most of a patient number.
    ``strip``: trailing blanks of the kept text dropped (they always are after a number)."""
    text = str(text)
    if len(text) <= limit:
        return text
    cut = max(limit - len(ellipsis), 0)
    run = _number_run(text, cut)
    if run is not None:
        return text[:run[0]].rstrip() + ellipsis
    return (text[:cut].rstrip() if strip else text[:cut]) + ellipsis


def number_start(text: str, pos: int) -> int:
    """Where to start showing ``text`` from about ``pos`` on (a text shown from where two
    versions differ) without cutting a number: ``pos``, or, when it falls inside a number or
    the code it belongs to (``NZ-1234567``, ``NZ 1234567``), the start of that and of the word
    before it (``BSN ``, ``patiëntnummer: ``), so that the number is shown whole, as a pattern
    recognises it, to be masked."""
    run = _number_run(text, pos, wide=True)
    if run is None:
        return pos
    if run[2]:  # within a long run (a hash): from the digits there, not from the run's start
        return run[0]
    start = gap = run[0]
    while gap and start - gap < 3 and text[gap - 1] not in _ALNUM and text[gap - 1] not in "\n\r":
        gap -= 1  # the separator before it: ': ', ' ', '-'
    while gap and text[gap - 1] not in " \t\n\r":
        gap -= 1  # the word before it
    return gap if gap < start else start


#: A run of letters and digits longer than this is no identifier as a whole (a BSN written in
#: any form with a word glued to it, a patient number): a commit hash, a checksum, a long code.
LONG_RUN = 32
#: Within such a run, the letters glued before the digits a cut falls in that stay with them
#: (``NZ1234567``).
_GLUED = 8


def _number_run(text: str, pos: int, wide: bool = False) -> tuple[int, int, bool] | None:
    """The run of letters and digits, with a digit in it, that cutting ``text`` at ``pos``
    would split (``text[pos - 1]`` and ``text[pos]`` both in it), or None. ``wide``: a
    separator between a letter and a digit joins too (``NZ-1234567``). In a run longer than
    :data:`LONG_RUN` (``sha256:`` and 64 hex digits) only the digits the cut falls in, with up to
    :data:`_GLUED` characters glued before them, stay whole (the third item is then True):
    moving the cut before the whole run would show nothing of it, and two versions of a long
    value that differ in its middle would read the same ('sha256:…' → 'sha256:…')."""
    if not 0 < pos < len(text) or not (_in_number(text, pos - 1, wide) and _in_number(text, pos, wide)):
        return None
    start, end = pos, pos
    while start and _in_number(text, start - 1, wide):
        start -= 1
    while end < len(text) and _in_number(text, end, wide):
        end += 1
    if not any("0" <= ch <= "9" for ch in text[start:end]):
        return None
    if end - start <= LONG_RUN:
        return start, end, False
    if not (_in_digits(text, pos - 1) and _in_digits(text, pos)):
        # A cut on a letter splits no BSN, but it may split a patient number that mixes letters
        # and digits (AB1234CD56): with digits within _GLUED characters of the cut, the cut
        # moves before them and the letters glued to them, as for a cut within digits.
        near = [i for i in range(max(start, pos - _GLUED), min(end, pos + _GLUED)) if "0" <= text[i] <= "9"]
        if not near:
            return None  # a cut between letters far from any digit: a hash, a long word
        first = near[0]
        while first > start and _in_digits(text, first - 1):
            first -= 1
        return max(start, first - _GLUED), max(pos, near[-1] + 1), True
    first, last = pos, pos
    while first > start and _in_digits(text, first - 1):
        first -= 1
    while last < end and _in_digits(text, last):
        last += 1
    return max(start, first - _GLUED), last, True


def _in_digits(text: str, i: int) -> bool:
    """``text[i]`` is a digit, or a space, dot, dash, slash or underscore between two digits."""
    return _in_number(text, i) and ("0" <= text[i] <= "9" or text[i] not in _ALNUM)


def _in_number(text: str, i: int, wide: bool = False) -> bool:
    """``text[i]`` is a letter or digit, or a space, dot, dash, slash or underscore between two
    digits (``wide``: between a digit and a letter or digit)."""
    ch = text[i]
    if ch in _ALNUM:
        return True
    if (ch not in _SEPARATORS and ch not in "/_") or not 0 < i < len(text) - 1:
        return False
    before, after = text[i - 1], text[i + 1]
    if wide:
        return before in _ALNUM and after in _ALNUM and ("0" <= before <= "9" or "0" <= after <= "9")
    return "0" <= before <= "9" and "0" <= after <= "9"


def mask_email(address: str) -> str:
    """``jan.jansen@gmail.com`` -> ``j***@gmail.com`` (a quote or dot before it kept: ``'j***@gmail.com``)."""
    local, _, domain = str(address).rpartition("@")
    lead = local[:len(local) - len(local.lstrip(".'"))]
    local = local[len(lead):]
    if not local:
        return "***"
    return f"{lead}{local[0]}***@{domain}"


def mask_emails(text: str) -> str:
    """``text`` with every e-mail address in it masked (:func:`mask_email`)."""
    spans = find_emails(text)
    for s, e, _domain in reversed(spans):
        text = text[:s] + mask_email(text[s:e]) + text[e:]
    return text


# --- e-mail ----------------------------------------------------------------------------------

def find_emails(text: str) -> list[tuple[int, int, str]]:
    """E-mail addresses in ``text`` as ``(start, end, domain)``; linear in the text's length."""
    if not isinstance(text, str) or "@" not in text:
        return []
    out = []
    pos = text.find("@")
    last_end = 0
    while pos >= 0:
        start = pos
        while start > last_end and pos - start < 64 and text[start - 1] in _EMAIL_LOCAL:
            start -= 1
        end = pos + 1
        while end < len(text) and end - pos <= 253 and text[end] in _EMAIL_DOMAIN:
            end += 1
        local, domain = text[start:pos].strip(".'"), text[pos + 1:end].rstrip(".-")
        if local and _domain_like(domain):
            start = text.index(local, start)
            end = pos + 1 + len(domain)
            out.append((start, end, domain.lower()))
            last_end = end
        pos = text.find("@", max(pos + 1, last_end))
    return out


def _domain_like(domain: str) -> bool:
    labels = domain.split(".")
    return (len(labels) >= 2 and all(labels) and len(labels[-1]) >= 2
            and labels[-1].isalpha() and not any(lab.startswith("-") or lab.endswith("-") for lab in labels))


def domain_problem(text: str) -> str | None:
    """Why ``text`` is no e-mail domain raio can recognise an address at (what
    ``policy.allowed_email_domains`` lists, e.g. ``hospital.nl``), or None when it is one: the
    domains :func:`find_emails` finds, written as such (no '@', no leading or trailing dot)."""
    text = str(text).strip()
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", text) and "@" not in text:  # the website: https://ziekenhuis.nl/
        from urllib.parse import urlsplit

        try:
            host = (urlsplit(text).hostname or "").lower()
        except ValueError:
            host = ""
        host = host[4:] if host.startswith("www.") else host
        meant = f"; if the addresses end in @{host}, give {host}" if host and domain_problem(host) is None else ""
        return f"it is a web address: give the domain of the e-mail addresses, the part after the '@'{meant}"
    if "@" in text:
        domain = text.rpartition("@")[2]
        meant = f"; for the addresses at {domain}, give {domain}" if domain and _domain_like(domain) \
            and set(domain) <= _EMAIL_DOMAIN else ""
        return f"it holds '@': give the domain only, the part after the '@'{meant}"
    if "," in text:
        return "it holds a comma; give one domain"
    if any(ch.isspace() for ch in text):
        return "it holds a space; give one domain"
    if text.startswith(".") or text.endswith("."):
        return "it starts or ends with a dot"
    if "." not in text:
        return "it has no dot; give the whole domain, e.g. hospital.nl"
    if not set(text) <= _EMAIL_DOMAIN:
        return ("it holds characters other than letters (a-z), digits, '-' and '.'; write an "
                "internationalised domain in its xn-- form")
    if len(text) > 253:
        return "it is longer than a domain can be (253 characters)"
    if not _domain_like(text):
        return ("it is no domain name: each part between the dots must be non-empty and not start or end "
                "with '-', and the last (nl, com) must be at least two letters")
    return None


def email_domain_allowed(domain: str, allowed: Iterable[str]) -> bool:
    """The domain is allowed, a subdomain of an allowed one, or a reserved example domain: the
    domain and each above it (``a.hospital.nl``, ``hospital.nl``, ``nl``) looked up in the set
    of the allowed ones, whatever their number."""
    names = _domain_set(allowed)
    domain = domain.lower().rstrip(".")
    while domain:
        if domain in names or domain in _RESERVED_SET:
            return True
        domain = domain.partition(".")[2]
    return False


_RESERVED_SET = frozenset(_RESERVED_DOMAINS)
#: id(allowed) -> (allowed, the set of its domains): callers ask for each address with the same list.
_DOMAIN_SETS: dict[int, tuple] = {}


def _domain_set(allowed: Iterable[str]) -> frozenset:
    """The domains of ``allowed`` as :func:`email_domain_allowed` compares them, built once per list."""
    if isinstance(allowed, frozenset):
        return allowed
    kept = _DOMAIN_SETS.get(id(allowed))
    if kept is not None and kept[0] is allowed:
        return kept[1]
    names = frozenset(d for d in (ok.lower().strip().lstrip("@").rstrip(".") for ok in allowed) if d)
    if isinstance(allowed, (list, tuple)):
        if len(_DOMAIN_SETS) > 32:
            _DOMAIN_SETS.clear()
        _DOMAIN_SETS[id(allowed)] = (allowed, names)  # held here, so its id is no other list's
    return names


def listed_domain(entry: str) -> str:
    """An entry of policy.allowed_email_domains as raio reads it: lowercased, without the
    surrounding blanks, a leading '@' (``@hospital.nl``) or a trailing dot (``hospital.nl.``),
    which say the same domain. :func:`domain_problem` judges what remains (PRV010)."""
    return entry.strip().lower().lstrip("@").rstrip(".")


def allowed_domains(policy: dict, settings: dict) -> list[str]:
    """policy.allowed_email_domains, else the domains of raio.yaml people[].email, else []. An
    entry that is no domain (:func:`domain_problem`: an address, ``hospital``, ``nl``) is not
    used, as PRV010 says: it would match no address, or every one under a top-level domain."""
    listed = policy.get("allowed_email_domains") if isinstance(policy, dict) else None
    listed = listed if isinstance(listed, list) else ()  # a number or text there is the schema's finding
    domains = [d for d in (listed_domain(e) for e in listed if isinstance(e, str)) if d and domain_problem(d) is None]
    if domains:
        return sorted(set(domains))
    people = settings.get("people") if isinstance(settings, dict) else None
    for person in people if isinstance(people, list) else ():
        email = person.get("email") if isinstance(person, dict) else None
        if isinstance(email, str) and "@" in email:
            domain = email.rpartition("@")[2].strip().lower()
            if domain:
                domains.append(domain)
    return sorted(set(domains))


# --- local patient-number patterns -----------------------------------------------------------

@dataclass(frozen=True)
class PhiPattern:
    """A usable entry of policy.phi_patterns, or another identifier masked as one
    (:data:`LONG_NUMBER`, :func:`foreign_email_pattern`)."""

    index: int
    name: str
    regex: re.Pattern
    #: An e-mail address at a domain not the hospital's: masked as ``j***@gmail.com``. Its
    #: lookaheads look no further than the address, which a newline or a NUL ends, so it is
    #: searched in joined texts as a pattern without lookarounds is.
    email: bool = False


@dataclass(frozen=True)
class PatternProblem:
    """An entry of policy.phi_patterns that cannot be used, and why: ``message`` in English,
    ``kind`` for a wording in another language (strings.yaml ``finding``, PRV004_<kind>: long,
    invalid, empty, nested, ambiguous, choices, short, many) with the numbers it quotes in ``values``."""

    index: int
    name: str
    message: str
    hint: str
    kind: str = ""
    values: tuple = ()


def compile_patterns(entries: Any) -> tuple[list[PhiPattern], list[PatternProblem]]:
    """Compile policy.phi_patterns; never raises. Entries that are not ``{name, regex}`` with a
    text regex are skipped (the schema reports them). Compiled once per process for the same
    names and texts (a run asks for them several times: the cache, the rules, the output)."""
    if not isinstance(entries, list):
        return [], []
    key = tuple((e.get("name") if isinstance(e.get("name"), str) else None, e.get("regex"))
                if isinstance(e, dict) and isinstance(e.get("regex"), str) else None for e in entries)
    usable, problems = _compiled_patterns(key)
    return list(usable), list(problems)


@functools.lru_cache(maxsize=32)
def _compiled_patterns(key: tuple) -> tuple[tuple[PhiPattern, ...], tuple[PatternProblem, ...]]:
    """:func:`compile_patterns` of entries given as ``(name, regex)`` (None: not a usable entry)."""
    entries = [{"name": name, "regex": regex} if pair is not None else None
               for pair in key for name, regex in [pair or (None, None)]]
    usable, problems = _compile_patterns(entries)
    return tuple(usable), tuple(problems)


def _pattern_name(entry: Any, i: int) -> str:
    name = entry.get("name") if isinstance(entry, dict) else None
    return name if isinstance(name, str) and name.strip() else f"pattern {i + 1}"


def _compile_patterns(entries: list) -> tuple[list[PhiPattern], list[PatternProblem]]:
    usable: list[PhiPattern] = []
    problems: list[PatternProblem] = []
    entries = entries if isinstance(entries, list) else []
    for i, entry in enumerate(entries):
        if i == MAX_PATTERNS:  # one problem for all the rest, at the first of them
            problems.append(PatternProblem(i, _pattern_name(entry, i),
                                           f"and the {len(entries) - i - 1} after it are more than raio reads: "
                                           f"policy.phi_patterns lists {len(entries)} patterns, at most {MAX_PATTERNS} "
                                           "are used",
                                           f"Keep the hospital's own patient-number formats, at most {MAX_PATTERNS}; one "
                                           "pattern can hold the variants of a format, e.g. '\\b(?:NZ|ZN)-?\\d{7}\\b'.",
                                           "many", (("count", len(entries)), ("limit", MAX_PATTERNS))))
            break
        if not isinstance(entry, dict) or not isinstance(entry.get("regex"), str):
            continue
        source = entry["regex"]
        name = _pattern_name(entry, i)
        if len(source) > MAX_PATTERN:
            problems.append(PatternProblem(i, name, f"is {len(source)} characters long (at most {MAX_PATTERN})",
                                           "A patient-number pattern is short, e.g. '\\bNZ-?\\d{7}\\b'.", "long",
                                           (("length", len(source)), ("limit", MAX_PATTERN))))
            continue
        if "\b" in source:  # `regex: "\bNZ..."`: in double quotes YAML reads \b as a backspace, not a word edge
            meant = source.replace("\b", "\\b")
            problems.append(PatternProblem(i, name, "holds a backspace where \\b (a word edge) was meant: in double quotes "
                                           "YAML reads \\b as a backspace, so the pattern matches no patient number",
                                           f"Write it in single quotes, where a backslash is itself: regex: '{meant}'"
                                           if "'" not in meant else
                                           "Write it in single quotes, where a backslash is itself.", "backspace"))
            continue
        try:
            compiled = re.compile(source)
        except (re.error, RecursionError, OverflowError, ValueError) as exc:
            problems.append(PatternProblem(i, name, f"is not a valid regular expression: {_re_error(exc)}",
                                           "Write it in Python regex syntax, e.g. '\\bNZ-?\\d{7}\\b'; quote it in single quotes in YAML.",
                                           "invalid"))
            continue
        if compiled.fullmatch("") is not None or compiled.search("") is not None or _shortest(source, compiled.flags) == 0:
            problems.append(PatternProblem(i, name, "matches empty text, so it would match everywhere",
                                           "Require at least one character, e.g. \\d{7} instead of \\d*.", "empty"))
            continue
        if _nested_repeat(source):
            problems.append(PatternProblem(i, name, "repeats a part that itself varies in length (e.g. (\\d+)+ or (a|aa)+), "
                                           "which can take exponential time on unlucky text",
                                           "Use a fixed-length pattern such as '\\bNZ-?\\d{7}\\b', or a possessive (++) or atomic group.",
                                           "nested"))
            continue
        if _ambiguous_repeats(source, compiled.flags):
            rewrite = linear_rewrite(source, compiled.flags)
            problems.append(PatternProblem(i, name, "has two repeats that can match the same characters with nothing "
                                           "required between them that tells them apart (e.g. a*a*, \\d+\\s*\\d+, "
                                           "\\s*:?\\s* or .*x.*), which can take polynomial time on unlucky text",
                                           f"Write it as '{rewrite[0]}': it matches the same text, in linear time "
                                           f"('{rewrite[1]}' as '{rewrite[2]}', so that one part matches each run)."
                                           if rewrite else
                                           "Let each run of characters be matched by one part: '\\d+\\s*\\d+' as "
                                           "'\\d+(?:\\s+\\d+)?', '\\s*:?\\s*' as '\\s*(?::\\s*)?'; or give "
                                           "fixed counts as in '\\bNZ-?\\d{7}\\b'.", "ambiguous"))
            continue
        if _ambiguous_repeats(source, compiled.flags, choices=True):
            problems.append(PatternProblem(i, name, f"has choices (a|b) that can match the same text in more than "
                                           f"{MAX_SPLITS} ways together (e.g. (?:aa|\\w\\w) seven times in a row), "
                                           "which can take exponential time on unlucky text",
                                           "Let the alternatives of each choice begin differently ('(?:NZ|ZN)', not "
                                           "'(?:\\d\\d|1\\d)'), or give fixed counts as in '\\bNZ-?\\d{7}\\b'.",
                                           "choices", (("limit", MAX_SPLITS),)))
            continue
        shortest = _shortest(source, compiled.flags)
        if shortest is not None and shortest < MIN_MATCH:
            # every letter or digit of every text, comment and file name: thousands of findings that
            # bury the one that matters, and masks over raio's own words that break its documents
            problems.append(PatternProblem(i, name, f"matches as few as {shortest} character{'s' * (shortest != 1)}, "
                                           "too few for a patient number, so it matches parts of ordinary words "
                                           "and numbers everywhere",
                                           "Describe the whole number, e.g. '\\bNZ\\d{7}\\b' (NZ and seven digits) "
                                           "or '\\b[A-Z]{2}\\d{6,8}\\b'; '\\b' keeps it from matching inside a "
                                           f"longer word or number. Every match should hold at least {MIN_MATCH} "
                                           "characters.", "short", (("shortest", shortest), ("least", MIN_MATCH))))
            continue
        usable.append(PhiPattern(i, name, _token_anchored(source, compiled)))
    return usable, problems


#: What an anchor of a phi pattern stands for: the edge of the identifier, where no letter or
#: digit is glued to it (an underscore, a dash, a blank, a quote or the end of the text is).
_TOKEN_START = r"(?<![^\W_])"
_TOKEN_END = r"(?![^\W_])"
#: What a phi pattern's ``\b`` stands for: an edge of an identifier, where a letter or digit
#: meets something else; an underscore is such an edge (``scan_NZ1234567.pdf``), though to
#: Python's ``\b`` it is part of a word. One lookahead: a pattern's required prefix after it
#: is still seen (:func:`required_prefix`).
WORD_EDGE = r"(?=(?<![^\W_])[^\W_]|(?<=[^\W_])(?![^\W_]))"


#: A group that sets flags: ``(?x:``, ``(?i-x:``, ``(?:`` (none), or ``(?x)`` for the whole pattern.
_GROUP_FLAGS = re.compile(r"\(\?([aiLmsux]*)(?:-([imsx]*))?([:)])")


def _token_anchored(source: str, compiled: re.Pattern) -> re.Pattern:
    """``compiled`` with its anchors (``^``, ``$``, ``\\A``, ``\\Z``, outside a character set)
    standing for the edges of an identifier rather than those of a text: ``^Z\\d{7}$`` describes
    one whole patient number, and finds it where it is written, alone in a value, in a sentence,
    in a comment or in a file name (and every output masks it there). Searched against the
    text it happens to stand in, the anchors would make the pattern miss the number in a
    sentence, and in a comment (searched in the file's whole text) always. A ``\\b`` (outside a
    set) alike stands for an edge of an identifier (:data:`WORD_EDGE`): an underscore is one, as
    it is to the anchors, so ``\\bNZ\\d{7}\\b`` finds ``scan_NZ1234567.pdf`` and
    ``NZ1234567_v2``, which Python's ``\\b`` (to which ``_`` is a letter) misses; a letter or
    digit glued to the number is still no edge. ``compiled`` itself when there is no anchor or
    ``\\b``, or the rewrite would not compile or would match empty text.

    In verbose mode (``(?x)``, or a group ``(?x:...)``) a ``#`` outside a set starts a comment
    that runs to the end of the line: it is copied as it is, so that a ``[`` or ``(`` in it does
    not hide the anchors after it."""
    out, i, in_set, changed = [], 0, False, False
    verbose = [bool(compiled.flags & re.VERBOSE)]  # per open group: whether it is in verbose mode
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            pair = source[i:i + 2]
            if not in_set and pair in ("\\A", "\\Z", "\\b"):
                out.append(_TOKEN_START if pair == "\\A" else _TOKEN_END if pair == "\\Z" else WORD_EDGE)
                changed = True
            else:
                out.append(pair)
            i += 2
            continue
        if in_set:
            in_set = ch != "]"
        elif ch == "[":
            end = i + 1 + (source[i + 1:i + 2] == "^")
            end += source[end:end + 1] == "]"  # a ']' first in a set is one of its characters
            out.append(source[i:end])
            i, in_set = end, True
            continue
        elif source.startswith("(?#", i) or (ch == "#" and verbose[-1]):
            end = source.find(")" if ch == "(" else "\n", i)
            end = len(source) if end < 0 else end + 1
            out.append(source[i:end])
            i = end
            continue
        elif ch == "(":
            flags = _GROUP_FLAGS.match(source, i)
            if flags is None or flags.group(3) == ")":  # (?x) at the start: compiled.flags has it
                verbose.append(verbose[-1])
            else:
                verbose.append("x" in flags.group(1) or (verbose[-1] and "x" not in (flags.group(2) or "")))
        elif ch == ")":
            if len(verbose) > 1:
                verbose.pop()
        elif ch in "^$":
            out.append(_TOKEN_START if ch == "^" else _TOKEN_END)
            changed = True
            i += 1
            continue
        out.append(ch)
        i += 1
    if not changed:
        return compiled
    try:
        rewritten = re.compile("".join(out))
    except (re.error, RecursionError, OverflowError, ValueError):
        return compiled
    return compiled if rewritten.search("") is not None else rewritten


def _top_level(compiled: re.Pattern):
    """(the parsed top level of ``compiled``, the parser's constants), or (None, None) when it
    cannot be told: a case-insensitive pattern, or a Python without CPython 3.11's parser."""
    if compiled.flags & re.IGNORECASE or not isinstance(compiled.pattern, str):
        return None, None
    try:
        from re import _constants as c, _parser as p  # CPython 3.11+

        return p.parse(compiled.pattern, compiled.flags), c
    except Exception:
        return None, None


@functools.lru_cache(maxsize=256)
def required_prefix(compiled: re.Pattern) -> str:
    """The literal text every match of ``compiled`` begins with, after zero-width assertions
    such as ``\\b`` (``NZ`` for ``\\bNZ-?\\d{7}\\b``); "" when there is none or it cannot be
    told (case-insensitive patterns, another Python). Text without it cannot match."""
    parsed, c = _top_level(compiled)
    if parsed is None:
        return ""
    prefix = []
    for op, av in parsed:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT) and not prefix:  # zero-width: the match starts after it
            continue
        if op != c.LITERAL:
            break
        prefix.append(chr(av))
    return "".join(prefix)


def _shortest(source: str, flags: int = 0) -> int | None:
    """The fewest characters a match of the regex ``source`` holds (None when it cannot be told):
    0 also for a pattern whose empty match needs a word's edge or a lookaround (``\\b``,
    ``(?=\\d{7})``), which the empty text alone does not give. raio drops empty matches, so such a
    pattern finds nothing, or less than it seems to."""
    try:
        from re import _parser as p  # CPython 3.11+

        return p.parse(source, flags).getwidth()[0]
    except Exception:
        return None


def _re_error(exc: Exception) -> str:
    msg = getattr(exc, "msg", None) or str(exc) or type(exc).__name__
    pos = getattr(exc, "pos", None)
    return f"{msg} at position {pos}" if pos is not None else msg


def _nested_repeat(source: str) -> bool:
    """True when a repeated part contains a part of varying length or a choice (ReDoS risk), but
    for a choice whose alternatives cannot overlap (``(?:ab|cd)*``: see ``one_way``)."""
    try:
        from re import _constants as c, _parser as p  # CPython 3.11+

        parsed = p.parse(source)
    except Exception:  # another Python: fall back to a textual look at the pattern
        return bool(re.search(r"\)[*+{]", source)) and bool(re.search(r"[*+}|][^()]*\)[*+{]", source))

    repeats = (c.MAX_REPEAT, c.MIN_REPEAT)

    def children(op, av):
        if op in repeats or op == getattr(c, "POSSESSIVE_REPEAT", None):
            yield av[2]
        elif op == c.SUBPATTERN:
            yield av[-1]
        elif op == c.BRANCH:
            yield from av[1]
        elif op in (c.ASSERT, c.ASSERT_NOT):
            yield av[1]
        elif op == getattr(c, "ATOMIC_GROUP", None):
            yield av
        elif op == c.GROUPREF_EXISTS:
            yield from (x for x in av[1:] if x is not None)

    def one_way(branches) -> bool:
        """A choice whose alternatives each have one length and begin with a letter that no other
        can begin with, also to a case-insensitive pattern ('ab|cd', not 'ab|a\\w', 'ab|AC' or
        'ab|cd+'): the text tells at each place which one matches and how far, so a repeat of it
        has one way to split a run. Anything else (a class first, an empty alternative) is not."""
        starts: list[str] = []
        for branch in branches:
            lo, hi = branch.getwidth()
            if not branch.data or branch[0][0] != c.LITERAL or lo != hi or lo < 1 or varies(branch):
                return False
            ch = chr(branch[0][1])
            if any(ch == other or re.fullmatch(re.escape(ch), other, re.IGNORECASE)
                   or re.fullmatch(re.escape(other), ch, re.IGNORECASE) for other in starts):
                return False
            starts.append(ch)
        return True

    def varies(seq) -> bool:  # a repeat of varying count, or a choice, somewhere inside
        for op, av in seq:
            if op in repeats and av[0] != av[1]:
                return True
            if op == c.BRANCH:
                if one_way(av[1]):
                    continue
                return True
            if op == getattr(c, "ATOMIC_GROUP", None) or op == getattr(c, "POSSESSIVE_REPEAT", None):
                continue  # no backtracking into these
            if any(varies(ch) for ch in children(op, av)):
                return True
        return False

    def walk(seq) -> bool:
        for op, av in seq:
            if op in repeats and av[1] > 1 and varies(av[2]):
                return True
            if any(walk(ch) for ch in children(op, av)):
                return True
        return False

    try:
        return walk(parsed)
    except Exception:
        return True  # cannot tell: do not run it


#: Most ways a run of parts of varying length that can match the same characters may share
#: a text between them (see :func:`_ambiguous_repeats`).
MAX_SPLITS = 100
#: Characters tried to tell whether two parts of a pattern can match the same character, with
#: the pattern's own (:func:`_own_samples`).
_SAMPLES = tuple(chr(c) for c in range(256)) + ("ā", "Ω", "я", "ア", "中", "٣", "\u2003", "\u2028", "\U0001F600")
#: The classes a character class can name (``\d``, ``\s``, ``\w`` and their negations).
_CATEGORY_CLASSES = tuple(re.compile(c) for c in (r"\d", r"\D", r"\s", r"\S", r"\w", r"\W"))


def _own_samples(parsed, c) -> tuple:
    """The characters of a parsed pattern that :data:`_SAMPLES` may lack: its literals and the
    ends of its ranges, each with its neighbours and in its other cases, and in a range beyond
    Latin-1 the first character of each class (``\\d``, ``\\w`` ...) it holds. Two parts of a
    pattern that can match a common character can match one of these or of the samples: two
    ranges share their greater start, a literal is itself, a range and the characters a set
    leaves out share the range's start or a neighbour of an end of the set, a range and a
    class share the class's first character in the range. ``Ā*Ā*b`` or ``[一-丐]+[一-丐]+b``
    looked, with the samples only, as if they matched nothing, and were used: a search of 400
    Ā's took minutes."""
    found: set[str] = set()

    def add(code: int) -> None:  # with its neighbours, where a set that leaves it out starts again
        for near in (code - 1, code, code + 1):
            if 0 <= near <= 0x10FFFF:
                ch = chr(near)
                found.update(v for v in (ch, ch.lower(), ch.upper(), ch.casefold(), ch.swapcase()) if len(v) == 1)

    def walk(seq) -> None:
        for op, av in seq:
            if op in (c.LITERAL, c.NOT_LITERAL):
                add(av)
            elif op == c.IN:
                for o, a in av:
                    if o == c.LITERAL:
                        add(a)
                    elif o in (c.RANGE, getattr(c, "RANGE_UNI_IGNORE", None)):
                        add(a[0])
                        add(a[1])
                        if a[1] > 0xFF:
                            found.update(_firsts_in_range(max(a[0], 0x100), a[1]))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) or op == getattr(c, "POSSESSIVE_REPEAT", None):
                walk(av[2])
            elif op == c.SUBPATTERN:
                walk(av[-1])
            elif op == c.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                walk(av[1])
            elif op == getattr(c, "ATOMIC_GROUP", None):
                walk(av)
            elif op == c.GROUPREF_EXISTS:
                for branch in av[1:]:
                    if branch is not None:
                        walk(branch)

    walk(parsed)
    return tuple(found.difference(_SAMPLES))


@functools.lru_cache(maxsize=256)
def _firsts_in_range(low: int, high: int) -> frozenset:
    """The first character of each of :data:`_CATEGORY_CLASSES` from ``low`` to ``high``."""
    out: set[str] = set()
    for pattern in _CATEGORY_CLASSES:
        for start in range(low, high + 1, 4096):
            chunk = "".join(map(chr, range(start, min(start + 4096, high + 1))))
            m = pattern.search(chunk)
            if m is not None:
                out.add(m.group())
                break
    return frozenset(out)


def _ambiguous_repeats(source: str, flags: int = 0, choices: bool = False) -> bool:
    """True when, in one sequence of the pattern, parts of varying length that can match a
    common character follow each other with nothing required between them that matches only
    other characters, and together they can take more than :data:`MAX_SPLITS` combinations of
    lengths: any part without an upper bound (``*``, ``+``, ``{n,}``) with any other
    (``a*a*``, ``\\d+\\s*\\d+``, ``a*.a*``, ``.*x.*``), or wide bounded ones
    (``a{1,100}a{1,100}``). The text such parts can both match can be split between them in
    that many ways, which a failing search tries one by one: polynomial time
    (``a*a*a*a*a*a*a*a*b`` ran for minutes on 5,000 'a's). Parts that must match a character
    the other cannot (``\\w+@\\w+``, ``[A-Z]+\\d+``) and small ranges (``\\d{2,3}[ -]?\\d{3,4}``:
    4 combinations) are fine; atomic groups and possessive repeats never backtrack. Not
    decidable on another Python: True.

    ``choices``: True instead when the pattern's choices (``a|b``) can match the same text in
    more than :data:`MAX_SPLITS` ways together: a choice whose alternatives can begin with a
    common character counts each of them (``(?:aa|\\w\\w)`` two ways), one whose alternatives
    cannot counts as its widest, and choices one after the other multiply, whatever stands
    between them. A search that fails tries every way (``(?:aa|\\w\\w)`` 18 times in a row took
    2.5 s on 100 a's, and each two more four times as long); a repeat of such a choice is
    refused by :func:`_nested_repeat`."""
    try:
        from re import _constants as c, _parser as p  # CPython 3.11+

        parsed = p.parse(source, flags)
    except Exception:
        return True
    fold = bool(parsed.state.flags & re.IGNORECASE)
    samples = _SAMPLES + _own_samples(parsed, c)
    unbounded = p.MAXREPEAT
    repeats = (c.MAX_REPEAT, c.MIN_REPEAT)
    categories = {"DIGIT": r"\d", "NOT_DIGIT": r"\D", "SPACE": r"\s", "NOT_SPACE": r"\S", "WORD": r"\w",
                  "NOT_WORD": r"\W", "LINEBREAK": r"\n", "NOT_LINEBREAK": r"[^\n]"}

    def in_class(items, ch) -> bool:
        negate = bool(items) and items[0][0] == c.NEGATE
        hit = False
        for op, av in items:
            if op == c.LITERAL:
                hit = ch == chr(av)
            elif op in (c.RANGE, getattr(c, "RANGE_UNI_IGNORE", None)):
                hit = av[0] <= ord(ch) <= av[1]
            elif op == c.CATEGORY:
                name = str(av).split("CATEGORY_", 1)[-1].replace("UNI_", "").replace("LOC_", "")
                hit = bool(re.fullmatch(categories.get(name, "(?s:.)"), ch))
            elif op == c.NEGATE:
                continue
            else:
                hit = True  # not understood: say it may match
            if hit:
                break
        return hit != negate

    def chars(seq) -> frozenset:
        """The sample characters a part can match anywhere in it."""
        out: set[str] = set()
        for op, av in seq:
            if op == c.LITERAL:
                out.update(ch for ch in samples if ch == chr(av) or (fold and ch.casefold() == chr(av).casefold()))
            elif op == c.NOT_LITERAL:
                out.update(ch for ch in samples if ch != chr(av))
            elif op == c.IN:
                out.update(ch for ch in samples if in_class(av, ch) or (fold and (in_class(av, ch.lower()) or in_class(av, ch.upper()))))
            elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # zero-width
            elif op in repeats or op == getattr(c, "POSSESSIVE_REPEAT", None):
                out |= chars(av[2])
            elif op == c.SUBPATTERN:
                out |= chars(av[-1])
            elif op == getattr(c, "ATOMIC_GROUP", None):
                out |= chars(av)
            elif op == c.BRANCH:
                for branch in av[1]:
                    out |= chars(branch)
            else:  # any character, a back-reference, a conditional: anything
                out.update(samples)
        return frozenset(out)

    def first(seq) -> frozenset:
        """The sample characters a match of the sequence can begin with."""
        out: set[str] = set()
        for item in seq:
            op, av = item
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue
            if op in repeats or op == getattr(c, "POSSESSIVE_REPEAT", None):
                out |= first(av[2])
            elif op == c.SUBPATTERN:
                out |= first(av[-1])
            elif op == getattr(c, "ATOMIC_GROUP", None):
                out |= first(av)
            elif op == c.BRANCH:
                for branch in av[1]:
                    out |= first(branch)
            else:
                out |= chars([item])
            if width(item)[0] >= 1:
                break
        return frozenset(out)

    def flat(seq) -> list:
        """The sequence with plain groups opened up: (a*)(a*) is a*a*."""
        out = []
        for op, av in seq:
            if op == c.SUBPATTERN:
                out.extend(flat(av[-1]))
            else:
                out.append((op, av))
        return out

    def width(item) -> tuple[int, int]:
        return p.SubPattern(parsed.state, [item]).getwidth()

    def sequence_bad(seq) -> bool:
        items = flat(seq)
        parts = []
        for item in items:
            lo, hi = width(item)
            free = item[0] in (getattr(c, "ATOMIC_GROUP", None), getattr(c, "POSSESSIVE_REPEAT", None))
            ways = 1 if free else (float("inf") if hi >= unbounded else hi - lo + 1)  # lengths it can take
            parts.append((lo, ways, chars([item]), first([item])))
        for i, (_lo, ways_i, own, _first) in enumerate(parts):
            if ways_i == 1:
                continue
            splits = ways_i
            for j in range(i + 1, len(parts)):
                lo_j, ways_j, chars_j, first_j = parts[j]
                # j can begin with what i can match, and i can run on over every required part between
                if ways_j > 1 and own & first_j and not any(lo >= 1 and not (chs & own) for lo, _w, chs, _f in parts[i + 1:j]):
                    splits *= ways_j
                    if splits > MAX_SPLITS:
                        return True
                if lo_j >= 1 and not (chars_j & own):
                    break  # a required part the first cannot match: nothing after it pairs with it
        return any(inner_bad(item) for item in items)

    def inner_bad(item) -> bool:
        op, av = item
        if op in repeats or op == getattr(c, "POSSESSIVE_REPEAT", None):
            return sequence_bad(av[2])
        if op == c.BRANCH:
            return any(sequence_bad(b) for b in av[1])
        if op in (c.ASSERT, c.ASSERT_NOT):
            return sequence_bad(av[1])
        if op == getattr(c, "ATOMIC_GROUP", None):
            return sequence_bad(av)
        return False

    def ways(seq) -> int:
        """How many ways the choices in ``seq`` can match one text, at most MAX_SPLITS + 1."""
        total = 1
        for op, av in seq:
            if op == c.BRANCH:
                each = [ways(b) for b in av[1]]
                starts = [first(b) if b.getwidth()[0] else None for b in av[1]]  # None: it can match nothing
                shared = any(x is None or y is None or x & y for i, x in enumerate(starts) for y in starts[i + 1:])
                n = sum(each) if shared else max(each)
            elif op in repeats or op == getattr(c, "POSSESSIVE_REPEAT", None):
                n = ways(av[2]) + (av[0] == 0)
            elif op == c.SUBPATTERN:
                n = ways(av[-1])
            elif op in (c.ASSERT, c.ASSERT_NOT):
                n = ways(av[1])
            elif op == getattr(c, "ATOMIC_GROUP", None):
                n = ways(av)
            elif op == c.GROUPREF_EXISTS:
                n = sum(ways(b) for b in av[1:] if b is not None) + (av[2] is None)
            else:
                n = 1
            total = min(total * n, MAX_SPLITS + 1)
        return total

    try:
        return ways(parsed) > MAX_SPLITS if choices else sequence_bad(parsed)
    except Exception:
        return True  # cannot tell: do not run it


#: One piece of a regular expression's source, for :func:`linear_rewrite`: an escape (``\\x41``
#: and the like whole, digits after a backslash all taken), a character class, a quantifier
#: with its lazy or possessive mark, or one character.
_TOKEN = re.compile(r"\\(?:x..|u.{4}|U.{8}|N\{[^}]*\}|[0-9]{1,3}|.)"
                    r"|\[\^?\]?(?:\\.|[^\]\\])*\]"
                    r"|(?:[*+?]|\{[0-9]*,?[0-9]*\})[?+]?"
                    r"|.", re.DOTALL)


def linear_rewrite(source: str, flags: int = 0) -> tuple[str, str, str] | None:
    """``source`` with every ``A*M?A*`` in it (``\\s*:?\\s*``: an atom repeated, an optional atom,
    the first atom repeated again) written so that one part matches each run of A's:
    ``A*(?:MA*)?``, and ``A*(?:MA*)?A`` when the second repeat is ``+`` (a ``+`` in front stays).
    The same texts match (``A*M?A*`` is ``A*`` or ``A*MA*``). Returns the new pattern with the
    first such piece as written and as rewritten, or None when the pattern has no such piece or
    the new pattern would still be refused (:func:`_ambiguous_repeats`).

    Such a piece is polynomial, not only in theory. Measured with Python's re, a search of
    ``x\\s*:?\\s*y`` in 'x', blanks and 'z': 10,000, 20,000 and 40,000 blanks took 0.25, 1.2
    and 3.6 s (quadratic: without the ':' both ``\\s*`` can take the blanks, and a failing match
    tries every split); ``\\s*:?\\s*\\d`` took 0.005, 0.04 and 0.32 s on 100, 200 and 400 blanks
    (cubic: a search tries every start). ``x\\s*(?::\\s*)?y`` took 0.4, 0.9 and 1.9 ms."""
    if flags & re.VERBOSE:
        return None  # blanks and comments in the pattern are no atoms
    tokens = _TOKEN.findall(source)
    atoms = [t if t[0] not in "*+?{()|^$" and t not in ("\\b", "\\B", "\\A", "\\Z") and not t[1:2].isdigit()
             else "" for t in tokens]  # a back-reference (\\1) is no atom either
    out: list[str] = []
    first = None
    i = 0
    while i < len(tokens):
        a, m = atoms[i], atoms[i + 2] if i + 2 < len(tokens) else ""
        if (a and m and i + 5 < len(tokens) and tokens[i + 1] in ("*", "+") and tokens[i + 3] == "?"
                and tokens[i + 4] == a and tokens[i + 5] in ("*", "+")):
            piece = f"{a}{tokens[i + 1]}(?:{m}{a}*)?" + (a if tokens[i + 5] == "+" else "")
            first = first or ("".join(tokens[i:i + 6]), piece)
            out.append(piece)
            i += 6
        else:
            out.append(tokens[i])
            i += 1
    if first is None:
        return None
    rewritten = "".join(out)
    try:
        re.compile(rewritten, flags)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    if _nested_repeat(rewritten) or _ambiguous_repeats(rewritten, flags):
        return None
    return rewritten, first[0], first[1]


def may_occur(pattern: re.Pattern, text: str) -> bool:
    """False when ``text`` lacks the literal every match of ``pattern`` starts with (or, when
    none, a literal every match holds: the ``@`` of an e-mail address)."""
    needle = required_prefix(pattern) or _required_literal(pattern)
    return not needle or needle in text


@functools.lru_cache(maxsize=256)
def _required_literal(compiled: re.Pattern) -> str:
    """The first literal text that stands in the top level of ``compiled`` (so every match
    holds it), "" when there is none or it cannot be told (as :func:`required_prefix`)."""
    parsed, c = _top_level(compiled)
    if parsed is None:
        return ""
    found = []
    for op, av in parsed:
        if op == c.LITERAL:
            found.append(chr(av))
        elif found:
            break
    return "".join(found)


def find_pattern(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    """Non-empty matches of ``pattern`` in ``text``; long texts in overlapping windows. Text
    without the literal every match starts with (:func:`required_prefix`) is not searched.
    A match inside a long hexadecimal run is none (:func:`_outside_hashes`), nor is a compact
    date a match of :data:`LONG_NUMBER` (:func:`_no_dates`)."""
    if not isinstance(text, str) or not text or not may_occur(pattern, text):
        return []
    if pattern is LONG_NUMBER.regex:
        return _no_dates(text, _find_pattern(pattern, text))
    return _find_pattern(pattern, text)


def _find_pattern(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    if len(text) <= WINDOW:
        return _outside_hashes(text, [m.span() for m in pattern.finditer(text) if m.end() > m.start()])
    spans: list[tuple[int, int]] = []
    step = WINDOW - OVERLAP
    start = 0
    while start < len(text):
        end = min(start + WINDOW, len(text))
        for m in pattern.finditer(text, start, end):
            if m.end() <= m.start():
                continue
            if end < len(text) and m.end() > start + step and m.start() >= start + step:
                continue  # the next window sees it whole
            if not spans or m.start() >= spans[-1][1]:
                spans.append(m.span())
        if end == len(text):
            break
        start += step
    return _outside_hashes(text, spans)


#: The years of a compact date (``20261201``) that :data:`LONG_NUMBER` leaves whole: those of a
#: decision, a version or a document a portfolio dates. An earlier year is likelier a
#: patient's date of birth, and such a number stays masked.
DATE_YEARS = (1990, 2099)


def _no_dates(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (matches of :data:`LONG_NUMBER`, each a whole run of digits) without the compact
    dates: eight digits ``YYYYMMDD`` that are a real date in :data:`DATE_YEARS` (``besluit
    20261201``, ``versie 20250314``, ``20250314T1200``). A version or a decision date is no
    patient number, and masking it makes a memo or a finding lose the date it is about.

    Privacy first where a date may also be a BSN: a BSN typed as a number loses its leading zero
    and then reads as eight digits, so a date that, with that zero, passes the elfproef
    (``20260106``: ``020260106``) is still masked, as the BSN it may be (about one date in
    eleven). A nine-digit BSN is never a compact date, and :func:`find_bsns` masks it whatever
    it reads as. A date that a pattern of the portfolio's own matches is masked by that pattern:
    only the long-number mask, which stands in for patterns raio does not know, leaves dates."""
    import datetime

    out = []
    for s, e in spans:
        number = text[s:e]
        if len(number) == 8 and number.isdigit() and DATE_YEARS[0] <= int(number[:4]) <= DATE_YEARS[1] \
                and not elfproef("0" + number):
            try:
                datetime.date(int(number[:4]), int(number[4:6]), int(number[6:]))
                continue
            except ValueError:
                pass
        out.append((s, e))
    return out


_HEX_CHARS = frozenset(_HEX)


#: A UUID (``550e8400-e29b-41d4-a716-446655440000``) standing on its own: a code whose groups of
#: digits are no patient number.
_UUID = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}(?![0-9A-Za-z])")
_HEX_LETTERS = frozenset("ABCDEFabcdef")


def _outside_hashes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (in order, not overlapping) without those that lie inside a hexadecimal code:
    a run of hexadecimal characters with no other letter or digit glued to it that is either
    longer than :data:`LONG_RUN` (a full commit hash, as raio.yaml ``policy.accepted_history``
    names one, or a link to a commit; a checksum), or holds a hexadecimal letter (a-f) both
    before and after the span (the middle of a short commit hash, ``a3f1234567b``, as ``git log
    --oneline`` shows one), or that lies in a UUID. A pattern without word boundaries
    (``\\d{7}``) matches their digit runs, which are no patient number, and masking them would
    break the code.

    Where a span has a letter glued to it that is no hexadecimal (``patient1234567``,
    ``x1234567b``), or a hexadecimal letter on one side only (``ACC12345678``, ``bed1234567``,
    ``1234567abc``), it stays: the number may be a patient number written against a word, and a
    patient number is better masked once too often than printed (the rule :data:`LONG_NUMBER`
    follows). Each run is read once (linear)."""
    if not spans:
        return spans
    uuids = [m.span() for m in _UUID.finditer(text)] if "-" in text and len(text) >= 36 else []
    out = []
    run = (0, 0, False, -1, -1)  # the run looked at last: (start, end, a code, first and last hex letter)
    u = 0
    for s, e in spans:
        while u < len(uuids) and uuids[u][1] <= s:
            u += 1
        if u < len(uuids) and uuids[u][0] <= s and e <= uuids[u][1]:
            continue
        if not run[0] <= s < run[1]:
            if text[s] not in _HEX_CHARS:
                out.append((s, e))
                continue
            a, b = s, s + 1
            while a and text[a - 1] in _HEX_CHARS:
                a -= 1
            while b < len(text) and text[b] in _HEX_CHARS:
                b += 1
            alone = not (a and text[a - 1] in _ALNUM) and not (b < len(text) and text[b] in _ALNUM)
            letters = [i for i in range(a, b) if text[i] in _HEX_LETTERS] if alone and b - a <= LONG_RUN else []
            run = (a, b, alone, letters[0] if letters else -1, letters[-1] if letters else -1)
        a, b, alone, first, last = run
        inside = alone and e <= b and (b - a > LONG_RUN or (0 <= first < s and last >= e))
        if not inside:
            out.append((s, e))
    return out


# --- walking the data ------------------------------------------------------------------------

def walk(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any, bool]]:
    """Every key and scalar in ``data`` as ``(path, value, is_key)``; keys come before their value."""
    stack = [(path, data)]
    while stack:
        p, value = stack.pop()
        if isinstance(value, dict):
            items = list(value.items())
            for key, sub in reversed(items):
                stack.append((p + (key,), sub))
            for key, _sub in items:
                yield p + (key,), key, True
        elif isinstance(value, list):
            for i in range(len(value) - 1, -1, -1):
                stack.append((p + (i,), value[i]))
        elif p or value is not None:
            yield p, value, False


def human_path(path: tuple) -> str:
    """``('effects', 1, 'target')`` -> ``effects[1].target``, itself masked."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return mask_identifiers(out) if out else "the file"


@dataclass(frozen=True)
class Hit:
    """One identifier found at ``path`` of a file (a key when ``key`` is true). Never the raw value."""

    kind: str  # "bsn" | "phi" | "email"
    path: tuple
    key: bool
    masked: str
    name: str = ""  # the phi pattern's name, or the e-mail domain


@dataclass
class Scanner:
    """What to look for in one portfolio: built from raio.yaml's policy and people."""

    patterns: list[PhiPattern] = field(default_factory=list)
    problems: list[PatternProblem] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)
    check_email: bool = False

    @classmethod
    def from_settings(cls, policy: dict, settings: dict) -> "Scanner":
        patterns, problems = compile_patterns((policy or {}).get("phi_patterns") if isinstance(policy, dict) else None)
        allowed = allowed_domains(policy or {}, settings or {})
        return cls(patterns, problems, allowed, bool(allowed))

    def scan_text(self, text: str, path: tuple = (), key: bool = False, *, patterns: bool = True) -> list[Hit]:
        hits = []
        for s, e in find_bsns(text):
            hits.append(Hit("bsn", path, key, mask_bsn(text[s:e])))
        if patterns:
            for pat in self.patterns:
                for s, e in find_pattern(pat.regex, text):
                    hits.append(Hit("phi", path, key, mask(text[s:e]), pat.name))
        if self.check_email:
            for s, e, domain in find_emails(text):
                if not email_domain_allowed(domain, self.allowed):
                    hits.append(Hit("email", path, key, mask_email(text[s:e]), domain))
        return hits

    def scan(self, data: Any, coerced: dict | None = None, skip: Iterable[tuple] = ()) -> list[Hit]:
        """Hits in every key and value of ``data``; ``coerced`` maps a path to its YAML source
        text (yamlio's Loaded.coerced); phi patterns are not applied under the paths in ``skip``."""
        coerced = coerced or {}
        skip = tuple(skip)
        hits: list[Hit] = []
        if not skip and not self._candidate(data, coerced):
            return hits
        for path, value, is_key in walk(data):
            if isinstance(value, str):
                use = not any(path[:len(s)] == s for s in skip)
                hits.extend(self.scan_text(value, path, is_key, patterns=use))
            elif isinstance(value, int) and not isinstance(value, bool):
                source = coerced.get(path, (None, None))[1] if not is_key else None
                source = source if isinstance(source, str) else None
                if is_bsn_int(value, source):
                    hits.append(Hit("bsn", path, is_key, mask_bsn(source or str(value))))
                elif self.patterns and not any(path[:len(s)] == s for s in skip):
                    # a patient number written without quotes is a number, and as much a patient number
                    # (12_345_678 is the number 12345678 to YAML 1.1)
                    text = (source or str(value)).replace("_", "")
                    for pat in self.patterns:
                        for s, e in find_pattern(pat.regex, text):
                            hits.append(Hit("phi", path, is_key, mask(text[s:e]), pat.name))
        return hits


    def _candidate(self, data: Any, coerced: dict) -> bool:
        """A quick look at the whole document at once: False only when no key or value can hold
        a hit. The exact, per-value walk runs only for documents that pass (most do not)."""
        strings: list[str] = []
        numbers: list[int] | None = [] if self.patterns else None
        if _collect(data, strings, numbers):
            return True  # a nine-digit integer
        for ytype, source in coerced.values():
            if ytype == "int" and isinstance(source, str):
                digits = source.replace("_", "").lstrip("+")
                if len(digits) == 9:
                    return True
                if numbers is not None and (digits != source or digits[:1] == "0"):
                    # 12_345_678 and 01234567 are texts other than the number read: as scan reads them
                    numbers.append(digits)
        text = "\n".join(strings)
        if may_hold_bsn(text):
            return True
        if self.check_email and "@" in text:
            if any(not email_domain_allowed(d, self.allowed) for _s, _e, d in find_emails(text)):
                return True
        if numbers:  # the patterns also look at numbers (Scanner.scan)
            text += "\n" + "\n".join(map(str, numbers))
        for pat in self.patterns:
            if _sensitive(pat.regex.pattern):
                return True
            if find_pattern(pat.regex, text):
                return True
        return False


#: Any BSN in any of the accepted forms matches this: a cheap first look (written out digit by
#: digit, and without lookarounds, because that lets the regex engine skip ahead fast).
_LOOSE_BSN = re.compile(rf"[0-9][0-9][0-9][0-9]?{_SEP}?[0-9][0-9][0-9]?{_SEP}?[0-9][0-9][0-9]")


def may_hold_bsn(text: str) -> bool:
    """True when ``text`` may hold a BSN: a loose match with no digit right before or after it."""
    return next(_loose_bsns(text), None) is not None


def has_bsn(text: str) -> bool:
    """True when ``text`` holds a BSN (:func:`find_bsns`). For large texts that seldom hold one
    (a whole file, a git log's messages): one search with :data:`_LOOSE_BSN`, at the regex
    engine's speed, comes first, and only a text that it matches is looked at number by number."""
    return isinstance(text, str) and (_LOOSE_BSN.search(text) is not None or _has_invisible(text)) \
        and bool(find_bsns(text))


def bsn_digits(number: str) -> str:
    """The nine digits of a BSN as written (``111 222 333`` -> ``111222333``): one number however
    it is grouped, to tell whether two places hold the same one."""
    return "".join(c for c in number if "0" <= c <= "9")


def _loose_bsns(text: str):
    """The spans of :func:`may_hold_bsn`'s matches in ``text``, one for every place one starts
    (invisible characters inside a number do not hide it, as for :func:`find_bsns`)."""
    shown, index = _visible(text)
    if index is not None:
        yield from ((index[s], index[e - 1] + 1) for s, e in _loose_bsns(shown))
        return
    m = _LOOSE_BSN.search(text)
    while m is not None:
        s, e = m.span()
        if (s == 0 or not "0" <= text[s - 1] <= "9") and (e == len(text) or not "0" <= text[e] <= "9"):
            yield s, e
        m = _LOOSE_BSN.search(text, s + 1)
#: Patterns whose matches depend on what surrounds a value (anchors, lookarounds) are not
#: tried on the joined text of a document; such documents always get the exact walk.
_CONTEXT_SENSITIVE = re.compile(r"(?<!\[)\^|\$|\\[AZz]|\(\?<?[=!]")


@functools.lru_cache(maxsize=256)
def _sensitive(source: str) -> bool:
    """Whether the regex ``source`` is context sensitive (:data:`_CONTEXT_SENSITIVE`): asked once
    per pattern text, not once per document (a pure function of the text). A ``\\b`` as
    rewritten (:data:`WORD_EDGE`) is not: a newline between two joined texts is an edge as the
    end of each is."""
    return _CONTEXT_SENSITIVE.search(source.replace(WORD_EDGE, "")) is not None


def context_sensitive(pattern: PhiPattern) -> bool:
    """Whether a match of ``pattern`` may depend on what surrounds a value (:data:`_CONTEXT_SENSITIVE`),
    so that it cannot be searched in texts joined by newlines: never for the e-mail pattern."""
    return not pattern.email and _sensitive(pattern.regex.pattern)


def _collect(value: Any, out: list, numbers: list | None = None) -> bool:
    """Append every key and string in ``value`` to ``out`` (and, given ``numbers``, every int to
    it); True when a nine-digit int is seen."""
    kind = type(value)
    if kind is str:
        out.append(value)
    elif kind is dict:
        found = False
        for key, sub in value.items():
            out.append(key if type(key) is str else str(key))
            found = _collect(sub, out, numbers) or found
        return found
    elif kind is list:
        found = False
        for sub in value:
            found = _collect(sub, out, numbers) or found
        return found
    elif kind is int:
        if numbers is not None:
            numbers.append(value)
        return 100_000_000 <= abs(value) <= 999_999_999
    return False


# --- refusing identifiers in what a user types -------------------------------------------------

def identifiers_in(values: dict, patterns: Iterable[PhiPattern] = ()) -> list[Hit]:
    """The BSNs and matches of ``patterns`` in ``values`` (what a user gave a command: a name,
    such as an option, to a text, a list of texts, a mapping or a number), each a :class:`Hit`
    whose path starts with that name. For commands that write into the portfolio and must
    refuse patient identifiers before anything is written; e-mail addresses are left to PRV003."""
    return Scanner([p for p in patterns if not p.email]).scan(values)


def describe_hits(hits: Iterable[Hit]) -> str:
    """``--name holds a BSN (*******33)``: where each identifier is and what it is, masked."""
    parts: list[str] = []
    for hit in hits:
        what = "a BSN" if hit.kind == "bsn" else f"a {mask_identifiers(hit.name)}" if hit.kind == "phi" else "an e-mail address"
        text = f"{hit.path[0] if hit.path else 'the text'} holds {what} ({hit.masked})"
        if text not in parts:
            parts.append(text)
    return "; ".join(parts)


# --- the safety net --------------------------------------------------------------------------

def mask_identifiers(text: str, patterns: Iterable[PhiPattern] = ()) -> str:
    """``text`` with every BSN (and every match of the given phi patterns) masked."""
    if not isinstance(text, str) or not text:
        return text
    spans = [(s, e, mask_bsn(text[s:e])) for s, e in find_bsns(text)]
    for pat in patterns:
        if pat.email:  # linear (foreign_email_pattern): searched whole, as windows could cut a long address
            if "@" in text:
                spans.extend((m.start(), m.end(), mask_email(m.group())) for m in pat.regex.finditer(text))
        else:
            spans.extend((s, e, mask(text[s:e])) for s, e in find_pattern(pat.regex, text))
    if not spans:
        return text
    spans.sort(key=lambda t: (t[0], -t[1]))
    out, pos = [], 0
    for s, e, replacement in spans:
        if s < pos:  # overlaps a span already masked: extend that mask over it
            if e > pos:
                out.append("*" * min(e - pos, 4))
                pos = e
            continue
        out.append(text[pos:s])
        out.append(replacement)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def mask_data(value: Any, patterns: Iterable[PhiPattern] = ()) -> Any:
    """``value`` (plain data: what a document, a status or an export shows) with every BSN and
    every match of ``patterns`` masked in its keys, texts and numbers; the same object when
    there is nothing to mask (one search over all its texts finds that out first).

    The documents print what the dossier holds; PRV001/PRV002 report an identifier typed into
    it, and this keeps it from being printed in full meanwhile."""
    patterns = tuple(patterns)
    texts: list[str] = []
    on_numbers = [p for p in patterns if not p.email]
    numbers: list[str] | None = [] if on_numbers else None  # a pattern may match a number written without quotes
    if _plain_texts(value, texts, numbers) and not any(context_sensitive(p) for p in patterns):
        # each text once: whether a text is masked depends on it alone, and a document repeats
        # most of its texts (the report's matrix: 26,000 cells, 4,000 different texts)
        texts = list(dict.fromkeys(texts))
        joined = "\n".join(texts)
        matching = {n for n in numbers or () if any(p.regex.search(n) for p in on_numbers)}
        short = _short_joined(texts, joined)
        if not matching and not may_hold_bsn(joined) and not any(
                may_occur(p.regex, joined) and (next(joined_matches(p.regex, short), None) is not None
                                                or any(_holds_match(p, t) for t in texts if len(t) > WINDOW))
                for p in patterns):
            return value
        suspects = _suspects(texts, joined, patterns) | matching
        if all(_masked_text(text, patterns) == text for text in suspects):
            return value  # the quick look's alarm was false (a chart's "1000 32086"): nothing to copy
        return _mask_data(value, patterns, suspects)
    return _mask_data(value, patterns)


def _masked_text(text: str, patterns: tuple) -> str:
    """A text as :func:`_mask_data` masks it (long ones once, see :func:`_masked_long`)."""
    return _masked_long(text, patterns) if len(text) > WINDOW else mask_identifiers(text, patterns)


def _suspects(texts: list[str], joined: str, patterns: tuple) -> set[str]:
    """The texts that may hold something to mask, found by searching ``joined`` (``texts`` joined
    by newlines) once rather than each text apart; every other text is shown as it is.

    A text with a BSN holds a loose match with no digit beside it (:func:`may_hold_bsn`), and a
    newline stops such a match as the text's end would. A text with a match of a pattern that
    does not look at its surroundings (the caller leaves those out) is touched by a match in the
    joined text: the first match of the joined text's search that reaches the text either starts
    where the text's own match does or overlaps the text. The patterns are searched in the
    short texts only, in windows that hold each whole (:func:`joined_matches`, the long ones
    left empty): texts longer than :data:`WINDOW` are searched in windows (:func:`find_pattern`)
    and always taken."""
    import bisect

    marked: set[int] = set()

    def marker(parts: list[str]):
        starts, pos = [], 0
        for text in parts:
            starts.append(pos)
            pos += len(text) + 1

        def mark(s: int, e: int) -> None:
            first = bisect.bisect_right(starts, s) - 1
            last = bisect.bisect_right(starts, max(s, e - 1)) - 1
            marked.update(range(first, last + 1))
        return mark

    mark = marker(texts)
    for s, e in _loose_bsns(joined):
        mark(s, e)
    short = _short_joined(texts, joined)  # the long texts are taken below
    mark = mark if short is joined else marker([t if len(t) <= WINDOW else "" for t in texts])
    for pat in patterns:
        if may_occur(pat.regex, short):
            for found in joined_matches(pat.regex, short):
                mark(*found)
    suspects = {texts[i] for i in marked}
    suspects.update(text for text in texts if len(text) > WINDOW)
    return suspects


def _short_joined(texts: list[str], joined: str) -> str:
    """``joined`` (``texts`` joined by newlines) with each text longer than :data:`WINDOW` left
    out (empty): those are searched on their own, in windows (:func:`_holds_match`)."""
    if all(len(t) <= WINDOW for t in texts):
        return joined
    return "\n".join(t if len(t) <= WINDOW else "" for t in texts)


@functools.lru_cache(maxsize=64)
def _holds_match(pattern: PhiPattern, text: str) -> bool:
    """Whether ``pattern`` matches in the long ``text`` as :func:`mask_identifiers` searches it
    (in windows; the linear e-mail pattern whole), asked once for a text that a document shows
    in many places (a memo masks each of its parts)."""
    return pattern.regex.search(text) is not None if pattern.email else bool(find_pattern(pattern.regex, text))


def joined_matches(pattern: re.Pattern, joined: str) -> Iterator[tuple[int, int]]:
    """The spans of ``pattern``'s matches in ``joined``, texts of at most :data:`WINDOW`
    characters joined by a separator of a few: to tell which texts may hold a match. Searched in
    windows of twice ``WINDOW + 16`` characters, one starting every ``WINDOW + 16``, so that each
    such text lies whole in one of them, and a match of a text on its own is found there (the
    caller leaves out patterns that look at what surrounds a text). A search of the whole joined
    text could take time quadratic in its length: a pattern such as ``\\d+X``, tried at each
    digit of a long run, reads to the end of the run each time (60,000 digits in a value kept
    raio memo busy for 55 s). A window's edge may add a match (``\\b``), never lose one; a
    match is given once per window it lies in."""
    step = WINDOW + 16
    if len(joined) <= 2 * step:
        yield from (m.span() for m in pattern.finditer(joined))
        return
    for start in range(0, len(joined) - step, step):
        yield from (m.span() for m in pattern.finditer(joined, start, min(start + 2 * step, len(joined))))


def _plain_texts(value: Any, out: list, numbers: list | None = None) -> bool:
    """Append every key and text of ``value`` to ``out`` (and, given ``numbers``, every int's text
    to it); False when it holds anything the quick look of :func:`mask_data` cannot vouch for (a
    nine-digit number, a type that is no plain data)."""
    kind = type(value)
    if kind is str:
        out.append(value)
        return True
    if kind is dict:
        return all(_plain_texts(k, out, numbers) and _plain_texts(v, out, numbers) for k, v in value.items())
    if kind is list or kind is tuple:
        return all(_plain_texts(v, out, numbers) for v in value)
    if kind is int:
        if numbers is not None:
            numbers.append(str(value))
        return not 100_000_000 <= abs(value) <= 999_999_999
    return value is None or kind is bool or kind is float


def _mask_data(value: Any, patterns, suspects: set[str] | None = None) -> Any:
    """``value`` masked; with ``suspects`` (:func:`_suspects`), only those texts are searched."""
    if isinstance(value, str):
        if len(value) > WINDOW and isinstance(patterns, tuple):  # shown in many places: masked once
            return _masked_long(value, patterns) if suspects is None or value in suspects else value
        return mask_identifiers(value, patterns) if suspects is None or value in suspects else value
    if isinstance(value, dict):
        return {_mask_data(k, patterns, suspects): _mask_data(v, patterns, suspects) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_mask_data(v, patterns, suspects) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        if is_bsn_int(value):
            return mask_bsn(str(value))
        if patterns and (suspects is None or str(value) in suspects):
            text = str(value)
            masked = mask_identifiers(text, patterns)
            if masked != text:
                return masked  # shown as masked text: a patient number written without quotes
    return value


@functools.lru_cache(maxsize=64)
def _masked_long(text: str, patterns: tuple) -> str:
    """:func:`mask_identifiers` of a text longer than :data:`WINDOW`, kept for the next part of a
    document that shows it."""
    return mask_identifiers(text, patterns)


def mask_finding(finding, patterns: Iterable[PhiPattern] = ()):
    """The finding with identifiers masked in its message, hint, data, file and app."""
    patterns = tuple(patterns)
    changes = {}
    for name in ("message", "hint", "file", "app"):
        value = getattr(finding, name)
        masked = mask_identifiers(value, patterns)
        if masked != value:
            changes[name] = masked
    if finding.data:
        data = _mask_data(finding.data, patterns)
        if data != finding.data:
            changes["data"] = data
    return dataclasses.replace(finding, **changes) if changes else finding


def mask_findings(findings: Iterable, policy: dict | None = None) -> list:
    """Apply :func:`mask_finding` to each finding, with the usable phi patterns of ``policy``."""
    patterns = patterns_of(policy)
    return [mask_finding(f, patterns) for f in findings]


def patterns_of(policy: dict | None) -> list[PhiPattern]:
    """The phi patterns to mask with under a (merged) policy: its usable ones,
    :data:`LONG_NUMBER` when the hospital's patterns cannot all be known (:func:`patterns_unknown`),
    and e-mail addresses outside the hospital's domains (:func:`foreign_email_pattern`, with the
    domains PRV003 allows: :data:`EMAIL_DOMAINS`), every address (but a reserved example one)
    when raio.yaml could not be read or names none of the hospital's domains (raio cannot tell
    a colleague from a patient then). For what raio prints; the rules report matches of the
    usable ones only (:func:`compile_patterns`)."""
    if not isinstance(policy, dict):
        return []
    usable = compile_patterns(policy.get("phi_patterns"))[0]
    masks = usable + [LONG_NUMBER] if patterns_unknown(policy, usable) else usable
    if policy.get(UNREAD):  # the hospital's domains are unknown too: every address is masked
        return masks + [foreign_email_pattern(())]
    domains = policy.get(EMAIL_DOMAINS)
    domains = allowed_domains(policy, {}) if not isinstance(domains, (list, tuple)) else domains
    return masks + [foreign_email_pattern(tuple(domains))]  # none known: every address (PRV009 says so)


#: The key a merged policy carries with the e-mail domains PRV003 allows (:func:`allowed_domains`
#: of the policy and raio.yaml's people), set where raio.yaml is read: an address at another
#: domain is masked in whatever raio prints.
EMAIL_DOMAINS = "_raio_email_domains"


@functools.lru_cache(maxsize=32)
def foreign_email_pattern(domains: tuple) -> PhiPattern:
    """A pattern for the e-mail addresses :func:`find_emails` finds whose domain is none of
    ``domains`` (nor a subdomain of one, nor a reserved example domain): what PRV003 reports,
    masked as it shows them (``j***@gmail.com``); the hospital's own addresses stay whole. It
    matches a little more than find_emails does (an address followed by ``.x`` or ``-x``, and a
    local part longer than 64 characters whole), never less. A search with it is linear: a local
    part is tried only where a run of the characters it may hold starts, and the labels of the
    domain are separated by dots, so no two repeats can trade characters."""
    ok = "|".join(re.escape(d.strip().lower().lstrip("@").rstrip(".")) for d in (*domains, *_RESERVED_DOMAINS)
                  if d.strip().lstrip("@").rstrip("."))
    return PhiPattern(-2, "e-mail address", re.compile(
        r"(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@"  # the whole run before the '@': tried once per run
        rf"(?!(?i:(?:[A-Za-z0-9-]+\.)*(?:{ok}))(?![A-Za-z0-9-]|\.[A-Za-z0-9]))"
        r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![A-Za-z0-9])"), email=True)


#: The key a merged policy carries when raio.yaml could not be read (a YAML error, a link
#: outside the portfolio, no mapping): its phi_patterns are unknown.
UNREAD = "_raio_yaml_unread"


def patterns_unknown(policy: dict, usable: list | None = None) -> bool:
    """Whether some of the hospital's patient-number patterns are unknown under ``policy``:
    raio.yaml could not be read (:data:`UNREAD`), ``phi_patterns`` is no list, or an entry of it
    is no usable pattern (PRV004 and the schema report those)."""
    if policy.get(UNREAD):
        return True
    entries = policy.get("phi_patterns")
    if entries is None:
        return False
    if not isinstance(entries, list):
        return True
    return len(compile_patterns(entries)[0] if usable is None else usable) < len(entries)


#: What is masked where the hospital's own patterns are unknown (raio.yaml unreadable, a pattern
#: refused, no portfolio at all): a run of seven or more digits, the length of most hospitals'
#: patient and accession numbers, letters glued to it or not (``Z1234567``, ``ACC12345678``),
#: except in the middle of a hexadecimal code, where hexadecimal letters or digits stand on both
#: sides (a commit hash, which must stay whole for its link), nor a compact date
#: (``20261201``, :func:`_no_dates`). Masked in what raio prints, never reported: only a
#: hospital's own pattern says what a patient number is.
LONG_NUMBER = PhiPattern(-1, "long number", re.compile(
    r"(?<![0-9])(?:(?<![A-Fa-f])[0-9]{7,}|[0-9]{7,}(?![0-9A-Fa-f]))(?![0-9])"))
