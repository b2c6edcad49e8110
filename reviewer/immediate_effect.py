"""Whether a document gives a reason for taking effect at once.

Read by the rule effective_too_soon (rules/checks/document_checks.py) and by the filing
register's completeness check (register/completeness.py); it lives here, below both, so
the rules stage never imports the register.
"""

from __future__ import annotations

import re

# A reason for immediate effect is written in the clause that sets the effective date:
# 因保障…需要 / 鉴于… / 为…，不立即施行将有碍执行 / 确需… (国办发〔2018〕37号).
_EFFECT_CLAUSE = re.compile(r"[^。；\n]*(?:之日起|起)\s*(?:施行|实施|执行|生效)[^。；\n]*")
_REASON = re.compile(
    r"因[^。；\n]{2,}需要|由于|鉴于|为了?[^。；\n]{2,}需要|需要立即|不立即施行|有碍[^。；\n]*执行|确需|紧急|急需|迫切"
)


def stated_reason(text: str | None) -> str | None:
    """The sentence that gives a reason for taking effect at once, if the text has one."""
    text = text or ""
    for m in _EFFECT_CLAUSE.finditer(text):
        sentence_start = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        sentence = text[sentence_start : m.end()].strip()
        if _REASON.search(sentence):
            return sentence
    return None
