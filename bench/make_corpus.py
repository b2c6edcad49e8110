"""Build a synthetic corpus of .docx files by varying the sample texts.

Usage: python bench/make_corpus.py [--n 200] [--out DIR] [--seed 0] [--min-chars 0]

Each file is one of the six samples of corpus/samples/ (make_samples.py) with
another invented jurisdiction name, another document number and date, scaled
money amounts and percentages, articles shuffled within their chapters (and
one sometimes dropped), renumbered. ``--min-chars`` repeats articles until the
document reaches that many characters, to bench documents of a realistic size
(real measures run 5,000–15,000 characters; the samples 1,300–2,500).

Writing is fast (about half a millisecond per file): python-docx writes one
template per sample, once, and its parts are deflated once; each variant only
gets a new word/document.xml, built as a string, and a hand-written zip. Variants of sample 1 keep
Word's automatic 第X条 numbering. Cross references inside the texts (本办法第四条)
are not renumbered: the corpus is for timing, not for judging findings.

Prints the output directory (a new temporary directory unless --out is given).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import struct
import sys
import tempfile
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_SCRIPT = ROOT / "corpus" / "samples" / "make_samples.py"

# Invented (or at least made-up-for-this-purpose) names, by level suffix.
JURISDICTIONS = {
    "市": ("青川市", "云溪市", "安澜市", "北岭市", "南浦市", "嘉禾市", "汀州市"),
    "县": ("临江县", "石桥县", "白沙县", "柳塘县", "凤鸣县", "松溪县", "桐林县"),
    "区": ("东湖区", "南岭区", "北塘区", "新港区", "金沙区", "翠屏区", "望川区"),
}
_SCALES = (0.5, 0.8, 1, 1, 1.5, 2, 3)


def load_samples_module():
    """Import corpus/samples/make_samples.py by path (it is a script, not a package)."""
    name = "reviewer_bench_make_samples"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SAMPLES_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------------
# Text variation
# ---------------------------------------------------------------------------
def _split_units(markup: str) -> list[list]:
    """Group the measure markup into chapters, each [heading line or None, units...],
    a unit being an article line with its paragraphs (or, in a document without
    articles, an item （一） with its text)."""
    lines = [ln.strip() for ln in markup.splitlines() if ln.strip()]
    has_articles = any(ln.startswith("§ ") for ln in lines)
    chapters: list[list] = [[None]]
    for ln in lines:
        if ln.startswith("# ") or (not has_articles and re.match(r"^[一二三四五六七八九十]+、", ln)):
            chapters.append([ln])
        elif (ln.startswith("§ ") if has_articles else ln.startswith("（")) or len(chapters[-1]) == 1:
            chapters[-1].append([ln])
        else:
            chapters[-1][-1].append(ln)
    return [c for c in chapters if c[0] is not None or len(c) > 1]


def _vary_measure(markup: str, rng: random.Random, min_chars: int) -> str:
    chapters = _split_units(markup)
    # The first unit of the document (purpose clause or preamble) and the last
    # chapter (附则) — or, without chapters, the last two units — stay in place.
    movable = []
    for ci, chapter in enumerate(chapters):
        units = chapter[1:]
        lo = 1 if ci == 0 else 0
        hi = len(units)
        if ci == len(chapters) - 1:
            hi = 0 if len(chapters) > 1 else max(lo, len(units) - 2)
        middle = units[lo:hi]
        rng.shuffle(middle)
        if len(middle) > 3 and rng.random() < 0.3:
            middle.pop(rng.randrange(len(middle)))
        chapter[1:] = units[:lo] + middle + units[hi:]
        movable += [(ci, u) for u in middle]
    size = sum(len(ln) for ch in chapters for u in ch[1:] for ln in u)
    while movable and size < min_chars:  # grow to the requested size
        ci, unit = rng.choice(movable)
        chapters[ci].insert(len(chapters[ci]) - (1 if ci == len(chapters) - 1 else 0), list(unit))
        size += sum(len(ln) for ln in unit)
    out = []
    for chapter in chapters:
        if chapter[0] is not None:
            out.append(chapter[0])
        for unit in chapter[1:]:
            out += unit
    text = "\n".join(out)
    if not any(ln.startswith("§ ") for ln in out):  # renumber （一）（二）… items in order
        counter = iter(range(1, 10_000))
        cn = load_samples_module().cn_number
        text = re.sub(r"^（[一二三四五六七八九十百]+）", lambda m: f"（{cn(next(counter))}）", text, flags=re.M)
    return text


def _scale_amounts(text: str, rng: random.Random) -> str:
    def scale(m: re.Match) -> str:
        value = max(1, round(int(m.group(1)) * rng.choice(_SCALES)))
        if m.group(2) == "%":
            value = min(value, 100)
        return f"{value}{m.group(2)}"

    return re.sub(r"(?<![\d年月])(\d+)(万元|元|%)", scale, text)


def vary(sample, rng: random.Random, min_chars: int = 0):
    """Return a new Sample: another place, number, date and order of articles."""
    old = sample.jurisdiction
    new = rng.choice(JURISDICTIONS[old[-1]])
    old_year = int(re.search(r"(20\d\d)", sample.doc_number).group(1))
    year = rng.randint(2019, 2025)
    delta = year - old_year

    def place(text: str) -> str:
        return text.replace(old[:-1], new[:-1])

    def shift_years(text: str) -> str:
        # The document's own dates (issue, entry into force, end of validity, the
        # year of a plan); not the dates of cited laws (e.g. 2024年1月1日起施行 of a law).
        return re.sub(
            r"(?<=[自至经])(20\d\d)(?=年)|^(20\d\d)(?=年)|(20\d\d)(?=年工作要点)",
            lambda m: str(int(m.group(0)) + delta),
            text,
            flags=re.M,
        )

    doc_number = re.sub(r"(?<=[〔\[(（【])20\d\d(?=[〕\])）】])", str(year), sample.doc_number)
    doc_number = re.sub(r"\d+(?=号$)", str(rng.randint(1, 60)), doc_number)
    if doc_number.startswith(old[0]):
        doc_number = new[0] + doc_number[1:]
    date = f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    measure = shift_years(place(_scale_amounts(_vary_measure(sample.measure, rng, min_chars), rng)))
    return replace(
        sample,
        banner=place(sample.banner),
        doc_number=doc_number,
        title=shift_years(place(sample.title)),
        addressee=place(sample.addressee),
        notice_body=tuple(shift_years(place(p)) for p in sample.notice_body),
        signers=tuple(place(s) for s in sample.signers),
        date=date,
        measure_title=shift_years(place(sample.measure_title)),
        measure=measure,
        jurisdiction=new,
    )


# ---------------------------------------------------------------------------
# Fast docx writing: template parts from python-docx, document.xml as a string
# ---------------------------------------------------------------------------
_NUM_ID = re.compile(rb'<w:numId w:val="(\d+)"/>')
_SECT_PR = re.compile(rb"<w:sectPr[ >].*</w:sectPr>", re.S)


class Template:
    """The parts of a sample's docx, deflated once; document.xml is replaced per variant."""

    def __init__(self, data: bytes):
        import io

        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = [(info.filename, z.read(info.filename)) for info in z.infolist()]
        self.entries = [None if name == "word/document.xml" else _Entry(name, blob) for name, blob in parts]
        document = dict(parts)["word/document.xml"]
        body = document.index(b"<w:body>") + len(b"<w:body>")
        self.head = document[:body].decode("utf-8")
        self.sect_pr = _SECT_PR.search(document).group(0).decode("utf-8")
        m = _NUM_ID.search(document)
        self.num_id = int(m.group(1)) if m else None


