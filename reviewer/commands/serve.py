"""`reviewer serve`: run the desk (FastAPI app under uvicorn)."""

from __future__ import annotations

import os
import sys

import click

from .users import DEFAULT_DATA, default_data_dir


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; only this machine can connect unless you change it.",
)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--data",
    "data_dir",
    default=default_data_dir,
    show_default=f"$REVIEWER_DESK_DATA or {DEFAULT_DATA}",
    help="Data directory: users, uploads, decisions (desk.sqlite).",
)
@click.option(
    "--max-upload-mb",
    default=20,
    show_default=True,
    type=click.IntRange(1, 200),
    help="Largest accepted upload, in MB.",
)
@click.option("--profile", default=None, help="Jurisdiction profile for the reviews.")
@click.option(
    "--register",
    "register_db",
    default=None,
    help="Filing-register database (path or URL): records decisions on filed documents and adds the register and annual-report pages.",
)
@click.option("--secure-cookies", is_flag=True, help="Mark the session cookie Secure (when served over HTTPS).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=lambda: int(os.environ.get("REVIEWER_DESK_WORKERS") or 2),
    show_default="$REVIEWER_DESK_WORKERS or 2",
    help="Review worker processes.",
)
@click.option(
    "--review-timeout",
    type=click.FloatRange(0),
    default=lambda: float(os.environ.get("REVIEWER_DESK_TIMEOUT") or 60),
    show_default="$REVIEWER_DESK_TIMEOUT or 60",
    help="Seconds one review or Word file may take (0: the profile's limit only); past it the desk answers 503.",
)
def serve(host, port, data_dir, max_upload_mb, profile, register_db, secure_cookies, workers, review_timeout):
    """Run the reviewer's desk, a web page for legality reviewers."""
    from ..errors import ReviewerError
    from ..web.db import DeskDB

    if DeskDB(os.path.join(data_dir, "desk.sqlite")).user_count() == 0:
        click.echo(
            f"reviewer: 工作台还没有任何用户，无法登录。请先创建用户：reviewer users add 用户名 --data {data_dir}",
            err=True,
        )
        sys.exit(2)
    import uvicorn

    # Everything the desk process writes — uploads, desk.sqlite and its journal, the
    # register if it creates one, temporary files — is for its owner only.
    os.umask(0o077)

    from ..web import create_app

    try:
        app = create_app(
            data_dir,
            max_upload=max_upload_mb * 1024 * 1024,
            profile=profile,
            register=register_db,
            secure_cookies=secure_cookies,
            workers=workers,
            review_seconds=review_timeout,
        )
    except ReviewerError as exc:
        click.echo(f"reviewer: {exc}", err=True)
        sys.exit(2)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"注意：工作台将在 {host} 上对网络开放，请确认已有防火墙或 HTTPS 反向代理。", err=True)
    click.echo(
        f"合法性审核工作台：http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/  （Ctrl+C 停止）"
    )
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False)


COMMANDS = [serve]
