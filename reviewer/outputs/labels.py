"""How official texts name a provision and a document.

- `printed_label(doc, finding)`: the provision as the document prints it. Documents in
  articles keep 第五条; documents numbered 一、（一）1.（1） get the whole path of
  their numbering — 三、（三）3.（1）, not the part joined to the innermost item
  (三、（1）) that the provision tree gives.
- `book_title(name)`: a title in book-title marks, with marks inside it turned to 〈〉
  (《关于印发〈…办法〉的通知》), never nested 《《》》.
"""

from __future__ import annotations

import re
from typing import Optional

_CN = "一二三四五六七八九十百零〇"
# level, pattern: 一、 / （一） / 1. / （1） / ①
_LEVELS = (
    (1, re.compile(rf"^([{_CN}]+)、")),
    (2, re.compile(rf"^[（(]([{_CN}]+)[）)]")),
    (3, re.compile(r"^(\d{1,3})[.．、](?!\d)")),
    (4, re.compile(r"^[（(](\d{1,3})[）)]")),
    (5, re.compile(r"^([①-⑳])")),
)
_ARTICLE = re.compile(rf"^第[{_CN}\d]+条")


def _label_of(line: str) -> Optional[tuple[int, str]]:
    line = line.lstrip(" \t\u3000")
    for level, rx in _LEVELS:
        m = rx.match(line)
        if m:
            text = m.group(0)
            if level == 3:
                text = m.group(1) + "."
            elif level in (2, 4):
                text = f"（{m.group(1)}）"
            return level, text
    return None


def printed_label(doc, finding) -> Optional[str]:
    """The provision of `finding` as printed in `doc` (see the module's docstring)."""
    label = finding.provision
    if not label or _ARTICLE.match(label) or not re.match(rf"[{_CN}]+、", label):
        return label
    text = doc.text
    start = max(0, min(len(text), finding.start))
    lo = max(0, getattr(doc, "body_start", 0) or 0)
    if lo > start:
        lo = 0
    stack: dict[int, str] = {}
    pos = lo
    while pos <= start:
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        found = _label_of(text[pos:end])
        if found:
            level, mark = found
            stack = {k: v for k, v in stack.items() if k < level}
            stack[level] = mark
        if nl < 0:
            break
        pos = nl + 1
    printed = "".join(stack[k] for k in sorted(stack))
    # Trust the path only where it agrees with the part the review placed the finding in.
    return printed if printed and printed.startswith(label.split("、")[0] + "、") else label


def book_title(name: str) -> str:
    name = (name or "").strip()
    if name.startswith("《") and name.endswith("》") and name.count("《") == 1:
        name = name[1:-1]
    return "《" + name.replace("《", "〈").replace("》", "〉") + "》"
