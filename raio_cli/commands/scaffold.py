"""raio init and raio new-pilot: options and questions in, :mod:`raio_cli.scaffold` does the work."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from raio_cli.commands._common import fail, say


def _interactive(no_input: bool) -> bool:
    if no_input:
        return False
    try:
        return bool(sys.stdin and sys.stdin.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _scaffold_error(exc, here: str = ".") -> None:
    """Say what was written before the failure, then stop with the one-line error (its hint's
    commands run in the portfolio, named ``here`` from the current folder: raio_cli.shellhint)."""
    from raio_cli import shellhint
    from raio_cli.commands._common import wrote

    for path in getattr(exc, "written", []):
        wrote(path)
    fail(str(exc), shellhint.fill(exc.hint, here))


@contextlib.contextmanager
def _questions():
    """End of input (Ctrl-D) or Ctrl-C at a question: say that nothing was written, not typer's
    bare 'Aborted.'; exit 1."""
    try:
        yield
    except typer.Abort:  # click's Abort re-exported, or typer's own since it vendors click (0.28): never `import click`
        typer.echo("", err=True)
        typer.echo("raio: stopped before every question was answered; nothing was written.", err=True)
        raise typer.Exit(1) from None


def _tolerant_stdin() -> None:
    """Read answers that are not UTF-8 as text holding surrogates (which the answer checks refuse
    with a reason) instead of stopping with a UnicodeDecodeError where the locale reads strictly."""
    with contextlib.suppress(AttributeError, ValueError, OSError):
        sys.stdin.reconfigure(errors="surrogateescape")


def _ask(question: str, default: str | None = None) -> str | None:
    answer = typer.prompt(question, default=default or "", show_default=bool(default))
    return answer if answer.strip() else None


def init(
    directory: Path = typer.Argument(Path("."), metavar="DIR", help="Folder of the new portfolio (created if missing; default: the current folder)."),
    organisation: Optional[str] = typer.Option(None, "--organisation", help="The hospital's name, as memos show it."),
    department: Optional[str] = typer.Option(None, "--department", help="The department (default: Radiologie / Radiology)."),
    language: Optional[str] = typer.Option(None, "--language", help="Language of memos and reports: nl or en (default nl)."),
    email_domain: List[str] = typer.Option([], "--email-domain", metavar="DOMAIN", help="An e-mail domain of the hospital, e.g. ziekenhuis.nl (repeatable, or a.nl,b.nl), written into raio.yaml's policy.allowed_email_domains: addresses at it are shown whole, others are reported (PRV003). Without one raio masks every address it prints (PRV009)."),
    ci: str = typer.Option("github", "--ci", help="CI file to write: github (.github/workflows/raio.yml), gitlab (.gitlab-ci.yml) or none."),
    no_input: bool = typer.Option(False, "--no-input", help="Ask nothing; use the options and defaults."),
    commit: bool = typer.Option(False, "--commit", help="Commit the new files (a first commit)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would be written and write nothing."),
) -> None:
    """Create a new portfolio: a git repository, raio.yaml, a README, the schemas and a CI file.

    Never overwrites: a folder with raio.yaml is refused, and existing files (README.md, .gitignore, a CI file) are left as they are.
    """
    from raio_cli import scaffold

    if _interactive(no_input):
        try:  # refuse a patient identifier in the options before asking anything, as new-pilot does
            scaffold.refuse_identifiers({"organisation": organisation, "department": department,
                                         "email_domains": email_domain}, options=scaffold.INIT_TEXT_ANSWERS)
            scaffold.email_domains(email_domain)  # a bad --email-domain too
        except scaffold.ScaffoldError as exc:
            _scaffold_error(exc)
        _tolerant_stdin()
        with _questions():
            if organisation is None or not organisation.strip():  # memos and reports are headed with it
                organisation = _ask_text("Organisation (hospital)",
                                         needed="The organisation is needed: memos and reports are headed with its name.")
            while language is None:  # a bad --language is refused; a bad answer is asked again
                answer = _ask(f"Language of memos and reports ({'/'.join(scaffold.LANGUAGES)})", "nl") or ""
                if answer.strip().casefold() in scaffold.LANGUAGES:
                    language = answer.strip().casefold()
                else:
                    typer.echo(f"That language cannot be used; answer one of: {', '.join(scaffold.LANGUAGES)}.", err=True)
            if department is None:
                department = _ask_text("Department", (), scaffold.default_department(language if language in scaffold.LANGUAGES else "nl"))
            if not email_domain:
                email_domain = _ask_email_domains()
    # answers fed on standard input, which is no terminal, are not read: say so rather than use the defaults in silence
    unasked = [option for option, given in (("--organisation", organisation), ("--department", department),
                                            ("--language", language), ("--email-domain", email_domain)) if not given]
    unasked = unasked if not no_input and not _interactive(no_input) else []
    try:
        plan = scaffold.plan_init(directory, organisation, department, language or "nl", ci, email_domain)
        written = plan.paths if dry_run else scaffold.apply_init(plan, commit=commit)
    except scaffold.ScaffoldError as exc:
        _scaffold_error(exc, os.path.normpath(directory))
    except OSError as exc:
        fail(f"could not write the portfolio in {directory}: {exc.strerror or exc}", "Check the folder's permissions and free space.")

    shown = _shown(directory)
    if dry_run:
        say(f"Dry run: raio init would write in {shown} (nothing was written):")
    else:
        say(f"Wrote a raio portfolio in {shown}:")
    if plan.git_init:
        print("  git init" if not dry_run else "  git init (a new repository)")
    for path in written:
        print(f"  {path.relative_to(plan.target).as_posix()}")
    for rel, reason in plan.skipped:
        say(f"  left alone: {rel} ({reason})")
    if plan.email_domains:
        say(f"The hospital's e-mail domains (raio.yaml policy.allowed_email_domains): {', '.join(plan.email_domains)}")
    for note in plan.notes:
        say(f"Note: {note}")
    if unasked:
        say("Note: raio asks its questions only in a terminal, and standard input is not one here: nothing was asked. "
            f"Give the answers as options: {', '.join(unasked)} (raio init --help).")
    if commit and not dry_run and written:
        print("Committed the new files.")
    prefix = "" if Path(directory) == Path(".") else f"cd {shown} && "
    if not commit and not dry_run and written:
        # a memo rendered from uncommitted files is a DRAFT: raio.yaml belongs in the history too
        print(f"Next: {prefix}git add -A && git commit -m \"Start the AI application portfolio\" && raio new-pilot")
        print("  (commit first: a memo rendered from uncommitted files, raio.yaml included, is a DRAFT)")
    elif dry_run:  # nothing is there yet to cd into
        print(f"Next: the same raio init without --dry-run writes it; then {prefix}raio new-pilot")
    else:
        print(f"Next: {prefix}raio new-pilot")


def _ask_email_domains() -> list[str]:
    """Ask for the hospital's e-mail domains (several separated by commas; empty: none), again
    with the reason while an answer holds one that is no domain."""
    from raio_cli import scaffold

    while True:
        answer = _ask("The hospital's e-mail domain(s), e.g. ziekenhuis.nl; addresses at them are shown whole, "
                      "others reported (several: a.nl,b.nl; empty: none, and raio masks every address) [optional]")
        problem = answer and scaffold.answer_problem(answer, "the answer")
        if problem:  # a patient identifier, a control character: never echoed back
            typer.echo(f"That answer cannot be used: {problem}", err=True)
            continue
        try:
            return scaffold.email_domains([answer] if answer else [], "the answer")
        except scaffold.ScaffoldError as exc:
            typer.echo(f"That answer cannot be used: {exc}. {exc.hint}", err=True)


def _shown(directory: Path) -> str:
    """The folder as typed, as the terminal may show it: a BSN in it masked (as in raio init's
    errors), control characters as a Python literal shows them."""
    from raio_cli.privacy import mask_identifiers

    text = mask_identifiers(str(directory))
    return text if text.isprintable() else repr(text)


def new_pilot(
    app_id: Optional[str] = typer.Option(None, "--id", help="Application id: lowercase letters, digits and '-', 3-64 characters; the folder name."),
    name: Optional[str] = typer.Option(None, "--name", help="Human-readable name, e.g. \"Fracture detection ED\"."),
    vendor: Optional[str] = typer.Option(None, "--vendor", help="Manufacturer."),
    product: Optional[str] = typer.Option(None, "--product", help="Product name as on the CE certificate."),
    version: Optional[str] = typer.Option(None, "--version", help="Software version."),
    modality: List[str] = typer.Option([], "--modality", help="DICOM modality code, e.g. CT (repeatable, or CT,MR)."),
    task: Optional[str] = typer.Option(None, "--task", help="triage, detection, quantification, segmentation, diagnosis, reporting or workflow."),
    owner: Optional[str] = typer.Option(None, "--owner", help="Name of the clinical owner."),
    owner_role: Optional[str] = typer.Option(None, "--owner-role", help="The owner's role, e.g. RAIO."),
    mdr_class: Optional[str] = typer.Option(None, "--mdr-class", help="MDR class: I, IIa, IIb, III or none."),
    hosting: Optional[str] = typer.Option(None, "--hosting", help="on-premise, cloud, vendor-platform or hybrid."),
    in_house: Optional[str] = typer.Option(None, "--in-house", metavar="yes|no", help="yes: made and used within this hospital (MDR Art 5(5)); no: a bought product. Decides which MDR duties the checklist holds."),
    intended_use: Optional[str] = typer.Option(None, "--intended-use", help="The manufacturer's intended use."),
    statement: Optional[str] = typer.Option(None, "--statement", help="problem.yaml: the problem, in a sentence or two."),
    for_whom: Optional[str] = typer.Option(None, "--for-whom", help="problem.yaml: for whom it is a problem."),
    alternative: List[str] = typer.Option([], "--alternative", help="problem.yaml: an alternative considered, non-AI ones included (repeatable)."),
    stays_with_radiologist: Optional[str] = typer.Option(None, "--stays-with-radiologist", help="problem.yaml: what stays with the radiologist."),
    effect: List[str] = typer.Option([], "--effect", help="effects.yaml: an expected effect as KIND:TEXT, KIND being benefit or guardrail (repeatable; e.g. \"benefit:fewer missed fractures\")."),
    stage: Optional[str] = typer.Option(None, "--stage", help="Lifecycle stage to start in: proposed, planned, pilot, evaluation, production, stopped or retired. Default: proposed, where a new idea starts. A later stage is for an application already running when the portfolio begins: give --stage-since with it. Its gate asks more at once (raio check reports what is missing, e.g. a pilot plan from planned on, monitoring.yaml in production), and from pilot on, effects written now are not pre-registered (mark them post_hoc). In a terminal the stage is asked, and for a later one since when."),
    stage_since: Optional[str] = typer.Option(None, "--stage-since", metavar="DATE", help="application.yaml stage_since: the day (YYYY-MM-DD) the application entered --stage, for one already running when the portfolio begins; days in the stage, and monitoring in production, count from it (default: not written; they count from the commit that brings the dossier in)."),
    directory: Optional[Path] = typer.Option(None, "--dir", help="The portfolio (default: the one holding the current folder)."),
    today: Optional[str] = typer.Option(None, "--today", metavar="DATE", help="Scaffold as if today were DATE (YYYY-MM-DD): the checklist quotes each item's legal source as worded on that day, as raio check --today does, and the commented examples' dates lie ahead of it (default: the real date)."),
    no_input: bool = typer.Option(False, "--no-input", help="Ask nothing; --id and --name are then required."),
    commit: bool = typer.Option(False, "--commit", help="Commit exactly the new files: \"Add <id>: <name> (<stage>)\"."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the files that would be written and write nothing."),
) -> None:
    """Scaffold a new application dossier: applications/<id>/ with application, problem, effects, compliance and pilot files.

    Interactive in a terminal: it asks for what the options give, the expected effects last, one by one (as --effect takes them; an empty answer ends the list). Fully from options with --no-input. Never overwrites: an existing application folder is refused. All five files are written, or none.
    """
    from raio_cli import scaffold
    from raio_cli.commands._common import parse_date, portfolio_root, root_as_named

    day = parse_date(today)  # a bad date is refused before anything is asked
    root = portfolio_root(directory if directory is not None else Path("."))
    answers = {
        "id": app_id, "name": name, "vendor": vendor, "product": product, "version": version,
        "modality": list(modality), "task": task, "owner": owner, "owner_role": owner_role,
        "mdr_class": mdr_class, "hosting": hosting, "in_house": in_house, "intended_use": intended_use, "statement": statement,
        "for_whom": for_whom, "alternatives": list(alternative), "stays_with_radiologist": stays_with_radiologist,
        "effects": list(effect), "stage": stage, "stage_since": stage_since,
    }
    if _interactive(no_input):
        if app_id is not None:  # refuse a bad or taken id before asking anything else
            problem = scaffold.id_problem(app_id) and f"--id {scaffold.show(app_id)} is not a valid application id"
            problem = problem or scaffold.id_taken(root, app_id)
            if problem:
                fail(problem, "Choose another --id.")
        from raio_cli.portfolio import phi_patterns

        try:  # refuse a patient identifier, a bad --stage or --stage-since in the options before asking anything
            scaffold.refuse_identifiers(answers, phi_patterns(root))
            scaffold.check_stage_options(answers, day or dt.date.today())
        except scaffold.ScaffoldError as exc:
            _scaffold_error(exc)
        _tolerant_stdin()
        with _questions():
            _ask_pilot(answers, root, day or dt.date.today())
    try:
        plan = scaffold.plan_pilot(root, answers, today=day)
        written = plan.paths if dry_run else scaffold.write_pilot(plan, commit=commit)
        if dry_run and commit:
            scaffold.require_repo(plan.root)
    except scaffold.ScaffoldError as exc:
        if not no_input and exc.missing:
            # answers piped in (printf ... | raio new-pilot) are not read: say so, not only what is missing
            exc.hint += (" raio asks its questions only in a terminal, and standard input is not a terminal "
                         "here: give the answers as options (raio new-pilot --help).")
        _scaffold_error(exc, root_as_named(directory if directory is not None else Path(".")))
    except OSError as exc:
        fail(f"could not write the dossier: {exc.strerror or exc}; nothing was left behind",
             "Check the folder's permissions and free space.")

    from raio_cli import shellhint
    from raio_cli.commands._common import from_here, said
    from raio_cli.terminal import output_width, wrapped

    width = output_width(100)  # None when piped without COLUMNS: no line is broken
    a = plan.answers
    if dry_run:
        say(f"Dry run: raio new-pilot would write {plan.rel}/ (nothing was written):")
    else:
        say(f"Wrote {plan.rel}/ (stage {a['stage']}):")
    for path in written:
        print(f"  {from_here(path, plan.root)}")
    for note in plan.notes:
        say(f"Note: {note}")
    if plan.needed:
        say(f"Stage {a['stage']} still needs (raio check reports these until they are filled in):")
        print(wrapped(", ".join(plan.needed), width, "  "))
    if commit and not dry_run:
        print(f"Committed: Add {a['id']}: {' '.join(a['name'].split())} ({a['stage']})")
    print(wrapped("Next, once the same raio new-pilot without --dry-run has written it:", width) if dry_run else "Next:")
    here = root_as_named(directory if directory is not None else Path("."))
    for step in scaffold.next_steps(plan, lambda rel: from_here(plan.root / rel, plan.root)):
        for line in wrapped(shellhint.fill(step, here), width, "  ", "     ").splitlines():
            print(said(line))


def _ask_text(question: str, patterns=(), default: str | None = None, needed: str | None = None) -> str | None:
    """Ask for a free text until the answer can be used: one that is not UTF-8, holds a control
    character, is too long or holds a patient identifier is asked again with the reason (masked),
    so no answer is refused only after every question. ``needed``: why an empty answer will not
    do (the question is then asked again, saying so); without it an empty answer is None."""
    from raio_cli import scaffold

    while True:
        answer = _ask(question, default)
        if answer is None:
            if needed is None:
                return None
            typer.echo(needed, err=True)
            continue
        problem = scaffold.answer_problem(answer, "the answer", patterns)
        if problem is None:
            return answer
        typer.echo(f"That answer cannot be used: {problem}", err=True)


def _ask_choice(name: str, question: str, default: str | None = None, what: str = "") -> str | None:
    """Ask for one of the values the schema allows for ``name`` (listed where ``question`` has
    ``{}``), in any case, as the option takes them. A wrong one is asked again naming the value
    probably meant (a near spelling, a Dutch word), else saying it is not ``what`` (e.g. "a
    stage"), and the allowed values; never the answer itself: it may hold a BSN. An empty answer
    takes ``default``; without a default, '-' or an empty answer leaves it open (None)."""
    from raio_cli import scaffold

    allowed = scaffold.choices(name)
    by_case = {value.casefold(): value for value in allowed}
    listed = ", ".join(allowed[:-1]) + " or " + allowed[-1] if len(allowed) > 1 else ", ".join(allowed)
    while True:
        text = _ask(question.format(listed), default)
        if text is None:
            return default
        if default is None and text.strip() == "-":
            return None
        if text.strip().casefold() in by_case:
            return by_case[text.strip().casefold()]
        meant = scaffold.meant_value(text, allowed)
        typer.echo((f"Did you mean {meant}? " if meant else f"That is not {what}. " if what else "")
                   + f"Answer one of: {listed}" + (" (or - to leave it open)." if default is None else "."), err=True)


def _ask_yes_no(question: str) -> bool | None:
    """Ask yes or no (also y, n, ja, nee); an empty answer or '-' leaves it open (None)."""
    while True:
        text = _ask(question)
        if text is None or text.strip() == "-":
            return None
        word = text.strip().casefold()
        if word in ("yes", "y", "ja", "j"):
            return True
        if word in ("no", "n", "nee"):
            return False
        typer.echo("Answer yes or no (or - to leave it open).", err=True)


def _ask_effects(answers: dict, patterns=(), stage: str | None = None) -> None:
    """Ask for the expected effects one by one, in the syntax --effect takes; an empty answer ends the list."""
    from raio_cli import scaffold

    if scaffold.pilot_begun(stage):  # an application already running: too late to pre-register
        typer.echo("The effects it was to show: the benefits and the guardrails it must not cross (you can add more, "
                   "with metric, baseline and target, in effects.yaml). Its pilot has begun, so effects written now "
                   "were not pre-registered: raio check reports them (REG001) until each is marked post_hoc: true, "
                   "or accepted with where it was agreed before the start (the next steps say how).")
    else:
        typer.echo("The expected effects, pre-registered before the pilot starts: the benefits it must show and the "
                   "guardrails it must not cross (you can add more, with metric, baseline and target, in effects.yaml).")
    typer.echo(f"  One per answer, as {scaffold.EFFECT_SYNTAX}, e.g. {scaffold.EFFECT_EXAMPLES[0]}"
               f" or {scaffold.EFFECT_EXAMPLES[1]}.")
    while True:
        entry = _ask(f"  Effect {len(answers['effects']) + 1} (empty: done) [optional]")
        if entry is None:
            return
        problem = scaffold.effect_problem(entry, patterns)
        if problem is None:
            answers["effects"].append(entry)
            continue
        typer.echo(f"That effect cannot be used: {problem}. Write {scaffold.EFFECT_SYNTAX}, "
                   f"e.g. {scaffold.EFFECT_EXAMPLES[0]}", err=True)


def _ask_stage() -> str:
    """Ask for the stage the application starts in, as --stage takes it; an empty answer takes
    the first (:func:`_ask_choice`)."""
    from raio_cli import scaffold

    return _ask_choice("stage", "Stage ({}; for an application already running, the stage it is in)",
                       scaffold.choices("stage")[0], what="a stage")


def _ask_stage_since(stage: str, day: dt.date, patterns=()) -> str | None:
    """Ask since when the application is in ``stage`` (YYYY-MM-DD, not after ``day``), as
    --stage-since takes it; empty: not known (not written). A date that cannot be used is asked
    again with the reason."""
    from raio_cli import scaffold

    while True:
        text = _ask(f"In stage {stage} since (YYYY-MM-DD; empty: not known, the days in the stage then "
                    "count from the commit) [optional]")
        if text is None:
            return None
        problem = scaffold.answer_problem(text, "the answer", patterns)
        if problem:  # a patient identifier, a control character: never echoed back
            typer.echo(f"That answer cannot be used: {problem}", err=True)
            continue
        try:
            scaffold.stage_since(text, day, option="")
        except scaffold.ScaffoldError as exc:
            typer.echo(f"That date cannot be used: {exc}. {exc.hint} An empty answer leaves it unknown.", err=True)
            continue
        return text.strip()


def _ask_pilot(answers: dict, root: Path, day: dt.date) -> None:
    """Ask for what the options did not give; re-ask an invalid id, a missing name and any
    answer that cannot be used, saying why. ``day``: today, or the day --today gives (a stage's
    start cannot lie after it)."""
    from raio_cli import scaffold
    from raio_cli.commands._common import said
    from raio_cli.portfolio import phi_patterns

    patterns = phi_patterns(root)
    if not answers["name"]:
        answers["name"] = _ask_text("Name of the application (e.g. Fracture detection ED)", patterns,
                                    needed="A name is needed: it heads every memo and report, and the id is made from it.")
    if not answers["id"]:
        while True:
            candidate = _ask("Id (lowercase letters, digits, '-')", scaffold.suggest_id(answers["name"]))
            if candidate is None:
                typer.echo("An id is needed: it names the application's folder, applications/<id>/, and every "
                           "command that works on it (e.g. fracture-detection).", err=True)
                continue
            problem = scaffold.answer_problem(candidate, "the id", patterns)
            if problem:  # never echoed back, nor made into a suggestion: it may hold a BSN
                typer.echo(f"That id cannot be used: {problem}", err=True)
                continue
            problem = scaffold.id_problem(candidate) or scaffold.id_taken(root, candidate)
            if problem is None:
                answers["id"] = candidate
                break
            slug = scaffold.suggest_id(candidate)
            better = f"; did you mean {slug}?" if slug and slug != candidate and not scaffold.id_taken(root, slug) else "."
            typer.echo(f"That id cannot be used: {problem}{better}", err=True)
    from raio_cli.catalog import gate_stages

    if answers["stage"] is None:  # an application already running starts in the stage it is in
        answers["stage"] = _ask_stage()
    stages = gate_stages()  # (a --stage given was checked before the first question)
    stage = next((s for s in stages if s.casefold() == (answers["stage"] or "").strip().casefold()), stages[0])
    if answers["stage_since"] is None and stage != stages[0]:
        answers["stage_since"] = _ask_stage_since(stage, day, patterns)
    for key, question in (("vendor", "Vendor (manufacturer)"), ("product", "Product"),
                          ("version", "Software version, as the vendor names it (e.g. 3.10)")):
        if not answers[key]:
            answers[key] = _ask_text(question + " [optional]", patterns)
    if not answers["modality"]:
        allowed = scaffold.choices("modality")
        while True:
            text = _ask("Modalities, e.g. CT,MR [optional]")
            codes = [c.strip().upper() for c in (text or "").split(",") if c.strip()]
            bad = [c for c in codes if c not in allowed]
            if not bad:
                answers["modality"] = codes
                break
            typer.echo(said(f"Unknown modality {', '.join(bad)}; use DICOM codes: {', '.join(allowed)}."), err=True)
    if not answers["task"]:
        allowed = scaffold.choices("task")
        while True:
            text = _ask(f"Task ({', '.join(allowed)}) [optional]")
            if text is None or text.strip().lower() in allowed:
                answers["task"] = text.strip().lower() if text else None
                break
            typer.echo(f"Use one of: {', '.join(allowed)}.", err=True)
    if not answers["owner"]:
        answers["owner"] = _ask_text("Clinical owner (name) [optional]", patterns)
    if answers["owner"] and not answers["owner_role"]:
        answers["owner_role"] = _ask_text("The owner's role", patterns, "RAIO")
    if not answers["intended_use"]:
        answers["intended_use"] = _ask_text("Intended use, as the manufacturer states it [optional]", patterns)
    if not answers["mdr_class"]:
        # no default: a class taken by pressing Enter would be a regulatory claim nobody checked (it
        # decides the AI Act risk and the checklist); left open, the checklist counts it as high-risk
        answers["mdr_class"] = _ask_choice(
            "mdr_class", "MDR class ({}), as the manufacturer's EU declaration of conformity or CE certificate "
            "states it (software that informs diagnosis is at least IIa under Annex VIII Rule 11) "
            "[optional; empty or '-': not known yet]")
    if answers["in_house"] is None:
        answers["in_house"] = _ask_yes_no("Made and used within this hospital (in-house, MDR Art 5(5))? "
                                          "yes or no [optional]")
    if not answers["hosting"]:
        answers["hosting"] = _ask_choice("hosting", "Hosting ({}) [optional]")
    typer.echo(f"The problem, before the solution (stage '{stage}' needs these; you can fill them in later):")
    if not answers["statement"]:
        answers["statement"] = _ask_text("  What goes wrong today? [optional]", patterns)
    if not answers["for_whom"]:
        answers["for_whom"] = _ask_text("  For whom is it a problem? [optional]", patterns)
    if not answers["alternatives"]:
        while True:
            alt = _ask_text("  An alternative you considered, non-AI ones too (empty: done) [optional]", patterns)
            if alt is None:
                break
            answers["alternatives"].append(alt)
    if not answers["stays_with_radiologist"]:
        answers["stays_with_radiologist"] = _ask_text("  What stays with the radiologist? [optional]", patterns)
    if not answers["effects"]:
        _ask_effects(answers, patterns, stage)
