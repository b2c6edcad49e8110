"""Official texts only (issue 13): everything a reviewer signs or sends — the review opinion,
the Word comments of the annotated copy, the Markdown and console reports, the annual
report's typical cases, the cleanup reasons — holds no internal reference, placeholder, path,
command or English word, for the texts of every rule.

What is allowed (docs/official-texts.md):
- in the opinion, the Word comments, the Markdown report and the annual report: no Latin
  letter at all, except a national standard's own number as published (GB/T 9704—2012);
- in the console report (`check` text), also the rule numbers (UV003), which a reviewer
  types to keep or dismiss a finding (`opinion --keep UV003`), and the file name given;
- nowhere: § references, backticks, braces, TODO/FIXME, file paths, command lines, the
  English names of severities or cleanup categories.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import date

import docx
import pytest

from reviewer.cleanup import CATEGORY_NAMES
from reviewer.model import Finding
from reviewer.outputs.annotated_docx import annotated_docx_bytes
from reviewer.outputs.markdown import render_markdown
from reviewer.outputs.opinion_docx import opinion_docx_bytes
from reviewer.outputs.text import render_text
from reviewer.reports.annual import AnnualReport, _blocks
from reviewer.reports.annual_figures import Case
from reviewer.reports.annual_render import to_markdown
from reviewer.review import review_text
from reviewer.rules import load_rules

AS_OF = "2026-11-23"
STANDARD = re.compile(r"GB/T\s?\d+(?:\.\d+)*[—-]\d{4}")
RULE_ID = re.compile(r"\b[A-Z]{2}\d{3}\b")
NEVER = re.compile(
    r"§|`|[{}]|TODO|FIXME|rules/|profiles/|\.ya?ml\b|\.py\b|--[a-z]|reviewer\s|DOMAIN|DESIGN"
    r"|\b(?:error|warning|info|remain|modify|abolish|void|national)\b"
)
LATIN = re.compile(r"[A-Za-z]+")


def leaks(text: str, *, allow_rule_ids: bool = False, allow: tuple[str, ...] = ()) -> list[str]:
    """The leaks in `text`, each with a little context. `allow`: Latin words of the document
    under review itself (quoted, not written by us)."""
    found = [text[max(0, m.start() - 20) : m.end() + 20] for m in NEVER.finditer(text) if m.group(0) not in allow]
    cleaned = STANDARD.sub("", text)
    if allow_rule_ids:
        cleaned = RULE_ID.sub("", cleaned)
    found += [
        cleaned[max(0, m.start() - 20) : m.end() + 20] for m in LATIN.finditer(cleaned) if m.group(0) not in allow
    ]
    return found


def test_the_leak_finder_finds_leaks():
    assert leaks("依据：DOMAIN §5、§7")
    assert leaks("见 rules/profiles/")
    assert leaks("可通过 `reviewer laws import` 导入")
    assert leaks("清理建议：abolish")
    assert leaks("（UV003，error）")
    assert leaks("地区配置 national")
    assert leaks("本办法自{date}起施行")
    assert not leaks("依照《党政机关公文格式》（GB/T 9704—2012）第7.2.4条")
    assert not leaks("[问题] UV003 违法设定行政许可", allow_rule_ids=True)


def _examples():
    """Every rule's bad examples, reviewed: the findings as the rules really word them."""
    out = []
    for rule in load_rules():
        for ex in rule.bad:
            out.append((rule, ex.text))
    return out


@pytest.fixture(scope="module")
def reviews():
    rules = load_rules()
    profile_on = {"min_days_before_effect": 30}  # PR004 runs only where the jurisdiction sets it
    from reviewer.review import load_profile

    profile = {**load_profile(None), **profile_on}
    done = []
    for rule in rules:
        for ex in rule.bad[:2]:
            done.append((rule, review_text(ex.text, name="送审稿", as_of=AS_OF, profile=profile)))
    return done


def _synthetic(rule) -> Finding:
    """A finding carrying the rule's own texts, as a reviewer would paste them."""
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        text="有关规定",
        start=0,
        end=4,
        provision="第一条",
        basis=rule.basis_text,
        explanation=rule.explanation,
        suggestion=rule.suggestion,
        message=rule.message,
    )


def test_every_rule_text_is_official():
    bad = {}
    for rule in load_rules():
        for field in ("title", "message", "explanation", "suggestion", "basis_text"):
            found = leaks(getattr(rule, field))
            if found:
                bad[f"{rule.id}.{field}"] = found
    assert not bad, bad


def test_every_rule_has_findings_to_render(reviews):
    found = {f.rule for _, r in reviews for f in r.findings}
    missing = {rule.id for rule in load_rules()} - found
    # each rule's own texts are rendered anyway (a synthetic finding beside the real ones);
    # the real findings add the messages the checks word for each case
    assert len(missing) <= 3, f"rules whose bad examples find nothing here: {sorted(missing)}"


def _opinion_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    for section in d.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def _comments_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if "word/comments.xml" not in z.namelist():
            return ""
        xml = z.read("word/comments.xml").decode("utf-8")
    return "\n".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_opinions_comments_and_reports_of_every_rule_are_official(reviews):
    bad = []
    for rule, review in reviews:
        # the rule's own texts beside what its check found: one rendering covers both
        r = replace(review, findings=review.findings + (_synthetic(rule),))
        if True:
            # the document's own words (quoted in the opinion) may hold Latin letters: KTV, APP
            own = tuple(set(LATIN.findall(r.document.text)))
            for where, text, ids in (
                ("opinion", _opinion_text(opinion_docx_bytes(r)), False),
                ("comments", _comments_text(annotated_docx_bytes(r)), False),
                ("markdown", render_markdown(r), False),
                ("text", render_text(r), True),
            ):
                # the document's own words may hold Latin letters; what we write may not
                found = leaks(text, allow_rule_ids=ids, allow=own)
                if found:
                    bad.append((rule.id, where, found[:3]))
            for reason in r.verdict.reasons:
                if leaks(reason):
                    bad.append((rule.id, "cleanup reason", leaks(reason)))
    assert not bad, bad[:20]


def test_the_reports_typical_cases_of_every_rule_are_official(tmp_path):
    from reviewer.register import open_register
    from reviewer.reports.annual_figures import compute

    register = open_register(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    try:
        with register.transaction() as s:
            fig = compute(s, 2026, organ="青川市司法局", made_on=date(2026, 12, 1))
    finally:
        register.close()
    fig.cases = [
        Case(
            title="青川市某管理办法",
            issuer="青川市某局",
            doc_number="青某发〔2026〕1号",
            filing_id=i,
            provision="第三条",
            quote="有关规定",
            words="有关规定",
            category=rule.category,
            category_name=CATEGORY_NAMES[rule.category],
            basis=rule.basis_text,
            explanation=rule.explanation or rule.message,
            outcome="制定机关自行纠正（2026年5月10日）",
        )
        for i, rule in enumerate(load_rules(), 1)
    ]
    title = "青川市司法局2026年度行政规范性文件备案审查工作报告"
    report = AnnualReport(fig, title, _blocks(fig, title, {}), {})
    text = re.sub(r"<[^>]+>", "", to_markdown(report))  # the Markdown's own markup is not text
    assert "六、典型案例" in text and text.count("审查意见") >= len(fig.cases)
    assert not leaks(text), leaks(text)[:10]
