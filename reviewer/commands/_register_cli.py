"""What the register's commands share: the --db option and Chinese errors with exit 2."""

from __future__ import annotations

import contextlib
import functools
import sys

import click

from ..errors import IngestError, ReviewerError

db_option = click.option(
    "--db",
    "db",
    default=None,
    metavar="URL",
    help="Register database: a SQLite path or a SQLAlchemy URL such as "
    "postgresql+psycopg://user:pw@127.0.0.1/reviewer (default $REVIEWER_DB, "
    "else register.sqlite3 in the user's data directory, $REVIEWER_DATA_DIR or "
    "~/.local/share/reviewer).",
)


def fail(message: str, code: int = 2):
    click.echo(f"reviewer: {message}", err=True)
    sys.exit(code)


def reports_errors(func):
    """Turn the register's errors into one Chinese line on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except IngestError as exc:
            fail(f"无法读取 {exc.path}：{exc.reason}")
        except ReviewerError as exc:
            fail(str(exc))

    return wrapper


@contextlib.contextmanager
def opened(db):
    from ..register import open_register

    register = open_register(db)
    try:
        yield register
    finally:
        register.close()
