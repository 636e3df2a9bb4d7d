"""Soft hyphens (U+00AD) in long words, for narrow cells such as the compliance matrix's
column headers.

Why: a browser hyphenates with ``hyphens: auto`` only where it has a dictionary for the
document's ``lang``; Chromium on Linux and headless printing have none, so a long Dutch
compound ("lichaamssamenstellingsanalyse") was broken mid-word with no hyphen by
``overflow-wrap: anywhere``, and typst could not break "spoedeisendehulpröntgenfoto's" at all,
which then ran into the next column. A soft hyphen is invisible unless the line breaks there,
where it shows as a hyphen, in every browser, in Word and in typst.

Where: between syllables, as LibreOffice's hyphenation dictionaries have them (``nl_NL`` for
Dutch, ``en_GB`` for English), read by pyphen, the library WeasyPrint hyphenates with: Dutch
compounds break at their joints and syllables (li-chaams-sa-men-stel-ling, spoed-ei-sen-de),
which rules of thumb got wrong. Only words of ``MIN_WORD`` letters or more get them, never
within the first two or last three letters, never in words with digits or capitals after the
first letter (PI-RADS, CT), nor in words longer than ``MAX_WORD``. The dictionary is read the first time a long word needs it.
"""

from __future__ import annotations

import functools
import re

SOFT_HYPHEN = "\u00ad"
MIN_WORD = 10
#: Longer words get none: no real word is this long (Dutch compounds stay well under 60 letters),
#: and pyphen over a hostile name of a megabyte took seconds and a hundred megabytes.
MAX_WORD = 100
_HEAD, _TAIL = 2, 3
#: raio's languages -> pyphen's dictionary
_DICTIONARIES = {"nl": "nl_NL", "en": "en_GB"}
_WORD = re.compile(r"[^\W\d_]+")
_VOWEL = re.compile(r"[aeiouyáàâäéèêëíìîïóòôöúùûü]", re.I)


def soft_hyphens(text: object, lang: str = "nl") -> str:
    """``text`` with soft hyphens at syllable breaks in its long words (see the module doc)."""
    if text is None:
        return ""
    text = str(text)
    if not any(MIN_WORD <= len(m) <= MAX_WORD for m in _WORD.findall(text)):
        return text  # nothing to break: the dictionary is not read
    dictionary = _dictionary(lang)
    return _WORD.sub(lambda m: _word(m.group(0), dictionary), text)


@functools.lru_cache(maxsize=None)
def _dictionary(lang: str):
    import pyphen

    return pyphen.Pyphen(lang=_DICTIONARIES.get(lang, _DICTIONARIES["nl"]), left=_HEAD, right=_TAIL)


def _word(word: str, dictionary) -> str:
    if not MIN_WORD <= len(word) <= MAX_WORD or any(c.isupper() for c in word[1:]):
        return word
    pieces, last = [], 0
    for at in [int(p) for p in dictionary.positions(word)] + [len(word)]:
        piece = word[last:at]
        if pieces and not _VOWEL.search(pieces[-1]):
            pieces[-1] += piece  # a syllable without a vowel is no syllable (the patterns' sar-c-ope-nie)
        else:
            pieces.append(piece)
        last = at
    return SOFT_HYPHEN.join(pieces)
