"""`reviewer opinion FILE --out OPINION.docx`: draft the 合法性审核意见书."""

from __future__ import annotations

import sys

import click

from .options import iso_date


def select_findings(findings, keep=(), dismiss=()):
    """The findings to keep. Each of `keep`/`dismiss` is a rule id (UV001) or a
    1-based position in the review's list. With no --keep, all are kept."""

    def matches(n, f, selectors):
        return any(s == str(n) or s.upper() == f.rule.upper() for s in selectors)

    for s in (*keep, *dismiss):
        if not s.isdigit() and not any(s.upper() == f.rule.upper() for f in findings):
            raise click.BadParameter(f"没有这一项审查意见：{s}（请填写规则编号或序号）")
        if s.isdigit() and not 1 <= int(s) <= len(findings):
            raise click.BadParameter(f"序号 {s} 超出范围（共 {len(findings)} 项）")
    return [f for n, f in enumerate(findings, 1) if (not keep or matches(n, f, keep)) and not matches(n, f, dismiss)]


@click.command()
@click.argument("file")
@click.option("--out", required=True, help="Where to write the opinion (.docx).")
@click.option(
    "--keep",
    multiple=True,
    metavar="RULE_OR_INDEX",
    help="Keep only these findings (rule id or 1-based index); repeatable.",
)
@click.option(
    "--dismiss",
    multiple=True,
    metavar="RULE_OR_INDEX",
    help="Leave these findings out (rule id or 1-based index); repeatable.",
)
@click.option("--org", default="", help="Reviewing body printed on the signature line (审核机构).")
@click.option("--reviewer", "reviewer_name", default="", help="Reviewer's name (审核人).")
@click.option(
    "--date", "signed", callback=iso_date, default=None, help="Date of the opinion (YYYY-MM-DD); default today."
)
@click.option("--as-of", callback=iso_date, default=None, help="Review as of this date (YYYY-MM-DD).")
@click.option("--profile", default=None, help="Jurisdiction profile name or YAML path.")
def opinion(file, out, keep, dismiss, org, reviewer_name, signed, as_of, profile):
    """Draft the review opinion (合法性审核意见书) for FILE as a Word document."""
    from ..errors import IngestError, ReviewerError
    from ..outputs.opinion_docx import Signature, write_opinion_docx
    from ..review import load_profile, review_bytes, review_file

    try:
        prof = load_profile(profile)
        if file == "-":
            review = review_bytes(sys.stdin.buffer.read(), "-", as_of=as_of, profile=prof)
        else:
            review = review_file(file, as_of=as_of, profile=prof)
    except IngestError as exc:
        click.echo(f"reviewer: 无法读取 {exc.path}：{exc.reason}", err=True)
        sys.exit(2)
    except ReviewerError as exc:
        click.echo(f"reviewer: {exc}", err=True)
        sys.exit(2)
    kept = select_findings(review.findings, keep, dismiss)
    try:
        verdict = write_opinion_docx(
            review, out, kept=kept, signature=Signature(org=org, reviewer=reviewer_name, date=signed)
        )
    except OSError as exc:
        click.echo(f"reviewer: 无法写入 {out}：{exc.strerror or exc}", err=True)
        sys.exit(2)
    for n, f in enumerate(review.findings, 1):
        mark = "采纳" if f in kept else "不采纳"
        click.echo(f"{n:>3}. [{mark}] {f.rule} {f.provision or ''} {f.text[:30]}")
    click.echo(f"审核结论：{verdict}；已写入 {out}")


COMMANDS = [opinion]
