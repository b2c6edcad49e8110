"""`python` checks: rules whose reading needs code (document number form, validity,
issuer). Each is a function registered by name; the rule file names it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

REGISTRY: dict[str, Callable] = {}


def register(name: str):
    def wrap(fn):
        REGISTRY[name] = fn
        return fn

    return wrap


@dataclass
class CompiledPython:
    rule: object
    function: Callable


def compile_rule(rule) -> CompiledPython:
    from . import deadline_checks, document_checks, superior_law_checks  # noqa: F401  (register the functions)

    name = rule.params["function"]
    if name not in REGISTRY:
        from ...errors import RuleError

        raise RuleError(f"{rule.path}: unknown python check '{name}' (known: {', '.join(sorted(REGISTRY))})")
    return CompiledPython(rule=rule, function=REGISTRY[name])
