"""The JSON contract (DESIGN.md §3.2). Extra keys are welcome; the listed ones keep
their meaning."""

from __future__ import annotations

from ..citations import articles_of
from ..model import Review
from ..names import display_path


def review_to_json(review: Review) -> dict:
    doc = review.document
    dn = doc.doc_number
    return {
        "file": display_path(review.file),
        "document": {
            "title": doc.title,
            "measure_title": doc.measure_title,
            "issuer": doc.issuer,
            "issuers": list(doc.issuers),
            "doc_number": dn.text if dn else None,
            "doc_number_normalized": dn.normalized if dn else None,
            "date": doc.date,
            "effective_date": doc.effective_date,
            "valid_until": doc.valid_until,
            "validity": doc.validity_text,
            "is_provisional": doc.is_provisional,
            "is_normative": doc.is_normative,
            "doc_type": doc.doc_type,
            "normative_reason": doc.normative_reason,
            "kind": doc.kind,
            "source_format": doc.source_format,
            "citations": [{**c.to_json(), "articles": list(articles_of(c.article))} for c in doc.citations],
        },
        "findings": [f.to_json() for f in review.findings],
        "cleanup": {
            "category": review.verdict.category,
            "reasons": list(review.verdict.reasons),
            "conclusion": review.verdict.conclusion,
        },
    }
