"""Opening the register: where it lives, and bringing its schema to the newest revision.

SQLite by default at `register.sqlite3` in the user's data directory (datapaths.user_data_dir:
$REVIEWER_DATA_DIR, else ~/.local/share/reviewer), or `$REVIEWER_DB`; PostgreSQL by
a URL such as `postgresql+psycopg://user:pw@127.0.0.1/reviewer`. Every open runs the
Alembic migrations shipped in this package up to head, so upgrading the tool keeps the
data; the upgrade runs in its own transaction before any command touches the data.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..datapaths import register_db_path
from ..errors import ReviewerError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class RegisterError(ReviewerError):
    """A register command cannot proceed; the message is one Chinese sentence."""


def database_url(db: str | None = None) -> str:
    """`--db`, else $REVIEWER_DB, else the default SQLite file. A bare path means SQLite."""
    value = db or os.environ.get("REVIEWER_DB") or str(register_db_path())
    if "://" in value:
        return value
    path = Path(value).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record):
    # SQLite ignores foreign keys unless asked, per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    try:
        engine = create_engine(url, future=True)
    except (ArgumentError, ImportError) as exc:
        raise RegisterError(f"无法识别的数据库地址：{_safe(url)}（{exc}）") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the shipped migrations up to `revision` (head by default)."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


class Register:
    """An open register: an engine whose schema is at head, and a session per command."""

    def __init__(self, url: str, engine: Engine):
        self.url = url
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction per command: everything is written, or nothing is."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise RegisterError(
                f"数据库操作失败，本次操作未写入任何数据：{exc.__class__.__name__}: {exc.orig if hasattr(exc, 'orig') else exc}"
            ) from exc
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def open_register(db: str | None = None, *, migrate: bool = True) -> Register:
    url = database_url(db)
    engine = make_engine(url)
    try:
        if migrate:
            upgrade(engine)
        else:
            inspect(engine).get_table_names()
    except OperationalError as exc:
        engine.dispose()
        raise RegisterError(f"无法连接登记簿数据库 {_safe(url)}：{exc.orig}") from exc
    return Register(url, engine)
