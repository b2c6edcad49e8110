"""Per-rule documentation generated from the rule files, so it cannot drift from them."""

from __future__ import annotations

from .cleanup import CATEGORY_NAMES
from .rules import load_rules

SECTIONS = ("规则说明", "为何有问题", "法律依据", "错误示例", "正确示例", "修改建议")


def render_rule_docs() -> str:
    out = ["# 审查规则说明", "", "本文件由 `reviewer rules docs` 根据 `rules/` 下的规则文件生成，请勿手工修改。", ""]
    for r in load_rules():
        out += (
            [
                f"## {r.id} {r.title}",
                "",
                f"类别：`{r.category}`（{CATEGORY_NAMES.get(r.category, '')}）　级别：`{r.severity}`　状态：{r.status}　自 {r.since}",
                "",
                "### 规则说明",
                "",
                r.message,
                "",
                "### 为何有问题",
                "",
                r.explanation,
                "",
                "### 法律依据",
                "",
            ]
            + [f"- {b.cite()}" for b in r.basis]
            + ["", "### 错误示例", ""]
        )
        out += [
            f"- {e.text}" + (f"（应指出：{'、'.join('“' + s + '”' for s in e.spans)}）" if e.spans else "")
            for e in r.bad
        ]
        out += ["", "### 正确示例", ""] + [f"- {e.text}" for e in r.good]
        out += ["", "### 修改建议", "", r.suggestion, ""]
    return "\n".join(out)
