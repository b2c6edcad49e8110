"""Alembic environment for the register. Run programmatically by `reviewer.register.db`,
which passes an open connection in `config.attributes["connection"]`; there is no
alembic.ini because the migrations ship inside the package."""
from __future__ import annotations

from alembic import context

from reviewer.register.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the programmatic path is supported
    raise RuntimeError("the register's migrations run through reviewer.register.db.open_register")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things in place; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
