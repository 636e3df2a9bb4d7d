"""Fixed texts, dates and numbers in the memo's language (nl or en).

Every fixed text of a memo comes from ``strings.yaml`` next to this module: one mapping per
language with the same keys, so a missing translation is a test failure, not a surprise in front
of the board. Enumerations (stages, verdicts, effect kinds ...) are sub-mappings that
:meth:`Text.label` looks up. Dates are written the way each language writes them
("15 november 2026" / "15 November 2026"), numbers with the language's decimal and thousands
separators ("93,4" / "93.4", "14.200" / "14,200").
"""

from __future__ import annotations

import copy
import functools
import math
import re
from pathlib import Path
from typing import Any

from raio_cli.values import as_date as _as_date

LANGS = ("nl", "en")
_FILE = Path(__file__).resolve().with_name("strings.yaml")


@functools.lru_cache(maxsize=None)
def _load() -> dict:
    from raio_cli.resources import load_yaml

    return load_yaml(_FILE)


def strings(lang: str) -> dict:
    """All fixed texts of ``lang`` (a copy: changing it never changes the catalog)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use nl or en")
    return copy.deepcopy(_load()[lang])


@functools.lru_cache(maxsize=None)
def _role_slugs() -> dict[str, str]:
    """A role's label in every language (lower case) -> its slug: "klinisch fysicus" -> clinical-physicist."""
    return {str(label).lower(): slug for lang in LANGS for slug, label in (_load()[lang].get("role") or {}).items()}


class Text:
    """The fixed texts of one language: ``t("key", n=3)`` and ``t.label("stage", "pilot")``."""

    def __init__(self, lang: str):
        self.lang = lang
        self.s = strings(lang)

    def __call__(self, key: str, **values: Any) -> str:
        text = self.s[key]
        return fill(text, values) if values else text

    def label(self, group: str, value: Any) -> str:
        """The translation of an enumeration value; the value itself when it has none."""
        if value is None or value == "":
            return self.s["absent"]
        return str(self.s.get(group, {}).get(str(value), value))

    def role(self, value: Any) -> str:
        """An owner as a board reads it: a known role slug (``clinical-physicist``, ``raio``,
        any case), or its label in any language ("klinisch fysicus"), becomes its label in this
        language (strings.yaml ``role``), so one role is one owner whichever way the dossier and
        the catalog write it; anything else, a name or a role the hospital wrote in its own
        words, stays as written."""
        text = " ".join(str(value).split()) if value is not None else ""
        if not text:
            return self.s["absent"]
        roles = self.s.get("role", {})
        slug = text.lower() if text.lower() in roles else _role_slugs().get(text.lower())
        return str(roles.get(slug, text)) if slug else text

    def plural(self, key: str, n: int, **values: Any) -> str:
        """``key_one`` or ``key_many`` for a count ``n``."""
        return self(f"{key}_one" if n == 1 else f"{key}_many", n=n, **values)

    # numbers and dates in this language
    def date(self, value: Any) -> str:
        return format_date(value, self.lang) if _as_date(value) else self.s["absent"]

    def number(self, value: Any, max_decimals: int | None = None, keep_zeros: bool = False) -> str:
        return format_number(value, self.lang, max_decimals, keep_zeros) if _is_number(value) else self.s["absent"]

    def join(self, items: list[str]) -> str:
        return format_list(items, self.lang)

    def join_or(self, items: list[str]) -> str:
        """``a, b of c`` / ``a, b or c``."""
        return format_list(items, self.lang, self.s["or"])




def fill(template: str, values: dict[str, Any]) -> str:
    """``template.format(**values)``, but a value that ends a sentence with its own stop (a
    dossier's text quoted before the template's closing ".": "it read: {old}.") gets no second
    one: "it read: Done." rather than "it read: Done.."."""
    text = template.format(**values)
    if "}." not in template or not any(mark in text for mark in ("..", "!.", "?.", "….")):
        return text  # no value can have been followed by a second stop: the common case, fast
    import string

    out = []
    ends_sentence = False
    for literal, field, spec, conversion in string.Formatter().parse(template):
        if ends_sentence and literal.startswith(".") and not literal.startswith(".."):
            literal = literal[1:]
        out.append(literal)
        ends_sentence = False
        if field is not None:
            value = ("{" + field + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}").format(**values)
            ends_sentence = value.endswith((".", "!", "?", "…"))
            out.append(value)
    return "".join(out)


