"""Privacy: no patient identifiers in the portfolio, and none shown in full.

Every key and value of raio.yaml and of every dossier file is scanned once per run (see
:mod:`raio_cli.privacy` for what counts as a BSN, a patient number or a foreign e-mail address);
the findings name the place and a masked form, never the identifier itself.
"""

from __future__ import annotations

import functools
import os
import re

from raio_cli import gitcmd, privacy, shellhint
from raio_cli.findings import Finding, Severity
from raio_cli.rules import rule, severity_of

_REMOVE = ("Remove it: a portfolio holds no patient data. It stays in the git history; ask your "
           "privacy officer (FG) whether the history must be rewritten.")
_PHI_PATTERNS = ("policy", "phi_patterns")


#: (raio.yaml as loaded, policy, scanner, its hits): the engine runs these rules application by
#: application (per_app=True), each time on a portfolio narrowed to one application; raio.yaml is
#: scanned once, however many applications.
_CONFIG_SCAN: list = [None]


def _scan(portfolio, ctx) -> list[tuple]:
    """All hits in the portfolio as ``(doc, app_id, hit)``, computed once per check run."""
    cached = getattr(ctx, "_privacy_hits", None)
    if cached is not None and cached[0] is portfolio:
        return cached[1]
    memo = _CONFIG_SCAN[0]
    if memo is not None and memo[0] is portfolio.config and memo[1] is ctx.policy:
        scanner, hits = memo[2], list(memo[3])
    else:
        scanner = privacy.Scanner.from_settings(ctx.policy, portfolio.settings)
        hits = []
        doc = portfolio.config
        if doc is not None and doc.data is not None:  # a pattern's own text is no patient number
            hits.extend((doc, "", hit) for hit in scanner.scan(doc.data, doc.coerced, skip=(_PHI_PATTERNS,)))
        _CONFIG_SCAN[0] = (portfolio.config, ctx.policy, scanner, tuple(hits))
    for app in portfolio.apps:
        for doc in app.docs.values():
            if doc.data is None:
                continue
            hits.extend((doc, app.id, hit) for hit in scanner.scan(doc.data, doc.coerced))
    ctx._privacy_hits = (portfolio, hits)
    return hits


def _finding(code, doc, app_id, hit, message, hint, **more) -> Finding:
    line, col = doc.where(hit.path, key=hit.key)
    return Finding(doc.file, line, col, code, severity_of(code), message, hint, app_id,
                   {"kind": hit.kind, "masked": hit.masked, "path": _path(hit), "key": hit.key,
                    "variant": "key" if hit.key else "value", **more})


def _path(hit) -> str:
    """Where ``hit`` is, masked: an e-mail address found in a key is that key, or part of the path."""
    place = privacy.human_path(hit.path)
    return privacy.mask_emails(place) if hit.kind == "email" else place


def _where(hit) -> str:
    place = _path(hit)
    return f"the key {place}" if hit.key else place


@rule("PRV001", "bsn", scope="portfolio", per_app=True)
def no_bsn(portfolio, ctx):
    """A number that passes the BSN check (elfproef) appears in the portfolio.

    What: Nine digits (also written 123 456 789, 123.456.789 or 1234.56.789, with no-break or
    thin spaces and en dashes too, as copied texts have them), in a text, a key or
    an unquoted number, that pass the elfproef of the Dutch citizen service number (BSN), in
    raio.yaml, any dossier file or an application's folder name. Letters glued to the number do
    not hide it (`patient123456782`, `x123456782`); digits glued to it do (a ten-digit number is
    no BSN). Not read as a BSN: a number whose glued letters and digits are all hexadecimal
    (0-9, a-f), because that is what commit hashes, git object ids and UUIDs are made of and
    their links must stay whole (so `3f123456782ab`, but also `abc123456782` or `bed123456782`,
    go unreported), and a Dutch VAT number (`NL123456782B01`). The finding shows only the last
    two digits, and every output of raio masks such a number the same way.
    Why: A portfolio is a governance record shared with the board, auditors and vendors, and its
    git history keeps everything forever. A BSN is a national identification number: the
    Uitvoeringswet AVG (Art 46, under GDPR Art 87) allows its use only to carry out the law that
    prescribes it or for purposes a law sets, and a governance record is neither. Next to what a
    dossier says about a patient it is health data (GDPR Art 9), and its disclosure can be a
    personal-data breach to notify (GDPR Art 33).
    Fix: Remove the number, also where it is part of a word or a folder name (`patient123456782`);
    describe cases without identifiers ("patient A, 64 years"). If the number is not a BSN (an
    order, certificate or version number that happens to pass the check), suppress the finding on
    its line with `# raio: ignore[PRV001] <what the number is>`. Ask the privacy officer whether
    the git history must be rewritten.
    Example: `baseline: "gemist bij de patiënt met BSN …"` with the number written out gives
    `baseline holds a number that passes the BSN check: *******33`.
    """
    for doc, app_id, hit in _scan(portfolio, ctx):
        if hit.kind == "bsn":
            yield _finding("PRV001", doc, app_id, hit,
                           f"{_where(hit)} holds a number that passes the BSN check: {hit.masked}", _REMOVE)
    for app in portfolio.apps:
        if privacy.find_bsns(app.id):
            yield Finding(app.rel, 0, 0, "PRV001", severity_of("PRV001"),
                          "the application's folder name holds a number that passes the BSN check",
                          "Rename the folder (git mv) to a name without numbers that identify a person.", app.id,
                          {"variant": "folder"})


@rule("PRV002", "patient-number", scope="portfolio", per_app=True)
def no_patient_numbers(portfolio, ctx):
    """A value matches one of the hospital's patient-number patterns.

    What: A text or key that matches a pattern of raio.yaml `policy.phi_patterns` (for example
    the hospital's patient numbers or accession numbers). A pattern describes one identifier:
    its anchors (`^`, `$`, `\\A`, `\\Z`) stand for the edges of the identifier, where no letter
    or digit is glued to it, not for those of the whole text, so `^Z\\d{7}$` finds the number in
    `called Z1234567 back` as well as in a value that holds only it (and in comments, PRV008,
    and file names, PRV006, alike). A `\\b` stands for such an edge too, and an underscore is
    one: `\\bNZ\\d{7}\\b` finds `scan_NZ1234567.pdf`, which Python's own `\\b` misses.
    Digits inside a hexadecimal code are no match, so an unanchored
    `\\d{7}` does not report one: a run of more than 32 hexadecimal characters (a full commit
    hash such as one in `policy.accepted_history`, a checksum), a shorter one with hexadecimal
    letters on both sides of the match (a short commit hash, `a3f1234567b`), a UUID. Glued to
    another letter (`patient1234567`) or to a code on one side only (`ACC12345678`), it matches.
    The finding names the pattern and shows at most the last two characters of the match.
    Why: A patient number identifies a person as surely as a name does in the hospital's own
    systems; the portfolio and its git history must hold none.
    Fix: Remove the number. If the match is not a patient number, tighten the pattern in
    raio.yaml or suppress the finding on its line with `# raio: ignore[PRV002] <reason>`.
    """
    for doc, app_id, hit in _scan(portfolio, ctx):
        if hit.kind == "phi":
            yield _finding("PRV002", doc, app_id, hit,
                           f"{_where(hit)} holds a {privacy.mask_identifiers(hit.name)}: {hit.masked}", _REMOVE,
                           name=privacy.mask_identifiers(hit.name))


