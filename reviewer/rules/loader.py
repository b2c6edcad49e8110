"""Load rule packs from `rules/<pack>/<CODE>.yaml` and validate them.

A rule without a legal basis, a Chinese explanation and suggestion, or bad and good
examples is rejected with its file and line, so a broken pack never runs silently.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import yamlio
from ..datapaths import rules_dir as shipped_rules_dir
from ..errors import RuleError
from ..model import CATEGORIES, SEVERITIES

CODE_RE = re.compile(r"^[A-Z]{2}\d{3}$")
MARK_RE = re.compile(r"<m>(.*?)</m>", re.S)
CHECK_TYPES = ("pattern", "python", "frame")
_REQUIRED = (
    "id",
    "title",
    "category",
    "severity",
    "check",
    "message",
    "explanation",
    "suggestion",
    "basis",
    "examples",
)
_PATTERN_KEYS = {
    "keywords",
    "match",
    "require",
    "exclude",
    "exclude_clause",
    "exclude_before",
    "exclude_after",
    "exclude_hit",
    "statutory_fines_lift",
    "include_subject",
    "reference_lifts",
    "negation_lifts",
    "window",
    "scope",
    "applies_to",
}


@dataclass(frozen=True)
class Basis:
    title: str
    article: str | None = None
    doc_number: str | None = None

    def cite(self) -> str:
        out = f"《{self.title}》" if not self.title.startswith("《") else self.title
        if self.doc_number:
            out += f"（{self.doc_number}）"
        if self.article:
            out += self.article
        return out


@dataclass(frozen=True)
class Example:
    text: str
    spans: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    pack: str
    title: str
    category: str
    severity: str
    check: str
    message: str
    explanation: str
    suggestion: str
    basis: tuple[Basis, ...]
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    todo: tuple[Example, ...] = ()
    params: dict = field(default_factory=dict, hash=False, compare=False)
    path: str = ""
    status: str = "stable"
    since: str = "0.1.0"
    link: str | None = None

    @property
    def basis_text(self) -> str:
        return "；".join(b.cite() for b in self.basis)


def default_rules_dir() -> Path:
    env = os.environ.get("REVIEWER_RULES")
    if env:
        return Path(env)
    return shipped_rules_dir()


def _line_of(raw: str, key: str) -> int:
    for i, line in enumerate(raw.splitlines(), 1):
        if line.startswith(f"{key}:"):
            return i
    return 1


_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef“”《》])\s+(?=[\u3000-\u9fff\uff00-\uffef“”《》])")


def _prose(value: str) -> str:
    """Folded YAML puts a space at each line break; Chinese prose has none."""
    return _CJK_GAP.sub("", value.strip())


def _example(item, where: str) -> Example:
    if isinstance(item, str):
        item = {"text": item}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise RuleError(f"{where}: an example must be a string or a mapping with 'text'")
    raw = item["text"]
    spans = tuple(MARK_RE.findall(raw))
    return Example(text=MARK_RE.sub(r"\1", raw), spans=spans, note=item.get("note", ""))


def load_rule(path: Path) -> Rule:
    raw = path.read_text(encoding="utf-8")
    try:
        data = yamlio.load_text(raw)
    except yamlio.YAMLError as exc:
        raise RuleError(f"{path}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}:1: a rule file must be a mapping")
    for key in _REQUIRED:
        if not data.get(key):
            raise RuleError(f"{path}:1: missing '{key}'")
    where = lambda key: f"{path}:{_line_of(raw, key)}"  # noqa: E731
    if data["id"] != path.stem or not CODE_RE.match(data["id"]):
        raise RuleError(f"{where('id')}: id '{data['id']}' must equal the file name and look like UV001")
    if data["category"] not in CATEGORIES:
        raise RuleError(f"{where('category')}: unknown category '{data['category']}'")
    if data["severity"] not in SEVERITIES:
        raise RuleError(f"{where('severity')}: unknown severity '{data['severity']}'")
    if data["check"] not in CHECK_TYPES:
        raise RuleError(f"{where('check')}: unknown check type '{data['check']}' (one of {', '.join(CHECK_TYPES)})")
    basis_items = data["basis"] if isinstance(data["basis"], list) else [data["basis"]]
    basis = []
    for b in basis_items:
        if not isinstance(b, dict) or not b.get("title"):
            raise RuleError(f"{where('basis')}: each basis needs a 'title'")
        basis.append(Basis(title=b["title"], article=b.get("article"), doc_number=b.get("doc_number")))
    ex = data["examples"] or {}
    at_examples = where("examples")  # once: a scan of the file per example was 40% of loading
    bad = tuple(_example(e, at_examples) for e in ex.get("bad") or [])
    good = tuple(_example(e, at_examples) for e in ex.get("good") or [])
    todo = tuple(_example(e, at_examples) for e in ex.get("todo") or [])
    if len(bad) < 3 or len(good) < 3:
        raise RuleError(f"{where('examples')}: a rule needs at least 3 bad and 3 good examples")
    if data["check"] == "pattern":
        unknown = set(data.get("pattern") or {}) - _PATTERN_KEYS
        if unknown:
            raise RuleError(f"{where('pattern')}: unknown pattern keys {sorted(unknown)}")
        if not (data.get("pattern") or {}).get("match"):
            raise RuleError(f"{where('pattern')}: a pattern rule needs 'pattern.match'")
        for e in bad:
            if not e.spans:
                raise RuleError(f"{where('examples')}: bad example must mark the span with <m>…</m>: {e.text[:30]}")
    if data["check"] == "frame":
        unknown = set(data.get("frame") or {}) - {"acts", "addressee"}
        if unknown or not (data.get("frame") or {}).get("acts"):
            raise RuleError(f"{where('frame')}: a frame rule needs 'frame.acts' and knows only acts, addressee")
        for e in bad:
            if not e.spans:
                raise RuleError(f"{where('examples')}: bad example must mark the span with <m>…</m>: {e.text[:30]}")
    params = dict(data.get("pattern") or data.get("frame") or data.get("params") or {})
    if data["check"] == "python":
        params.setdefault("function", data.get("function"))
        if not params["function"]:
            raise RuleError(f"{where('check')}: a python rule needs 'function'")
    return Rule(
        id=data["id"],
        pack=path.parent.name,
        title=data["title"],
        category=data["category"],
        severity=data["severity"],
        check=data["check"],
        message=_prose(data["message"]),
        explanation=_prose(data["explanation"]),
        suggestion=_prose(data["suggestion"]),
        basis=tuple(basis),
        bad=bad,
        good=good,
        todo=todo,
        params=params,
        path=str(path),
        status=data.get("status", "stable"),
        since=str(data.get("since", "0.1.0")),
        link=data.get("link"),
    )


@lru_cache(maxsize=8)
def load_rules(rules_dir: str | None = None) -> tuple[Rule, ...]:
    root = Path(rules_dir) if rules_dir else default_rules_dir()
    if not root.is_dir():
        raise RuleError(f"{root}: rules folder not found (set REVIEWER_RULES)")
    rules, seen = [], {}
    for path in sorted(root.glob("*/*.yaml")):
        if path.parent.name in ("profiles", "vocab"):
            continue
        rule = load_rule(path)
        if rule.id in seen:
            raise RuleError(f"{path}: duplicate rule id {rule.id} (also {seen[rule.id]})")
        seen[rule.id] = path
        rules.append(rule)
    return tuple(rules)
