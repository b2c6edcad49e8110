"""Does the cost of a review grow linearly with the input? Reviews generated inputs
of size N, 2N and 4N and prints, for each shape, the time of each size and its ratio
to size N in the same run (linear: about 2x and 4x; quadratic: 4x and 16x).

Usage: python bench/scale.py [--size 250000] [--shapes html,line,wrapped,docx] [--passes 1]

Shapes (all built from the text of corpus/samples/01_qingchuan_prepaid_consumption.docx,
articles renumbered so that the document keeps growing):
  html     an HTML page, one <p> per paragraph (the 1 MB upload of issue 14 at --size 1e6)
  line     the whole text on one line (the 5 MB one-line text at --size 5e6)
  wrapped  plain text hard-wrapped at 40 characters, as a PDF copied to text comes out
  docx     a .docx, one w:p per paragraph
--size is N in bytes of the generated file. Nothing here asserts a timing; it
reports, it does not judge (bench/README.md).
"""

from __future__ import annotations

import argparse
import html
import io
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

SAMPLE = ROOT / "corpus" / "samples" / "01_qingchuan_prepaid_consumption.docx"
TITLE = "青川市预付式消费经营活动管理办法"


def _body_lines() -> list[str]:
    from reviewer.ingest import read_file

    text = read_file(SAMPLE).text
    body = text[text.index(TITLE + "\n第一章") + len(TITLE) + 1 :]
    return [line for line in body.split("\n") if line.strip()]


def _paragraphs(target: int) -> list[str]:
    """Paragraphs of the sample's measure, repeated with growing article numbers,
    until they hold `target` bytes of UTF-8."""
    lines, out, n, size = _body_lines(), [TITLE], 0, 0
    while size < target:
        for line in lines:
            if line.startswith("第") and "条" in line[:8]:
                n += 1
                line = f"第{n}条 " + line.split(" ", 1)[-1]
            out.append(line)
            size += len(line.encode()) + 8
            if size >= target:
                break
    return out


def make(shape: str, size: int) -> tuple[bytes, str]:
    paras = _paragraphs(size)
    if shape == "html":
        return (
            "<html><body>\n" + "\n".join(f"<p>{html.escape(p)}</p>" for p in paras) + "\n</body></html>"
        ).encode(), "scale.html"
    if shape == "line":
        return (paras[0] + "\n" + "".join(paras[1:])).encode(), "scale.txt"
    if shape == "wrapped":
        out = []
        for p in paras:
            out.extend(p[i : i + 40] for i in range(0, len(p), 40))
        return "\n".join(out).encode(), "scale.txt"
    if shape == "docx":
        return _docx(paras), "scale.docx"
    raise SystemExit(f"unknown shape: {shape}")


def _docx(paras: list[str]) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{html.escape(p, quote=False)}</w:t></w:r></w:p>" for p in paras)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        zf.writestr(
            "word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
        )
    return buf.getvalue()


def time_review(data: bytes, name: str, passes: int) -> tuple[float, int, str]:
    from reviewer.errors import IngestError
    from reviewer.review import review_bytes

    best, findings, note = float("inf"), 0, ""
    for _ in range(passes):
        t = time.perf_counter()
        try:
            review = review_bytes(data, name, as_of="2026-01-01")
            findings = len(review.findings)
        except IngestError as exc:  # beyond a limit: the refusal is what is timed
            note = f"refused: {exc.code}"
        best = min(best, time.perf_counter() - t)
    return best, findings, note


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=float, default=250_000, help="N, bytes of the smallest input")
    ap.add_argument("--shapes", default="html,line,wrapped,docx")
    ap.add_argument("--passes", type=int, default=1, help="best of this many reviews per input")
    args = ap.parse_args()
    try:
        from reviewer.review import review_text
    except ImportError as exc:
        print(f"bench/scale.py: cannot import reviewer.review: {exc}", file=sys.stderr)
        return 2
    review_text("第一条 经营者应当办理备案。", as_of="2026-01-01")  # warm up: rules, registry
    from reviewer.nlp import get_pipeline

    get_pipeline()  # and the spaCy pipeline
    n = int(args.size)
    print(f"review time against input size, N = {n:,} bytes, best of {args.passes}")
    print(f"{'shape':8} {'size':>11} {'chars':>10} {'seconds':>9} {'ratio':>7} {'findings':>9}")
    for shape in args.shapes.split(","):
        base = None
        time_review(*make(shape, 20_000), 1)  # warm up the reader of this shape
        for k in (1, 2, 4):
            data, name = make(shape, n * k)
            seconds, findings, note = time_review(data, name, args.passes)
            base = base or seconds
            chars = len(data.decode("utf-8", "ignore")) if shape != "docx" else 0
            print(
                f"{shape:8} {len(data):>11,} {chars:>10,} {seconds:>9.3f} {seconds / base:>6.2f}x {findings:>9} {note}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