@rule("PRV003", "foreign-email", severity="warning", scope="portfolio", per_app=True)
def no_foreign_email(portfolio, ctx):
    """An e-mail address outside the organisation's domains appears in the portfolio.

    What: An e-mail address whose domain is not in raio.yaml `policy.allowed_email_domains` (or,
    when that list is empty or holds no usable domain, PRV010, not the domain of one of the
    `people` in raio.yaml), in a key or
    value of raio.yaml or a dossier file, or where no key or value shows it: in a YAML comment
    (`# patient jan.jansen@gmail.com called`, reported by its line), in a value raio drops (a
    tagged value such as `!note`, a duplicate key's first value) or in a file that is no
    readable YAML, as PRV005 and PRV008 report a BSN or a patient number there. Subdomains of an
    allowed domain and reserved example domains (example.com, *.example, *.test) are accepted.
    When neither list gives a domain, raio cannot tell colleagues from patients: it reports no
    e-mail address, masks every one in what it prints and says so once (PRV009). The finding
    shows the first letter and the domain only (`j***@gmail.com`), and every output of raio
    (other findings, memo, report, status, export, monitor) masks such an address the same way;
    addresses at the allowed domains are shown whole.
    Why: An address at gmail.com or hotmail.com in a dossier is often a patient's or a private
    address, which is personal data that does not belong in a governance record.
    Fix: Refer to people by role and to vendors by company (also in comments, which are
    committed to git like the values); if the domain is one of your own organisation's or a
    known partner's, add it to `policy.allowed_email_domains`. An address in a comment stays in
    the git history until that is rewritten: tell the privacy officer (FG).
    """
    for doc, app_id, hit in _scan(portfolio, ctx):
        if hit.kind == "email":
            yield _finding("PRV003", doc, app_id, hit,
                           f"{_where(hit)} holds the e-mail address {hit.masked}, outside the allowed domains",
                           f"Name people by role; if {hit.name} is your organisation's, add it to policy.allowed_email_domains in raio.yaml.")
    allowed = privacy.allowed_domains(ctx.policy, portfolio.settings)
    if not allowed:
        return  # no domain known: none is reported (PRV009)
    for doc, app_id in _texts(portfolio):
        for line, col, masked, where, domain in _unread_emails(doc, tuple(allowed), remember=not app_id):
            yield Finding(doc.file, line, col, "PRV003", severity_of("PRV003"),
                          f"line {line}: {where} holds the e-mail address {masked}, outside the allowed domains",
                          ("Edit it so that it holds no address; " if where == "a comment" else "Remove it; ")
                          + f"if {domain} is your organisation's, add it to policy.allowed_email_domains in raio.yaml. "
                          + _HISTORY.replace("The number", "The address"), app_id,
                          {"kind": "email", "masked": masked, "where": where, "line": str(line),
                           **_unread_variant(where)})


@rule("PRV009", "email-domains-unknown", severity=Severity.INFO, scope="portfolio", per_app=True)
def email_domains_known(portfolio, ctx):
    """raio.yaml names none of the hospital's e-mail domains, and the portfolio holds e-mail addresses.

    What: raio.yaml has no `policy.allowed_email_domains` (or an empty list, or one whose
    entries are no domains, PRV010) and none of its
    `people` has an `email`, while raio.yaml or a dossier file holds an e-mail address (in a
    key, a value or a comment; at a domain other than a reserved example one such as
    example.com or *.example). The finding points at raio.yaml, once.
    Why: Without the hospital's own domains raio cannot tell a colleague's address from a
    patient's: PRV003 reports none (not in values, not in comments), and every output of raio (check, memo, report, status,
    export, monitor, the re-check cache) masks every address (`j***@gmail.com`), the hospital's
    own included, rather than print a patient's in full.
    Fix: List your organisation's e-mail domains (and those of partners whose addresses may
    appear) in raio.yaml, e.g. `policy: {allowed_email_domains: [noorderzon.nl]}`, or give the
    people in raio.yaml their e-mail address. Addresses at those domains are then shown whole,
    and PRV003 reports the others.
    """
    config = portfolio.config
    if config is None or not isinstance(config.data, dict):  # unreadable: the loader reports it
        return
    if privacy.allowed_domains(ctx.policy, portfolio.settings):
        return
    docs = [config] + [doc for app in portfolio.apps for doc in app.docs.values()]
    if not any(_holds_address(doc) for doc in docs):
        return
    policy = config.data.get("policy")
    path = ("policy", "allowed_email_domains") if isinstance(policy, dict) and "allowed_email_domains" in policy \
        else ("policy",) if isinstance(policy, dict) else None
    line, col = config.where(path) if path else (0, 0)
    listed = isinstance(policy, dict) and isinstance(policy.get("allowed_email_domains"), list) \
        and any(str(e).strip() for e in policy["allowed_email_domains"] if e is not None)
    names = "no usable e-mail domain of the hospital (PRV010 says why for each entry)" if listed \
        else "none of the hospital's e-mail domains"
    yield Finding(config.file, line, col, "PRV009", severity_of("PRV009"),
                  f"raio.yaml names {names}, so raio cannot tell a colleague's address "
                  "from a patient's: every e-mail address is masked in what raio prints, and none is checked (PRV003)",
                  "Add your organisation's domains to policy.allowed_email_domains in raio.yaml "
                  "(e.g. allowed_email_domains: [hospital.nl]), or give the people in raio.yaml their e-mail address.",
                  "")


