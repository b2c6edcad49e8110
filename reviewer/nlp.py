"""The spaCy pipeline: a blank Chinese pipeline (character tokens, nothing downloaded)
with registered components that mark document numbers, dates, citations, organs and
the scope of negations, references and exceptions as span groups.

It runs where it adds understanding — on the provisions that already drew a finding
(DESIGN.md §5) — not over every character of every document.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy takes ~0.7 s to import: that waits for the first pipeline built
    from spacy.language import Language
    from spacy.tokens import Doc

from .citations import extract_citations
from .dates import find_dates
from .docnumber import find_doc_numbers
from .scope import NEGATORS_RE, REFERENCE_RE, clause_start

ORGAN_RE = re.compile(
    r"(?:[\u4e00-\u9fa5]{2,12}?(?:省|市|县|区|镇|乡|自治州|街道))?"
    r"(?:人民政府办公(?:厅|室)|人民政府|[\u4e00-\u9fa5]{2,14}?(?:管理委员会|委员会|领导小组|联席会议|指挥部|"
    r"局|厅|办公室|中心|所|站|办事处))"
)
EXCEPTION_RE = re.compile(
    r"(?:法律|行政法规|法规)(?:、(?:行政法规|法规|规章))*另有规定的?[，,]?(?:从其|依照其|按照其|适用其)规定"
    r"|经国务院批准"
    r"|(?:为|基于)(?:维护国家安全|促进科学技术进步|增强国家自主创新能力|实现节约能源|节约能源|保护环境|救灾救助|"
    r"维护社会公共利益)[^。]{0,60}(?:实施期限|期限为|有效期|至\d{4}年\d{1,2}月\d{1,2}日(?:止|终止))"
)


def _set_group(doc: Doc, name: str, offsets, label: str):
    spans = []
    for s, e in offsets:
        span = doc.char_span(s, e, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[name] = spans


def make_doc_numbers(nlp, name):
    def component(doc: Doc) -> Doc:
        _set_group(doc, "doc_numbers", [(d.start, d.end) for d in find_doc_numbers(doc.text)], "DOC_NUMBER")
        return doc

    return component


def make_dates(nlp, name):
    def component(doc: Doc) -> Doc:
        _set_group(doc, "dates", [(s, e) for _, s, e in find_dates(doc.text)], "DATE")
        return doc

    return component


def make_citations(nlp, name):
    def component(doc: Doc) -> Doc:
        _set_group(doc, "citations", [(c.start, c.end) for c in extract_citations(doc.text)], "CITATION")
        return doc

    return component


def make_organs(nlp, name):
    def component(doc: Doc) -> Doc:
        _set_group(doc, "organs", [m.span() for m in ORGAN_RE.finditer(doc.text)], "ORGAN")
        return doc

    return component


def make_scope(nlp, name):
    """Negation runs from a negator to the end of its clause (不得指定…, 严禁收取…);
    references and exceptions are marked where they stand."""

    def component(doc: Doc) -> Doc:
        text = doc.text
        negations = []
        for m in NEGATORS_RE.finditer(text):
            end = m.end()
            while end < len(text) and text[end] not in "，,；;。：:\n":
                end += 1
            negations.append((m.start(), end))
        _set_group(doc, "negations", negations, "NEGATION")
        for span in doc.spans["negations"]:
            for token in span[1:]:
                token._.negated = True
        _set_group(doc, "references", [m.span() for m in REFERENCE_RE.finditer(text)], "REFERENCE")
        _set_group(doc, "exceptions", [m.span() for m in EXCEPTION_RE.finditer(text)], "EXCEPTION")
        return doc

    return component


PIPES = ("reviewer_doc_numbers", "reviewer_dates", "reviewer_citations", "reviewer_organs", "reviewer_scope")
_FACTORIES = (make_doc_numbers, make_dates, make_citations, make_organs, make_scope)


@lru_cache(maxsize=1)
def _register() -> None:
    """Token extensions and pipeline factories, registered with spaCy on the first
    pipeline built rather than at import, so that a check that never needs the pipeline
    never imports spaCy."""
    from spacy.language import Language
    from spacy.tokens import Doc, Token

    if not Token.has_extension("negated"):
        Token.set_extension("negated", default=False)
    if not Doc.has_extension("has_exception"):
        Doc.set_extension("has_exception", getter=lambda doc: bool(doc.spans.get("exceptions")))
    for name, factory in zip(PIPES, _FACTORIES):
        Language.factory(name, func=factory)


@lru_cache(maxsize=1)
def get_pipeline() -> Language:
    import spacy

    _register()
    nlp = spacy.blank("zh")  # character segmentation: no jieba, no model download
    for pipe in PIPES:
        nlp.add_pipe(pipe)
    return nlp


def analyze(text: str) -> Doc:
    return get_pipeline()(text)


def negated_at(doc: Doc, char_index: int, floor: int = 0) -> bool:
    """Is the character governed by a negator earlier in its clause?"""
    token = doc.char_span(char_index, char_index + 1, alignment_mode="expand")
    if token is not None and token[0]._.negated:
        return True
    return NEGATORS_RE.search(doc.text, clause_start(doc.text, char_index, floor), char_index) is not None
