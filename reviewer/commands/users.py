"""`reviewer users add|passwd|remove|list|token`: the desk's accounts."""

from __future__ import annotations

import os
import sqlite3
import sys

import click

DEFAULT_DATA = "desk/ in the user's data directory ($REVIEWER_DATA_DIR or ~/.local/share/reviewer)"


def default_data_dir() -> str:
    """$REVIEWER_DESK_DATA, else desk/ in the user's data directory (never the source tree)."""
    from ..datapaths import desk_data_dir

    return os.environ.get("REVIEWER_DESK_DATA") or str(desk_data_dir())


_data_option = click.option(
    "--data",
    "data_dir",
    default=default_data_dir,
    show_default=f"$REVIEWER_DESK_DATA or {DEFAULT_DATA}",
    help="The desk's data directory (users, uploads, decisions).",
)


def _db(data_dir):
    from ..web.db import DeskDB

    return DeskDB(os.path.join(data_dir, "desk.sqlite"))


def _fail(message: str):
    click.echo(f"reviewer: {message}", err=True)
    sys.exit(2)


def _read_password(from_stdin: bool, name: str) -> str:
    from ..web.auth import password_problem

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("密码", hide_input=True, confirmation_prompt="再次输入密码")
    problem = password_problem(password, name)
    if problem:
        _fail(problem)
    return password


@click.group()
def users():
    """Accounts of the desk (reviewer serve)."""


@users.command("add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@_data_option
def add(name, password_stdin, data_dir):
    """Create user NAME; prompts for a password."""
    from ..web.auth import hash_password

    name = name.strip()
    if not name or len(name) > 100 or any(ord(c) < 32 for c in name):
        _fail("用户名不能为空、不能含控制字符，且不超过 100 个字符")
    db = _db(data_dir)
    if db.password_hash(name) is not None:
        _fail(f"用户 {name} 已存在（修改密码请用 reviewer users passwd {name}）")
    password = _read_password(password_stdin, name)
    try:
        db.add_user(name, hash_password(password))
    except sqlite3.IntegrityError:
        _fail(f"用户 {name} 已存在")
    click.echo(f"已创建用户 {name}")


@users.command("passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@_data_option
def passwd(name, password_stdin, data_dir):
    """Set a new password for user NAME."""
    from ..web.auth import hash_password

    db = _db(data_dir)
    if db.password_hash(name) is None:
        _fail(f"没有用户 {name}")
    db.set_password(name, hash_password(_read_password(password_stdin, name)))
    click.echo(f"已修改用户 {name} 的密码")


@users.command("remove")
@click.argument("name")
@_data_option
def remove(name, data_dir):
    """Delete user NAME, its API tokens and its reviews."""
    if not _db(data_dir).remove_user(name):
        _fail(f"没有用户 {name}")
    click.echo(f"已删除用户 {name}")


@users.command("list")
@_data_option
def list_users(data_dir):
    for name in _db(data_dir).users():
        click.echo(name)


@users.command("token")
@click.argument("name")
@click.option("--revoke", is_flag=True, help="Revoke all of NAME's tokens instead of creating one.")
@_data_option
def token(name, revoke, data_dir):
    """Create an API token for NAME (printed once; send it as 'Authorization: Bearer TOKEN')."""
    db = _db(data_dir)
    if db.password_hash(name) is None:
        _fail(f"没有用户 {name}")
    if revoke:
        click.echo(f"已吊销 {db.revoke_tokens(name)} 个令牌", err=True)
        return
    click.echo(db.new_token(name))


COMMANDS = [users]