@rule("PRV010", "bad-email-domain", scope="portfolio")
def usable_email_domains(portfolio, ctx):
    """An entry of raio.yaml `policy.allowed_email_domains` is no e-mail domain.

    What: An entry of `policy.allowed_email_domains` that is not a domain as it stands after
    the '@' of an address: an address (`jan@hospital.nl`), a name without a dot (`hospital`,
    or a top-level domain such as `nl`), two domains in one entry (`hospital.nl, umcg.nl`), a
    space, or characters no domain has (write an internationalised domain in its `xn--` form).
    An empty entry names no domain and is not used. A leading '@' (`@hospital.nl`) and a
    trailing dot (`hospital.nl.`) say the same domain: raio reads them as meant (hospital.nl),
    as `raio init --email-domain` does, and says so. The finding is at the entry's line and
    quotes it masked (an identifier or an e-mail address in it is never shown whole).
    Why: As written such an entry matches no address, or, for a top-level domain such as `nl`
    or `com`, every address under it, a patient's private one included, which would then go
    unreported and be printed whole. raio does not use it: the domain meant is not allowed, so
    the hospital's own addresses are reported as foreign (PRV003) or, with no usable entry,
    all masked (PRV009), and this finding says why.
    An empty entry is often what is left of a domain deleted, or one meant and never written.
    Fix: Give each domain as an entry of its own, as it stands after the '@' of an address:
    `allowed_email_domains: [hospital.nl, umcg.nl]`. Subdomains (`mail.hospital.nl`) need no
    entry of their own. Remove an empty entry, or write the domain meant in it.
    Severity: a warning instead for an empty entry, and for one raio reads as meant (a leading
    '@', a trailing dot), which is used.
    Example: `allowed_email_domains: [a.devries@hospital.nl]` gives `policy.allowed_email_domains:
    'a***@hospital.nl' is not an e-mail domain and is not used: it holds '@': give the domain
    only, the part after the '@'; for the addresses at hospital.nl, give hospital.nl`.
    """
    config = portfolio.config
    policy = config.data.get("policy") if config is not None and isinstance(config.data, dict) else None
    listed = policy.get("allowed_email_domains") if isinstance(policy, dict) else None
    if not isinstance(listed, list):  # absent, or no list (the schema's finding)
        return
    patterns = _patterns(ctx)
    for index, entry in enumerate(listed):
        if not isinstance(entry, str):  # no text: the schema's
            continue
        line, col = config.where(("policy", "allowed_email_domains", index))
        if not entry.strip():
            yield Finding(config.file, line, col, "PRV010", Severity.WARNING,
                          "policy.allowed_email_domains: an entry is empty, names no domain and is not used",
                          "Remove the empty entry, or write the domain meant in it, e.g. hospital.nl.",
                          "", {"variant": "empty"})
            continue
        domain = privacy.listed_domain(entry)
        problem = privacy.domain_problem(domain or entry)  # '@' or '.' alone: as written
        if problem is None:
            if domain != entry.strip().lower():  # a leading '@' or a trailing dot: read as meant
                shown = privacy.mask_identifiers(privacy.clip(entry.strip(), 80), patterns)
                yield Finding(config.file, line, col, "PRV010", Severity.WARNING,
                              f"policy.allowed_email_domains: '{shown}' is read as the domain {domain}",
                              f"Write {domain}, as it stands after the '@' of an address (raio init writes it so).",
                              "", {"entry": shown, "domain": domain, "variant": "read_as"})
            continue
        shown = privacy.mask_emails(privacy.mask_identifiers(privacy.clip(entry.strip(), 80), patterns))
        problem = privacy.mask_identifiers(problem, patterns)
        yield Finding(config.file, line, col, "PRV010", severity_of("PRV010"),
                      f"policy.allowed_email_domains: '{shown}' is not an e-mail domain and is not used: {problem}",
                      "Give each domain as an entry of its own, as it stands after the '@' of an address, "
                      "e.g. allowed_email_domains: [hospital.nl, umcg.nl].",
                      "", {"entry": shown, "detail": problem})

def _holds_address(doc) -> bool:
    """Whether the text of ``doc`` (its keys, values and comments) holds an e-mail address at a
    domain that is not a reserved example one."""
    raw = getattr(doc, "raw", b"")
    if b"@" not in raw:
        return False
    text = raw.decode("utf-8", "replace")
    return any(not privacy.email_domain_allowed(d, ()) for _s, _e, d in privacy.find_emails(text))


@rule("PRV004", "bad-phi-pattern", scope="portfolio")
def usable_patterns(portfolio, ctx):
    """A patient-number pattern in raio.yaml cannot be used.

    What: An entry of `policy.phi_patterns` whose `regex` does not compile as a Python regular
    expression, holds a backspace (`"\\bNZ[0-9]{7}\\b"` in double quotes, where YAML reads `\\b` as a
    backspace, not as the word edge: it would match no patient number), matches empty text (also where only a word's edge or a lookaround allows it:
    `\\b` or `(?=\\d{7})` alone, whose matches, all empty, raio drops, so it finds nothing), is
    longer than 500 characters, repeats a part of varying
    length (such as `(\\d+)+` or `(a|aa)+`), which can make matching take exponential time (a
    choice whose alternatives each have one length and begin with different letters, such as
    `(?:ab|cd)*`, is no such part: the text tells which one matches), or has parts of
    varying length that can trade characters: two parts that can match the same character
    follow each other with nothing required between them that the first cannot match, and
    at least one has no upper bound (`*`, `+`, `{n,}`) or both are wide (more than 100
    combinations of lengths), as in `a*a*`, `\\d+\\s*\\d+`, `.*x.*` or `a{1,100}a{1,100}`. The
    text they share can be split between them in so many ways that a failing search takes
    polynomial time: `a*a*a*a*a*a*a*a*b` ran for minutes on one value of 5,000 letters. An
    optional part between them does not tell them apart: in `\\s*:?\\s*` without the colon the
    two `\\s*` share the blanks, and `\\bpatient\\s*:?\\s*\\d{7}` took 1.2 s on 'patient'
    followed by 10,000 blanks and 23 s on 40,000 (quadratic), where `\\s*(?::\\s*)?` takes
    milliseconds. Also refused: choices (`a|b`) that can match the same text in more than 100
    ways together, such as `(?:aa|\\w\\w)` seven times in a row: each can match `aa` either way,
    and a failing search tries every combination (exponential time).
    Why: raio skips the pattern, so the patient numbers it should catch go unnoticed, and a
    runaway pattern would hang every check in CI.
    Fix: Write a short, fixed-shape pattern such as `\\bNZ-?\\d{7}\\b` or `\\b[A-Z]{2}\\d{6,8}\\b`, in
    single quotes in YAML. Let one part match each run of characters: `\\d+(?:\\s+\\d+)?` instead
    of `\\d+\\s*\\d+`, `\\s*(?::\\s*)?` instead of `\\s*:?\\s*` (the same matches); or make a part
    possessive (`a*+`) or atomic (`(?>a*)`) so that it never gives characters back. For a
    pattern with an optional part between two repeats of the same thing (`\\s*:?\\s*`,
    `[ ]*#?[ ]*`, `\\s+-?\\s*`), the finding's hint gives the whole pattern rewritten. Let the
    alternatives of a choice begin differently (`(?:NZ|ZN)`, not `(?:\\d\\d|1\\d)`).
    A pattern whose shortest match holds one to three characters (`a`, `[A-Z]`, `\\d{2}`,
    `\\bNZ\\d{7}\\b|\\d`) describes no patient number: write the whole number, e.g.
    `\\bNZ\\d{7}\\b` (NZ and seven digits), with `\\b` so that it does not match inside a longer
    word or number. Used, it would match parts of ordinary words and numbers everywhere:
    thousands of PRV002, PRV006 and PRV008 findings that bury the one that matters, and a mask
    over raio's own words and numbers that leaves the memo, the report and the status unreadable.
    Not used, like every pattern refused here: while one is refused, raio masks every long number
    (seven digits or more) in what it prints, so a patient number is not printed in full meanwhile.
    At most 100 patterns are used: each is sought in every text of every check, and a raio.yaml
    with a thousand made a check take half a minute. The ones after the 100th are one finding, at
    the 101st; a hospital has a few patient-number formats, and one pattern can hold the
    variants of one (`\\b(?:NZ|ZN)-?\\d{7}\\b`).
    """
    doc = portfolio.config
    if doc is None or not isinstance(doc.data, dict):
        return
    _usable, problems = privacy.compile_patterns(ctx.policy.get("phi_patterns"))
    raw = doc.data.get("policy", {}).get("phi_patterns") if isinstance(doc.data.get("policy"), dict) else None
    if not isinstance(raw, list):
        return  # the patterns come from the built-in defaults; nothing to point at
    for p in problems:
        line, col = doc.where(("policy", "phi_patterns", p.index, "regex"))
        yield Finding(doc.file, line, col, "PRV004", severity_of("PRV004"),
                      f"the patient-number pattern '{privacy.mask_identifiers(p.name)}' {p.message}; "
                      f"{'they are' if p.kind == 'many' else 'it is'} not used",
                      p.hint, "", {"name": privacy.mask_identifiers(p.name), "detail": p.message,
                                   **({"variant": p.kind} if p.kind else {}), **dict(p.values)})


