"""Render an `AnnualReport`'s blocks as .docx (GB/T 9704), HTML or Markdown."""

from __future__ import annotations

import base64
from pathlib import Path

from . import gbt9704 as gb
from .annual import AnnualReport

TEMPLATES = Path(__file__).resolve().parent / "templates"


def to_docx(report: AnnualReport) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    doc = gb.new_document()
    props = doc.core_properties
    props.title = report.title
    props.author = report.figures.organ or ""
    props.language = "zh-CN"
    for b in report.blocks:
        if b.kind == "title":
            gb.title(doc, b.text)
        elif b.kind == "h1":
            gb.heading(doc, b.text, 1)
        elif b.kind == "h2":
            gb.heading(doc, b.text, 2)
        elif b.kind == "p":
            gb.body(doc, b.text, lead=b.lead or None)
        elif b.kind == "table":
            if b.caption:
                gb.caption(doc, b.caption, keep_with_next=True)
            gb.table(
                doc,
                b.header,
                b.rows,
                widths_mm=b.widths or None,
                left_cols=b.left_cols,
                size=gb.SIZE_5 if b.small else gb.SIZE_S4,
            )
        elif b.kind == "chart" and b.chart in report.charts:
            gb.picture(doc, report.charts[b.chart], width=Mm(150))
            gb.caption(doc, b.caption)
        elif b.kind == "signature":
            gb.signature(doc, b.text or None, b.caption)
        elif b.kind == "pagebreak":
            gb.page_break(doc)
        elif b.kind == "annex":
            # 附件 label: 黑体 3号, top left, no indent (GB/T 9704 §8.1 附件说明).
            p = gb.body(doc, "", indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
            gb.set_run_font(p.add_run(b.text), gb.HEADING1_FONT, gb.SIZE_3)
    return gb.to_bytes(doc)


def to_html(report: AnnualReport) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    images = {k: "data:image/png;base64," + base64.b64encode(v).decode("ascii") for k, v in report.charts.items()}
    return env.get_template("annual.html.j2").render(report=report, blocks=report.blocks, images=images)


def _md_cell(value: str) -> str:
    return str(value).replace("|", "｜").replace("\n", "<br>")


def to_markdown(report: AnnualReport, chart_paths: dict[str, str] | None = None) -> str:
    """Markdown; charts are linked when `chart_paths` names the PNG files written beside it."""
    lines: list[str] = []
    titles = 0
    for b in report.blocks:
        if b.kind == "title":
            lines += [("# " if titles == 0 else "## ") + b.text, ""]
            titles += 1
        elif b.kind == "h1":
            lines += [f"## {b.text}", ""]
        elif b.kind == "h2":
            lines += [f"### {b.text}", ""]
        elif b.kind == "p":
            lines += [(f"**{b.lead}**" if b.lead else "") + b.text, ""]
        elif b.kind == "table":
            if b.caption:
                lines += [f"*{b.caption}*", ""]
            lines.append("| " + " | ".join(_md_cell(h) for h in b.header) + " |")
            lines.append("|" + "|".join("---" for _ in b.header) + "|")
            lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in b.rows]
            lines.append("")
        elif b.kind == "chart" and chart_paths and b.chart in chart_paths:
            lines += [f"![{b.caption}]({chart_paths[b.chart]})", "", f"*{b.caption}*", ""]
        elif b.kind == "signature":
            lines += [
                "",
                *([f'<p align="right">{b.text}</p>'] if b.text else []),
                f'<p align="right">{b.caption}</p>',
                "",
            ]
        elif b.kind == "pagebreak":
            lines += ["---", ""]
        elif b.kind == "annex":
            lines += [f"**{b.text}**", ""]
    return "\n".join(lines).rstrip() + "\n"
