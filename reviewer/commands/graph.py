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
@click.option(
    "--out",
    default="reviewer-out/graph",
    show_default=True,
    help="Output path without suffix; writes .graphml, .json and .html.",
)
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
    """List every document and provision citing TITLE (a law, optionally with an article:
    大气污染防治法第一百一十五条), with the file path and the cleanup consequence."""
    from ..citations import articles_of
    from ..dates import to_prose
    from ..graph import build_graph, find_law_node, split_article
    from ..graph import impact as impact_rows
    from ..laws import load_catalogue, load_registry

    law, article = split_article(title)
    wanted = articles_of(article)
    registry = load_registry()
    entry = registry.lookup(title=law, doc_number=law)
    g = build_graph(_reviews(paths, as_of), registry)
    node = find_law_node(g, law, registry)
    rows = impact_rows(g, node, wanted) if node and node in g else []
    name = f"《{entry.title}》" if entry else f"《{law}》"
    asked = name + (article or "")
    if entry is None:
        in_catalogue = law in load_catalogue()
        notice = (
            f"本工具法规库未收录{name}（国家法律法规目录中有此名称），无法核对其效力状态；以下按所给名称在文件中检索。"
            if in_catalogue
            else f"法规库和国家法律法规目录中均未找到{name}，请核实名称是否准确；以下仍按所给名称在文件中检索。"
        )
    else:
        notice = None
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "title": title,
                    "law": law,
                    "article": article,
                    "in_registry": entry is not None,
                    "registry_id": entry.id if entry else None,
                    "notice": notice,
                    "node": node,
                    "documents": rows,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if notice:
        click.echo(notice)
    if not rows:
        click.echo(f"没有文件引用{asked}。")
        return
    click.echo(f"引用{asked}的文件共 {len(rows)} 件：")
    for r in rows:
        status = r["statuses"][0] if r["statuses"] else "unverified"
        verdict, why = _CONSEQUENCE.get(status, _CONSEQUENCE["unverified"])
        when = to_prose(r["date"]) if r["date"] else "日期不详"
        click.echo(f"- {r['label']}（{r['doc_number'] or '无文号'}，{when}）")
        click.echo(f"    文件：{r['file']}")
        cited = "；".join(f"{c['provision'] or '正文'}：{c['text']}" for c in r["citations"])
        click.echo(f"    引用条款：{cited}")
        click.echo(f"    清理建议：{verdict}（{why}）")


COMMANDS = [graph, impact]
