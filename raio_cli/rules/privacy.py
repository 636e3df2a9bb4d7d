"""Privacy: no patient identifiers in the portfolio, and none shown in full.

Every key and value of raio.yaml and of every dossier file is scanned once per run (see
:mod:`raio_cli.privacy` for what counts as a BSN, a patient number or a foreign e-mail address);
the findings name the place and a masked form, never the identifier itself.
"""

from __future__ import annotations

from raio_cli import privacy
from raio_cli.findings import Finding
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


def _finding(code, doc, app_id, hit, message, hint) -> Finding:
    line, col = doc.where(hit.path, key=hit.key)
    return Finding(doc.file, line, col, code, severity_of(code), message, hint, app_id,
                   {"kind": hit.kind, "masked": hit.masked, "path": privacy.human_path(hit.path), "key": hit.key})


def _where(hit) -> str:
    place = privacy.human_path(hit.path)
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
                          "Rename the folder (git mv) to a name without numbers that identify a person.", app.id)


@rule("PRV002", "patient-number", scope="portfolio", per_app=True)
def no_patient_numbers(portfolio, ctx):
    """A value matches one of the hospital's patient-number patterns.

    What: A text or key that matches a pattern of raio.yaml `policy.phi_patterns` (for example
    the hospital's patient numbers or accession numbers). The finding names the pattern and shows
    at most the last two characters of the match.
    Why: A patient number identifies a person as surely as a name does in the hospital's own
    systems; the portfolio and its git history must hold none.
    Fix: Remove the number. If the match is not a patient number, tighten the pattern in
    raio.yaml or suppress the finding on its line with `# raio: ignore[PRV002] <reason>`.
    """
    for doc, app_id, hit in _scan(portfolio, ctx):
        if hit.kind == "phi":
            yield _finding("PRV002", doc, app_id, hit,
                           f"{_where(hit)} holds a {privacy.mask_identifiers(hit.name)}: {hit.masked}", _REMOVE)


@rule("PRV003", "foreign-email", severity="warning", scope="portfolio", per_app=True)
def no_foreign_email(portfolio, ctx):
    """An e-mail address outside the organisation's domains appears in the portfolio.

    What: An e-mail address whose domain is not in raio.yaml `policy.allowed_email_domains` (or,
    when that list is empty, not the domain of one of the `people` in raio.yaml). Subdomains of an
    allowed domain and reserved example domains (example.com, *.example, *.test) are accepted.
    When neither list gives a domain, raio cannot tell colleagues from patients and reports no
    e-mail address at all.
    Why: An address at gmail.com or hotmail.com in a dossier is often a patient's or a private
    address, which is personal data that does not belong in a governance record.
    Fix: Refer to people by role and to vendors by company; if the domain is one of your own
    organisation's or a known partner's, add it to `policy.allowed_email_domains`.
    """
    for doc, app_id, hit in _scan(portfolio, ctx):
        if hit.kind == "email":
            yield _finding("PRV003", doc, app_id, hit,
                           f"{_where(hit)} holds the e-mail address {hit.masked}, outside the allowed domains",
                           f"Name people by role; if {hit.name} is your organisation's, add it to policy.allowed_email_domains in raio.yaml.")


@rule("PRV004", "bad-phi-pattern", scope="portfolio")
def usable_patterns(portfolio, ctx):
    """A patient-number pattern in raio.yaml cannot be used.

    What: An entry of `policy.phi_patterns` whose `regex` does not compile as a Python regular
    expression, matches empty text, is longer than 500 characters, repeats a part of varying
    length (such as `(\\d+)+`), which can make matching take exponential time, or has parts of
    varying length that can trade characters: two parts that can match the same character
    follow each other with nothing required between them that the first cannot match, and
    at least one has no upper bound (`*`, `+`, `{n,}`) or both are wide (more than 100
    combinations of lengths), as in `a*a*`, `\\d+\\s*\\d+`, `.*x.*` or `a{1,100}a{1,100}`. The
    text they share can be split between them in so many ways that a failing search takes
    polynomial time: `a*a*a*a*a*a*a*a*b` ran for minutes on one value of 5,000 letters. An
    optional part between them does not tell them apart: in `\\s*:?\\s*` without the colon the
    two `\\s*` share the blanks, and `\\bpatient\\s*:?\\s*\\d{7}` took 1.2 s on 'patient'
    followed by 10,000 blanks and 23 s on 40,000 (quadratic), where `\\s*(?::\\s*)?` takes
    milliseconds.
    Why: raio skips the pattern, so the patient numbers it should catch go unnoticed, and a
    runaway pattern would hang every check in CI.
    Fix: Write a short, fixed-shape pattern such as `\\bNZ-?\\d{7}\\b` or `\\b[A-Z]{2}\\d{6,8}\\b`, in
    single quotes in YAML. Let one part match each run of characters: `\\d+(?:\\s+\\d+)?` instead
    of `\\d+\\s*\\d+`, `\\s*(?::\\s*)?` instead of `\\s*:?\\s*` (the same matches); or make a part
    possessive (`a*+`) or atomic (`(?>a*)`) so that it never gives characters back. For a
    pattern with an optional part between two repeats of the same thing (`\\s*:?\\s*`,
    `[ ]*#?[ ]*`, `\\s+-?\\s*`), the finding's hint gives the whole pattern rewritten.
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
                      f"the patient-number pattern '{privacy.mask_identifiers(p.name)}' {p.message}; it is not used",
                      p.hint, "")
