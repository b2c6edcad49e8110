"""`reviewer laws show TITLE` and `reviewer laws import FILE.csv`."""

from __future__ import annotations

import json
import sys

import click

from ..dates import to_prose
from ..errors import ReviewerError


@click.group()
def laws():
    """Look up the superior-law registry or add a jurisdiction's own entries."""


@laws.command("show")
@click.argument("title")
@click.option("--json", "as_json", is_flag=True, help="Print the entry as JSON.")
def show(title, as_json):
    """Show a registry entry by title, short title, alias or document number."""
    from ..laws import load_registry

    reg = load_registry()
    entry = reg.lookup(title=title, doc_number=title)
    if entry is None:
        near = reg.closest(title)
        hint = ("；相近的名称：" + "、".join(f"《{e.title}》" for e in near)) if near else ""
        click.echo(f"reviewer: 法规库中没有“{title}”{hint}", err=True)
        sys.exit(1)
    if as_json:
        from dataclasses import asdict

        click.echo(json.dumps(asdict(entry), ensure_ascii=False, indent=2))
        return
    status = {"in_force": "现行有效", "repealed": "已废止", "not_yet_effective": "尚未施行"}.get(
        entry.status, entry.status
    )
    click.echo(f"《{entry.title}》（{entry.level}，{status}）")
    if entry.aliases:
        click.echo(f"  简称/别称：{'、'.join(entry.aliases)}")
    if entry.issuer:
        click.echo(f"  制定机关：{entry.issuer}" + (f"（{entry.doc_number}）" if entry.doc_number else ""))
    for v in entry.versions:
        parts = [
            f"{to_prose(v.adopted)}通过/公布" if v.adopted else None,
            f"{to_prose(v.effective)}施行" if v.effective else None,
            f"共{v.articles}条" if v.articles else None,
            "调整条文序号" if v.renumbered else None,
        ]
        click.echo("  版本：" + "，".join(p for p in parts if p))
    if entry.repealed:
        succ = reg.entries.get(entry.successor) if entry.successor else None
        click.echo(f"  废止：{to_prose(entry.repealed)}" + (f"，由《{succ.title}》替代" if succ else ""))
    if entry.note:
        click.echo(f"  说明：{entry.note}")


@laws.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--into",
    default=None,
    help="Folder for the jurisdiction's registry files "
    "(default: laws/ in the user's data directory, $REVIEWER_DATA_DIR or ~/.local/share/reviewer).",
)
def import_(csv_file, into):
    """Add a jurisdiction's regulations and rules from a CSV (see corpus/laws/README.md)."""
    from pathlib import Path

    from ..datapaths import user_laws_dir
    from ..laws import import_csv, load_registry

    target = Path(into) if into else user_laws_dir()
    try:
        out = import_csv(csv_file, target)
        load_registry()  # fails loudly on duplicate ids before we report success
    except ReviewerError as exc:
        click.echo(f"reviewer: {exc}", err=True)
        sys.exit(2)
    click.echo(f"已导入到 {out}")


COMMANDS = [laws]
