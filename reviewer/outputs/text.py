"""Console report grouped by provision; colour only on a terminal."""

from __future__ import annotations

import click

from ..cleanup import CATEGORY_NAMES
from ..model import Review
from ..names import display_path

_SEVERITY = {"error": ("问题", "red"), "warning": ("提示", "yellow"), "info": ("参考", "cyan")}
_CLEANUP = {"remain": "继续有效", "modify": "修改", "abolish": "废止", "void": "宣布失效"}


def render_text(review: Review, color: bool = False) -> str:
    doc = review.document
    style = (lambda s, **kw: click.style(s, **kw)) if color else (lambda s, **kw: s)
    lines = [style(f"■ {display_path(review.file)}", bold=True)]
    if doc.title:
        lines.append(f"  标题：{doc.title}")
    meta = [
        f"制定机关：{doc.issuer}" if doc.issuer else None,
        f"文号：{doc.doc_number.text}" if doc.doc_number else None,
        f"日期：{doc.date}" if doc.date else None,
    ]
    if any(meta):
        lines.append("  " + "　".join(m for m in meta if m))
    lines.append(f"  性质：{'规范性文件' if doc.is_normative else '非规范性文件'}（{doc.normative_reason}）")
    if not review.findings:
        lines.append(style("  未发现问题。", fg="green"))
    groups: dict[str, list] = {}
    for f in review.findings:
        groups.setdefault(f.provision or "全文", []).append(f)
    for provision, items in groups.items():
        lines.append(style(f"\n  【{provision}】", bold=True))
        for f in items:
            label, colour = _SEVERITY[f.severity]
            lines.append(
                "  "
                + style(f"[{label}] {f.rule} {CATEGORY_NAMES.get(f.category, f.category)}", fg=colour)
                + f"：“{f.text}”"
            )
            lines.append(f"      {f.message}")
            lines.append(f"      依据：{f.basis}")
            lines.append(f"      建议：{f.suggestion}")
    v = review.verdict
    lines.append(
        style(f"\n  清理意见：{_CLEANUP[v.category]}", bold=True)
        + ("（" + "；".join(v.reasons) + "）" if v.reasons else "")
    )
    if v.conclusion:
        lines.append(style(f"  审核结论：{v.conclusion}", bold=True))
    return "\n".join(lines)
