"""Soft hyphens (U+00AD) in long words, for narrow cells such as the compliance matrix's
column headers.

Why: a browser hyphenates with ``hyphens: auto`` only where it has a dictionary for the
document's ``lang``; Chromium on Linux and headless printing have none, so a long Dutch
compound ("lichaamssamenstellingsanalyse") was broken mid-word with no hyphen by
``overflow-wrap: anywhere``, and typst could not break "spoedeisendehulpröntgenfoto's" at all,
which then ran into the next column. A soft hyphen is invisible unless the line breaks there,
where it shows as a hyphen, in every browser, in Word and in typst.

Where: between syllables, by the spelling rules Dutch and English share for the common case
(no dictionary): one consonant between two vowels goes to the next syllable (be-pa-ling);
of two or more, the last goes, or the last two when they can start a syllable
(samen-stelling, con-clu-sie, ver-slag); ``ch``, ``sch``, ``ph``, ``th``, ``ck`` count as one
consonant; a run of vowels is split into the vowel sounds of the language (aa, ie, oe, ij, eeu
...; in English also ea, ai, oa) and broken between them (di-o, be-oor). Only words of ``MIN_WORD`` letters or more
get them, never within the first two or last three letters, never in words with digits or
capitals after the first letter (PI-RADS, CT). A wrong guess costs a break at an odd syllable
with a hyphen, never a break without one.
"""

from __future__ import annotations

import re

SOFT_HYPHEN = "\u00ad"
MIN_WORD = 10
_HEAD, _TAIL = 2, 3
_VOWELS = set("aeiouyáàâäéèêëíìîïóòôöúùûü")
_UNITS = ("sch", "ch", "ph", "th", "ck")
_ONSETS = {"bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "kl", "kn", "kr", "pl", "pr",
           "sc", "sk", "sl", "sm", "sn", "sp", "st", "tr", "vl", "vr", "wr", "schr"}
_NUCLEI = {"nl": ("aai", "ooi", "oei", "eeu", "ieu", "aa", "ee", "oo", "uu", "ie", "oe", "eu", "ui",
                  "ou", "au", "ei", "ij"),
           "en": ("eau", "aa", "ee", "oo", "ie", "oe", "eu", "ui", "ou", "au", "ei", "ea", "ai", "oa",
                  "ay", "ey", "oy", "ue")}
_WORD = re.compile(r"[^\W\d_]+")


def soft_hyphens(text: object, lang: str = "nl") -> str:
    """``text`` with soft hyphens at syllable breaks in its long words (see the module doc)."""
    if text is None:
        return ""
    nuclei = _NUCLEI.get(lang, _NUCLEI["nl"])
    return _WORD.sub(lambda m: _word(m.group(0), nuclei), str(text))


def _word(word: str, nuclei: tuple[str, ...]) -> str:
    if len(word) < MIN_WORD or any(c.isupper() for c in word[1:]):
        return word
    breaks = _breaks(word.lower(), nuclei)
    if not breaks:
        return word
    out, last = [], 0
    for b in breaks:
        out.append(word[last:b])
        last = b
    out.append(word[last:])
    return SOFT_HYPHEN.join(out)


def _units(word: str, nuclei: tuple[str, ...]) -> list[tuple[int, str, bool]]:
    """(start, letters, is_vowel) per sound unit: a vowel sound (with the j of ij) or a consonant
    (with ch, sch, ph, th, ck as one)."""
    units: list[tuple[int, str, bool]] = []
    i = 0
    while i < len(word):
        ch = word[i]
        if ch in _VOWELS or (ch == "j" and i > 0 and word[i - 1] == "i" and units and units[-1][2]):
            if units and units[-1][2]:
                start, letters, _ = units[-1]
                units[-1] = (start, letters + ch, True)
            else:
                units.append((i, ch, True))
            i += 1
            continue
        for unit in _UNITS:
            if word.startswith(unit, i):
                units.append((i, unit, False))
                i += len(unit)
                break
        else:
            units.append((i, ch, False))
            i += 1
    return [piece for unit in units for piece in (_split_vowels(unit, nuclei) if unit[2] else [unit])]


def _split_vowels(unit: tuple[int, str, bool], nuclei: tuple[str, ...]) -> list[tuple[int, str, bool]]:
    start, letters, _ = unit
    pieces, i = [], 0
    while i < len(letters):
        size = next((len(n) for n in nuclei if letters.startswith(n, i)), 1)
        pieces.append((start + i, letters[i:i + size], True))
        i += size
    return pieces


def _breaks(word: str, nuclei: tuple[str, ...]) -> list[int]:
    units = _units(word, nuclei)
    vowels = [k for k, u in enumerate(units) if u[2]]
    breaks = []
    for a, b in zip(vowels, vowels[1:]):
        cluster = units[a + 1:b]
        if not cluster:
            cut = units[b][0]
        elif len(cluster) == 1:
            cut = cluster[0][0]
        else:
            last_two = cluster[-2][1] + cluster[-1][1]
            cut = cluster[-2][0] if last_two in _ONSETS and len(cluster) > 2 else cluster[-1][0]
            if len(cluster) == 2 and last_two in _ONSETS:
                cut = cluster[0][0]
        if _HEAD <= cut <= len(word) - _TAIL:
            breaks.append(cut)
    return breaks
