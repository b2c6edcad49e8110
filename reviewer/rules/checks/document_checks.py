"""Document-level checks that read metadata rather than words."""

from __future__ import annotations

import re

from ...dates import to_prose
from .python import register


def _issuer_facts():
    """Which bodies may not issue, from rules/vocab/issuers.yaml (legal facts live in data)."""
    from ...vocabulary import VOCAB_DIR
    from ...yamlio import load_path

    data = load_path(VOCAB_DIR / "issuers.yaml")
    return (
        re.compile("|".join(f"(?:{p})" for p in data["internal_bodies"])),
        re.compile("|".join(f"(?:{p})" for p in data["government_offices"])),
    )


_INTERNAL_BODY, _GOV_OFFICE = _issuer_facts()


def _hit(start, end, message=None, severity=None, basis=None):
    return {"start": start, "end": end, "message": message, "severity": severity, "basis": basis}


def local_rule(profile, subject: str) -> str:
    """The jurisdiction's own rule on normative documents, as the profile names it
    (validity_rule: title, number, article); else said plainly to be the jurisdiction's rule."""
    rule = profile.get("validity_rule") or {}
    if not rule.get("title"):
        return f"本地区关于行政规范性文件{subject}的规定"
    title = rule["title"].strip("《》")
    return f"《{title}》" + (f"（{rule['number']}）" if rule.get("number") else "") + (rule.get("article") or "")


def _title_span(doc):
    if doc.title:
        i = doc.text.find(doc.title[:20])
        if i >= 0:
            return i, i + len(doc.title) if doc.text[i : i + len(doc.title)] == doc.title else i + 20
    return 0, min(len(doc.text), 20)


def _effective_clause(doc):
    """The sentence that says when the document takes effect: where a validity clause belongs."""
    from ...structure import EFFECTIVE_RE

    last = None
    for m in EFFECTIVE_RE.finditer(doc.text, doc.body_start):
        last = m
    if last is None:
        return None
    s = max(doc.text.rfind("\n", 0, last.start()), doc.text.rfind("。", 0, last.start())) + 1
    e = doc.text.find("。", last.end())
    e = e + 1 if e >= 0 else last.end()
    while s < last.start() and doc.text[s] in " \u3000\t":
        s += 1
    if doc.text.startswith("第", s):
        from ...structure import ARTICLE_RE

        m = ARTICLE_RE.match(doc.text[s:e])
        if m:
            s += m.end()
    return s, e


@register("doc_number_form")
def doc_number_form(doc, ctx):
    dn = doc.doc_number
    if dn and dn.form_defect:
        return [_hit(dn.start, dn.end, f"发文字号“{dn.text}”格式不规范：{dn.form_defect}，应为“{dn.normalized}”")]
    return []


@register("validity_period")
def validity_period(doc, ctx):
    if doc.kind != "document" or not doc.is_normative:
        return []
    profile = ctx.profile
    out = []
    anchor = doc.text.rfind(doc.validity_text) if doc.validity_text else -1
    span = (anchor, anchor + len(doc.validity_text)) if anchor >= 0 else _effective_clause(doc) or _title_span(doc)
    kind = "暂行或试行文件" if doc.is_provisional else "规范性文件"
    limit = profile.get("provisional_max_years", 2) if doc.is_provisional else profile.get("max_validity_years", 5)
    if doc.validity_text is None:
        if profile.get("require_validity", True):
            out.append(
                _hit(
                    *span,
                    f"{kind}未规定有效期（一般不超过{limit}年）",
                    "error" if doc.is_provisional else None,
                    local_rule(profile, "有效期"),
                )
            )
        return out
    years = doc.validity_years
    if years is None and doc.valid_until and (doc.effective_date or doc.date):
        from datetime import date

        start = date.fromisoformat(doc.effective_date or doc.date)
        years = (date.fromisoformat(doc.valid_until) - start).days / 365.25
    if years is not None and years > limit + 0.01:
        out.append(
            _hit(*span, f"{kind}有效期约{years:.1f}年，超过{limit}年的上限", "error", local_rule(profile, "有效期"))
        )
    if doc.valid_until and ctx.as_of and doc.valid_until < ctx.as_of:
        out.append(
            _hit(
                *span,
                f"文件有效期已于{to_prose(doc.valid_until)}届满，应宣布失效或重新制定",
                None,
                local_rule(profile, "有效期"),
            )
        )
    return out


@register("issuer_competence")
def issuer_competence(doc, ctx):
    # only a normative document needs an issuer with standing: a work notice to member units
    # or a commendation may come from a leading group; a joint document led by an organ with
    # standing has one (the co-signing office adds no power and takes none away)
    if doc.kind != "document" or not doc.is_normative:
        return []
    if any(_GOV_OFFICE.search(n) or not _INTERNAL_BODY.search(n) for n in doc.issuers):
        return []
    # every issuer left is a body without standing
    out = []
    for name in doc.issuers:
        i = doc.text.find(name)
        span = (i, i + len(name)) if i >= 0 else _title_span(doc)
        out.append(
            _hit(
                *span,
                f"以“{name}”名义制发规范性文件：议事协调机构、临时机构和部门内设机构不具有制发规范性文件的主体资格",
            )
        )
    return out


_NOT_PUBLISHED = re.compile(
    r"[（(]?\s*此件不(?:予)?公开\s*[）)]?|不(?:予|得)?对外公开|内部(?:执行|掌握|使用)[，,。；）)]|不得外传|请勿外传"
)


@register("unpublished_document")
def unpublished_document(doc, ctx):
    """A normative document must be published (政府信息公开条例第二十条); one marked 此件不公开
    or 内部执行 cannot bind the public."""
    if doc.kind != "document" or not doc.is_normative:
        return []
    m = _NOT_PUBLISHED.search(doc.text)
    if not m:
        return []
    return [
        _hit(
            m.start(),
            m.end(),
            f"文件标注“{m.group(0).strip('，,。；')}”，规范性文件未向社会公布的，不得作为行政管理的依据",
        )
    ]


@register("effective_too_soon")
def effective_too_soon(doc, ctx):
    """Taking effect less than the profile's minimum number of days after issue with no reason
    given (most provincial regulations copy 规章制定程序条例第三十二条: 30 days)."""
    days = ctx.profile.get("min_days_before_effect")
    if not days or doc.kind != "document" or not doc.is_normative or not (doc.date and doc.effective_date):
        return []
    from datetime import date

    gap = (date.fromisoformat(doc.effective_date) - date.fromisoformat(doc.date)).days
    from ...immediate_effect import stated_reason

    if gap >= days or stated_reason(doc.text[doc.body_start :]):
        return []
    span = _effective_clause(doc) or _title_span(doc)
    when = "自印发之日起施行" if gap <= 0 else f"印发后{gap}日即施行"
    return [_hit(*span, f"文件{when}，不足{days}日，且未说明立即施行的理由", None, local_rule(ctx.profile, "施行日期"))]
