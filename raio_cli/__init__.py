"""raio: the Radiology AI Officer's toolkit.

Each AI application of a radiology department is a folder of YAML files in a git repository
(the portfolio). raio scaffolds those dossiers, checks them (schemas, cross-file logic, git
history) and renders the memos a board signs. The modules are a library with plain data in and
out; ``raio_cli.cli`` is only a thin command-line layer over them.
"""

__version__ = "0.1.0"
