from raio_cli.cli import main

main()
