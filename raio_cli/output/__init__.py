"""One renderer per output format of ``raio check``, registered by name.

Each module has ``render(result: CheckResult, out: TextIO, **options) -> None`` and talks to
nothing but ``out``. Add a format by adding a module and a line to :data:`FORMATS`.
"""

from __future__ import annotations

import importlib
import importlib.util

FORMATS = {
    "text": "raio_cli.output.text",
    "json": "raio_cli.output.json_",
    "sarif": "raio_cli.output.sarif",
    "junit": "raio_cli.output.junit",
    "github": "raio_cli.output.github",
    "gitlab": "raio_cli.output.gitlab",
}


def available() -> list[str]:
    """Formats whose renderer is installed."""
    out = []
    for name, mod in FORMATS.items():
        if importlib.util.find_spec(mod) is not None:
            out.append(name)
    return out


def renderer(name: str):
    if name not in FORMATS:
        raise KeyError(f"unknown format {name!r}; use one of: {', '.join(available())}")
    return importlib.import_module(FORMATS[name]).render
