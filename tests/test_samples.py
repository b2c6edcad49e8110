"""The sample documents of corpus/samples/ and the bench corpus generator."""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import require

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "corpus" / "samples"


def _load(name: str, path: Path):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


make_samples = _load("reviewer_bench_make_samples", SAMPLES_DIR / "make_samples.py")
make_corpus = _load("reviewer_bench_make_corpus", ROOT / "bench" / "make_corpus.py")
SAMPLES = make_samples.SAMPLES
PDF_SAMPLES = [s for s in SAMPLES if s.makes_pdf]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _docx_text(path: Path) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def _pdf_pages(path: Path) -> list[str]:
    pdfium = require("module", "pypdfium2")
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_six_samples_three_pdfs():
    assert len(SAMPLES) == 6
    assert [s.stem[:2] for s in PDF_SAMPLES] == ["02", "04", "05"]
    for sample in SAMPLES:
        assert sample.notes, f"{sample.stem}: README notes missing"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.stem)
def test_docx_opens_and_has_title(sample):
    path = SAMPLES_DIR / f"{sample.stem}.docx"
    text = _docx_text(path)
    assert sample.title in text
    assert sample.measure_title in text
    assert sample.doc_number in text


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.stem)
def test_article_count_in_range(sample):
    articles = [b for b in make_samples.layout(sample) if b.kind == "article"]
    if sample.stem.startswith("06"):
        assert articles == []  # a work plan has no 第X条
    else:
        assert 10 <= len(articles) <= 30


def test_sample_1_numbers_articles_automatically():
    sample = SAMPLES[0]
    with zipfile.ZipFile(SAMPLES_DIR / f"{sample.stem}.docx") as z:
        numbering = z.read("word/numbering.xml").decode("utf-8")
        document = z.read("word/document.xml").decode("utf-8")
    assert 'w:numFmt w:val="chineseCounting"' in numbering
    assert 'w:lvlText w:val="第%1条"' in numbering
    articles = [b for b in make_samples.layout(sample) if b.kind == "article"]
    assert document.count("<w:numPr>") == len(articles)
    text = _docx_text(SAMPLES_DIR / f"{sample.stem}.docx")
    assert "第一条" not in text  # the label lives in numbering.xml only
    assert "第一章" in text


def test_sample_4_keeps_its_doc_number_defect():
    assert "临政发[2024]12号" in _docx_text(SAMPLES_DIR / f"{SAMPLES[3].stem}.docx")


@pytest.mark.parametrize("sample", PDF_SAMPLES, ids=lambda s: s.stem)
def test_pdf_text_layer(sample):
    pages = _pdf_pages(SAMPLES_DIR / f"{sample.stem}.pdf")
    assert len(pages) >= 2
    joined = _squash("".join(pages))
    assert _squash(sample.title) in joined
    assert _squash(sample.measure_title) in joined
    for number, page in enumerate(pages, 1):
        assert sample.running_header in page
        assert f"— {number} —" in page


@pytest.mark.parametrize("sample", PDF_SAMPLES, ids=lambda s: s.stem)
def test_pdf_wraps_paragraphs(sample):
    """A long article spans several lines in the PDF: line breaks inside it."""
    pages = _pdf_pages(SAMPLES_DIR / f"{sample.stem}.pdf")
    longest = max((b for b in make_samples.layout(sample) if b.kind == "article"), key=lambda b: len(b.text))
    whole = "".join(pages)
    start = whole.find(longest.label)
    assert start >= 0
    assert whole[start : start + len(longest.full_text) + 20].count("\n") >= 2


def test_make_corpus_builds_readable_docx(tmp_path):
    from docx import Document

    paths = make_corpus.build_corpus(tmp_path, n=5, seed=1)
    assert len(paths) == 5
    assert sorted(tmp_path.glob("*.docx")) == sorted(paths)
    titles = set()
    for path in paths:
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
        paragraphs = [p.text for p in Document(str(path)).paragraphs]
        title = next(t for t in paragraphs if t.endswith("的通知"))
        assert "关于印发《" in title
        titles.add(title)
        assert sum(len(t) for t in paragraphs) > 500
    assert len(titles) == 5


def test_make_corpus_min_chars(tmp_path):
    from docx import Document

    (path,) = make_corpus.build_corpus(tmp_path, n=1, seed=2, min_chars=6000)
    assert sum(len(p.text) for p in Document(str(path)).paragraphs) >= 6000


def test_make_corpus_varies_the_text():
    import random

    sample = SAMPLES[1]
    variant = make_corpus.vary(sample, random.Random(3))
    assert variant.jurisdiction != sample.jurisdiction or variant.doc_number != sample.doc_number
    assert variant.jurisdiction[-1] == sample.jurisdiction[-1]  # 区 stays 区
    assert sample.jurisdiction not in make_samples.plain_text(variant) or variant.jurisdiction == sample.jurisdiction
    assert re.fullmatch(r".政发〔20\d\d〕\d+号", variant.doc_number)


def test_readme_is_generated_from_the_notes():
    readme = (SAMPLES_DIR / "README.md").read_text(encoding="utf-8")
    assert readme == make_samples.readme_text(), (
        "corpus/samples/README.md is stale: run python corpus/samples/make_samples.py"
    )
