"""`reviewer cleanup PATH... --as-of DATE`: the periodic (or dynamic) cleanup of every
normative document under the paths, written as the lists reviewers publish.

Exit codes: 0 the run finished (files that could not be read are listed, not fatal);
2 the run could not start (no such path, bad profile, database in use, no scheduler);
130 interrupted — everything committed so far is kept and the same command resumes.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from datetime import date

import click

from ..errors import ReviewerError


def _iso_date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"“{value}”不是有效日期，应写作“2026-11-23”这样的年-月-日") from None


@click.command("cleanup")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--as-of",
    callback=_iso_date,
    default=None,
    help="Cleanup reference date (YYYY-MM-DD); default today. Part of what makes results reusable.",
)
@click.option(
    "--profile", default=None, help="Jurisdiction profile in rules/profiles/ (default: national) or a YAML path."
)
@click.option(
    "--out", default="reviewer-out", show_default=True, help="Folder for the lists, results.jsonl and summary.json."
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=None, help="Local worker processes (default: one per CPU)."
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: a process pool on this machine; dask: an existing Dask distributed cluster.",
)
@click.option(
    "--scheduler", default=None, help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --engine dask)."
)
@click.option("--db", default=None, help="SQLite database of runs and results (default: OUT/reviewer.sqlite3).")
@click.option(
    "--changed-law",
    default=None,
    metavar="TITLE",
    help="Dynamic cleanup: review again only the documents citing this law; report what changed.",
)
@click.option("--force", is_flag=True, help="Review every file again, ignoring stored results.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=300,
    show_default=True,
    help="Seconds one document may take before it is listed as failed (0: no limit).",
)
@click.option("--progress/--no-progress", default=None, help="Progress line on stderr (default: only on a terminal).")
def cleanup(paths, as_of, profile, out, workers, engine, scheduler, db, changed_law, force, timeout, progress):
    """Sort every document under PATHS into 继续有效 / 修改 / 废止 / 宣布失效 and write the lists."""
    from ..batch import CleanupOptions, run_cleanup
    from ..store import StoreError

    # read by every worker process (they inherit the environment), see batch.doc_timeout
    os.environ["REVIEWER_DOC_TIMEOUT"] = f"{timeout:g}"

    opts = CleanupOptions(
        paths=list(paths),
        as_of=as_of or date.today().isoformat(),
        profile=profile,
        out=out,
        db=db,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        changed_law=changed_law,
        force=force,
        progress=progress,
    )
    try:
        outcome = run_cleanup(opts)
    except (ReviewerError, StoreError) as exc:
        click.echo(f"reviewer: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("\nreviewer: 已中断。已完成的审查结果均已保存，重新运行同一命令即可从中断处继续。", err=True)
        sys.exit(130)
    except (OSError, sqlite3.OperationalError) as exc:
        if not _disk_full(exc):
            raise
        # every result is committed one transaction at a time: what was done is kept
        click.echo(
            f"reviewer: 磁盘空间不足，清理已停止（{exc}）。已完成的审查结果均已保存，"
            "释放磁盘空间后重新运行同一命令即可从停止处继续。",
            err=True,
        )
        sys.exit(2)
    click.echo(format_summary(outcome))


def _disk_full(exc: BaseException) -> bool:
    """ENOSPC from a write, or sqlite's own words for it."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return isinstance(exc, sqlite3.OperationalError) and "disk is full" in str(exc).lower()


def format_summary(outcome) -> str:
    s = outcome.summary
    lines = []
    head = f"清理完成（运行编号 {s['run_id']}{'，从中断处继续' if s.get('resumed') else ''}）："
    head += f"共 {s['files']} 个文件，本次审查 {s['reviewed_this_run']} 个"
    if s.get("reused") and s.get("changed_law"):
        head += f"，其余 {s['reused']} 个未引用该法、沿用上次结果"
    elif s.get("reused"):
        head += f"，{s['reused']} 个内容和规则均未变化、沿用已有结果"
    lines.append(head + "。")
    lines.append(s["summary"])
    cl = s.get("changed_law")
    if cl:
        changed = [c for c in cl["changed"] if c["changed"]]
        lines.append(
            f"上位法《{cl['title'].strip('《》')}》：引用该法的文件 {cl['citing']} 件，"
            f"清理意见发生变化的 {len(changed)} 件。"
        )
        from ..reports.cleanup_lists import LIST_NAMES

        for c in changed:
            lines.append(
                f"  {c['title'] or c['file']}：{LIST_NAMES.get(c['before'], c['before'])}"
                f" → {LIST_NAMES.get(c['after'], c['after'])}"
            )
        if not cl["citing"] and not cl.get("in_registry"):
            lines.append("提示：法规库中没有这部法律，已存结果中也没有文件引用这一名称，请检查名称是否正确。")
        if cl.get("new_documents"):
            lines.append(f"另有 {cl['new_documents']} 个文件此前没有清理记录，已一并审查。")
    lines.append(f"结果已写入 {outcome.out_dir}/：" + "、".join(s["outputs"]))
    return "\n".join(lines)


COMMANDS = [cleanup]
