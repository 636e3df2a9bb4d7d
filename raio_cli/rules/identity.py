"""Identity: every application is where its id says, once, and its effects are named once."""

from __future__ import annotations

import os
from collections import defaultdict

from raio_cli.findings import Finding, Severity
from raio_cli.portfolio import APP_ID, DOSSIER_FILES, folder_listing
from raio_cli.rules import define, rule

_KNOWN_FILES = {f"{n}.yaml" for n in DOSSIER_FILES} | {f"{n}.yml" for n in DOSSIER_FILES}


@rule("IDN001", "folder-differs-from-id")
def folder_matches_id(app, ctx):
    """The application's folder name differs from its `id`.

    What: application.yaml's `id` is not the name of the folder it sits in.
    Why: The id is how memos, reports, git history and other dossiers refer to the application;
    a folder with another name makes two names for one thing.
    Fix: Rename the folder with `git mv` (raio follows the history across the rename) or correct `id`.
    """
    app_id = app.get("application", "id")
    if isinstance(app_id, str) and app_id != app.id:
        from raio_cli import shellhint

        yield app.finding("IDN001", "application", ("id",),
                          f"id '{app_id}' differs from the folder name '{app.id}'",
                          f"Rename the folder ({shellhint.git()} mv {shellhint.quoted(app.rel, 'applications/' + app_id)}) "
                          f"or set id: {app.id}",
                          data={"id": app_id, "folder": app.id})


@rule("IDN002", "duplicate-application-id", scope="portfolio")
def unique_ids(portfolio, ctx):
    """Two applications have the same `id`.

    What: The same `id` in the application.yaml of two folders.
    Why: Findings, memos and the audit trail could no longer tell the two apart.
    Fix: Give each application its own id, equal to its folder name.
    """
    seen = defaultdict(list)
    for app in portfolio.apps:
        app_id = app.get("application", "id")
        if isinstance(app_id, str):
            seen[app_id].append(app)
    for app_id, apps in seen.items():
        for other in apps[1:]:
            yield other.finding("IDN002", "application", ("id",),
                                f"id '{app_id}' is also used by {apps[0].rel}",
                                "Give each application a unique id equal to its folder name.",
                                data={"id": app_id, "other": apps[0].rel})


@rule("IDN003", "duplicate-effect-id")
def unique_effect_ids(app, ctx):
    """Two effects of one application have the same `id`.

    What: The same effect id (E1, E2 …) twice in effects.yaml.
    Why: Results, amendments and monitoring refer to effects by id; a duplicate makes it
    impossible to tell which pre-registered effect a result belongs to.
    Fix: Renumber the later effect. Before the pilot starts this is free; after the start, add an
    amendment that explains it.
    """
    effects = app.get("effects", "effects")
    if not isinstance(effects, list):
        return  # not a list: SCH003 says so
    first = {}
    for i, effect in enumerate(effects):
        eid = effect.get("id") if isinstance(effect, dict) else None
        if not isinstance(eid, str):
            continue
        if eid in first:
            line = app.where("effects", ("effects", first[eid], "id"))[0]
            yield app.finding("IDN003", "effects", ("effects", i, "id"),
                              f"effect id '{eid}' is used twice (first at line {line})",
                              "Give each effect its own id.", data={"effect": eid, "first": str(line)})
        else:
            first[eid] = i


@rule("IDN004", "missing-application-file")
def has_application_file(app, ctx):
    """An application folder has no application.yaml.

    What: A folder under applications/ without application.yaml. One that is there but cannot be
    read is reported by the loader instead (YML001, YML009, YML013, YML017).
    Why: application.yaml holds the id, the stage and the regulatory status; without it nothing
    else in the folder can be checked against a stage.
    Fix: Create it with `raio new-pilot`, or move the folder out of applications/.
    """
    if "application" not in app.docs:
        yield Finding(app.file("application"), 0, 0, "IDN004", Severity.ERROR,
                      f"{app.rel} has no application.yaml", "Create it (raio new-pilot writes one), or remove the folder.", app.id,
                      {"folder": app.rel})


@rule("IDN006", "folder-not-a-slug")
def folder_is_slug(app, ctx):
    """The application's folder name is not a valid id.

    What: A folder name that is not a lowercase slug of 3-64 characters (a-z, 0-9, '-'). A
    hidden folder in applications/ (its name starts with '.', such as `.fractuurdetectie-seh`)
    that holds YAML files is reported too: raio does not read it at all, as no id starts with '.'.
    Hidden files (`.gitkeep`, `.DS_Store`) and hidden folders without YAML files (an editor's, or
    an empty one) are not reported.
    Why: Ids appear in paths, URLs, file names of memos and git commands; other characters break
    them or can be used to escape the portfolio. A dossier in a hidden folder (renamed so by
    mistake, or left by a tool) drops out of raio check, raio status and the board's report
    without a word.
    Fix: Rename the folder to a slug, e.g. `fracture-detection-ed`, and set the same `id`. A
    hidden folder: give it the application's id (`git mv applications/.x applications/<id>`), or,
    if it is no application, remove it or keep it out of applications/.
    Severity: a warning instead for a hidden folder that holds YAML files but no dossier file
    (none named application, problem, effects, compliance, pilot or monitoring).
    """
    if not APP_ID.fullmatch(app.id):
        yield Finding(app.rel, 0, 0, "IDN006", Severity.ERROR,
                      f"folder name '{app.id[:80]}' is not a valid application id",
                      "Use 3-64 characters: lowercase letters, digits and '-', not starting or ending with '-'.", app.id,
                      {"folder": app.id[:80]})


