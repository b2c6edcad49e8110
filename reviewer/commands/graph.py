"""`reviewer graph DIR --out FILE` and `reviewer impact TITLE DIR`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import IngestError

_SUFFIXES = {".docx", ".pdf", ".txt", ".html", ".htm"}
_CONSEQUENCE = {
    "repealed": ("修改", "所引法律法规已废止，应改引现行有效的规定"),
    "amended": ("修改", "所引法律法规在文件制定后已修订，应核对引用条文和相关规定"),
    "not_yet_effective": ("继续有效", "所引法律法规尚未施行，注意衔接"),
    "in_force": ("继续有效", "所引法律法规现行有效，引用无需调整"),
    "unverified": ("继续有效", "所引依据未能在法规库中核实"),
}


def _files(paths):
    for p in paths:
        p = Path(p)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in _SUFFIXES)
        elif p.is_file():
            yield p


def _reviews(paths, as_of):
    from ..review import review_file
    files = list(_files(paths))
    if not files:
        click.echo("reviewer: 没有找到可审查的文件（docx、pdf、txt、html）", err=True)
        sys.exit(2)
    out = []
    for i, f in enumerate(files, 1):
        if sys.stderr.isatty():
            click.echo(f"\r审查 {i}/{len(files)}", err=True, nl=False)
        try:
            out.append(review_file(f, as_of=as_of))
        except IngestError as exc:
            click.echo(f"reviewer: 无法读取 {exc.path}：{exc.reason}", err=True)
    if sys.stderr.isatty():
        click.echo("", err=True)
    return out


@click.command("graph")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", default="reviewer-out/graph", show_default=True,
              help="Output path without suffix; writes .graphml, .json and .html.")
@click.option("--as-of", default=None, help="Review date (YYYY-MM-DD); default today.")
def graph(paths, out, as_of):
    """Build the citation graph of every document under PATHS."""
    from ..graph import build_graph, write_graph
    g = build_graph(_reviews(paths, as_of))
    written = write_graph(g, out)
    docs = sum(1 for _, d in g.nodes(data=True) if d.get("kind") == "document")
    laws = sum(1 for _, d in g.nodes(data=True) if d.get("kind") == "law")
    click.echo(f"文件 {docs} 件，法律法规 {laws} 部，引用关系 {g.number_of_edges()} 条")
    for p in written:
        click.echo(f"  {p}")


@click.command("impact")
@click.argument("title")
@click.argument("paths", nargs=-1, required=True)
@click.option("--as-of", default=None, help="Review date (YYYY-MM-DD); default today.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def impact(title, paths, as_of, fmt):
    """List every document and provision citing TITLE, with the cleanup consequence."""
    from ..graph import build_graph, find_law_node
    from ..graph import impact as impact_rows
    from ..laws import load_registry
    g = build_graph(_reviews(paths, as_of))
    node = find_law_node(g, title)
    rows = impact_rows(g, node) if node and node in g else []
    entry = load_registry().lookup(title=title, doc_number=title)
    name = f"《{entry.title}》" if entry else f"《{title}》"
    if fmt == "json":
        click.echo(json.dumps({"title": title, "node": node, "documents": rows}, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"没有文件引用{name}。")
        return
    click.echo(f"引用{name}的文件共 {len(rows)} 件：")
    for r in rows:
        status = r["statuses"][0] if r["statuses"] else "unverified"
        verdict, why = _CONSEQUENCE.get(status, _CONSEQUENCE["unverified"])
        click.echo(f"- {r['label']}（{r['doc_number'] or '无文号'}，{r['date'] or '日期不详'}）")
        click.echo(f"    条款：{'、'.join(r['provisions']) or '（正文）'}；引用：{'、'.join(r['articles']) or '全文'}")
        click.echo(f"    清理建议：{verdict}（{why}）")


COMMANDS = [graph, impact]