# --- identifiers that no value shows: comments, dropped values, file names, the git history ---

_UNREAD: dict = {}  # (id(doc), what) -> (doc, its unread identifiers): raio.yaml is looked at once per run
#: The comment of a line (or what follows a '#' in a value: more than the comment, never less)
_TAIL = re.compile(r"#[^\n]*")


def _lf(text: str) -> str:
    """``text`` with each CR LF as LF. Nearly every file has no CR at all: looking for one is
    a tenth of the cost of replacing the pair in a text that has none (6,000 files a run)."""
    return text.replace("\r\n", "\n") if "\r" in text else text


def _memo(doc, what: str, compute) -> list:
    key = (id(doc), what)
    memo = _UNREAD.get(key)
    if memo is not None and memo[0] is doc:
        return memo[1]
    out = compute()
    if len(_UNREAD) > 64:
        _UNREAD.clear()
    _UNREAD[key] = (doc, out)
    return out


def _unread_bsns(doc) -> list[tuple[int, int, str, str]]:
    """The BSNs in ``doc``'s text that none of its keys or values shows, as ``(line, column,
    masked, where)``: in a comment, in a value raio drops (a tag such as ``!!binary``, a
    duplicate key's first value), or anywhere in a file that cannot be read as YAML. Only files
    whose text holds a BSN at all (``Loaded.bsn_text``, decided by one regex when the file is
    read) are looked at further."""
    text = getattr(doc, "bsn_text", None)
    if text is None:
        return []

    def compute():
        found = [(s, e, privacy.bsn_digits(text[s:e]), privacy.mask_bsn(text[s:e]), None) for s, e in privacy.find_bsns(text)]
        return [(line, col, masked, where) for line, col, masked, where, _ in _unshown(doc, text, found, _shown_bsns)]

    return _memo(doc, "bsn", compute)


def _shown_bsns(doc, counter) -> None:
    """Count the BSNs the keys and values of ``doc`` show (PRV001 reports them)."""
    for path, value, is_key in privacy.walk(doc.data):
        if isinstance(value, str):
            counter.update(privacy.bsn_digits(value[s:e]) for s, e in privacy.find_bsns(value))
        elif isinstance(value, int) and not isinstance(value, bool):
            source = doc.coerced.get(path, (None, None))[1] if not is_key else None
            source = source if isinstance(source, str) else str(value)
            if privacy.is_bsn_int(value, source):
                counter[privacy.bsn_digits(source)] += 1


def _unread_patterns(doc, patterns, remember: bool = False) -> list[tuple[int, int, str, str, str]]:
    """The matches of raio.yaml's ``phi_patterns`` in ``doc``'s text that none of its keys or
    values shows, as ``(line, column, masked, where, pattern name)``: the places of
    :func:`_unread_bsns`, for the hospital's own patient numbers (PRV008).

    Nothing is done without patterns. With them, a file that raio read whole (nearly every one)
    is searched only in its comments (each line from its first '#', joined: a few per cent of
    its text), and only a file with a match there, or one that raio read in part or not at all,
    is looked at further. ``remember``: keep the result for the next call with ``doc`` (raio.yaml,
    which every application's run looks at; a dossier file is looked at once, and keeping it
    would only keep it alive)."""
    if not patterns:
        return []
    raw = getattr(doc, "raw", b"")
    if not raw:
        return []

    def compute():
        try:
            text = doc.bsn_text or raw.decode("utf-8")
        except UnicodeDecodeError:
            return []
        # A line break is LF here, as in the values: '$' in a pattern then ends a line saved
        # with CR LF too (Windows, git's core.autocrlf), at the same line and column.
        text = _lf(text)
        from raio_cli import yamlio

        whole = doc.data is None or any(f.code in yamlio._DROPPING for f in doc.findings)
        if not whole:  # every text is in a key or value, which PRV002 scans, but the comments
            tails = "\n".join(_TAIL.findall(text)) if "#" in text else ""
            if not any(privacy.find_pattern(p.regex, text if _context(p) else tails) for p in patterns):
                return []
        found = []
        for p in patterns:
            for s, e in privacy.find_pattern(p.regex, text):
                if whole or "#" in text[yamlio.editor_line_start(text, s):s]:
                    found.append((s, e, text[s:e], privacy.mask(text[s:e]), p))
        found.sort(key=lambda f: (f[0], -f[1]))
        return [(line, col, masked, where, p.name)
                for line, col, masked, where, p in _unshown(doc, text, found, lambda d, c: _shown_matches(d, c, patterns))]

    return _memo(doc, "phi", compute) if remember else compute()


def _unread_emails(doc, allowed: tuple, remember: bool = False) -> list[tuple[int, int, str, str, str]]:
    """The e-mail addresses at none of the ``allowed`` domains (nor a reserved example one) in
    ``doc``'s text that none of its keys or values shows, as ``(line, column, masked, where,
    domain)``: the places of :func:`_unread_bsns`, for PRV003. Only a file whose text holds an
    '@' is read further."""
    raw = getattr(doc, "raw", b"")
    if not raw or b"@" not in raw:
        return []

    def compute():
        try:
            text = _lf(doc.bsn_text or raw.decode("utf-8"))
        except UnicodeDecodeError:
            return []
        from raio_cli import yamlio

        whole = doc.data is None or any(f.code in yamlio._DROPPING for f in doc.findings)
        found = [(s, e, text[s:e], privacy.mask_email(text[s:e]), domain) for s, e, domain in _foreign_emails(text, allowed)
                 if whole or "#" in text[yamlio.editor_line_start(text, s):s]]
        return _unshown(doc, text, found, lambda d, c: _shown_emails(d, c, allowed))

    return _memo(doc, ("email", allowed), compute) if remember else compute()


def _shown_emails(doc, counter, allowed: tuple) -> None:
    """Count the addresses at other domains that the keys and texts of ``doc`` show (PRV003's)."""
    for _path, value, _is_key in privacy.walk(doc.data):
        if isinstance(value, str) and "@" in value:
            counter.update(value[s:e] for s, e, _domain in _foreign_emails(value, allowed))


def _context(pattern) -> bool:
    """True when a match of ``pattern`` depends on what stands around it (anchors, lookarounds):
    it is searched in the whole text, not in the comments cut out of it."""
    return _context_regex(pattern.regex)


@functools.lru_cache(maxsize=64)
def _context_regex(regex: re.Pattern) -> bool:
    return privacy._sensitive(regex.pattern)


def _shown_matches(doc, counter, patterns) -> None:
    """Count the matches of ``patterns`` that the keys and texts of ``doc`` show (PRV002's)."""
    for _path, value, _is_key in privacy.walk(doc.data):
        if isinstance(value, str):
            for p in patterns:
                counter.update(value[s:e] for s, e in privacy.find_pattern(p.regex, value))


