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
@click.option(
    "--missing",
    multiple=True,
    metavar="MATERIAL",
    help="A filing material that was not submitted: report, text, explanation, legality-review, basis. Repeatable.",
)
@click.option(
    "--normative/--not-normative",
    default=None,
    help="Override the review's finding whether this is a normative document.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@BY
@db_option
@reports_errors
def add(file, issuer, published, received, profile, missing, normative, fmt, by, db):
    """Review FILE and enter it on the register."""
    from ..dates import to_prose
    from ..register.filings import add_filing, show_filing

    with opened(db) as register:
        result = add_filing(
            register,
            file,
            issuer=issuer,
            published=published,
            received=received,
            profile=profile,
            missing=missing,
            normative=normative,
            by=by,
        )
        shown = show_filing(register, result.filing_id)
    if fmt == "json":
        _echo_json({**shown, "warnings": result.warnings})
        return
    for w in result.warnings:
        click.echo(f"注意：{w}")
    timing = "按期报备" if result.on_time else f"逾期报备（应于{to_prose(result.deadline.isoformat())}前报送）"
    click.echo(
        f"已登记：备案登记号 {result.filing_id}，{shown['measure_title'] or shown['title']}"
        f"{'（' + shown['doc_number'] + '）' if shown['doc_number'] else ''}，{timing}。"
    )
    if result.duplicate_of is None:
        click.echo(
            f"审查发现问题 {result.findings} 项；用 reviewer filing show {result.filing_id} 查看，"
            f"用 reviewer filing decide {result.filing_id} 序号 confirm|dismiss 逐项处理。"
        )


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
        click.echo(
            f"[{r['filing_id']}] {to_prose(r['received'])}报送（{state}） {r['issuer']} "
            f"《{r['title']}》{number} {to_prose(r['published'])}公布；{decided}{corr}"
        )


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
    click.echo(
        f"  制定机关：{data['issuer']}；文号：{data['doc_number'] or '（未载明）'}"
        + (f"（{data['doc_number_defect']}）" if data["doc_number_defect"] else "")
    )
    click.echo(
        f"  公布日期：{to_prose(data['published'])}；施行日期：{to_prose(data['effective_date'])}；"
        f"报送日期：{to_prose(data['received'])}（{'按期' if data['on_time'] else '逾期'}，"
        f"期限至{to_prose(data['deadline'])}）"
    )
    if data["missing_materials"]:
        click.echo("  缺少报备材料：" + "、".join(MATERIALS[m] for m in data["missing_materials"]))
    if not data["is_normative"]:
        click.echo("  经审查不属于行政规范性文件。")
    for f in data["findings"]:
        decision = DECISION_NAMES.get(f["decision"], "待处理") if f["decision"] else "待处理"
        if f["source"] == "reviewer":
            decision = "审核人员补充" + (f"，{f['added_by']}" if f["added_by"] else "")
        words = f"“{f['text']}”" if f["text"] else "（文件整体）"
        click.echo(
            f"  {f['no']}. [{decision}] {f['provision'] or '全文'} {CATEGORY_NAMES.get(f['category'], f['category'])}"
            f"（{SEVERITY_NAMES.get(f['severity'], '')}）：{words}"
        )
        if f["source"] == "reviewer" or f["reworded"]:
            click.echo(f"     问题：{f['message']}" + ("（表述经审核人员修改）" if f["reworded"] else ""))
            if f["explanation"]:
                click.echo(f"     理由：{f['explanation']}")
            if f["suggestion"]:
                click.echo(f"     修改建议：{f['suggestion']}")
        click.echo(f"     依据：{f['basis']}")
        if f["note"]:
            click.echo(f"     处理说明：{f['note']}")
    for c in data["corrections"]:
        click.echo(
            f"  纠正结果：{OUTCOMES[c['outcome']]}（{to_prose(c['outcome_date'])}）"
            + (f"，{c['note']}" if c["note"] else "")
        )
    if data["cleanup"]:
        click.echo(
            f"  清理建议：{CLEANUP_NAMES[data['cleanup']['category']]}（" + "；".join(data["cleanup"]["reasons"]) + "）"
        )
        if data["cleanup"].get("conclusion"):
            click.echo(f"  审核结论：{data['cleanup']['conclusion']}")


def _wording_options(f):
    for name, meaning in (
        ("suggestion", "suggested wording (修改建议)"),
        ("basis", "legal basis (依据)"),
        ("explanation", "reasoning (理由)"),
        ("problem", "the problem in one sentence (问题)"),
    ):
        f = click.option(f"--{name}", default=None, help=f"The {meaning}, in Chinese.")(f)
    return f


@filing.command("decide")
@click.argument("filing_id", type=int)
@click.argument("finding_no", type=int)
@click.argument("decision", type=click.Choice(["confirm", "dismiss"]))
@click.option("--note", default=None, help="The reviewer's note (说明), in Chinese.")
@_wording_options
@BY
@db_option
@reports_errors
def decide_(filing_id, finding_no, decision, note, problem, explanation, basis, suggestion, by, db):
    """Confirm or dismiss finding FINDING_NO of filing FILING_ID.

    --problem/--explanation/--basis/--suggestion replace the tool's wording of the finding
    wherever it is printed (opinion, Word comments, report)."""
    from ..register.filings import decide

    wording = {"message": problem, "explanation": explanation, "basis": basis, "suggestion": suggestion}
    with opened(db) as register:
        decide(
            register, filing_id, finding_no, decision, note=note, by=by, wording={k: v for k, v in wording.items() if v}
        )
    click.echo(
        f"已记录：备案登记号 {filing_id} 第 {finding_no} 项问题{'确认' if decision == 'confirm' else '不予采纳'}"
        + ("，并采用修改后的表述" if any(wording.values()) else "")
        + "。"
    )


@filing.command("add-finding")
@click.argument("filing_id", type=int)
@click.option("--provision", default=None, help="The provision as printed: 第五条, 第五条第二款, 三、（二）.")
@click.option("--quote", default=None, help="The words in question, copied from the text.")
@click.option(
    "--category",
    required=True,
    help="Category: a code of the taxonomy (ultra_vires.penalty) or its Chinese name (违法设定行政处罚).",
)
@click.option("--severity", default="error", show_default=True, help="error|warning|info, or 须修改|需研判|供参考.")
@_wording_options
@BY
@db_option
@reports_errors
def add_finding(filing_id, provision, quote, category, severity, problem, explanation, basis, suggestion, by, db):
    """Add a finding of the reviewer's own to filing FILING_ID (one the tool missed).

    It is recorded as the reviewer's and confirmed, and counts in the verdict, the opinion,
    the annotated copy and the annual report like a confirmed finding of the tool."""
    from ..register.filings import add_own_finding

    with opened(db) as register:
        no = add_own_finding(
            register,
            filing_id,
            category=category,
            severity=severity,
            provision=provision,
            quote=quote,
            explanation=explanation or "",
            basis=basis or "",
            suggestion=suggestion or "",
            message=problem or "",
            by=by,
        )
    click.echo(f"已记录：备案登记号 {filing_id} 补充第 {no} 项问题（审核人员补充，已确认）。")


@filing.command("remove-finding")
@click.argument("filing_id", type=int)
@click.argument("finding_no", type=int)
@db_option
@reports_errors
def remove_finding(filing_id, finding_no, db):
    """Withdraw a finding the reviewer added to filing FILING_ID."""
    from ..register.filings import remove_own_finding

    with opened(db) as register:
        remove_own_finding(register, filing_id, finding_no)
    click.echo(f"已删除：备案登记号 {filing_id} 第 {finding_no} 项（审核人员补充的问题）。")


def _filed_review(register, filing_id):
    """The filed document as a model.Review with the findings the reviewer keeps and their notes."""
    from ..model import Review
    from ..register.filings import current_verdict, get_filing, kept_findings, stored_document

    with register.transaction() as s:
        doc = get_filing(s, filing_id).document
        if doc.latest_review is None:
            from ..register.db import RegisterError

            raise RegisterError(f"备案登记号 {filing_id} 的文件尚无审查结果")
        kept, notes = kept_findings(doc)
        document = stored_document(doc)
        review = Review(
            file=doc.file_name,
            document=document,
            findings=tuple(kept),
            verdict=current_verdict(doc),
            as_of=doc.latest_review.as_of.isoformat(),
            profile=(doc.review_json or {}).get("profile"),
        )
        return review, kept, notes, doc.sha256


@filing.command("opinion")
@click.argument("filing_id", type=int)
@click.option("--out", required=True, help="Where to write the opinion (.docx).")
@click.option("--org", default="", help="Reviewing body printed on the signature line (审核机构).")
@click.option("--reviewer", "reviewer_name", default="", help="Reviewer's name (审核人).")
@click.option("--date", "signed", default=None, help="Date of the opinion (YYYY-MM-DD); default today.")
@db_option
@reports_errors
def opinion_(filing_id, out, org, reviewer_name, signed, db):
    """Draft the review opinion of filing FILING_ID from the findings kept on the register
    (the tool's not dismissed, with the reviewer's wording, and the reviewer's own)."""
    from ..outputs.opinion_docx import Signature, write_opinion_docx
    from ..register.validate import parse_date

    when = parse_date(signed, "日期").isoformat() if signed else None
    with opened(db) as register:
        review, kept, notes, _ = _filed_review(register, filing_id)
    verdict = write_opinion_docx(
        review, out, kept=kept, notes=notes, signature=Signature(org=org, reviewer=reviewer_name, date=when)
    )
    click.echo(f"审核结论：{verdict}；已写入 {out}")


@filing.command("annotate")
@click.argument("filing_id", type=int)
@click.option("--out", required=True, help="Where to write the annotated copy (.docx).")
@click.option(
    "--source",
    "source_file",
    default=None,
    type=click.Path(dir_okay=False, exists=True),
    help="The filed .docx itself, to annotate the original instead of a copy of its text.",
)
@db_option
@reports_errors
def annotate_(filing_id, out, source_file, db):
    """Write the filed document with a Word comment on every finding kept on the register."""
    import hashlib
    from pathlib import Path

    from ..outputs.annotated_docx import write_annotated_docx
    from ..register.db import RegisterError

    with opened(db) as register:
        review, kept, notes, sha256 = _filed_review(register, filing_id)
    source = None
    if source_file:
        source = Path(source_file).read_bytes()
        if hashlib.sha256(source).hexdigest() != sha256:
            raise RegisterError(f"{source_file} 不是备案登记号 {filing_id} 登记的文件（内容不同）")
    count = write_annotated_docx(review, out, source=source, findings=kept, notes=notes)
    click.echo(f"{count} 条批注，已写入 {out}")


@filing.command("correct")
@click.argument("filing_id", type=int)
@click.option(
    "--outcome",
    required=True,
    type=click.Choice(["corrected", "revoked", "changed"]),
    help="corrected: the issuer corrected it; revoked: revoked; changed: changed.",
)
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
        correct(
            register, filing_id, outcome=outcome, outcome_date=outcome_date, notice_date=notice_date, note=note, by=by
        )
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
    click.echo(
        f"已导入{year}年度清理结果 {counts['imported']} 件：{parts}"
        + (f"；跳过同一文件的其他版本 {counts['duplicates']} 件" if counts["duplicates"] else "")
        + (f"；跳过无法读取的文件 {counts['skipped']} 件" if counts["skipped"] else "")
        + "。"
    )


@filing.command("cleanup")
@click.argument("filing_id", type=int)
@click.option("--year", type=int, required=True)
@click.option(
    "--outcome",
    default=None,
    type=click.Choice(["remain", "modify", "abolish", "void"]),
    help="The outcome decided; default the verdict over the findings kept (dismissed ones left out).",
)
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