@rule("IDN007", "unknown-dossier-file", severity=Severity.WARNING)
def no_unknown_files(app, ctx):
    """A YAML file in an application folder is not a dossier file.

    What: A .yaml or .yml file next to the dossier files whose name raio does not know, such as
    `effect.yaml` or `pilot-old.yaml`.
    Why: raio does not read it, so what it holds is never checked nor shown in a memo; usually it
    is a misspelt file name.
    Fix: Rename it to one of application, problem, effects, compliance, pilot, monitoring (.yaml),
    or move it to evidence/.
    """
    listed = folder_listing(app)
    exact = {name for name, _is_dir in listed}
    for name, _is_dir in listed:
        if name.lower() in _KNOWN_FILES and f"{os.path.splitext(name.lower())[0]}.yaml" not in exact:
            continue  # a dossier file's name in other capitals: IDN005's
        if os.path.splitext(name)[1] in (".yaml", ".yml") and name not in _KNOWN_FILES:
            yield Finding(f"{app.rel}/{name}", 0, 0, "IDN007", Severity.WARNING,
                          f"{name} is not a dossier file and is not checked",
                          f"Dossier files are: {', '.join(n + '.yaml' for n in DOSSIER_FILES)}.", app.id)


@rule("IDN008", "organisation-missing", severity=Severity.WARNING, scope="portfolio")
def has_organisation(portfolio, ctx):
    """raio.yaml names no organisation.

    What: raio.yaml without `organisation`, or with an empty one (`organisation: ""`, as
    `raio init --no-input` writes it when no --organisation is given).
    Why: Every memo and the portfolio report are headed with the organisation and carry it in
    their footer as provenance; without it the board signs a document that says "—" where the
    hospital's name belongs.
    Fix: Write the hospital's name in raio.yaml, e.g. `organisation: Ziekenhuis Noorderzon`.
    """
    config = portfolio.config
    if config is None or not config.ok:  # unreadable: the loader reports it
        return
    value = config.data.get("organisation")
    if value is None or (isinstance(value, str) and not value.strip()):  # another type: SCH003
        line, col = config.where(("organisation",)) if "organisation" in config.data else (0, 0)
        yield Finding(config.file, line, col, "IDN008", Severity.WARNING,
                      "raio.yaml names no organisation; memos and reports show '—' in its place",
                      "Write the hospital's name in raio.yaml, e.g. organisation: Ziekenhuis Noorderzon.", "")


define("IDN005", "wrong-extension", "error", """A dossier file ends in .yml instead of .yaml, or has its name in other capitals.

What: application.yml, effects.yml, Effects.yaml, PILOT.YAML and so on.
Why: raio, the editor schema associations and the memos look for the .yaml names; a .yml file is
not read, so its content is never checked. Windows and macOS open Effects.yaml when effects.yaml
is asked for, but git and a Linux CI runner know the file by its own name: raio reads it by its
exact name everywhere, so that a check on the RAIO's laptop says what CI says.
Fix: Rename it with `git mv effects.yml effects.yaml` or `git mv Effects.yaml effects.yaml` (a
rename in Explorer or Finder that changes only capitals is not seen by git).
""")


define("IDN009", "dossier-outside-applications", "error", """A dossier lies outside applications/, where raio does not read it.

What: A folder outside applications/ that holds a dossier (application.yaml, or two of problem,
effects, compliance, pilot and monitoring, in any capitals, .yaml or .yml), or that holds
folders that do: applications/ renamed `Applications/` or `apps/`, an application's folder
moved to the top of the portfolio, retired dossiers moved to `archief/`. raio looks at the
portfolio's top folder, the folders in it and the folders in those; hidden folders (.git,
.github) and links are not looked into.
Why: raio reads applications/<id>/ only. A dossier anywhere else drops out of raio check, raio
status and the board's report without a word, and a CI job on a portfolio whose applications/
was renamed passed on 0 applications.
Fix: Move the folder into applications/ (`git mv longnodule-ct applications/longnodule-ct`), or
give the folder of the dossiers the name raio reads (`git mv Applications applications`). An
application no longer in use stays in applications/ with `stage: retired` (or `stopped`), so that
its dossier and its git history stay checked and reported.
Severity: an error when applications/ gives no application to read (nothing at all is checked),
a warning when it does.
""")
