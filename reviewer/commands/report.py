"""`reviewer report annual`: the year's filing-review report from the register."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from ._register_cli import db_option, fail, opened, reports_errors


@click.group()
def report():
    """Reports built from the filing register."""


@report.command("annual")
@click.option("--year", type=int, required=True, help="The report year (filings received in it).")
@click.option("--format", "fmt", type=click.Choice(["docx", "html", "md"]), default="docx", show_default=True)
@click.option("--out", default=None, help="Output file (default 备案审查年度报告-YEAR.FORMAT; '-' prints html/md).")
@click.option(
    "--organ", default=None, help="The filing-review organ named in the title and signature, e.g. 青川市司法局."
)
@click.option("--date", "made_on", default=None, help="Date under the signature (default today), YYYY-MM-DD.")
@click.option("--no-charts", is_flag=True, help="Leave out the charts (no CJK font needed).")
@db_option
@reports_errors
def annual(year, fmt, out, organ, made_on, no_charts, db):
    """Write the annual filing-review report (备案审查年度报告)."""
    from ..register.validate import parse_date
    from ..reports.annual import build_annual_report
    from ..reports.annual_render import to_docx, to_html, to_markdown

    if not 1949 <= year <= date.today().year:
        fail(f"报告年度 {year} 无效：应为不晚于今年的四位年份")
    made = parse_date(made_on, "报告日期") if made_on else date.today()
    with opened(db) as register:
        rep = build_annual_report(register, year, organ=organ, made_on=made, charts=not no_charts)
    out = out or f"备案审查年度报告-{year}.{fmt}"
    if fmt == "docx":
        if out == "-":
            fail("docx 格式不能输出到标准输出，请用 --out 指定文件")
        Path(out).write_bytes(to_docx(rep))
    elif fmt == "html":
        _write_text(out, to_html(rep))
    else:
        paths = {}
        if out != "-" and rep.charts:
            # Markdown cannot embed images: the charts go beside the file.
            folder = Path(out).with_suffix("")
            folder = folder.with_name(folder.name + "_图表")
            folder.mkdir(parents=True, exist_ok=True)
            for key, png in rep.charts.items():
                (folder / f"{key}.png").write_bytes(png)
                paths[key] = f"{folder.name}/{key}.png"
        _write_text(out, to_markdown(rep, paths))
    if out != "-":
        f = rep.figures
        click.echo(
            f"已生成 {out}：{year}年度收到报备文件{f.filings_received}件次，予以备案登记{f.registered}件，"
            f"存在问题{f.defective}件，已纠正{f.corrected_total}件。",
            err=True,
        )


def _write_text(out: str, text: str) -> None:
    if out == "-":
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


COMMANDS = [report]
