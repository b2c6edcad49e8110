"""The annotated copy: the reviewed document with a Word comment on the words of
every finding, so a reviewer opens it in Word or WPS and sees the problems in the
margin.

A .docx input is copied unchanged except that runs are split at the finding
boundaries (formatting copied to both halves) and comment ranges are added. A PDF,
HTML or text input has no Word original, so it gets a fresh .docx of its extracted
text, one paragraph per line, with the same comments.

Public verb: `write_annotated_docx(review, out, source=...)`.
"""

from __future__ import annotations

import copy
from dataclasses import replace
import io
import os
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence

import docx
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.run import Run

from ..cleanup import CATEGORY_NAMES
from ..ingest import sniff
from ..ingest.docx import text_map
from ..model import Finding, Review
from .labels import printed_label
from .officedoc import xml_text

AUTHOR = "合法性审核"
INITIALS = "审"
SEVERITY_NAMES = {"error": "须修改", "warning": "需研判", "info": "供参考"}

_W_R = qn("w:r")
_W_T = qn("w:t")
_W_RPR = qn("w:rPr")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_MAX_PACKAGE_BYTES = 400 * 1024 * 1024


def comment_text(finding: Finding, note: str = "") -> str:
    """What the margin says about one finding; one paragraph per line."""
    category = CATEGORY_NAMES.get(finding.category, finding.category)
    severity = SEVERITY_NAMES.get(finding.severity, finding.severity)
    where = f"（{finding.provision}）" if finding.provision else ""
    # No rule number: the copy goes back to the drafting organ, who reads the problem, not our index.
    # A finding the reviewer added is said to be theirs: the drafting organ reads whose point it is.
    lines = [f"【{category}·{severity}】{where}" + ("（审核人员补充）" if finding.by_reviewer else "")]
    message = (finding.message or "").strip()
    explanation = (finding.explanation or "").strip()
    if message:
        lines.append(f"问题：{message}")
    if explanation and explanation != message:
        lines.append(f"说明：{explanation}")
    if finding.basis:
        lines.append(f"依据：{finding.basis}")
    if finding.suggestion:
        lines.append(f"修改建议：{finding.suggestion}")
    note = xml_text(note).strip()
    if note:
        lines.append(f"审核人意见：{note}")
    return xml_text("\n".join(lines))


def write_annotated_docx(
    review: Review,
    out,
    *,
    source: Optional[bytes] = None,
    findings: Optional[Sequence[Finding]] = None,
    notes: Optional[Mapping[int, str]] = None,
    author: str = AUTHOR,
) -> int:
    """Write the annotated copy of `review` to `out` (a path or a binary file object).

    `source` is the original file's bytes; when it is a .docx the copy keeps it
    unchanged, otherwise (or when None and the review is not of a .docx file on
    disk) a fresh document is made from the extracted text. `findings` defaults to
    all of the review's findings (the desk passes the kept ones); `notes` maps a
    position in `findings` to the reviewer's note. Returns the number of comments.
    """
    findings = list(review.findings if findings is None else findings)
    notes = notes or {}
    if source is None and review.document.source_format == "docx" and os.path.isfile(review.file):
        source = Path(review.file).read_bytes()
    document = None
    if source is not None and review.document.source_format == "docx" and sniff(source) == "docx":
        document, sources = _open_original(source, review, findings)
    if document is None:
        document, sources = _fresh(review.document.text, findings)
    count = 0
    for n, finding in enumerate(findings):
        runs = _runs_for(document, sources, review.document.text, finding)
        if runs is None:
            continue
        shown = replace(finding, provision=printed_label(review.document, finding))  # 三、（三）3.（1）
        document.add_comment(runs, text=comment_text(shown, notes.get(n, "")), author=author, initials=INITIALS)
        count += 1
    if isinstance(out, (str, os.PathLike)):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    document.save(out)
    return count


def annotated_docx_bytes(review: Review, **kw) -> bytes:
    buf = io.BytesIO()
    write_annotated_docx(review, buf, **kw)
    return buf.getvalue()