# A minimal zip writer: copying the template's parts already deflated is what
# makes writing fast (zipfile would deflate ~800 KB of styles for every file).
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01


class _Entry:
    __slots__ = ("name", "crc", "size", "raw")

    def __init__(self, name: str, data: bytes):
        deflater = zlib.compressobj(6, zlib.DEFLATED, -15)
        self.name = name.encode("utf-8")
        self.crc = zlib.crc32(data)
        self.size = len(data)
        self.raw = deflater.compress(data) + deflater.flush()


def _write_zip(path: Path, entries) -> None:
    local, central, offset = [], [], 0
    for e in entries:
        header = (
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, _DOS_DATE, e.crc, len(e.raw), e.size, len(e.name), 0)
            + e.name
        )
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                _DOS_DATE,
                e.crc,
                len(e.raw),
                e.size,
                len(e.name),
                0,
                0,
                0,
                0,
                0o644 << 16,
                offset,
            )
            + e.name
        )
        local += (header, e.raw)
        offset += len(header) + len(e.raw)
    directory = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directory), offset, 0)
    path.write_bytes(b"".join(local) + directory + end)


def _run(text: str, font: str, size: int, color: str = "") -> str:
    color = f'<w:color w:val="{color}"/>' if color else ""
    return (
        '<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
        f'w:eastAsia="{font}"/>{color}<w:sz w:val="{size * 2}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    )


def _para(ppr: str, runs: str) -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>" if ppr else f"<w:p>{runs}</w:p>"


_CENTER, _RIGHT = '<w:jc w:val="center"/>', '<w:ind w:right="1280"/><w:jc w:val="right"/>'
_INDENT = '<w:ind w:firstLine="640"/>'
_BODY, _TITLE, _HEI = "仿宋_GB2312", "方正小标宋简体", "黑体"


def document_xml(blocks, template: Template) -> str:
    out = [template.head]
    for b in blocks:
        k = b.kind
        if k == "page_break":
            out.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        elif k == "banner":
            out.append(_para(_CENTER, _run(b.text, _TITLE, 26, "E00000")))
        elif k == "doc_number":
            out.append(_para('<w:spacing w:before="480" w:after="480"/>' + _CENTER, _run(b.text, _BODY, 16)))
        elif k in ("title", "measure_title"):
            out.append(
                _para(
                    '<w:spacing w:before="240" w:after="360" w:line="720" w:lineRule="exact"/>' + _CENTER,
                    _run(b.text, _TITLE, 22),
                )
            )
        elif k == "chapter":
            out.append(_para(_CENTER, _run(b.full_text, _HEI, 16)))
        elif k in ("signer", "date"):
            out.append(_para(_RIGHT, _run(b.text, _BODY, 16)))
        elif k == "addressee":
            out.append(_para("", _run(b.text, _BODY, 16)))
        elif k == "article" and template.num_id is not None:
            out.append(
                _para(
                    f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{template.num_id}"/></w:numPr>',
                    _run(b.text, _BODY, 16),
                )
            )
        elif k == "article":
            out.append(_para(_INDENT, _run(b.label, _HEI, 16) + _run("\u3000" + b.text, _BODY, 16)))
        else:
            out.append(_para(_INDENT, _run(b.text, _BODY, 16)))
    out.append(template.sect_pr)
    out.append("</w:body></w:document>")
    return "".join(out)


def write_docx(path: Path, blocks, template: Template) -> None:
    document = _Entry("word/document.xml", document_xml(blocks, template).encode("utf-8"))
    _write_zip(path, [e or document for e in template.entries])


def build_corpus(out_dir: Path, n: int = 200, seed: int = 0, min_chars: int = 0) -> list[Path]:
    """Write n varied docx files into out_dir; return their paths."""
    ms = load_samples_module()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    templates = {s.stem: Template(ms.docx_bytes(s)) for s in ms.SAMPLES}
    paths = []
    for i in range(n):
        sample = ms.SAMPLES[i % len(ms.SAMPLES)]
        variant = vary(sample, rng, min_chars)
        path = out_dir / f"{i:04d}_{sample.stem[3:]}.docx"
        write_docx(path, ms.layout(variant), templates[sample.stem])
        paths.append(path)
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Build N synthetic .docx files from the samples.")
    parser.add_argument("--n", type=int, default=200, help="number of files (default 200)")
    parser.add_argument("--out", type=Path, help="output directory (default: a new temporary directory)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--min-chars", type=int, default=0, help="repeat articles until each measure has at least this many characters"
    )
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="reviewer-corpus-"))
    build_corpus(out, args.n, args.seed, args.min_chars)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
