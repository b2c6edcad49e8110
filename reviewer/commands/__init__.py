"""Subcommands beyond `check`, `eval` and `rules`, one module each.

Each module exposes `COMMANDS`, a list of click commands or groups; `reviewer.cli`
registers every module listed in `MODULES` that is present.
"""

MODULES = ("laws", "graph", "cleanup", "filing", "report", "opinion", "serve", "users")
