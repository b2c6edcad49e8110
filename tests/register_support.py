"""Shared set-up for tests/test_register*.py: the two database backends and a register
filled with the sample documents (the fixtures db_url and register are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from conftest import require

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "samples"


def reset_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def backend_url(kind: str, tmp_path: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'register.sqlite3'}"
    url = require("postgresql")
    reset_postgres(url)
    return url


# (file, issuer, published, received, missing materials)
FILINGS = [
    ("01_qingchuan_prepaid_consumption.docx", "青川市市场监督管理局", "2025-03-14", "2025-04-20", ("explanation",)),
    ("02_donghu_investment_measures.docx", "东湖区人民政府", "2025-02-19", "2025-03-10", ()),
    ("02_donghu_investment_measures.pdf", "东湖区人民政府", "2025-02-19", "2025-03-12", ()),  # same number: duplicate
    ("03_qingchuan_illegal_building_dust.docx", "青川市人民政府", "2025-04-10", "2025-05-06", ("legality-review",)),
    ("04_linjiang_construction_waste_interim.docx", "临江县人民政府", "2024-06-21", "2024-07-10", ()),
    ("05_linjiang_employment_subsidy.docx", "临江县人力资源和社会保障局", "2025-05-18", "2025-06-30", ()),
    ("06_donghu_justice_bureau_2024_workplan.docx", "东湖区司法局", "2025-02-27", "2025-03-05", ()),
]


def file_samples(register) -> dict[str, int]:
    """File every sample; returns filing id by file name."""
    from reviewer.register.filings import add_filing

    ids = {}
    for name, issuer, published, received, missing in FILINGS:
        ids[name] = add_filing(
            register, SAMPLES / name, issuer=issuer, published=published, received=received, missing=missing, by="测试"
        ).filing_id
    return ids


def decide_samples(register, ids) -> None:
    """01: errors confirmed, warnings dismissed, one left pending; 02: all confirmed and
    revoked; 04: one confirmed and changed."""
    from reviewer.register.filings import correct, decide, show_filing

    f01 = show_filing(register, ids["01_qingchuan_prepaid_consumption.docx"])["findings"]
    for f in f01[:-1]:
        decide(
            register,
            ids["01_qingchuan_prepaid_consumption.docx"],
            f["no"],
            "confirm" if f["severity"] == "error" else "dismiss",
            note="经审查",
        )
    f02 = show_filing(register, ids["02_donghu_investment_measures.docx"])["findings"]
    for f in f02:
        decide(register, ids["02_donghu_investment_measures.docx"], f["no"], "confirm")
    correct(
        register,
        ids["02_donghu_investment_measures.docx"],
        outcome="revoked",
        outcome_date="2025-05-10",
        notice_date="2025-04-01",
        note="制定机关已发文废止",
    )
    decide(register, ids["04_linjiang_construction_waste_interim.docx"], 2, "confirm")
    correct(register, ids["04_linjiang_construction_waste_interim.docx"], outcome="changed", outcome_date="2024-09-01")


def row_counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url)
    tables = (
        "issuers",
        "documents",
        "filings",
        "reviews",
        "findings",
        "decisions",
        "corrections",
        "cleanup_outcomes",
        "issued_documents",
    )
    with engine.connect() as conn:
        counts = {t: conn.execute(sa.text(f"SELECT COUNT(*) FROM {t}")).scalar() for t in tables}
    engine.dispose()
    return counts