def _unshown(doc, text: str, found: list, shown_by) -> list[tuple[int, int, str, str, object]]:
    """Of ``found`` (``(start, end, what, masked, tag)`` in ``text``, in order), those that no key
    or value of ``doc`` shows, as ``(line, column, masked, where, tag)``. ``what`` tells two
    identifiers apart (a BSN's digits, a match's text); ``shown_by(doc, counter)`` counts the
    ones the keys and values show, for a value that holds one (PRV001's or PRV002's)."""
    if not found:
        return []
    from collections import Counter

    from raio_cli import yamlio

    shown: Counter = Counter()
    if doc.data is not None:
        shown_by(doc, shown)
    ranges = yamlio.scalar_ranges(text) if doc.data is not None else None
    out = []
    r = 0
    line, counted = 1, 0  # lines counted as the numbers come, in order: linear on a hostile file
    for s, e, what, masked, tag in found:
        line += yamlio.editor_breaks(text, counted, s)  # the editor's lines: a lone CR counts, a NEL does not
        counted = s
        line_start = yamlio.editor_line_start(text, s)
        col = s - line_start + 1
        if ranges is None:
            where = "text of a file raio cannot read as YAML"
        else:
            while r < len(ranges) and ranges[r][1] <= s:
                r += 1  # the scalars are leaves: they never overlap, and come in order
            inside = ranges[r] if r < len(ranges) and ranges[r][0] <= s and e <= ranges[r][1] else None
            if inside is not None and inside[2] is None and shown[what] > 0:
                shown[what] -= 1
                continue  # a value PRV001 or PRV002 reports
            if inside is not None and inside[2] is not None:
                kind = inside[2].replace(yamlio.TAG, "!!")
                where = f"a value raio does not read (tagged {privacy.mask_identifiers(privacy.clip(kind, 40))})"
            elif inside is not None:
                where = "a value raio does not read (a duplicate key's, a merge key's or one nested too deep)"
            elif "#" in text[line_start:s]:
                where = "a comment"
            else:
                where = "text outside any value (a tag, an anchor or a directive)"
        out.append((line, col, masked, where, tag))
    return out


@rule("PRV005", "bsn-in-comment", scope="portfolio", per_app=True)
def no_bsn_outside_values(portfolio, ctx):
    """A number that passes the BSN check stands in a comment or another part of a file that raio never shows.

    What: The text of raio.yaml or a dossier file holds a BSN (any form PRV001 recognises, also
    with no-break spaces or dashes) where no key or value shows it: in a YAML comment
    (`# patient 123456782 complained`), in a value raio drops (a tagged value such as
    `!!binary` or `!note`, whose text is read as written; the first value of a duplicate key),
    in an anchor or tag name, or anywhere in a file that is no readable YAML. Numbers that fail
    the elfproef, dates and phone numbers are not reported; a BSN that a value shows is PRV001's,
    and a match of a raio.yaml `phi_patterns` pattern in these places is PRV008's. The finding
    gives the line and the last two digits only.
    Why: raio never prints such a number, so nothing else points at it, yet it is committed to
    git with the file, shared with everyone who clones the portfolio and kept in its history: a
    BSN outside the law's purposes (Uitvoeringswet AVG Art 46) and, beside the dossier, health
    data (GDPR Art 9).
    Fix: Edit the comment (or remove the dropped value) so that it holds no identifier; describe
    the case without one ("patient A, 64 years"). If the number is not a BSN, say what it is on
    its line with `# raio: ignore[PRV005] <what the number is>`. The number stays in the git
    history until that is rewritten: tell the privacy officer (FG), who decides whether it must be.
    Example: `# patient 123456782 complained` on line 4 of problem.yaml gives
    `line 4: a comment holds a number that passes the BSN check: *******82`.
    """
    for doc, app_id in _texts(portfolio):
        for line, col, masked, where in _unread_bsns(doc):
            yield Finding(doc.file, line, col, "PRV005", severity_of("PRV005"),
                          f"line {line}: {where} holds a number that passes the BSN check: {masked}",
                          ("Edit it so that it holds no identifier. " if where == "a comment" else "Remove it. ")
                          + _HISTORY, app_id, {"kind": "bsn", "masked": masked, "where": where, "line": str(line),
                                               **_unread_variant(where)})


def _texts(portfolio):
    """``(doc, app_id)`` for raio.yaml (app_id "") and every dossier file: the files whose whole
    text PRV005 and PRV008 look at."""
    if portfolio.config is not None:
        yield portfolio.config, ""
    for app in portfolio.apps:
        for doc in list(app.docs.values()):  # as read before the caller looks at each
            yield doc, app.id


def _unread_variant(where: str) -> dict:
    """The variant of a PRV005 or PRV008 finding (with the tag it names), from the place :func:`_unshown` gives."""
    if where == "a comment":
        return {"variant": "comment"}
    if where.startswith("text of a file"):
        return {"variant": "unreadable"}
    if where.startswith("a value raio does not read (tagged "):
        return {"variant": "tagged", "tag": where[len("a value raio does not read (tagged "):-1]}
    if where.startswith("a value raio does not read"):
        return {"variant": "dropped"}
    return {"variant": "outside"}



@rule("PRV008", "patient-number-in-comment", scope="portfolio", per_app=True)
def no_patient_number_outside_values(portfolio, ctx):
    """A match of a patient-number pattern stands in a comment or another part of a file that raio never shows.

    What: The text of raio.yaml or a dossier file holds a match of a raio.yaml
    `policy.phi_patterns` pattern (the hospital's patient or accession numbers) where no key or
    value shows it: the places of PRV005, for those numbers. In a YAML comment
    (`# called NZ-1234567 back`), in a value raio drops (a tagged value such as `!note`, the
    first value of a duplicate key), in an anchor or tag name, or anywhere in a file that is no
    readable YAML. Text that does not match a pattern is not reported, and a match that a key
    or text value shows is PRV002's. A pattern's anchors (`^`, `$`, `\\A`, `\\Z`) stand for the
    edges of the identifier, as in a value: `^Z\\d{7}$` finds `Z1234567` in `# called Z1234567
    back` (but not in `XZ1234567`). The finding names the pattern and gives the line and the
    last two characters only. Without `phi_patterns` this rule looks at nothing.
    Why: raio never prints such a number, so nothing else points at it, yet it is committed to
    git with the file, shared with everyone who clones the portfolio and kept in its history. A
    patient number identifies a person in the hospital's own systems as surely as a name.
    Fix: Edit the comment (or remove the dropped value) so that it holds no identifier. If the
    match is not a patient number, tighten the pattern in raio.yaml or say what it is on its
    line with `# raio: ignore[PRV008] <what the number is>`. The number stays in the git history
    until that is rewritten: tell the privacy officer (FG), who decides whether it must be.
    Example: With the pattern `\\bNZ-?\\d{7}\\b` named "patient number", `# called NZ-1234567
    back` on line 4 of problem.yaml gives `line 4: a comment holds a patient number: *******67`.
    """
    patterns = _patterns(ctx)
    if not patterns:
        return
    for doc, app_id in _texts(portfolio):
        for line, col, masked, where, name in _unread_patterns(doc, patterns, remember=not app_id):
            shown = privacy.mask_identifiers(name)
            yield Finding(doc.file, line, col, "PRV008", severity_of("PRV008"),
                          f"line {line}: {where} holds a {shown}: {masked}",
                          ("Edit it so that it holds no identifier. " if where == "a comment" else "Remove it. ")
                          + _HISTORY, app_id, {"kind": "phi", "name": shown, "masked": masked, "where": where,
                                               "line": str(line), **_unread_variant(where)})


