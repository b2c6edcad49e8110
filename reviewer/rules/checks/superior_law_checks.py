"""Checks on what a document cites: repealed or not-yet-effective law, titles that
resolve to nothing, articles beyond a law's length, and articles whose numbering a
later revision changed. They read the citations already resolved against the registry."""

from __future__ import annotations

import difflib
import re

from ...citations import articles_of
from ...dates import to_prose
from ...laws import is_not_state_law, load_catalogue, load_registry, nearest_titles, normalize_title
from .python import register

# A title that should be national law or a State Council regulation: no place name in front.
_LOCAL = re.compile(
    r"^(?!城市|城镇|城乡|县级|市级)[\u4e00-\u9fa5]{2,8}?(?:省|市|县|区|州|旗|盟|镇|乡|自治区|特别行政区)"
)
_NATIONAL_LIKE = re.compile(r"^(?:中华人民共和国)?[\u4e00-\u9fa5（）()]{2,30}(?:(?<![办方做用说算手])法|法典|条例)$")
# A title opening with the name of a lake, river, mountain or island is a local one (白洋淀…);
# the national ones (长江保护法, 太湖流域管理条例) are in the catalogue and resolve before this.
_LOCAL_WATERS = re.compile(r"^[\u4e00-\u9fa5]{1,4}?(?:湖|淀|江|河|山|岛)(?:流域)?(?![道段砂长])")
_SCOPE_ONLY_LAW = re.compile(r"实施细则$")
_PRC_FORM = re.compile(r"^中华人民共和国[\u4e00-\u9fa5（）()、]{2,40}(?:法|法典|条例|规定|办法|细则|决定)$")
_STATE_COUNCIL = re.compile(r"^国务院(?:办公厅)?关于")


def _similar(title: str, entry) -> float:
    key = normalize_title(title)
    return max(
        difflib.SequenceMatcher(None, key, normalize_title(n)).ratio() for n in (entry.title, *entry.aliases) if n
    )


def _hit(c, message, severity=None):
    return {"start": c.start, "end": c.end, "message": message, "severity": severity}


def _entries(doc):
    reg = load_registry()
    for c in doc.citations:
        entry = reg.entries.get(c.resolved) if c.resolved else None
        yield c, entry, reg


@register("cites_repealed_law")
def cites_repealed_law(doc, ctx):
    out = []
    for c, entry, reg in _entries(doc):
        if entry is None or not (entry.repealed or entry.status == "repealed"):
            continue
        if entry.repealed and entry.repealed > (ctx.as_of or "9999"):
            continue
        succ = reg.entries.get(entry.successor) if entry.successor else None
        then = f"，已由《{succ.title}》替代" if succ else ""
        if entry.repealed:
            before = doc.date is not None and entry.repealed <= doc.date
            when = "（文件制定时即已失效）" if before else "（文件制定后失效）"
            said = f"已于{to_prose(entry.repealed)}废止"
        else:
            before, when, said = False, "", "已废止"
        out.append(
            _hit(
                c,
                f"引用的《{entry.title}》{said}{then}{when}，应改为引用现行有效的规定。",
                "error" if before else "warning",
            )
        )
    return out


_REVISION_NOTE = re.compile(r"[（(](\d{4})年(?:修订|修正|修改)?[）)]")


def _cited_version_start(doc, c, entry):
    """A citation may name its revision (《…法》（2023年修订））: then that text must be in force."""
    m = _REVISION_NOTE.match(doc.text, c.end) or _REVISION_NOTE.search(c.text)
    if m:
        for v in entry.versions:
            if (v.adopted or v.effective or "").startswith(m.group(1)):
                return v.effective or v.adopted
    return entry.first_effective


@register("cites_not_yet_effective_law")
def cites_not_yet_effective_law(doc, ctx):
    out = []
    for c, entry, _ in _entries(doc):
        start = _cited_version_start(doc, c, entry) if entry else None
        if entry is None or not start or not doc.date or start <= doc.date:
            continue
        state = "至今尚未施行" if ctx.as_of and start > ctx.as_of else f"于{to_prose(start)}起施行"
        out.append(
            _hit(
                c,
                f"文件制定时（{to_prose(doc.date)}）引用的《{entry.title}》尚未施行（{state}），"
                f"作为依据应注明其施行日期或调整文件施行日期。",
            )
        )
    return out


