from raio_cli.cli import console

console()
