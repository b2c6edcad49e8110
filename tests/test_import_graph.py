"""The pipeline's stages never import their consumers.

ingest → structure → reading → rules are stages; the review flow, the batch cleanup, the
filing register, the desk, the outputs, the reports and the CLI consume them. A stage
that imports a consumer (even inside a function) makes an import circle: rules → register
→ review → rules was one. Imports are read from the source (every `import`, at any depth),
so a lazy import counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "reviewer"
STAGES = ("reviewer.ingest", "reviewer.structure", "reviewer.reading", "reviewer.rules")
CONSUMERS = (
    "reviewer.review",
    "reviewer.batch",
    "reviewer.register",
    "reviewer.web",
    "reviewer.outputs",
    "reviewer.reports",
    "reviewer.commands",
    "reviewer.cli",
    "reviewer.store",
    "reviewer.graph",
    "reviewer.evaluate",
    "reviewer.evaluate_meta",
    "reviewer.evaluate_real",
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str) -> set[str]:
    """Every reviewer module `name` imports, anywhere in its source."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found |= {f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in MODULES}
    return {m for m in found if m in MODULES}


def _within(module: str, packages) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def _reachable_from(roots) -> dict[str, list[str]]:
    """Every module reachable from the roots, with one import chain leading to it."""
    chains = {m: [m] for m in MODULES if _within(m, roots)}
    todo = list(chains)
    while todo:
        m = todo.pop()
        for t in sorted(_imports(m)):
            if t not in chains:
                chains[t] = chains[m] + [t]
                todo.append(t)
    return chains


def test_the_scanner_sees_imports_inside_functions():
    assert "reviewer.immediate_effect" in _imports("reviewer.rules.checks.document_checks")
    assert "reviewer.rules.checks.python" in _imports("reviewer.rules.checks.document_checks")


def test_no_stage_imports_a_consumer():
    offenders = [
        " → ".join(chain) for module, chain in sorted(_reachable_from(STAGES).items()) if _within(module, CONSUMERS)
    ]
    assert offenders == [], "a stage reaches a consumer:\n" + "\n".join(offenders)
