"""The reviewer's own findings: what the tool missed, added by the person who signs.

A reviewer names the provision (第五条, 三、（三）, 第五条第二款) or quotes the words
(a phrase located in the text is enough), gives the category from the taxonomy
(model.CATEGORIES), the severity, the explanation, the basis and the suggestion. The
result is an ordinary `model.Finding` with `source="reviewer"`: it flows into the
verdict (cleanup.judge), the annotated Word copy, the opinion, the register and the
annual report exactly as a kept finding of the tool does.

Public verbs:
- `locate(doc, provision=None, quote=None) -> (start, end, label)`
- `own_finding(doc, ...) -> Finding`
- `reworded(finding, wording) -> Finding`: a tool finding with the reviewer's wording.
- `parse_category(value)`, `parse_severity(value)`: codes or their Chinese names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Mapping, Optional

from .cleanup import CATEGORY_NAMES
from .errors import ReviewerError
from .model import CATEGORIES, SEVERITIES, Document, Finding

RULE = "REVIEWER"  # the rule id of every own finding (never printed in official texts)
SOURCE = "reviewer"
WORDING_FIELDS = ("message", "explanation", "basis", "suggestion")
SEVERITY_ALIASES = {
    "须修改": "error",
    "问题": "error",
    "严重": "error",
    "需研判": "warning",
    "提示": "warning",
    "供参考": "info",
    "参考": "info",
}
MAX_FIELD = 4000


class OwnFindingError(ReviewerError):
    """The reviewer's finding cannot be placed or is incomplete; one Chinese sentence."""


def parse_category(value: str) -> str:
    value = (value or "").strip()
    if value in CATEGORIES:
        return value
    by_name = {name: code for code, name in CATEGORY_NAMES.items()}
    if value in by_name:
        return by_name[value]
    if value.removesuffix("问题") in by_name:
        return by_name[value.removesuffix("问题")]
    raise OwnFindingError(f"问题类别“{value}”无效，应为下列之一：" + "、".join(CATEGORY_NAMES.values()))


def parse_severity(value: str) -> str:
    value = (value or "").strip()
    if value in SEVERITIES:
        return value
    if value in SEVERITY_ALIASES:
        return SEVERITY_ALIASES[value]
    raise OwnFindingError(f"严重程度“{value}”无效，应为须修改、需研判或供参考")


def _norm_label(label: str) -> str:
    label = re.sub(r"\s+", "", label or "")
    label = label.replace("(", "（").replace(")", "）").replace(",", "、").replace("．", ".")
    return label.removeprefix("关于")


def _labels(doc: Document) -> dict[str, tuple[int, int]]:
    """Every provision under its printed label and the labels of its ancestors joined:
    第五条, 第五条第二款, 第五条第二款（一）, 第五条（一）, 三、, 三、（三）, 三、（三）3.。"""
    out: dict[str, tuple[int, int]] = {}

    def walk(nodes, prefix: str, top: bool):
        for p in nodes:
            if p.kind in ("chapter", "section"):
                walk(p.children, "", True)
                continue
            label = prefix + p.label
            out.setdefault(label, (p.start, p.end))
            if p.kind == "part":
                out.setdefault(p.label.rstrip("、"), (p.start, p.end))
            if p.kind == "paragraph" and p.label == "第一款":
                # the items of an article's only paragraph are cited 第五条（一）
                walk(p.children, prefix, False)
            walk(p.children, label, False)

    walk(doc.provisions, "", True)
    return out


def _find_quote(text: str, quote: str, lo: int = 0, hi: Optional[int] = None) -> Optional[tuple[int, int]]:
    hi = len(text) if hi is None else hi
    i = text.find(quote, lo, hi)
    if i >= 0:
        return i, i + len(quote)
    # A selection copied from the page may differ in line breaks and spaces.
    chars = [c for c in quote if not c.isspace()]
    if not chars or len(chars) > 600:
        return None
    m = re.compile(r"\s*".join(re.escape(c) for c in chars)).search(text, lo, hi)
    return (m.start(), m.end()) if m else None


def locate(
    doc: Document, provision: Optional[str] = None, quote: Optional[str] = None
) -> tuple[int, int, Optional[str]]:
    """Where an own finding sits: the quoted words (within the provision when one is named),
    else the provision's first line, else the document's first line (start = end = 0,
    label None: the document as a whole)."""
    text = doc.text
    quote = (quote or "").strip().strip("“”\"'「」")
    label = _norm_label(provision or "")
    span = None
    if label:
        labels = _labels(doc)
        span = labels.get(label) or labels.get(label + "、")
        if span is None:
            raise OwnFindingError(
                f"文件中找不到“{provision.strip()}”这一条款，请按文件所列写明条款（如第五条、三、（二））"
            )
    if quote:
        lo, hi = span if span else (0, len(text))
        found = _find_quote(text, quote, lo, min(len(text), hi + 1))
        if found is None:
            where = f"{provision.strip()}中" if span else "文件中"
            raise OwnFindingError(f"{where}找不到所引原文“{quote[:40]}”，请从原文中复制")
        start, end = found
        if not label:
            from .structure import provision_label_at

            return start, end, provision_label_at(doc, start)
        return start, end, label
    if span:
        start = span[0]
        nl = text.find("\n", start, span[1] + 1)
        return start, (nl if nl > start else span[1]), label
    return 0, 0, None


def _clean(value: Optional[str]) -> str:
    return (value or "").strip()[:MAX_FIELD]


def own_finding(
    doc: Document,
    *,
    category: str,
    severity: str = "error",
    provision: Optional[str] = None,
    quote: Optional[str] = None,
    explanation: str = "",
    basis: str = "",
    suggestion: str = "",
    message: str = "",
) -> Finding:
    """A finding of the reviewer's own on `doc`; raises OwnFindingError (Chinese) when it
    cannot be placed or says nothing."""
    category = parse_category(category)
    severity = parse_severity(severity)
    explanation, basis, suggestion, message = map(_clean, (explanation, basis, suggestion, message))
    if not (explanation or message):
        raise OwnFindingError("请写明问题或理由（说明），审核意见书据此说明理由")
    start, end, label = locate(doc, provision, quote)
    return Finding(
        rule=RULE,
        category=category,
        severity=severity,
        text=doc.text[start:end],
        start=start,
        end=end,
        provision=label,
        basis=basis,
        explanation=explanation,
        suggestion=suggestion,
        message=message or f"上述规定存在{CATEGORY_NAMES[category].removesuffix('问题')}问题",
        source=SOURCE,
    )


def reworded(finding: Finding, wording: Optional[Mapping[str, str]]) -> Finding:
    """The finding with the reviewer's wording of its message, explanation, basis and suggestion
    (an empty or missing field keeps the tool's)."""
    if not wording:
        return finding
    changes = {k: _clean(v) for k, v in wording.items() if k in WORDING_FIELDS and _clean(v)}
    return replace(finding, **changes) if changes else finding


def wording_changes(finding: Finding, fields: Mapping[str, Optional[str]]) -> dict[str, str]:
    """The fields a reviewer changed from the tool's wording (whitespace aside)."""
    out = {}
    for k in WORDING_FIELDS:
        value = _clean(fields.get(k))
        if value and re.sub(r"\s+", "", value) != re.sub(r"\s+", "", getattr(finding, k) or ""):
            out[k] = value
    return out