def _patterns(ctx) -> list:
    """The usable phi patterns of the run's policy, compiled (and vetted) once per run, not once
    per application: the scan's own scanner when it has been built."""
    memo = _CONFIG_SCAN[0]
    if memo is not None and memo[1] is ctx.policy:
        return memo[2].patterns
    if _PATTERNS[0] is None or _PATTERNS[0][0] is not ctx.policy:
        _PATTERNS[0] = (ctx.policy, privacy.compile_patterns(ctx.policy.get("phi_patterns"))[0])  # not masks
    return _PATTERNS[0][1]


_PATTERNS: list = [None]
_HISTORY = ("The number stays in the git history until that is rewritten: tell your privacy officer (FG), "
            "who decides whether it must be.")
#: Most entries listed in one application's folder (a folder of evidence has a few dozen).
MAX_LISTED = 10_000


def _names(app) -> list[str]:
    """The paths of every file and folder below the application's folder (relative to it, with
    '/'; a folder's ending in '/'), without following links; at most :data:`MAX_LISTED`. Its own listing is shared with
    IDN007 (``portfolio.folder_listing``)."""
    from raio_cli.portfolio import folder_listing

    out = []
    todo = [("", folder_listing(app))]
    while todo and len(out) < MAX_LISTED:
        rel, entries = todo.pop()
        for name, is_dir in entries:
            path = rel + name
            out.append(path + "/" if is_dir else path)
            if is_dir and name != ".git":
                try:
                    with os.scandir(os.path.join(app.dir, path)) as it:
                        todo.append((path + "/", [(e.name, e.is_dir(follow_symlinks=False)) for e in it]))
                except OSError:
                    continue
    return out[:MAX_LISTED]


@rule("PRV006", "bsn-in-file-name", scope="portfolio", per_app=True)
def no_identifier_in_file_names(portfolio, ctx):
    """A file or folder in an application's folder is named with a patient identifier.

    What: The name of a file or folder anywhere below an application's folder (an evidence file
    `evidence/123456782.pdf`, an extra `patient-123456782.yaml`, a folder `memos/123456782/`)
    holds a number that passes the BSN check, or a match of a raio.yaml `policy.phi_patterns`
    pattern. The application's own folder name is PRV001's. The finding names the file with the
    number masked.
    Why: File names are listed by git, by every file browser and in every clone; raio never shows
    them, so nothing else points at the number. A name is as identifying as content.
    Fix: Rename the file or folder (`git mv`) to a name without identifiers (`evidence/case-a.pdf`),
    and check that its content holds none either. The old name stays in the git history until
    that is rewritten: tell the privacy officer (FG), who decides whether it must be.
    """
    patterns = _patterns(ctx)
    for app in portfolio.apps:
        names = _names(app)
        joined = "\n".join(names)
        if not privacy.has_bsn(joined) and not any(privacy.find_pattern(p.regex, joined) for p in patterns):
            continue
        for path in names:
            folder = path.endswith("/")
            path = path.rstrip("/")
            name = path.rpartition("/")[2]
            what = ("a number that passes the BSN check" if privacy.find_bsns(name)
                    else next((f"a {privacy.mask_identifiers(p.name)}" for p in patterns if privacy.find_pattern(p.regex, name)), None))
            if what is None:
                continue
            shown = privacy.mask_identifiers(f"{app.rel}/{path}", patterns)
            yield Finding(shown, 0, 0, "PRV006", severity_of("PRV006"),
                          f"the name of {shown} holds {what}",
                          f"Rename it (git mv) to a name without identifiers. {_HISTORY}", app.id,
                          {"masked": shown, **({"variant": "bsn"} if what.startswith("a number") else
                                               {"variant": "phi", "name": what[2:]}),
                           **({"is_folder": True} if folder else {})})


@rule("PRV007", "identifier-in-git-history", scope="portfolio")
def no_identifier_in_history(portfolio, ctx):
    """A commit's message, its author, its committer or a file name it committed holds a patient identifier.

    What: In the git history of the portfolio's applications (the commits raio reads for the
    pre-registration checks, in the same single `git log`), a commit message (subject or body),
    an author's or a committer's name or e-mail address, or the path of a file a commit added,
    renamed or deleted holds a number that passes the BSN check or a match of a raio.yaml
    `policy.phi_patterns` pattern (`Fix problem.yaml for patient 123456782`). The finding names
    the commit (for a file name: every commit that added, changed, renamed or deleted a file
    under that name) and shows the last two characters of the identifier only. It is placed at the
    pattern's `regex` line in raio.yaml for a match of a pattern, and at the application's
    folder for a BSN (at raio.yaml when the commit touched several applications); no inline
    comment suppresses it, as one on the pattern's line would accept every commit to come. Commits that touched
    nothing under `applications/` are not read. `raio check applications/<id>` shows the
    findings of the commits that touched that application's folder (and of the file names
    committed in it); a check of the whole portfolio shows them all. A name that held an
    identifier is reported once, however many files were committed under it (a folder
    `applications/patient-123456782/`: one finding, not one per file), and not while the
    portfolio still holds it: PRV001 (an application's folder) and PRV006 (a file or folder in
    it) report it there, saying that the history keeps it.
    Why: A commit message, an author and every file name ever committed are copied to every
    clone and cannot be edited: they stay in the git history until it is rewritten, also after
    the file is renamed or the text corrected.
    Fix: This cannot be fixed by an edit. Tell the privacy officer (FG) and the CISO at once:
    they decide whether the history must be rewritten (`git filter-repo` with a message or path
    callback, then every clone replaced) and whether the exposure must be reported (GDPR Art 33).
    Until it is, no new commit can remove it. Write commit messages and file names without
    identifiers; give git your own name (`git config user.name`), not a patient's.
    Where the history cannot be rewritten (a shared repository) and the FG has reviewed the
    commit, accept it in raio.yaml: `policy.accepted_history: [{commit: <full hash, git
    rev-parse 1234abc>, reason: reported to the FG on 2026-01-08, ref. DL-2026-01}]`. PRV007 is
    then accepted (SUP002, with the reason) for exactly that commit, never for another one. A
    committed file name is accepted the same way, never by its path (raio.yaml would hold the
    identifier): the finding names the commits that committed the name and its hint gives their
    full hashes to paste; once each has an entry, it is accepted. A commit of the name that is
    not accepted (the name committed again later) reports it again.
    """
    h = ctx.history
    if h is None or not h.readable or not h.messages:
        return
    patterns = _patterns(ctx)
    messages, paths = h.messages, sorted(h.paths)
    texts = []
    for m in messages:  # (hash, author, e-mail, committer, committer's e-mail, subject, body, folders)
        texts.extend(m[1:3])
        texts.extend(c for c, a in ((m[3], m[1]), (m[4], m[2])) if c is not a)  # the author's, once
        texts.extend(m[5:7])
    texts.extend(paths)
    joined = "\n".join(texts)
    if not privacy.has_bsn(joined) and not any(privacy.find_pattern(p.regex, joined) for p in patterns):
        return

    def found(text: str) -> tuple[str, object] | None:  # (masked, the phi pattern that matched or None)
        spans = privacy.find_bsns(text)
        if spans:
            return privacy.mask_bsn(text[spans[0][0]:spans[0][1]]), None
        for p in patterns:
            spans = privacy.find_pattern(p.regex, text)
            if spans:
                return privacy.mask(text[spans[0][0]:spans[0][1]]), p
        return None

    def place(pattern, folders: tuple) -> tuple[str, int, int]:
        return _history_place(portfolio, pattern, folders)

    def current(folders: tuple) -> tuple:  # with the names renamed folders have now
        more = [a.id for f in folders if f not in h.apps for a in (h.find(f),) if a is not None and a.id not in folders]
        return folders + tuple(more) if more else folders

    for commit, author, email, committer, committer_email, subject, body, folders in messages:
        places = [("message", subject + "\n" + body), ("author's name", author), ("author's e-mail address", email)]
        if committer is not author:  # the same object when the same text (raio_cli.history)
            places.append(("committer's name", committer))
        if committer_email is not email:
            places.append(("committer's e-mail address", committer_email))
        for what, text in places:
            hit = found(text)
            if hit is not None:
                masked, folders_now = hit[0], current(folders)
                yield _history_finding(f"commit {commit[:7]}'s {what} holds a patient identifier: {masked}",
                                       commit, masked, what, _HISTORY_VARIANTS[what], folders_now,
                                       place=place(hit[1], folders_now))
    # the names that held an identifier, each once however many files were committed under it (a
    # folder named with a BSN: one finding), with the first path that showed it and the commits
    # of every path under it, which accepting the name takes
    told: dict[str, tuple[str, tuple, set]] = {}
    for path in paths:
        whole = found(path)
        if whole is None:
            continue
        rel = path[len(h.prefix):] if path.startswith(h.prefix) else path
        for name, hit, shown_now in _committed_names(rel, found, whole):
            if name in told:
                told[name][2].update(h.paths[path])
            elif shown_now and _still_named(portfolio, name):
                told[name] = ("", hit, set())  # still a name in the portfolio: PRV001 or PRV006 reports it there
            else:
                told[name] = (rel, hit, set(h.paths[path]))
    order = {m[0]: i for i, m in enumerate(messages)} if told else {}
    for name, (rel, hit, commits) in told.items():
        if not rel:
            continue
        masked = hit[0]
        shown = privacy.mask_identifiers(rel, patterns)
        parts = rel.split("/", 2)
        folders = (parts[1],) if len(parts) == 3 and parts[0] == "applications" else ()
        folders = current(folders)
        hashes = sorted(commits, key=lambda c: order.get(c, len(order)))
        yield _history_finding(f"a file committed as {shown} is named with a patient identifier: {masked} "
                               f"({commits_named(hashes)})", "", masked, "file name", "file", folders, shown,
                               place=place(hit[1], folders), hashes=hashes)