def check_to_docx(
    files: Sequence[str], out: Optional[str], *, as_of: Optional[str] = None, profile: Optional[str] = None
) -> int:
    """`reviewer check --format docx --out OUT`: write one annotated copy per file
    (OUT is a file for one input, a directory for several). Returns the exit code
    of `reviewer check`: 2 unreadable input, 1 a finding of severity error, else 0."""
    import sys

    from ..errors import IngestError, ReviewerError
    from ..review import load_profile, review_bytes, review_file

    def say(message: str) -> None:
        print(f"reviewer: {message}", file=sys.stderr)

    if not out:
        say("--format docx 需要用 --out 指定输出文件（多个文件时为输出目录）")
        return 2
    try:
        prof = load_profile(profile)
    except ReviewerError as exc:
        say(str(exc))
        return 2
    several = len(files) > 1
    if several:
        Path(out).mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    unreadable = has_errors = False
    from ..limits import DocumentTimeout, from_profile, time_limit, timeout_error
    from ..names import display_path

    seconds = from_profile(prof).seconds_per_document
    for name in files:
        data = None
        try:
            try:
                with time_limit(seconds):
                    if name == "-":
                        data = sys.stdin.buffer.read(from_profile(prof).max_file_bytes + 1)
                        review = review_bytes(data, name, as_of=as_of, profile=prof)
                    else:
                        review = review_file(name, as_of=as_of, profile=prof)
            except DocumentTimeout:
                raise timeout_error(name, seconds) from None
        except IngestError as exc:
            say(f"无法读取 {display_path(exc.path)}：{exc.reason}")
            unreadable = True
            continue
        has_errors = has_errors or review.has_errors
        target = Path(out) if not several else Path(out) / _output_name(name, used)
        try:
            count = write_annotated_docx(review, target, source=data)  # None: read from review.file
        except OSError as exc:
            say(f"无法写入 {target}：{exc.strerror or type(exc).__name__}")
            return 2
        print(f"{display_path(name)}：{count} 条批注，已写入 {display_path(str(target))}")
    return 2 if unreadable else (1 if has_errors else 0)


def _output_name(name: str, used: set) -> str:
    path = Path("stdin" if name == "-" else name)
    candidate = f"{path.stem}-审核批注.docx"
    if candidate in used:
        candidate = f"{path.stem}_{path.suffix.lstrip('.')}-审核批注.docx"
    n = 2
    base = candidate
    while candidate in used:
        candidate = base.replace("-审核批注", f"-{n}-审核批注")
        n += 1
    used.add(candidate)
    return candidate


# --------------------------------------------------------------------------- original .docx


def _open_original(data: bytes, review: Review, findings: Sequence[Finding]):
    """The original opened with python-docx, with runs split at every finding
    boundary; None when python-docx cannot hold it (e.g. strict OOXML)."""
    try:
        import zipfile

        # python-docx loads every part into memory; ingest bounded only the parts it reads.
        if sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()) > _MAX_PACKAGE_BYTES:
            return None, None
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        text, sources = text_map(data, review.file, body=body)
    except Exception:  # python-docx refuses some files ingest reads: fall back to a fresh copy
        return None, None
    if text != review.document.text:
        return None, None
    cuts: dict = {}
    for f in findings:
        first, last = _mapped_bounds(sources, f.start, f.end)
        if first is None:
            continue
        el, i = sources[first]
        cuts.setdefault(el, set()).add(i)
        el, i = sources[last]
        cuts.setdefault(el, set()).add(i + 1)
    for el, offsets in cuts.items():
        # Descending, so that every cut still to make lies in the part left in `el`.
        for i in sorted(offsets, reverse=True):
            _cut(el, i)
    text, sources = text_map(data, review.file, body=body)
    return document, sources


def _cut(el, i: int) -> None:
    """Make a run boundary fall just before character `i` of the inline element `el`."""
    run = el.getparent()
    if run is None or run.tag != _W_R:
        return
    if el.tag == _W_T:
        value = el.text or ""
        if i <= 0:
            _split_before(run, el)
        elif i >= len(value):
            _split_before(run, el.getnext())
        else:
            tail = copy.deepcopy(el)
            el.text, tail.text = value[:i], value[i:]
            for t in (el, tail):
                t.set(_XML_SPACE, "preserve")  # a cut may leave a space at an edge
            el.addnext(tail)
            _split_before(run, tail)
    else:  # tab, break, symbol: one character
        _split_before(run, el if i <= 0 else el.getnext())


