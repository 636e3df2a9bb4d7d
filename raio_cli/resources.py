"""Where the files that ship with raio are: schemas, templates and the example portfolio.

In a source checkout (and an editable install) they are the top-level folders ``schemas/``,
``templates/`` and ``examples/``; in a built wheel they are copied to ``raio_cli/_data/``
(see ``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``schemas``, ``templates`` or ``examples``, wherever raio was installed from."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"raio's {name}/ folder is missing from this installation")


def schemas_dir() -> Path:
    return data_dir("schemas")


def templates_dir() -> Path:
    return data_dir("templates")


def examples_dir() -> Path:
    return data_dir("examples")


def load_yaml(path: Path):
    """Parse one of raio's own YAML files (catalogs, memo and report texts): with libyaml's safe
    loader when PyYAML has it (ten times faster than the pure-Python one; the memo texts alone
    took a quarter of a second), the pure-Python safe loader otherwise. For raio's files only:
    dossiers go through :mod:`raio_cli.yamlio`, which reports what these files never hold."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