def _committed_names(rel: str, found, whole: tuple) -> list[tuple[str, tuple, bool]]:
    """The names in the committed path ``rel`` (relative to the portfolio) that hold an
    identifier, as ``(the path up to the name, what found gives for it, True)``: a folder named
    with a BSN (``applications/patient-…``) is one name, however many files were committed in
    it. An identifier that no single name holds is the whole path's (``whole``, False: no name
    of the portfolio shows it): one that spans a '/', reported per path, or one in the
    portfolio's own place in the repository, reported once."""
    parts = rel.split("/")
    out = []
    for i, part in enumerate(parts):
        hit = found(part)
        if hit is not None:
            out.append(("/".join(parts[:i + 1]), hit, True))
    if out:
        return out
    return [(rel if found(rel) is not None else "", whole, False)]


def _still_named(portfolio, name: str) -> bool:
    """Whether ``name`` (a path relative to the portfolio) is still a file or folder there, an
    application's folder or a name below one, which PRV001 and PRV006 report with the history
    it stays in."""
    parts = name.split("/")
    if len(parts) < 2 or parts[0] != "applications" or ".." in parts:
        return False
    try:
        return (portfolio.root / name).exists()
    except (OSError, ValueError):
        return False


@rule("PRV011", "identifier-in-branch-name", scope="portfolio")
def no_identifier_in_ref_names(portfolio, ctx):
    """A git branch or tag of the portfolio's repository is named with a patient identifier.

    What: The name of a branch, a tag or a remote's branch (as the last fetch left it, such as
    `origin/fix-…`) in the repository that holds the portfolio has a number that passes the BSN
    check or a match of a raio.yaml `policy.phi_patterns` pattern in it (`fix-123456782`, a tag
    `case-NZ1234567`), or an e-mail address that PRV003 would report in a file: one outside
    `policy.allowed_email_domains` (`fix/jan.jansen@ziggo.nl`; git allows '@' in a name). raio
    lists the names once per check (`git for-each-ref`), never with `--no-git`. A remote's name
    may hold a '/' (`team/origin`): raio tells it by the repository's remotes (`git remote`). The
    finding names the branch or tag with the identifier masked; it is placed at
    the pattern's `regex` line in raio.yaml for a match of a pattern, else at raio.yaml. No
    inline comment suppresses it (one on the pattern's line would accept every name to come): a
    branch or tag is renamed in seconds, also where the number turns out to be none.
    Why: Branch and tag names are pushed with the repository and shown by every clone, every
    merge request and every CI run, and a tag stays in every clone that fetched it. raio shows
    them nowhere else, so nothing points at the number; a name identifies a patient as surely as
    a value does.
    Fix: `git branch`, `git tag` and `git branch -r` show the full name. Rename a branch (`git
    branch -m <name> <new-name>`, then `git push origin <new-name>`) or delete it (`git branch -D
    <name>`), and delete the old name on the remote (`git push origin --delete <name>`). A tag
    cannot be renamed: tag the same commit anew if it is still needed (`git tag <new-name>
    <name>`), then delete it (`git tag -d <name>`, and on the remote `git push origin --delete
    refs/tags/<name>`). A remote's branch is deleted on the remote (`git push origin --delete
    <name>`); `git fetch --prune` (`--prune-tags` for tags) then drops the name here, and in each
    other clone that fetches so. The commits stay as they are: an identifier in their messages or files is
    PRV007's. If the name was pushed, tell the privacy officer (FG).
    Severity: a warning instead for an e-mail address, as PRV003's (it may be a colleague's
    private one).
    """
    names = ctx.ref_names() if ctx.use_git else None
    if not names:
        return
    patterns = _patterns(ctx)
    allowed = privacy.allowed_domains(ctx.policy, portfolio.settings)  # none known: no address reported (PRV009)
    joined = "\n".join(names)
    if not privacy.has_bsn(joined) and not any(privacy.find_pattern(p.regex, joined) for p in patterns) \
            and not (allowed and _foreign_emails(joined, allowed)):
        return
    masks = [*patterns, privacy.foreign_email_pattern(tuple(allowed))]
    remotes = None
    for ref in names:
        if ref.startswith("refs/tags/"):
            variant, name = "tag", ref[len("refs/tags/"):]
        elif ref.startswith("refs/remotes/"):
            variant, name = "remote", ref[len("refs/remotes/"):]
        else:
            variant, name = "branch", ref[len("refs/heads/"):]
        pattern, spans, email = None, privacy.find_bsns(name), None
        masked = privacy.mask_bsn(name[spans[0][0]:spans[0][1]]) if spans else None
        for p in patterns if not spans else ():
            spans = privacy.find_pattern(p.regex, name)
            if spans:
                pattern, masked = p, privacy.mask(name[spans[0][0]:spans[0][1]])
                break
        if masked is None and allowed:
            email = next(iter(_foreign_emails(name, allowed)), None)
            masked = privacy.mask_email(name[email[0]:email[1]]) if email else None
        if masked is None:
            continue
        remote = ""
        if variant == "remote":  # refs/remotes/<remote>/<branch>, and a remote's name may hold '/' (team/origin)
            if remotes is None:
                remotes = sorted(gitcmd.remote_names(ctx.history.repo), key=len, reverse=True) \
                    if ctx.history is not None and ctx.history.repo is not None else []
            remote = next((r for r in remotes if name.startswith(r + "/")), name.partition("/")[0])
            name = name[len(remote) + 1:]
        shown = privacy.mask_identifiers(name, masks)
        remote = privacy.mask_identifiers(remote, masks)
        what = f"the {'tag' if variant == 'tag' else 'branch'} {shown}" + (f" of the remote {remote}" if remote else "")
        said = f"the e-mail address {masked}, outside the allowed domains" if email else f"a patient identifier: {masked}"
        yield Finding(*_history_place(portfolio, pattern, ()), "PRV011",
                      Severity.WARNING if email else severity_of("PRV011"), f"{what} is named with {said}",
                      _REF_HINTS[variant].format(remote=remote, name="<name>") + " " + _REF_HINT_FG, "",
                      {"ref": shown, "masked": masked, "variant": variant + ("_email" if email else ""),
                       **({"remote": remote} if remote else {})})


