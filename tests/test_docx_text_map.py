"""reviewer.ingest.docx.text_map: the extracted text with a source per character."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reviewer.ingest.docx import extract, text_map
import test_ingest

sample_docx = test_ingest.sample_docx  # the ingest fixture: numbering, tables, revisions, text boxes
SAMPLES = sorted(Path(__file__).resolve().parents[1].joinpath("corpus", "samples").glob("*.docx"))


def _check(data: bytes, name: str, body=None):
    text, sources = text_map(data, name, body=body)
    assert text == extract(data, name).text
    assert len(sources) == len(text)
    for ch, src in zip(text, sources):
        if src is None:
            continue
        el, i = src
        if el.tag.endswith("}t"):
            assert el.text[i] == ch
    return text, sources


def test_text_map_on_fixture(sample_docx):
    text, sources = _check(sample_docx, "draft.docx")
    # Numbering labels are supplied by the reader, not taken from a w:t.
    at = text.index("第一条 为了")
    assert sources[at] is None and sources[at + 4] is not None
    # Table cells are joined by a tab of the reader's own.
    at = text.index("名称\t内容")
    assert sources[at + 2] is None and sources[at + 3] is not None


def test_text_map_on_python_docx_tree(sample_docx):
    import docx

    document = docx.Document(io.BytesIO(sample_docx))
    text, sources = _check(sample_docx, "draft.docx", body=document.element.body)
    el, _ = sources[text.index("链接文字")]
    assert el.getroottree().getroot() is document.element


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_text_map_on_samples(path):
    _check(path.read_bytes(), path.name)
