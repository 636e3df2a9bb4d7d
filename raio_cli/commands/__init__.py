"""The command-line commands, one module each. Each parses options, calls the library and prints.

Modules import only typer and the standard library at the top; everything heavy is imported
inside the command function, so ``raio --help`` stays fast.
"""
