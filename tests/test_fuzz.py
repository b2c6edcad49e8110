"""Property-based fuzzing of ingest and structure (issue 14): over random bytes, random
zips posing as .docx and random structured documents, reading either gives text or an
IngestError with a reason, and parsing gives a provision tree whose offsets lie in the
text. A fixed, small budget (examples, not seconds; REVIEWER_FUZZ_EXAMPLES raises it) keeps it
in every CI run."""

from __future__ import annotations

import io
import os
import zipfile


from conftest import require  # noqa: E402

hypothesis = require("module", "hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from reviewer.errors import IngestError  # noqa: E402
from reviewer.ingest import read_bytes  # noqa: E402
from reviewer.structure import iter_provisions, parse_document  # noqa: E402

BUDGET = settings(
    max_examples=int(os.environ.get("REVIEWER_FUZZ_EXAMPLES", "120")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

PIECES = [
    "第一条 ",
    "第十二条",
    "第10000条 ",
    "第一章 总则",
    "第二节",
    "（一）",
    "(2)",
    "1.",
    "一、",
    "二、",
    "经营者应当",
    "办理备案后方可经营",
    "处500元以上2000元以下罚款",
    "有效期8000年",
    "自2024年1月1日起施行",
    "《中华人民共和国行政处罚法》第十六条",
    "法律、法规另有规定的，从其规定",
    "〔2024〕3号",
    "某某市人民政府",
    "关于印发《某某办法》的通知",
    "。",
    "；",
    "，",
    "\n",
    "\n\n",
    "\u3000",
    "\x0b",
    "\t",
    "“",
    "”",
    "9" * 30,
]


def _check(extracted_text: str, name: str) -> None:
    doc = parse_document(extracted_text)
    n = len(doc.text)
    for p in iter_provisions(doc.provisions, ("chapter", "section", "article", "part", "paragraph", "item")):
        assert 0 <= p.start <= p.end <= n, (name, p)


def _read(data: bytes, name: str) -> None:
    try:
        extracted = read_bytes(data, name)
    except IngestError as exc:
        assert exc.reason and exc.code and exc.path == name
        return
    _check(extracted.text, name)


@BUDGET
@given(st.binary(max_size=4096), st.sampled_from(["x.txt", "x.docx", "x.pdf", "x.html", "x"]))
def test_random_bytes(data, name):
    _read(data, name)


@BUDGET
@given(st.lists(st.sampled_from(PIECES), max_size=80), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_random_structured_text(pieces, encoding):
    text = "".join(pieces)
    _read(text.encode(encoding), "doc.txt")
    _check(text, "doc.txt")


@BUDGET
@given(
    st.lists(st.sampled_from(PIECES), max_size=40),
    st.lists(
        st.sampled_from(
            [
                "<w:p/>",
                "<w:tab/>",
                "<w:br/>",
                "&amp;",
                "&#x4E00;",
                "<![CDATA[x]]>",
                "</w:t><w:t>",
                "<w:del><w:r><w:t>删</w:t></w:r></w:del>",
            ]
        ),
        max_size=10,
    ),
    st.booleans(),
)
def test_random_docx(pieces, markup, broken):
    runs = "".join(f"<w:p><w:r><w:t>{p.replace('&', '&amp;').replace('<', '&lt;')}</w:t></w:r></w:p>" for p in pieces)
    extra = "".join(markup) if not broken else "".join(markup) + "<w:p>"
    body = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{runs}<w:p><w:r><w:t>{extra}</w:t></w:r></w:p></w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", body)
    _read(buf.getvalue(), "fuzz.docx")
