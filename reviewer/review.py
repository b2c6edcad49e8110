"""The one public function that reviews a document. Batch runs, reports and the web
page call it and never re-implement a stage (DESIGN.md §1).
"""

from __future__ import annotations

import time
from functools import lru_cache
from dataclasses import replace
from pathlib import Path

from . import limits, yamlio
from .citations import own_citations
from .datapaths import profiles_dir
from .cleanup import propose_cleanup
from .ingest import read_bytes, read_file
from .laws import load_registry
from .model import ExtractedText, Review
from .profile import default_as_of
from .rules import load_rules, run_rules
from .structure import parse_document


def load_profile(name: str | None) -> dict:
    """A jurisdiction profile by name (rules/profiles/NAME.yaml) or path; national by default."""
    return dict(_read_profile(name))


@lru_cache(maxsize=16)
def _read_profile(name: str | None) -> dict:
    path = (
        Path(name)
        if name and (name.endswith(".yaml") or "/" in name)
        else profiles_dir() / f"{name or 'national'}.yaml"
    )
    if not path.is_file():
        from .errors import ReviewerError

        raise ReviewerError(f"找不到地区配置文件：{path}")
    from .errors import ReviewerError

    try:
        data = yamlio.load_path(path)
    except Exception as exc:  # a YAML or encoding error: the user's file, not our bug
        raise ReviewerError(f"地区配置文件 {path} 无法读取：{type(exc).__name__}: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReviewerError(
            f"地区配置文件 {path} 应为“键: 值”的映射（如 max_validity_years: 5），现为 {type(data).__name__}"
        )
    from .limits import from_profile
    from .profile import validate_profile

    validate_profile(data, str(path))  # a typo or a wrong value is named now, not ignored
    from_profile(data)  # a bad limits: section is named now, not at the first file
    return data


def review_extracted(
    extracted: ExtractedText,
    name: str,
    *,
    as_of: str | None = None,
    profile: dict | None = None,
    rules=None,
    timings: dict | None = None,
) -> Review:
    as_of = as_of or default_as_of()
    profile = profile if profile is not None else load_profile(None)
    with limits.applied(profile):
        limits.check_text(name, extracted.text)
    t0 = time.perf_counter()
    doc = parse_document(extracted)
    t1 = time.perf_counter()
    registry = load_registry()
    citations, _ = own_citations(doc, registry, as_of)
    doc = replace(doc, citations=citations)
    t2 = time.perf_counter()
    from .reading import read_clauses

    reading = read_clauses(doc)
    tr = time.perf_counter()
    findings = run_rules(
        doc, rules if rules is not None else load_rules(), as_of=as_of, profile=profile, reading=reading
    )
    t3 = time.perf_counter()
    verdict = propose_cleanup(doc, findings, as_of, profile)
    if timings is not None:
        for key, value in (
            ("structure", t1 - t0),
            ("citations", t2 - t1),
            ("reading", tr - t2),
            ("rules", t3 - tr),
            ("cleanup", time.perf_counter() - t3),
        ):
            timings[key] = timings.get(key, 0.0) + value
    return Review(file=name, document=doc, findings=tuple(findings), verdict=verdict, as_of=as_of, profile=profile)


# Seconds per stage of the last review_file call, read by bench/check.py.
last_timings: dict[str, float] = {}


def review_file(
    path, *, as_of: str | None = None, profile: dict | None = None, rules=None, timings: dict | None = None
) -> Review:
    """Read, parse and review one file. Raises IngestError when it cannot be read."""
    global last_timings
    stages: dict[str, float] = {}
    t0 = time.perf_counter()
    with limits.applied(profile if profile is not None else load_profile(None)):
        extracted = read_file(path)
    stages["ingest"] = time.perf_counter() - t0
    review = review_extracted(extracted, str(path), as_of=as_of, profile=profile, rules=rules, timings=stages)
    last_timings = stages
    if timings is not None:
        for key, value in stages.items():
            timings[key] = timings.get(key, 0.0) + value
    return review


def review_text(text: str, name: str = "-", **kw) -> Review:
    return review_extracted(ExtractedText(text=text, source_format="text"), name, **kw)


def review_bytes(data: bytes, name: str, **kw) -> Review:
    with limits.applied(kw.get("profile") if kw.get("profile") is not None else load_profile(None)):
        extracted = read_bytes(data, name)
    return review_extracted(extracted, name, **kw)