def _is_number(value: Any) -> bool:
    """A number that can be written out: an int of up to about 3,000 digits (math.isfinite
    overflows on a 310-digit one, and Python writes none of over 4,300), a finite float."""
    if isinstance(value, int):
        return not isinstance(value, bool) and value.bit_length() <= 10_000
    return isinstance(value, float) and math.isfinite(value)


def format_date(value: Any, lang: str) -> str:
    """``15 november 2026`` (nl) or ``15 November 2026`` (en); "" when not a date."""
    day = _as_date(value)
    if day is None:
        return ""
    month = _load()[lang]["months"][day.month - 1]
    return f"{day.day} {month} {day.year}"


def auto_decimals(value: float) -> int:
    """Decimals worth showing for a computed value (an interval bound, a computed proportion)."""
    size = abs(value)
    if size >= 10:
        return 1
    if size >= 1:
        return 2
    return 3


def format_number(value: Any, lang: str, max_decimals: int | None = None, keep_zeros: bool = False) -> str:
    """A number with the language's separators.

    Integers get thousands separators (``14.200`` / ``14,200``). Floats are shown as typed
    (``93.4`` stays one decimal) unless ``max_decimals`` rounds them; trailing zeros go unless
    ``keep_zeros`` (so both bounds of an interval show the same decimals: ``37,0–39,9``).
    """
    if not _is_number(value):
        return ""
    if isinstance(value, float) and value.is_integer() and max_decimals is None:
        value = int(value)
    if isinstance(value, int):
        text = f"{value:,}"
    else:
        if max_decimals is None:
            text = repr(value)
            if "e" in text or "E" in text:
                text = f"{value:.6f}"
        else:
            text = f"{value:.{max_decimals}f}"
        if "." in text and not (keep_zeros and max_decimals is not None):
            text = text.rstrip("0").rstrip(".")
        whole, _, frac = text.partition(".")
        sign = "-" if whole.startswith("-") else ""
        whole = f"{int(whole.lstrip('-') or 0):,}"
        text = f"{sign}{whole}" + (f".{frac}" if frac else "")
        if text in ("-0", "-0.0"):
            text = "0"
    if lang == "nl":
        text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return text.replace("-", "\u2212") if text.startswith("-") else text


def unbracketed(text: str) -> str:
    """A text to be written within brackets, with its own brackets made a comma, so a reader never
    meets brackets in brackets: "functionaris gegevensbescherming (FG)" reads "functionaris
    gegevensbescherming, FG" in "(…)"."""
    return re.sub(r"\s*\(([^()]*)\)", lambda m: f", {m.group(1).strip()}" if m.group(1).strip() else "", text).strip(", ")


def format_list(items: list[str], lang: str, word: str | None = None) -> str:
    """``a, b en c`` / ``a, b and c`` (``word`` instead of "and": "of" / "or")."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    word = word or _load()[lang]["and"]
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


#: Words whose full stop is an abbreviation's, not a sentence's end ("bijv. de pols", "dr. Jansen");
#: letters each with a stop ("e.g.", "o.a.", "d.w.z.", the initials "J." and "J.P.") are one too,
#: except a single letter that ends a sentence (:func:`_initial`).
_ABBREVIATIONS = frozenset({
    "etc", "ca", "vs", "dr", "prof", "bijv", "bv", "resp", "nr", "mr", "mw", "mevr", "dhr", "drs", "ir", "ing",
    "incl", "excl", "evt", "zgn", "vgl", "cf", "approx", "fig", "jr", "sr", "st", "mrs", "ms"})
_LETTERS_WITH_STOPS = re.compile(r"(?:[^\W\d_]\.)+")
#: Nouns a single letter names one of ("klasse B.", "type A.", "categorie C.", "MDR-klasse I."), in
#: Dutch and English: a letter after one is that class, no initial. A Dutch compound ends in one
#: ("risicoklasse", "bloedgroep").
_CLASS_NOUNS = (
    "klasse", "class", "type", "categorie", "category", "groep", "group", "fase", "phase", "graad", "grade",
    "stadium", "stage", "niveau", "level", "optie", "option", "variant", "versie", "version", "model", "serie",
    "series", "bijlage", "annex", "appendix", "sectie", "section", "deel", "part", "hoofdstuk", "chapter",
    "punt", "point", "plan", "lijst", "list", "label", "score", "vitamine", "vitamin", "scenario", "route")
#: Words a sentence opens with, capitalised, in Dutch and English: after a single letter with a
#: stop, one of them opens the next sentence ("klasse B. Het wordt ..."), unless a capital follows
#: it too ("A. De Smet", "J. Van Dijk": a surname).
_OPENERS = frozenset("""
    de het een dit dat deze die er hier daar daarna daarom daardoor dan ook toch nu zo maar en of want als omdat
    hoewel wanneer bij in op voor na met zonder door om tot uit van naar over onder tijdens volgens wij we zij ze
    hij ik u men alle elke geen veel sommige wat wie waar hoe waarom
    the a an this that these those it its there here then thus so but and or if as when while although because
    since after before on at for with without by from to of under during they he she i you all each every no
    not many some what who where how why also however moreover only most
