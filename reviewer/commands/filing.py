"""`reviewer filing …`: the filing register (备案登记簿) on the command line.

Every subcommand opens the register (migrating it to the newest schema), does its work in
one transaction and prints Chinese for the reviewer; errors are one Chinese line on
stderr with exit code 2, and nothing is written.
"""
from __future__ import annotations

import json

import click

from ._register_cli import db_option, opened, reports_errors

FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
BY = click.option("--by", default=None, help="Who records this (default $REVIEWER_USER or the login name).")


def _echo_json(data):
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group()
def filing():
    """The filing register: file documents, decide on findings, record corrections."""


@filing.command("add")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--issuer", required=True, help="Issuing organ (制定机关) that reported the document.")
@click.option("--published", required=True, help="Publication date (公布日期), YYYY-MM-DD.")
@click.option("--received", required=True, help="Date the filing was received (报送日期), YYYY-MM-DD.")
@click.option("--profile", default=None, help="Jurisdiction profile (sets filing_days); default national.")
@click.option("--missing", multiple=True, metavar="MATERIAL",
              help="A filing material that was not submitted: report, text, explanation, legality-review, basis. Repeatable.")
@click.option("--normative/--not-normative", default=None,
              help="Override the review's finding whether this is a normative document.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@BY
@db_option
@reports_errors
def add(file, issuer, published, received, profile, missing, normative, fmt, by, db):
    """Review FILE and enter it on the register."""
    from ..dates import to_prose
    from ..register.filings import add_filing, show_filing

    with opened(db) as register:
        result = add_filing(register, file, issuer=issuer, published=published, received=received,
                            profile=profile, missing=missing, normative=normative, by=by)
        shown = show_filing(register, result.filing_id)
    if fmt == "json":
        _echo_json({**shown, "warnings": result.warnings})
        return
    for w in result.warnings:
        click.echo(f"注意：{w}")
    timing = "按期报备" if result.on_time else f"逾期报备（应于{to_prose(result.deadline.isoformat())}前报送）"
    click.echo(f"已登记：备案登记号 {result.filing_id}，{shown['measure_title'] or shown['title']}"
               f"{'（' + shown['doc_number'] + '）' if shown['doc_number'] else ''}，{timing}。")
    if result.duplicate_of is None:
        click.echo(f"审查发现问题 {result.findings} 项；用 reviewer filing show {result.filing_id} 查看，"
                   f"用 reviewer filing decide {result.filing_id} 序号 confirm|dismiss 逐项处理。")


@filing.command("list")
@click.option("--year", type=int, default=None, help="Only filings received in this year.")
@click.option("--issuer", default=None, help="Only this issuing organ.")
@FORMAT
@db_option
@reports_errors
def list_(year, issuer, fmt, db):
    """List filings on the register."""
    from ..register.filings import OUTCOMES, list_filings
    from ..dates import to_prose

    with opened(db) as register:
        rows = list_filings(register, year=year, issuer=issuer)
    if fmt == "json":
        _echo_json(rows)
        return
    if not rows:
        click.echo("登记簿中没有符合条件的报备文件。")
        return
    for r in rows:
        state = "按期" if r["on_time"] else "逾期"
        if r["duplicate_of"]:
            state += f"，重复报备（首次为登记号 {r['duplicate_of']}）"
        if not r["is_normative"]:
            state += "，不属于规范性文件"
        number = f"（{r['doc_number']}）" if r["doc_number"] else ""
        decided = f"问题{r['findings']}项：待处理{r['pending']}、确认{r['confirmed']}、不予采纳{r['dismissed']}"
        corr = f"；纠正：{OUTCOMES[r['correction']]}（{to_prose(r['correction_date'])}）" if r["correction"] else ""
        click.echo(f"[{r['filing_id']}] {to_prose(r['received'])}报送（{state}） {r['issuer']} "
                   f"《{r['title']}》{number} {to_prose(r['published'])}公布；{decided}{corr}")


@filing.command("show")
@click.argument("filing_id", type=int)
@FORMAT
@db_option
@reports_errors
def show(filing_id, fmt, db):
    """Show one filing with its numbered findings and decisions."""
    from ..cleanup import CATEGORY_NAMES, CLEANUP_NAMES, SEVERITY_NAMES
    from ..dates import to_prose
    from ..register.filings import DECISION_NAMES, MATERIALS, OUTCOMES

    with opened(db) as register:
        from ..register.filings import show_filing
        data = show_filing(register, filing_id)
    if fmt == "json":
        _echo_json(data)
        return
    click.echo(f"备案登记号 {data['filing_id']}：{data['title']}")
    click.echo(f"  制定机关：{data['issuer']}；文号：{data['doc_number'] or '（未载明）'}"
               + (f"（{data['doc_number_defect']}）" if data["doc_number_defect"] else ""))
    click.echo(f"  公布日期：{to_prose(data['published'])}；施行日期：{to_prose(data['effective_date'])}；"
               f"报送日期：{to_prose(data['received'])}（{'按期' if data['on_time'] else '逾期'}，"
               f"期限至{to_prose(data['deadline'])}）")
    if data["missing_materials"]:
        click.echo("  缺少报备材料：" + "、".join(MATERIALS[m] for m in data["missing_materials"]))
    if not data["is_normative"]:
        click.echo("  经审查不属于行政规范性文件。")
    for f in data["findings"]:
        decision = DECISION_NAMES.get(f["decision"], "待处理") if f["decision"] else "待处理"
        click.echo(f"  {f['no']}. [{decision}] {f['provision'] or '全文'} {CATEGORY_NAMES.get(f['category'], f['category'])}"
                   f"（{SEVERITY_NAMES.get(f['severity'], '')}）：“{f['text']}”")
        click.echo(f"     依据：{f['basis']}")
        if f["note"]:
            click.echo(f"     处理说明：{f['note']}")
    for c in data["corrections"]:
        click.echo(f"  纠正结果：{OUTCOMES[c['outcome']]}（{to_prose(c['outcome_date'])}）" + (f"，{c['note']}" if c["note"] else ""))
    if data["cleanup"]:
        click.echo(f"  清理建议：{CLEANUP_NAMES[data['cleanup']['category']]}（" + "；".join(data["cleanup"]["reasons"]) + "）")
        if data["cleanup"].get("conclusion"):
            click.echo(f"  审核结论：{data['cleanup']['conclusion']}")


@filing.command("decide")
@click.argument("filing_id", type=int)
@click.argument("finding_no", type=int)
@click.argument("decision", type=click.Choice(["confirm", "dismiss"]))
@click.option("--note", default=None, help="The reviewer's note (说明), in Chinese.")
@BY
@db_option
@reports_errors
def decide_(filing_id, finding_no, decision, note, by, db):
    """Confirm or dismiss finding FINDING_NO of filing FILING_ID."""
    from ..register.filings import decide

    with opened(db) as register:
        decide(register, filing_id, finding_no, decision, note=note, by=by)
    click.echo(f"已记录：备案登记号 {filing_id} 第 {finding_no} 项问题{'确认' if decision == 'confirm' else '不予采纳'}。")


@filing.command("correct")
@click.argument("filing_id", type=int)
@click.option("--outcome", required=True, type=click.Choice(["corrected", "revoked", "changed"]),
              help="corrected: the issuer corrected it; revoked: revoked; changed: changed.")
@click.option("--date", "outcome_date", required=True, help="Date of the outcome, YYYY-MM-DD.")
@click.option("--notice-date", default=None, help="Date the correction notice was sent, YYYY-MM-DD.")
@click.option("--note", default=None)
@BY
@db_option
@reports_errors
def correct_(filing_id, outcome, outcome_date, notice_date, note, by, db):
    """Record the outcome of a correction notice for filing FILING_ID."""
    from ..register.filings import OUTCOMES, correct

    with opened(db) as register:
        correct(register, filing_id, outcome=outcome, outcome_date=outcome_date, notice_date=notice_date,
                note=note, by=by)
    click.echo(f"已记录：备案登记号 {filing_id} 纠正结果为“{OUTCOMES[outcome]}”。")


@filing.command("import-issued")
@click.argument("list_file", type=click.Path(dir_okay=False))
@click.option("--issuer", required=True, help="The issuing organ whose list of issued documents this is.")
@db_option
@reports_errors
def import_issued_(list_file, issuer, db):
    """Import an issuer's list of issued documents (发文目录, CSV or xlsx).

    Columns (first row): 文号, 标题, 公布日期, 施行日期, 是否规范性文件, 立即施行理由;
    标题 and 公布日期 are required. See docs/register.md.
    """
    from ..register.completeness import import_issued

    with opened(db) as register:
        n = import_issued(register, list_file, issuer=issuer)
    click.echo(f"已导入 {issuer} 发文目录 {n} 条。")


@filing.command("completeness")
@click.option("--issuer", required=True)
@click.option("--year", type=int, required=True)
@FORMAT
@db_option
@reports_errors
def completeness_(issuer, year, fmt, db):
    """Diff an issuer's list of issued documents against what it filed."""
    from ..register.completeness import completeness, render_completeness

    with opened(db) as register:
        report = completeness(register, issuer=issuer, year=year)
    if fmt == "json":
        _echo_json(report.to_json())
    else:
        click.echo(render_completeness(report))


@filing.command("cleanup-import")
@click.argument("results", type=click.Path(dir_okay=False))
@click.option("--year", type=int, required=True, help="The cleanup year these outcomes belong to.")
@db_option
@reports_errors
def cleanup_import(results, year, db):
    """Import cleanup outcomes from a cleanup run's results.jsonl."""
    from ..register.cleanup_outcomes import CLEANUP_NAMES, import_results

    with opened(db) as register:
        counts = import_results(register, results, year=year)
    parts = "、".join(f"{CLEANUP_NAMES[k]}{counts[k]}件" for k in CLEANUP_NAMES)
    click.echo(f"已导入{year}年度清理结果 {counts['imported']} 件：{parts}"
               + (f"；跳过同一文件的其他版本 {counts['duplicates']} 件" if counts["duplicates"] else "")
               + (f"；跳过无法读取的文件 {counts['skipped']} 件" if counts["skipped"] else "") + "。")


@filing.command("cleanup")
@click.argument("filing_id", type=int)
@click.option("--year", type=int, required=True)
@click.option("--outcome", default=None, type=click.Choice(["remain", "modify", "abolish", "void"]),
              help="The outcome decided; default the verdict over the findings kept (dismissed ones left out).")
@click.option("--reason", "reasons", multiple=True, help="Reason (Chinese); default the verdict's reasons.")
@db_option
@reports_errors
def cleanup_record(filing_id, year, outcome, reasons, db):
    """Record the cleanup outcome decided for a filed document."""
    from ..register.cleanup_outcomes import CLEANUP_NAMES, record_outcome

    with opened(db) as register:
        outcome = record_outcome(register, filing_id, year=year, category=outcome, reasons=list(reasons))
    click.echo(f"已记录：备案登记号 {filing_id} {year}年度清理结果为“{CLEANUP_NAMES[outcome]}”。")


COMMANDS = [filing]
