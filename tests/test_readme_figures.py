"""The README's real-set figures come from one command (`reviewer eval … --markdown`): this
test fails when the code's figures and the README's drift apart."""

from pathlib import Path

from conftest import require

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real"


def _readme_cell(row_start: str) -> str:
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith(row_start):
            return line.rstrip(" |").rsplit(" | ", 1)[1]
    raise AssertionError(f"README has no row {row_start!r}")


def test_published_case_figures_in_the_readme_are_the_evals():
    require("shared")
    from reviewer import evaluate_real

    report = evaluate_real.evaluate_cases(REAL / "cases.jsonl")
    assert _readme_cell("| published cases |") == evaluate_real.markdown_cases(report)


def test_labelled_document_figures_in_the_readme_are_the_evals():
    require("shared")
    from reviewer import evaluate_real

    report = evaluate_real.evaluate_labelled_documents(ROOT / "corpus" / "real_labels")
    findings, types = evaluate_real.markdown_documents(report).split("\n")
    assert _readme_cell("| labelled real documents |") == findings
    assert _readme_cell("| document type and validity |") == types