""".split())


def _class_noun(word: str) -> bool:
    word = word.casefold().rsplit("-", 1)[-1]
    return any(word == noun or (len(noun) >= 4 and word.endswith(noun)) for noun in _CLASS_NOUNS)


def _initial(before: str, letter: str, after: str) -> bool:
    """Is the single ``letter`` with its stop (between ``before`` and ``after``) an initial before a
    surname ("J. de Vries", "A. Jansen", "J. P. Bakker") rather than a one-letter word that ends
    a sentence ("klasse B. Het wordt ...", "type A. The other ...")?"""
    words = after.split(" ", 2)
    following = words[0].lstrip("([{\"'‘“")
    if not following or not following[0].isupper():
        return True  # "J. de Vries", "J. van der Berg": a sentence opens with a capital
    if _LETTERS_WITH_STOPS.fullmatch(following):
        return True  # another initial: "J. P. Bakker"
    previous = before[: -len(letter)].rstrip().rsplit(" ", 1)[-1].strip("([{\"'‘“,;:")
    if previous and _class_noun(previous):
        return False
    third = words[1] if len(words) > 1 else ""
    return not (following.casefold() in _OPENERS and not third[:1].isupper())


def _ends_sentence(before: str, after: str = "") -> bool:
    """Does the text ``before`` white space (and ``after`` it) end a sentence? Not at an
    abbreviation or an initial."""
    if before.endswith(("!", "?")):
        return True
    word = before.rsplit(" ", 1)[-1].lstrip("([{\"'‘“")
    if _LETTERS_WITH_STOPS.fullmatch(word):
        return len(word) == 2 and not _initial(before, word, after)
    if word[:-1].casefold() in _ABBREVIATIONS:
        return False
    return not (word == "al." and before[:-len(word)].rstrip().endswith("et"))  # "et al." of a citation


def first_sentence(text: str) -> str:
    """The first sentence of a dossier's text, its white space made single, ending in a full stop.
    A full stop ends it only where it is no abbreviation's ("e.g.", "bijv.", "o.a.", "ca.", "dr.")
    nor an initial's ("J. de Vries", "A. Jansen"); a one-letter word ends one all the same
    ("klasse B. Het ..."); a decimal number has none before white space anyway."""
    text = " ".join(text.split())
    end = len(text)
    for match in re.finditer(r"(?<=[.!?]) ", text):
        if _ends_sentence(text[: match.start()], text[match.end():]):
            end = match.start()
            break
    sentence = text[:end]
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."


def format_money(amount: Any, currency: Any, lang: str) -> str:
    """``€ 24.000`` (nl) / ``€24,000`` (en); other currencies by their code."""
    if not _is_number(amount):
        return ""
    number = format_number(amount, lang, 2 if isinstance(amount, float) and not float(amount).is_integer() else None)
    code = currency if isinstance(currency, str) and currency else "EUR"
    symbol = {"EUR": "€", "USD": "$", "GBP": "£"}.get(code)
    if symbol is None:
        return f"{code} {number}"
    return f"{symbol} {number}" if lang == "nl" else f"{symbol}{number}"