def _split_before(run, child) -> None:
    """Move `child` and the children after it into a new run (same formatting)."""
    if child is None:
        return
    content = [c for c in run if c.tag != _W_RPR]
    if not content or child is content[0]:
        return
    new = copy.copy(run)  # same tag and attributes, no children
    for c in list(new):
        new.remove(c)
    rpr = run.find(_W_RPR)
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    moving = []
    node = child
    while node is not None:
        moving.append(node)
        node = node.getnext()
    for node in moving:
        new.append(node)
    run.addnext(new)


# --------------------------------------------------------------------------- fresh .docx


def _fresh(text: str, findings: Iterable[Finding]):
    """A new A4 document of `text`, one paragraph per line, with a run boundary at
    every finding boundary so that comments cover exactly the words."""
    from .officedoc import BODY_FONT, setup_page, set_run_font

    document = docx.Document()
    setup_page(document.sections[0])
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    set_run_font(style.element, BODY_FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = Pt(28.9)
    bounds = {0, len(text)}
    for f in findings:
        bounds.update((max(0, f.start), min(len(text), f.end)))
    sources: list = []
    pos = 0
    for line in text.split("\n"):
        paragraph = document.add_paragraph()
        cuts = sorted(b for b in bounds if pos < b < pos + len(line))
        edges = [pos, *cuts, pos + len(line)]
        for a, b in zip(edges, edges[1:]):
            if a == b:
                continue
            run = paragraph.add_run(text[a:b])
            t = run._r.find(_W_T)
            sources.extend((t, k) for k in range(b - a))
        pos += len(line) + 1
        sources.append(None)  # the line break
    return document, sources[: len(text)]


# --------------------------------------------------------------------------- anchoring


def _mapped_bounds(sources: list, start: int, end: int):
    """First and last position in [start, end) with a source in the file, else
    (None, None). An empty or unmapped span widens to its line, so a finding about
    the whole provision still gets a comment."""
    start, end = max(0, start), min(len(sources), end)
    inside = [k for k in range(start, end) if sources[k] is not None]
    if inside:
        return inside[0], inside[-1]
    return None, None


def _runs_for(document, sources: list, text: str, finding: Finding):
    first, last = _mapped_bounds(sources, finding.start, finding.end)
    if first is None:
        # Nothing of the span is in a w:t (e.g. only a numbering label): take its line.
        a = text.rfind("\n", 0, max(0, finding.start)) + 1
        b = text.find("\n", min(len(text), max(finding.start, finding.end)))
        first, last = _mapped_bounds(sources, a, len(text) if b < 0 else b)
        if first is None:
            return None
    first_run = sources[first][0].getparent()
    last_run = sources[last][0].getparent()
    if first_run.tag != _W_R or last_run.tag != _W_R:
        return None
    if not _in_order(first_run, last_run):
        last_run = first_run
    return [Run(first_run, document), Run(last_run, document)]


def _in_order(a, b) -> bool:
    """True when run `b` is `a` or comes after it in the document."""
    if a is b:
        return True
    root = a.getroottree().getroot()
    for el in root.iter(_W_R):
        if el is a:
            return True
        if el is b:
            return False
    return True


def anchored_texts(docx_file) -> list[tuple[str, str]]:
    """(anchored words, comment text) for every comment of a .docx, in comment-id
    order; paragraphs inside a range are joined by "\\n". For tests and checks."""
    document = docx.Document(docx_file)
    ranges: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    start, end, t, p = (qn(x) for x in ("w:commentRangeStart", "w:commentRangeEnd", "w:t", "w:p"))
    for el in document.element.body.iter(start, end, t, p):
        if el.tag == start:
            ranges[el.get(qn("w:id"))] = []
        elif el.tag == end:
            cid = el.get(qn("w:id"))
            if cid in ranges:
                done[cid] = "".join(ranges.pop(cid)).strip("\n")
        elif el.tag == p:
            for parts in ranges.values():
                if parts:
                    parts.append("\n")
        else:
            for parts in ranges.values():
                parts.append(el.text or "")
    texts = {str(c.comment_id): "\n".join(par.text for par in c.paragraphs) for c in document.comments}
    return [(done.get(cid, ""), texts.get(cid, "")) for cid in sorted(done, key=int)]
