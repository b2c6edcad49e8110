"""Command line: `reviewer check`, `reviewer eval`, `reviewer rules`.

Exit codes of `check` (DESIGN.md §3.1): 0 no finding of severity error, 1 at least one,
2 an input could not be read (message on stderr, never a traceback).
"""

from __future__ import annotations

import json
import sys

import click

from . import __version__
from .commands.options import iso_date
from .errors import IngestError, ReviewerError


def _fail(message: str, code: int = 2):
    click.echo(f"reviewer: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviewer")
def main():
    """Legality review of administrative normative documents (行政规范性文件合法性审核)."""


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md", "docx"]),
    default="text",
    show_default=True,
    help="Output format; docx writes the document with a Word comment on every finding.",
)
@click.option("--out", default=None, help="Output file for --format docx (a directory when several files).")
@click.option(
    "--as-of", type=str, callback=iso_date, default=None, help="Review as of this date (YYYY-MM-DD); default today."
)
@click.option("--profile", default=None, help="Jurisdiction profile name in rules/profiles/ or a YAML path.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
def check(files, fmt, as_of, profile, color, out):
    """Review FILES (docx, pdf, txt, html); '-' reads plain text from standard input."""
    if fmt == "docx":
        from .outputs.annotated_docx import check_to_docx

        sys.exit(check_to_docx(files, out, as_of=as_of, profile=profile))
    from .outputs import render_markdown, render_text, review_to_json
    from .review import load_profile, review_bytes, review_file

    from .limits import DocumentTimeout, from_profile, time_limit, timeout_error
    from .names import display_path

    try:
        prof = load_profile(profile)
        seconds = from_profile(prof).seconds_per_document
    except ReviewerError as exc:
        _fail(str(exc))
    use_color = sys.stdout.isatty() if color is None else color
    results, unreadable, has_errors = [], False, False
    for name in files:
        try:
            try:
                with time_limit(seconds):
                    if name == "-":
                        review = review_bytes(_read_stdin(prof), "-", as_of=as_of, profile=prof)
                    else:
                        review = review_file(name, as_of=as_of, profile=prof)
            except DocumentTimeout:
                raise timeout_error(name, seconds) from None
        except IngestError as exc:
            unreadable = True
            shown = display_path(exc.path)
            click.echo(f"reviewer: 无法读取 {shown}：{exc.reason}", err=True)
            results.append({"file": shown, "error": {"code": exc.code, "reason": exc.reason}})
            continue
        except ReviewerError as exc:
            _fail(str(exc))
        has_errors = has_errors or review.has_errors
        results.append(review)
    if fmt == "json":
        payload = [r if isinstance(r, dict) else review_to_json(r) for r in results]
        if len(files) == 1:
            if payload and "error" not in payload[0]:
                click.echo(json.dumps(payload[0], ensure_ascii=False, indent=2))
        else:
            click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for r in results:
            if isinstance(r, dict):
                continue
            click.echo(render_markdown(r) if fmt == "md" else render_text(r, color=use_color))
    sys.exit(2 if unreadable else (1 if has_errors else 0))


def _read_stdin(profile: dict) -> bytes:
    """Standard input, never more than the file size limit (cat /dev/zero | reviewer check -)."""
    from .ingest._common import too_large_file
    from .limits import from_profile

    limit = from_profile(profile).max_file_bytes
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise too_large_file("-", len(data), limit)
    return data


@main.command("eval")
@click.argument("gold_dir", default="corpus/gold")
@click.option("--as-of", callback=iso_date, default="2026-11-23", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--markdown",
    "as_markdown",
    is_flag=True,
    help="Print the README's result cells for a real set (the README's figures come from here).",
)
@click.option("--verbose", "-v", is_flag=True, help="List every false positive and false negative.")
@click.option(
    "--half",
    type=click.Choice(["odd", "even"]),
    default=None,
    help="Score only odd- or even-numbered units (study errors on one half, report the other).",
)
def evaluate(gold_dir, as_of, as_json, as_markdown, verbose, half):
    """Precision and recall per category on a labelled dev set, on published cases
    (a .jsonl file such as ../shared/real/cases.jsonl) or on labelled real documents
    (corpus/real_labels); metadata accuracy on a meta.jsonl (../shared/real/corpus)."""
    from .evaluate import evaluate_gold, format_report
    from .evaluate_meta import evaluate_meta, format_meta_report, is_meta_path

    from pathlib import Path

    target = Path(gold_dir)
    if (target.suffix == ".jsonl" and target.name != "meta.jsonl") or (target / "findings").is_dir():
        from . import evaluate_real

        try:
            if target.suffix == ".jsonl":
                report = evaluate_real.evaluate_cases(target, as_of=as_of)
                text = evaluate_real.format_cases(report, verbose=verbose)
            else:
                report = evaluate_real.evaluate_labelled_documents(target, as_of=as_of)
                text = evaluate_real.format_documents(report, verbose=verbose)
        except ReviewerError as exc:
            _fail(str(exc))
        if as_markdown:
            click.echo(
                evaluate_real.markdown_cases(report)
                if target.suffix == ".jsonl"
                else evaluate_real.markdown_documents(report)
            )
            return
        click.echo(json.dumps(report, ensure_ascii=False, indent=2, default=str) if as_json else text)
        return
    if is_meta_path(gold_dir):  # real documents with their sites' metadata (../shared/real/corpus)
        evaluate_gold, format_report = (lambda d, **_: evaluate_meta(d)), format_meta_report
    try:
        report = evaluate_gold(gold_dir, as_of=as_of, half=half)
    except ReviewerError as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report, verbose=verbose))


@main.group()
def rules():
    """List the rules or write their documentation."""


@rules.command("list")
def rules_list():
    from .cleanup import CATEGORY_NAMES
    from .rules import load_rules

    for r in load_rules():
        click.echo(f"{r.id}\t{r.severity}\t{r.category}\t{CATEGORY_NAMES.get(r.category, '')}\t{r.title}")


@rules.command("docs")
@click.option("--out", default="docs/rules.md", show_default=True)
def rules_docs(out):
    """Write per-rule documentation generated from the rule files."""
    from pathlib import Path

    from .ruledocs import render_rule_docs

    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(render_rule_docs(), encoding="utf-8")
    click.echo(f"wrote {out}")


def _register_commands():
    import importlib

    from .commands import MODULES

    for name in MODULES:
        module_name = f"reviewer.commands.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # that capability is not in this checkout
            raise
        for command in module.COMMANDS:
            main.add_command(command)


_register_commands()

if __name__ == "__main__":
    main()