def national_form(title: str) -> str | None:
    """'law' when the title is printed as a national law or regulation (中华人民共和国…, or
    《…法》/《…条例》 without a place name in front), 'state_council' for 国务院（办公厅）关于…,
    None otherwise (local titles, rules, documents of other bodies)."""
    bare = re.sub(r"^中华人民共和国", "", title)
    if _STATE_COUNCIL.match(title):
        return "state_council"
    if _LOCAL.match(bare) or _LOCAL_WATERS.match(bare) or is_not_state_law(title):
        return None
    if _PRC_FORM.match(title) or (_NATIONAL_LIKE.match(title) and not _SCOPE_ONLY_LAW.search(title)):
        return "law"
    return None


@register("cites_unknown_law")
def cites_unknown_law(doc, ctx):
    """A national-style title that neither the registry nor the national catalogue knows.
    The catalogue holds every national law and administrative regulation by name, so a real
    law the registry lacks stays unverified; local titles stay unverified too. For State
    Council documents there is no complete catalogue: only a title close to a known one
    (a likely misprint) is reported."""
    reg = load_registry()
    if not len(reg):
        return []
    catalogue = load_catalogue()
    out, seen = [], set()
    for c in doc.citations:
        if c.resolved or not c.title or c.title in seen:
            continue
        title = c.title
        form = national_form(title)
        if form is None or title in catalogue:
            continue
        seen.add(title)
        near = nearest_titles(title, reg, catalogue, n=1, cutoff=0.85 if form == "state_council" else 0.5)
        if form == "state_council" and not near:
            continue
        hint = f"，与之最相近的是《{near[0][0]}》" if near else ""
        out.append(
            _hit(
                c,
                f"引用的《{title}》在法规库和国家法律法规目录中均查无此名{hint}。"
                f"请核实名称是否准确，是否为已废止、已更名或者并不存在的法律法规。",
            )
        )
    return out


@register("article_beyond_length")
def article_beyond_length(doc, ctx):
    out = []
    for c, entry, _ in _entries(doc):
        if entry is None or not c.article:
            continue
        version = entry.version_at(doc.date)
        if version is None or not version.articles:
            continue
        beyond = [n for n in articles_of(c.article) if n > version.articles]
        if beyond:
            out.append(
                _hit(
                    c,
                    f"《{entry.title}》（{_version_label(version)}文本）共{version.articles}条，"
                    f"文件引用的第{beyond[0]}条不存在，请核实条文序号。",
                )
            )
    return out


@register("article_renumbered")
def article_renumbered(doc, ctx):
    out = []
    for c, entry, _ in _entries(doc):
        if entry is None or not c.article or not doc.date or not ctx.as_of:
            continue
        changed = [v for v in entry.amended_between(doc.date, ctx.as_of) if v.renumbered]
        if changed:
            v = changed[-1]
            out.append(
                _hit(
                    c,
                    f"《{entry.title}》已于{to_prose(v.effective or v.adopted)}修订施行并调整条文序号，"
                    f"文件引用的{c.article}在现行文本中可能已指向其他内容，请对照现行文本更新引用。",
                )
            )
    return out


def _version_label(v) -> str:
    return f"{(v.adopted or v.effective or '')[:4]}年"


@register("fine_exceeds_cited_article")
def fine_exceeds_cited_article(doc, ctx):
    """A provision cites a statute's article and sets a fine beyond that article's range."""
    from ...fines import bigrams, find_fines, fines_of_article
    from ...scope import Span, full_sentence

    out = []
    for c, entry, _ in _entries(doc):
        if entry is None or not c.article:
            continue
        statutory = [s for n in articles_of(c.article) for s in fines_of_article(entry.id, n)]
        if not statutory:
            continue
        sentence = full_sentence(doc.text, Span(c.start, c.end))
        for fine, s, e in find_fines(doc.text, sentence.start, sentence.end):
            same_kind = [st for st in statutory if st.fine.kind == fine.kind]
            # an article may fine several kinds of conduct: compare with the one this
            # provision describes when the cue pairs single it out
            grams = bigrams(doc.text[sentence.start : sentence.end])
            scored = sorted(same_kind, key=lambda st: -len(st.cues & grams))
            if (
                len(scored) > 1
                and len(scored[0].cues & grams) >= 2
                and len(scored[0].cues & grams) > len(scored[1].cues & grams)
            ):
                same_kind = scored[:1]
            if same_kind and all(fine.exceeds(st.fine) for st in same_kind):
                top = max(st.fine.hi for st in same_kind)
                limit = (
                    f"{top:g}元"
                    if fine.kind == "yuan"
                    else (f"{top:g}倍" if fine.kind == "times" else f"百分之{top:g}")
                )
                out.append(
                    {
                        "start": s,
                        "end": e,
                        "severity": None,
                        "message": f"所设罚款超出《{entry.title}》{c.article}规定的幅度（上限为{limit}），与上位法相抵触。",
                    }
                )
    return out
