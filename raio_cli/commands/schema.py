"""raio schema: print one JSON Schema, or write them all to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from raio_cli.commands._common import fail


def schema(
    name: Optional[str] = typer.Argument(None, metavar="NAME", help="raio, application, problem, effects, compliance, pilot or monitoring."),
    write: Optional[Path] = typer.Option(None, "--write", "-w", help="Write every schema as <name>.schema.json into this folder."),
    force: bool = typer.Option(False, "--force", help="With --write: replace schema files that differ."),
) -> None:
    """Print a dossier file's JSON Schema (2020-12), or write them all for editors and other tools.

    Editors with the YAML language server validate while you type through the first line of each
    dossier file:  # yaml-language-server: $schema=../../.raio/schemas/effects.schema.json
    A portfolio keeps its copy in .raio/schemas/ ('raio schema --write .raio/schemas --force' refreshes it).
    """
    import sys

    from raio_cli.schema import SCHEMA_NAMES, plan_write, schema_text

    if write is not None:  # every file decided first: all are written, or (one differs) none
        from raio_cli.commands._common import said, wrote  # the folder as typed: any identifier in it masked
        from raio_cli.fsio import atomic_write_text

        if name is not None:  # --write writes all seven: a name was passed over in silence
            fail(f"--write writes every schema, not only '{said(name)}'",
                 f"Leave out the name to write them all, or print the one: raio schema {said(name)} > "
                 f"{said(name.removesuffix('.yaml'))}.schema.json")
        blocking = next((p for p in (write, *write.parents) if p.exists() and not p.is_dir()), None)
        if blocking is not None:  # said now, not as 'differ from raio's' then 'File exists' after --force
            fail(f"{said(blocking)} is a file, not a folder",
                 "Give the folder to write the schemas into, e.g. raio schema --write .raio/schemas")
        plan = plan_write(write)
        differ = [dest.name for dest, _text, state in plan if state == "differs"]
        if differ and not force:
            fail(f"{', '.join(differ)} in {write} {'differs' if len(differ) == 1 else 'differ'} from raio's; nothing was written",
                 "Add --force to replace what differs.")
        for dest, text, state in plan:
            if state == "unchanged":
                wrote(dest, "Unchanged")
                continue
            try:
                atomic_write_text(dest, text)
            except OSError as exc:
                fail(f"cannot write {dest}: {exc.strerror or exc}")
            wrote(dest, "Replaced" if state == "differs" else "Wrote")
        return
    if name is None:
        print("\n".join(SCHEMA_NAMES))
        return
    if name.removesuffix(".yaml") not in SCHEMA_NAMES:
        fail(f"no schema named '{name}'", f"Use one of: {', '.join(SCHEMA_NAMES)}.")
    sys.stdout.write(schema_text(name.removesuffix(".yaml")))
