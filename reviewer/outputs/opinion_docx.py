"""The review opinion (合法性审核意见书) drafted from the findings a reviewer kept,
laid out as an official document (GB/T 9704, see officedoc.py).

Sections: title 关于《…》的合法性审核意见; addressee (the drafting organ); a lead
paragraph; 一、审核对象 (title, issuer, number, date, whether it is a normative
document); 二、审核依据 (the laws the kept findings cite); 三、审核意见 grouped by
provision, each with the words in question, the legal reasoning and a suggested
wording; 四、审核结论 (合法 / 修改后合法 / 不合法); signature lines.

Public verbs: `conclusion(review, kept)`, `write_opinion_docx(review, out, ...)`.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Mapping, Optional, Sequence

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ..cleanup import CATEGORY_NAMES, LAWFUL, LAWFUL_IF_AMENDED, UNLAWFUL, verdict_of  # noqa: F401 (re-exported)
from ..dates import to_prose
from ..model import Finding, Review
from .labels import book_title, printed_label
from .reasons import legal_basis, specific_reason
from .officedoc import (
    BODY_FONT,
    HEADING1_FONT,
    HEADING2_FONT,
    SIZE_2,
    SIZE_3,
    TITLE_FONT,
    add_font_fallbacks,
    add_page_numbers,
    add_text,
    format_paragraph,
    setup_page,
    setup_styles,
    xml_text,
)

# The State Council's guideline that makes legality review mandatory and says what it covers.
REVIEW_MECHANISM = "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）"

_CN_ORDINALS = "一二三四五六七八九十"
_TITLE_RE = re.compile(r"《([^《》]+)》")
_ARTICLE_RE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条")
_SENTENCE_END = "。；;！？!?"
_LABEL_RE = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节条]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[①-⑳])[ \t\u3000]*"
)


@dataclass(frozen=True)
class Signature:
    org: str = ""  # 审核机构
    reviewer: str = ""  # 审核人
    date: Optional[str] = None  # ISO date; today when None


def conclusion(review: Review, kept: Sequence[Finding]) -> str:
    """合法 / 修改后合法 / 不合法: the conclusion of the one verdict (reviewer.cleanup.judge) over
    the findings kept, with the review's own date and profile (docs/cleanup.md)."""
    return verdict_of(review, list(kept)).conclusion


def reviewed_title(review: Review) -> str:
    """The name of the measure under review, without 《》."""
    doc = review.document
    title = doc.measure_title or doc.title or ""
    m = re.fullmatch(r".*关于(?:印发|转发|发布|公布|修订)《([^《》]+)》的通知", title)
    return (m.group(1) if m else title).strip(" ")


def basis_list(findings: Sequence[Finding]) -> list[str]:
    """The superior laws and documents the findings cite, in order of first
    citation, each with the articles cited: 《中华人民共和国行政处罚法》第九条、第十六条."""
    order: list[str] = []
    articles: dict[str, list[str]] = {}
    for f in findings:
        for part in re.split(r"[；;]", f.basis or ""):
            part = part.strip().rstrip("。")
            m = _TITLE_RE.search(part)
            if not m:
                continue
            head = part[: m.end()]
            rest = part[m.end() :].strip()
            key = head
            if key not in articles:
                order.append(key)
                articles[key] = []
            for piece in re.split(r"[、，,]", rest):
                piece = piece.strip()
                if piece and piece not in articles[key]:
                    articles[key].append(piece)
    out = []
    for key in order:
        arts = articles[key]
        doc_numbers = [a for a in arts if a.startswith("（")]
        rest = [a for a in arts if not a.startswith("（")]
        out.append(key + "".join(doc_numbers) + "、".join(rest))
    return out


