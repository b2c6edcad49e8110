"""Markdown report: the same content as the console, for pasting into an opinion."""

from __future__ import annotations

from ..cleanup import CATEGORY_NAMES
from ..model import Review
from ..names import display_path

_SEVERITY = {"error": "问题", "warning": "提示", "info": "参考"}
_CLEANUP = {"remain": "继续有效", "modify": "修改", "abolish": "废止", "void": "宣布失效"}


def _cell(s: str | None) -> str:
    return (s or "").replace("|", "\\|").replace("\n", " ")


def render_markdown(review: Review) -> str:
    doc = review.document
    out = [f"# 审查结果：{doc.title or display_path(review.file)}", ""]
    out += [
        f"- 文件：{_cell(display_path(review.file))}",
        f"- 制定机关：{doc.issuer or '未识别'}",
        f"- 文号：{doc.doc_number.text if doc.doc_number else '未识别'}",
        f"- 日期：{doc.date or '未识别'}",
        f"- 性质：{'规范性文件' if doc.is_normative else '非规范性文件'}（{doc.normative_reason}）",
        f"- 清理意见：**{_CLEANUP[review.verdict.category]}**（{'；'.join(review.verdict.reasons)}）",
        f"- 审核结论：**{review.verdict.conclusion}**",
        "",
    ]
    if not review.findings:
        out.append("未发现问题。")
        return "\n".join(out) + "\n"
    out += ["| 条款 | 级别 | 类别 | 原文 | 问题 | 依据 | 修改建议 |", "|---|---|---|---|---|---|---|"]
    for f in review.findings:
        out.append(
            "| "
            + " | ".join(
                _cell(x)
                for x in (
                    f.provision or "全文",
                    _SEVERITY[f.severity],
                    CATEGORY_NAMES.get(f.category, f.category),
                    f"“{f.text}”",
                    f.message,
                    f.basis,
                    f.suggestion,
                )
            )
            + " |"
        )
    return "\n".join(out) + "\n"
