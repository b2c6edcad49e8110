"""The register's schema comes from the shipped Alembic revisions: an older database
is upgraded on open and keeps its data; the ORM and the revisions agree."""

from __future__ import annotations

import sqlalchemy as sa

from register_support import SAMPLES
from reviewer.register import open_register
from reviewer.register.db import current_revision, make_engine, upgrade
from reviewer.register.filings import show_filing


def test_upgrade_from_the_first_revision_keeps_the_data(db_url):
    engine = make_engine(db_url)
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    assert "corrections" not in sa.inspect(engine).get_table_names()
    now = "2025-01-01 00:00:00"
    with engine.begin() as c:
        c.execute(sa.text("INSERT INTO issuers (id, name, created_at) VALUES (1, '青川市人民政府', :t)"), {"t": now})
        c.execute(
            sa.text(
                "INSERT INTO documents (id, issuer_id, title, doc_number, doc_number_normalized, published, is_normative,"
                " sha256, file_name, text, review_json, created_at) VALUES (1, 1, '青川市某办法', '青政规〔2024〕1号',"
                " '青政规〔2024〕1号', '2024-05-01', :yes, :sha, 'a.docx', '第一条 为了……', :js, :t)"
            ),
            {"yes": True, "sha": "a" * 64, "js": '{"findings": []}', "t": now},
        )
        c.execute(
            sa.text(
                "INSERT INTO filings (id, document_id, received, filing_days, deadline, on_time, sha256, file_name,"
                " missing_materials, profile, created_at) VALUES (1, 1, '2024-05-20', 30, '2024-05-31', :yes, :sha,"
                " 'a.docx', '[]', 'national', :t)"
            ),
            {"yes": True, "sha": "a" * 64, "t": now},
        )
        c.execute(
            sa.text(
                "INSERT INTO reviews (id, document_id, filing_id, as_of, profile, tool_version, cleanup_category,"
                " cleanup_reasons, reviewed_at) VALUES (1, 1, 1, '2024-05-20', 'national', '0.0.1', 'remain', '[]', :t)"
            ),
            {"t": now},
        )
    engine.dispose()
    if engine.dialect.name == "postgresql":
        # Sequences do not follow explicit ids; a real 0001 database got its ids from them.
        with make_engine(db_url).begin() as c:
            for table in ("issuers", "documents", "filings", "reviews"):
                c.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1)"))

    register = open_register(db_url)  # migrates to head on open
    try:
        assert current_revision(register.engine) == "0003"
        assert {"corrections", "cleanup_outcomes", "issued_documents"} <= set(
            sa.inspect(register.engine).get_table_names()
        )
        shown = show_filing(register, 1)
        assert (shown["title"], shown["doc_number"], shown["received"]) == (
            "青川市某办法",
            "青政规〔2024〕1号",
            "2024-05-20",
        )
        from reviewer.register.filings import add_filing

        added = add_filing(
            register,
            SAMPLES / "03_qingchuan_illegal_building_dust.docx",
            issuer="青川市人民政府",
            published="2025-04-10",
            received="2025-04-20",
        )
        assert added.filing_id == 2
    finally:
        register.close()


def test_models_match_the_migrations(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from reviewer.register.models import Base

    register = open_register(db_url)
    try:
        with register.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == []
    finally:
        register.close()


def test_opening_twice_is_idempotent(db_url):
    for _ in range(2):
        open_register(db_url).close()
    engine = make_engine(db_url)
    assert current_revision(engine) == "0003"
    engine.dispose()
