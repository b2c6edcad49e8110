"""Citations of superior law and other documents: 《中华人民共和国行政许可法》第十七条,
《行政处罚法》第九条、第十六条, 国办发〔2018〕37号.

Public verb: `extract_citations(text, start=0) -> tuple[Citation, ...]`. Resolution
against the law registry is the registry's business; until it resolves a title the
citation is `unverified`, never reported as wrong.
"""
from __future__ import annotations

import re

from .docnumber import DOC_NUMBER_RE, parse_doc_number
from .model import Citation
from .numerals import CN_NUM

_N = rf"[{CN_NUM}\d]+"
_ARTICLE = rf"第{_N}条(?:第{_N}款)?(?:第[（(]{_N}[）)]项|第{_N}项)?"
ARTICLE_LIST_RE = re.compile(rf"(?P<first>{_ARTICLE})(?:(?:、|和|及|以及|至|到|或者|或)(?:{_ARTICLE}))*")
TITLE_RE = re.compile(r"《(?P<title>[^《》\n]{2,80})》")
_LAW_LIKE = re.compile(r"(?:法|条例|规定|办法|细则|决定|意见|通知|规则|措施|纲要|规划|方案|解释|标准|目录|清单|公约|章程)"
                       r"(?:[（(][^）)]{1,12}[）)])?$")
_SELF = re.compile(r"^本(?:办法|规定|细则|意见|条例|措施|方案|通知)$")


def extract_citations(text: str, start: int = 0, end: int | None = None) -> tuple[Citation, ...]:
    end = len(text) if end is None else end
    out: list[Citation] = []
    for m in TITLE_RE.finditer(text, start, end):
        title = m.group("title").strip()
        if _SELF.match(title) or not _LAW_LIKE.search(title):
            continue
        cite_end, article = m.end(), None
        # an article list may follow directly, or after 的规定 / 规定的
        tail = re.compile(r"[\s]*(?:的规定|规定的|有关规定)?[\s]*").match(text, m.end()).end()
        am = ARTICLE_LIST_RE.match(text, tail if tail < end else m.end())
        if am:
            article, cite_end = am.group(0), am.end()
        out.append(Citation(text=text[m.start():cite_end], start=m.start(), end=cite_end,
                            title=title, article=article))
    for m in DOC_NUMBER_RE.finditer(text, start, end):
        dn = parse_doc_number(m)
        out.append(Citation(text=dn.text, start=dn.start, end=dn.end, doc_number=dn.normalized))
    out.sort(key=lambda c: c.start)
    return tuple(out)