def quote_context(text: str, start: int, end: int, limit: int = 90) -> str:
    """The sentence (。/；-clause) holding a finding, without the article label,
    shortened around the finding when long."""
    a = max(text.rfind("\n", 0, start), max(text.rfind(c, 0, start) for c in _SENTENCE_END)) + 1
    ends = [i for i in (text.find(c, end) for c in _SENTENCE_END + "\n") if i >= 0]
    b = min(ends) if ends else len(text)
    sentence = text[a:b]
    label = _LABEL_RE.match(sentence)
    if label and a + label.end() <= start:
        a += label.end()
        sentence = text[a:b]
    if len(sentence) > limit:
        lo = max(a, start - limit // 3)
        hi = min(b, max(end, lo + limit))
        sentence = ("……" if lo > a else "") + text[lo:hi] + ("……" if hi < b else "")
    return sentence.strip().rstrip("，,：:")


def _provision_key(finding: Finding) -> tuple[str, int]:
    return (finding.provision or "其他", finding.start)


def write_opinion_docx(
    review: Review,
    out,
    *,
    kept: Optional[Sequence[Finding]] = None,
    notes: Optional[Mapping[int, str]] = None,
    signature: Signature = Signature(),
) -> str:
    """Write the opinion for `review` to `out` (path or binary file). `kept` are the
    findings the reviewer keeps (all by default); `notes` maps a position in `kept`
    to the reviewer's note, printed with that opinion. Returns the conclusion."""
    kept = list(review.findings if kept is None else kept)
    notes = {k: xml_text(v) for k, v in (notes or {}).items()}
    signature = Signature(org=xml_text(signature.org), reviewer=xml_text(signature.reviewer), date=signature.date)
    doc = review.document
    judged = verdict_of(review, kept)
    verdict = judged.conclusion
    # Provisions as the document prints them (三、（三）3.（1）), for every mention below.
    kept = [replace(f, provision=printed_label(doc, f)) for f in kept]
    name = reviewed_title(review)
    quoted = book_title(name) if name else "送审文件"
    when = signature.date or date.today().isoformat()

    document = docx.Document()
    setup_page(document.sections[0])
    setup_styles(document)
    add_font_fallbacks(document)
    add_page_numbers(document)
    props = document.core_properties
    props.title = f"关于{quoted}的合法性审核意见"
    props.author = signature.org or "合法性审核"

    def para(
        text: str = "",
        *,
        indent=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        font=BODY_FONT,
        size=SIZE_3,
        bold=False,
        keep_next=False,
    ):
        p = document.add_paragraph()
        format_paragraph(p, indent=indent, align=align)
        p.paragraph_format.keep_with_next = keep_next or None
        if text:
            add_text(p, text, font, size, bold)
        return p

    def labelled(label: str, text: str):
        p = para()
        add_text(p, label, BODY_FONT, SIZE_3, bold=True)
        add_text(p, text)
        return p

    # Title: two blank lines of the body grid above it, one below (GB/T 9704 §7.3.3).
    para(indent=False)
    title = para(indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.line_spacing = Pt(35)  # two-line titles need air between lines
    add_text(title, f"关于{quoted}的合法性审核意见", TITLE_FONT, SIZE_2)
    para(indent=False)

    if doc.issuer:
        para(f"{doc.issuer}：", indent=False)
    subject = f"{quoted}（以下简称{book_title(_short(name))}）" if name else "送审文件"
    para(
        f"你单位报送的{subject}收悉。根据{REVIEW_MECHANISM}和有关法律、法规、规章的规定，"
        f"我们对该文件的制定主体、制定权限、主要内容和制定程序进行了合法性审核，现提出审核意见如下："
    )

    # 一、审核对象
    para("一、审核对象", indent=True, font=HEADING1_FONT, keep_next=True)
    labelled("文件名称：", doc.title or quoted)
    if doc.measure_title and doc.measure_title != doc.title:
        labelled("所附文件：", book_title(doc.measure_title))
    labelled("制发机关：", doc.issuer or "（文件未载明）")
    labelled("发文字号：", doc.doc_number.normalized or doc.doc_number.text if doc.doc_number else "（文件未载明）")
    labelled("成文日期：", to_prose(doc.date) if doc.date else "（文件未载明）")
    if doc.effective_date or doc.validity_text:
        validity = "，".join(
            x
            for x in (
                f"自{to_prose(doc.effective_date)}起施行" if doc.effective_date else "",
                f"有效期至{to_prose(doc.valid_until)}" if doc.valid_until else "",
            )
            if x
        )
        labelled("施行与有效期：", validity or doc.validity_text)
    nature = (
        "属于行政规范性文件，应当经合法性审核后提交集体审议。"
        if doc.is_normative
        else f"经审查，该文件不属于行政规范性文件（{doc.normative_reason or '不具有普遍约束力'}），以下意见供参考。"
    )
    labelled("文件性质：", nature)

    # 二、审核依据
    para("二、审核依据", font=HEADING1_FONT, keep_next=True)
    bases = basis_list(kept)
    if REVIEW_MECHANISM not in bases:
        bases.append(REVIEW_MECHANISM)
    for n, basis in enumerate(bases, 1):
        para(f"{n}．{basis}{'；' if n < len(bases) else '。'}")

    # 三、审核意见
    para("三、审核意见", font=HEADING1_FONT, keep_next=True)
    if not kept:
        para(
            "经审核，未发现该文件存在超越法定权限、违法设定行政许可、行政处罚、行政强制、"
            "收费及减损公民、法人和其他组织合法权益或者增加其义务，以及排除、限制竞争等问题。"
        )
    else:
        groups: dict[str, list[tuple[int, Finding]]] = {}
        for n, f in sorted(enumerate(kept), key=lambda nf: _provision_key(nf[1])[1]):
            groups.setdefault(f.provision or "文件整体", []).append((n, f))
        explained: dict[str, str] = {}  # rule → provision where its reasoning was first given
        reading = _reading(doc)
        for g, (provision, items) in enumerate(groups.items()):
            head = _ordinal(g + 1)
            cats = "、".join(dict.fromkeys(CATEGORY_NAMES.get(f.category, f.category) for _, f in items))
            para(f"（{head}）关于{provision}（{cats}）", font=HEADING2_FONT, keep_next=True)
            # Findings of one rule in one provision share their reasoning: one opinion each.
            by_rule: dict[str, list[tuple[int, Finding]]] = {}
            for n, f in items:
                # Each of the reviewer's own findings has its own reasoning; a finding whose
                # wording the reviewer changed shares it only with findings worded alike.
                key = f"{f.rule}#{n}" if f.by_reviewer else f"{f.rule}#{f.explanation}#{f.suggestion}"
                by_rule.setdefault(key, []).append((n, f))
            for k, (rule, group) in enumerate(by_rule.items(), 1):
                f = group[0][1]
                prefix = f"{k}．" if len(by_rule) > 1 else ""
                # The words of a provision, never the heading or the header above the body
                # (a finding about the title or the document number is about the document).
                quotes = "、".join(
                    dict.fromkeys(
                        f"“{quote_context(doc.text, x.start, x.end)}”"
                        for _, x in group
                        if x.end > x.start and x.provision and x.start >= doc.body_start
                    )
                )
                problem = (f.message or CATEGORY_NAMES.get(f.category, "")).rstrip("。")
                unit = "该条" if _ARTICLE_RE.match(provision) else "该项"
                if quotes:
                    problem = problem.replace("规范性文件", "上述规定", 1)
                    para(f"{prefix}{unit}规定{quotes}。{problem}。")
                else:
                    para(f"{prefix}{problem}。")
                # The reviewer's own reasoning stands as written; the tool's is said of this provision.
                specific = (
                    "" if f.by_reviewer or not quotes else specific_reason(doc, reading, [x for _, x in group], unit)
                )
                first = explained.get(rule)
                if first is None:
                    explained[rule] = provision
                    if f.explanation and f.explanation.rstrip("。") != (f.message or "").rstrip("。"):
                        law = _sentence(f.explanation) if f.by_reviewer else legal_basis(f, specific)
                        labelled("理由和依据：", specific + law)
                    elif f.basis or specific:
                        labelled(
                            "理由和依据：" if specific else "依据：", specific + (_sentence(f.basis) if f.basis else "")
                        )
                    if f.suggestion:
                        labelled("修改建议：", _sentence(f.suggestion))
                else:
                    labelled(
                        "理由和依据：",
                        f"{specific}其法律依据同对{first}的意见。" if specific else f"同对{first}的意见。",
                    )
                    if f.suggestion:
                        labelled("修改建议：", f"参照对{first}的修改建议修改。")
                for n, _ in group:
                    note = (notes.get(n) or "").strip()
                    if note:
                        labelled("审核人意见：", _sentence(note))

    # 四、审核结论
    para("四、审核结论", font=HEADING1_FONT, keep_next=True)
    para(_conclusion_text(verdict, quoted, kept, review))
    if judged.category == "void":
        para(f"此外，{judged.reasons[0]}。")

    # Signature: right-aligned, four characters in from the right margin, below two blank lines.
    para(indent=False)
    para(indent=False)
    for text in (f"审核机构：{signature.org or '（盖章）'}", f"审核人：{signature.reviewer}", to_prose(when)):
        p = para(text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = SIZE_3 * 4 if text == to_prose(when) else SIZE_3 * 2
        p.paragraph_format.keep_with_next = True
    if isinstance(out, (str, os.PathLike)):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    document.save(out)
    return verdict


def opinion_docx_bytes(review: Review, **kw) -> bytes:
    buf = io.BytesIO()
    write_opinion_docx(review, buf, **kw)
    return buf.getvalue()


def _conclusion_text(verdict: str, quoted: str, kept: Sequence[Finding], review: Review) -> str:
    if verdict == LAWFUL:
        tail = "对上述意见，建议一并研究完善。" if kept else ""
        return (
            f"经审核，{quoted}的制定主体适格，未超越法定权限，内容不违反法律、法规、规章和国家政策规定，"
            f"审核结论为：合法。{tail}可以按程序提请集体审议。"
        )
    provisions = [p for p in dict.fromkeys(f.provision for f in kept) if p]
    where = "、".join(provisions) if provisions else "有关内容"
    if verdict == UNLAWFUL:
        issuer = any(f.category == "ultra_vires.issuer" for f in kept)
        why = "制定主体不具有制定行政规范性文件的资格" if issuer else f"{where}等主要内容超越法定权限或者与上位法相抵触"
        return (
            f"经审核，{quoted}{why}，审核结论为：不合法。建议不予提请审议、不予印发；"
            "确需对相关事项作出规定的，应当由有权机关依照法定权限和程序重新制定。"
        )
    return (
        f"经审核，{quoted}{where}存在上述问题，审核结论为：修改后合法。"
        "建议起草单位按照本意见修改完善后，按程序提请集体审议；未采纳的，应当在提请审议时作出说明。"
    )


def _reading(doc):
    """The sentence frames of the review's reading stage, or None when they cannot be had."""
    try:
        from ..reading import read_clauses

        return read_clauses(doc)
    except Exception:  # the opinion never fails for want of a frame: the reasons fall back
        return None


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(("。", "！", "？")) else text + "。"


def _short(name: str) -> str:
    """《青川市预付式消费经营活动管理办法》 is cited afterwards as 《办法》."""
    for suffix in (
        "实施细则",
        "暂行办法",
        "暂行规定",
        "管理办法",
        "实施办法",
        "若干措施",
        "若干规定",
        "实施意见",
        "办法",
        "规定",
        "细则",
        "措施",
        "意见",
        "通知",
        "决定",
        "方案",
    ):
        if name.endswith(suffix):
            return suffix.replace("管理", "").replace("实施", "") or suffix
    return name


def _ordinal(n: int) -> str:
    if n <= 10:
        return _CN_ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_ORDINALS[tens - 1]) + "十" + (_CN_ORDINALS[ones - 1] if ones else "")