def _foreign_emails(text: str, allowed) -> list[tuple[int, int, str]]:
    """The e-mail addresses in ``text`` at none of the ``allowed`` domains (PRV003's)."""
    return [hit for hit in privacy.find_emails(text) if not privacy.email_domain_allowed(hit[2], allowed)]


#: How to rename or remove a branch, a tag or a remote's branch named with an identifier (PRV011)
_REF_HINTS = {
    "branch": ("Rename it (git branch -m {name} <new-name>, then git push origin <new-name>) or delete it "
               "(git branch -D {name}), and delete the old name on the remote if it was pushed "
               "(git push origin --delete {name}); git branch shows its full name."),
    "tag": ("Tag the same commit anew if the tag is still needed (git tag <new-name> {name}), then delete it "
            "(git tag -d {name}) and, if it was pushed, on the remote (git push origin --delete refs/tags/{name}); "
            "other clones drop it with git fetch --prune --prune-tags. git tag shows its full name."),
    "remote": ("The branch is on the remote {remote}: push it under a new name if it is still needed "
               "(git push {remote} {remote}/{name}:refs/heads/<new-name>), delete it there "
               "(git push {remote} --delete {name}), and git fetch --prune drops the name here and in "
               "other clones; git branch -r shows its full name."),
}
_REF_HINT_FG = "If it was pushed, tell your privacy officer (FG)."

#: the part of a commit PRV007 names, as the variant of its finding (a memo words each in its language)
_HISTORY_VARIANTS = {"message": "message", "author's name": "author", "author's e-mail address": "email",
                     "committer's name": "committer", "committer's e-mail address": "committer_email"}


def _history_place(portfolio, pattern, folders: tuple) -> tuple[str, int, int]:
    """Where a PRV007 finding points, as ``(file, line, column)``: a match of a phi pattern at
    that pattern's regex in raio.yaml (which pattern matched, and where to tighten it if the match
    is no patient number); a BSN at the folder of the one application the commit touched, else
    at raio.yaml (the portfolio's history as a whole)."""
    config = portfolio.config
    raw = config.data.get("policy") if config is not None and isinstance(config.data, dict) else None
    raw = raw.get("phi_patterns") if isinstance(raw, dict) else None
    if pattern is not None and isinstance(raw, list) and pattern.index < len(raw):
        line, col = config.where(("policy", "phi_patterns", pattern.index, "regex"))
        return config.file, line, col
    app = portfolio.app(folders[0]) if len(folders) == 1 else None
    if app is not None:
        return app.rel, 0, 0
    return (config.file if config is not None else ""), 0, 0


def _history_finding(message: str, commit: str, masked: str, what: str, variant: str, folders: tuple,
                     file: str = "", place: tuple = ("", 0, 0), hashes: list | None = None) -> Finding:
    """A PRV007 finding at ``place`` (:func:`_history_place`), of the one application the commit
    touched (else of none), with every application it touched in ``data["apps"]``, which
    ``raio check applications/<id>`` reads to show it, and only it (:func:`raio_cli.check.run`).
    A committed file name has no one commit (``commit`` ""): ``hashes`` are the full hashes of the
    commits that committed it (``data["hashes"]``, and ``data["commits"]`` short), all of which
    raio.yaml must accept to accept it (:func:`raio_cli.check._accept_history`)."""
    accept = _ACCEPT_HINT if commit else _accept_name_hint(hashes) if hashes else ""
    return Finding(*place, "PRV007", severity_of("PRV007"), message,
                   f"It stays in the git history until that is rewritten; no edit removes it. {_HISTORY_HINT}" + accept,
                   folders[0] if len(folders) == 1 else "",
                   {"commit": commit[:7], "masked": masked, "in": what, "variant": variant, "apps": list(folders),
                    **({"file": file} if file else {}), **({"hash": commit} if commit else {}),
                    **({"hashes": list(hashes), "commits": [c[:7] for c in hashes]} if hashes else {})})


#: How many commits a file name's finding names in its message (short hashes) and its hint (full
#: ones); all of them are in its data (a portfolio kept in a folder named with an identifier: every
#: commit of the applications committed the name).
_NAMED, _PASTED = 5, 10


def commits_named(hashes: list) -> str:
    """``commit 1234abc`` or ``commits 1234abc, 5678def``: the commits that committed a name (in
    PRV007's message, and in SUP002's when raio.yaml accepts them: raio_cli.check)."""
    more = f" and {len(hashes) - _NAMED} more" if len(hashes) > _NAMED else ""
    return ("commit " if len(hashes) == 1 else "commits ") + ", ".join(c[:7] for c in hashes[:_NAMED]) + more


def _accept_name_hint(hashes: list) -> str:
    """How a committed file name that stays is accepted: every commit that committed it, by the
    full hash to paste (a hash holds no identifier)."""
    if len(hashes) == 1:
        which = f"an entry for the commit that committed it, with its full hash and the reason: {hashes[0]}"
    else:
        which = (f"an entry for each of the {len(hashes)} commits that committed it, with its full hash and the "
                 f"reason: {', '.join(hashes[:_PASTED])}")
        if len(hashes) > _PASTED:
            which += (f" and {len(hashes) - _PASTED} more (all in `{shellhint.raio('check')} --format json`, the "
                      "finding's data.hashes)")
    return (f" Once reviewed, the name can be accepted in raio.yaml (policy.accepted_history) by {which}; a later "
            "commit of the name is reported again.")


_HISTORY_HINT = ("Tell your privacy officer (FG) and the CISO: they decide whether the history must be rewritten "
                 "and the exposure reported.")
#: How a commit that stays is accepted (raio_cli.check); a file name: :func:`_accept_name_hint`.
_ACCEPT_HINT = (" Once reviewed, a commit that stays can be accepted in raio.yaml (policy.accepted_history, its "
                "full hash and the reason).")
