"""The reading stage: one frame per sentence of the body — who is addressed, with what
force, which acts of which statutory kind, on what basis, under which exception, and
whether the words are a provision at all (DESIGN.md §1, §6).

Every pack reads these frames instead of carrying its own regexes for negation,
reference and addressee. The vocabularies are data (rules/vocab/); this module only
knows how to read a clause with them.

Public verb: `read_clauses(doc) -> Reading`.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .model import Act, Clause, Document, Reading
from .vocabulary import VOCABULARY, Vocabulary

_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_CLAUSE_END = "，,：:。；;！!？?\n"
# 第十二条 / 十二、/ （三）/ 3. at the start of a sentence opens a provision
_PROVISION_START = re.compile(
    r"(?:^|(?<=[。；;\n]))\s*(?:第[一二三四五六七八九十百零〇\d]+条|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d))"
)
_NUMBERING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[条章节]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d))\s*"
)
_TITLE_MARKS = re.compile(r"《[^《》\n]{1,80}》")
_KINDS_LISTED = re.compile(r"种类(?:包括|有|为|是)?[:：]")
_CONDITION_LEAD = re.compile(r"\s*[^，,。；;]{2,40}?的[，,]")
_PLACE_SUFFIX = re.compile(r"(?:市区|城区|境内|行政区域内|行政辖区|辖区内|辖区|区域内|区域|域内|内)$")
_NOT_PERSON = ("或者", "前者", "后者", "二者", "两者", "三者", "再者", "记者", "笔者", "或")


def read_clauses(doc: Document, vocabulary: Vocabulary | None = None) -> Reading:
    """Frames for every sentence of the document's body (the whole text of a pasted
    provision or a published case)."""
    v = vocabulary or VOCABULARY()
    text = doc.text
    region = 0 if doc.kind in ("fragment", "case") else doc.body_start
    places = _jurisdiction(doc)
    excluded = _excluded_spans(text, region, v)
    ex_starts = [s for s, _, _ in excluded]
    provisions = [m.start() for m in _PROVISION_START.finditer(text, region)]
    acts = _find_acts(text, region, v, places, loose_places=doc.kind in ("fragment", "case"))
    act_starts = [a.start for a in acts]
    spans = []
    s = region
    for m in _SENTENCE_END.finditer(text, region):
        if m.start() > s and text[s : m.start()].strip():
            spans.append((s, m.start()))
        s = m.end()
    if s < len(text) and text[s:].strip():
        spans.append((s, len(text)))
    starts = [a for a, _ in spans]
    with_acts = sorted({bisect.bisect_right(starts, a.start) - 1 for a in acts} - {-1})
    reading = Reading(
        spans=tuple(spans),
        excluded=tuple(excluded),
        with_acts=tuple(with_acts),
        internal=doc.kind == "document" and not doc.measure_title and _addressed_to_organs(text, v),
        programme=bool(v.programme_title_rx.search((doc.measure_title or "") + (doc.title or ""))),
        high_issuer=bool(doc.issuers) and all(i in v.high_issuers for i in doc.issuers),
        judicial_issuer=any(v.judicial_rx.search(i) for i in doc.issuers or ()),
    )
    object.__setattr__(
        reading, "_build", lambda a, b: _frame(text, a, b, provisions, acts, act_starts, excluded, ex_starts, v)
    )
    object.__setattr__(reading, "_text", text)
    return reading


def doc_text(reading: Reading) -> str:
    return reading.__dict__.get("_text", "")


def names_private_strongly(text: str, start: int, end: int) -> bool:
    return _has_private(_TITLE_MARKS.sub("", text[start:end]), VOCABULARY(), strong=True)


def encouraged(text: str, clause_start_pos: int, start: int) -> bool:
    """Is the phrase at start encouraged (支持…在我省设立分支机构), not required? Encouraging
    people to buy local goods still steers a market, and is not meant here."""
    k = max(clause_start_pos, *(text.rfind(p, clause_start_pos, start) + 1 for p in "，,：:"))
    # the support a firm has received (获得资金支持的企业, 自获得支持起) is a noun, not a verb
    # that encourages: the commitment it carries is still required
    return any(
        not _RECEIVED_BEFORE.search(text[max(k, m.start() - 6) : m.start()]) and not _NOUN_AFTER.match(text, m.end())
        for m in VOCABULARY().encouragement_rx.finditer(text, k, start)
    )


_RECEIVED_BEFORE = re.compile(r"(?:获得|享受|得到|取得|给予|接受)[^，,。；;]{0,4}$")
_NOUN_AFTER = re.compile(r"的|起|后|资金|政策|措施|项目")


@lru_cache(maxsize=1)
def _statutory_licences() -> re.Pattern | None:
    from .datapaths import corpus_file
    from .yamlio import load_path

    path = corpus_file("statutory_licences.yaml")
    if not path.is_file():
        return None
    names = {r["name"] for r in load_path(path) or []}
    # the statutes name 食品生产经营许可; documents write 食品经营许可证 / 食品生产许可证
    names |= {n.replace("生产经营", k) for n in names if "生产经营" in n for k in ("经营", "生产")}
    # the name as a whole (取得施工许可证), not inside another one (装修施工许可证)
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[《“取得领办持有的、，,和及或并]))(?:{alt})") if names else None


_ADDED = re.compile(r"除[^。；]{0,30}外|还应|还须|还需|另需|另行|同时[^。；]{0,6}(?:取得|提供)")


def restates_statutory_licence(text: str, start: int, end: int) -> bool:
    """A condition naming a licence the statutes themselves set (取得排污许可证后方可排放)
    restates the law, unless the clause adds to it (除依法取得…外，还应当…)."""
    rx = _statutory_licences()
    return bool(rx and rx.search(text, start, end) and not _ADDED.search(text, start, end))


def fee_only_named(text: str, start: int, end: int) -> bool:
    """A fee named as a thing (按规定应收取的相关费用, 缴纳的“五险一金”), relieved (减半征收,
    免征) or a kind of government act (行政收费), not imposed."""
    v = VOCABULARY()
    if text[max(0, start - 2) : start] == "行政":
        return True
    return bool(
        v.fee_mention_rx.search(text[start:end]) or v.fee_mention_before_rx.search(text[max(0, start - 12) : start])
    )


_YEARS = re.compile(r"[0-9０-９一二两三四五六七八九十]+(?:~[0-9]+)?年")


def withdraws_programme_grant(words: str) -> bool:
    """Withdrawing what the programme granted (取消认定资格), not barring for years to come
    (取消未来三年的申报资格), which goes beyond running the programme."""
    return VOCABULARY().withdrawal_rx.search(words) is not None and not _YEARS.search(words)


def only_named(text: str, start: int, end: int) -> bool:
    """Is the act at start..end only named (处罚的种类包括…, 发生吊销, 查封、扣押的期限)?"""
    v = VOCABULARY()
    c = start
    while c > 0 and text[c - 1] not in "。；;！？!?\n" and start - c < 80:
        c -= 1
    if v.mention_before_rx.search(text[c:start]) or v.mention_after_rx.match(text, end):
        return True
    if v.mention_after_rx.search(text[max(start, end - 4) : end] + "\0") and text[max(start, end - 4) : end].endswith(
        ("制度", "清单", "程序", "内容")
    ):
        return True
    # a list of the kinds (处罚的种类包括：（一）警告；（二）罚款…) names them all
    head = text[max(0, start - 400) : start]
    stop = max(head.rfind("。"), head.rfind("\n"))
    return _KINDS_LISTED.search(head[stop + 1 :]) is not None


def clause_at(reading: Reading, pos: int) -> Clause | None:
    i = bisect.bisect_right(reading.starts, pos) - 1
    if i >= 0:
        s, e = reading.spans[i]
        if s <= pos < max(e, s + 1):
            return reading.frame(i)
    return None


def excluded_reason(reading: Reading, start: int, end: int) -> str | None:
    """Why the words start..end are no provision (inside a cited title, an annex file name,
    a checklist question), or None."""
    i = bisect.bisect_right(reading.excluded_starts, start) - 1
    while i >= 0:
        s, e, why = reading.excluded[i]
        if s <= start and end <= e:
            return why
        if e < start and i < len(reading.excluded) - 1 and s < start - 400:
            break
        i -= 1
    return None


# --- what the words are -------------------------------------------------------


def _excluded_spans(text: str, region: int, v: Vocabulary) -> list[tuple[int, int, str]]:
    spans = [(m.start(), m.end(), "cited_title") for m in _TITLE_MARKS.finditer(text, region)]
    for why, rx in v.not_provision.items():
        for m in rx.finditer(text, region):
            end = m.end()
            if why == "checklist":
                # a checklist question runs to the end of its sentence (是否违法设立…行政收费等事项)
                nxt = _SENTENCE_END.search(text, end)
                end = nxt.start() if nxt else len(text)
            spans.append((m.start(), end, why))
    spans.sort()
    return spans


def _heading(text: str, s: int, e: int, v: Vocabulary, has_acts: bool = False) -> str | None:
    body = text[s:e].strip()
    if v.not_provision["toc"].search(body):
        return "toc"
    line_end = text.find("\n", s)
    # a short line of its own with no verb of force is a heading (第三章 监督管理, 四、工作要求)
    whole_line = (
        (s == 0 or text[s - 1] == "\n")
        and (line_end < 0 or line_end == e)
        and text[e : e + 1] not in ("。", "；", "！", "？")
    )
    # a provision pasted without its full stop (未婚先孕罚款3000元) names its act; a numbered
    # heading (五、罚款) does not bind however it reads
    if has_acts and not _NUMBERING.match(body):
        return None
    if whole_line and len(_NUMBERING.sub("", body)) <= 14 and not v.force_rx.search(body):
        return "heading"
    return None


def _find_acts(text: str, region: int, v: Vocabulary, places: tuple[str, ...], loose_places: bool) -> list[Act]:
    out = []
    for entry in v.acts:
        if entry.anchors is not None and not any(a in text for a in entry.anchors):
            continue
        for s, e in _matches(entry, text, region):
            if entry.uses_local and not _local_ok(text[s:e], places, loose_places, v):
                continue
            if entry.not_after and s > 0 and text[s - 1] in entry.not_after:
                continue
            if entry.kind in ("cost.named_firm", "cost.named_support", "entry.specific_operator") and not _names_a_firm(
                text[s:e], v
            ):
                continue
            if entry.with_words is not None and not entry.with_words.search(_full_sentence(text, s, e)):
                continue
            if entry.unless_words is not None and entry.unless_words.search(_full_sentence(text, s, e)):
                continue
            out.append(
                Act(
                    kind=entry.kind,
                    category=entry.category,
                    source=entry.source,
                    by=entry.by,
                    start=s,
                    end=e,
                    negated=_negated(text, s, e, v),
                    bare_basis_cures=entry.bare_basis_cures,
                    imposed=entry.by == "party"
                    or entry.category.startswith("fair_competition.")
                    or _imposed(text, s, e, v),
                    needs_self_defined=entry.needs_self_defined,
                )
            )
    out.sort(key=lambda a: (a.start, a.end))
    return out


def _matches(entry, text: str, region: int) -> list[tuple[int, int]]:
    """Spans of an entry's terms, leftmost first and not overlapping, as one alternation
    would give them; only the terms whose literal words occur in the text are run."""
    present = [rx for anchor, rx in entry.term_regexes if anchor is None or anchor in text]
    if len(present) == len(entry.term_regexes):
        return [m.span() for m in entry.regex.finditer(text, region)]
    spans = sorted((m.start(), -m.end()) for rx in present for m in rx.finditer(text, region))
    out, last = [], -1
    for s, neg_e in spans:
        if s >= last:
            out.append((s, -neg_e))
            last = -neg_e
    return out


def _generic(name: str, kind: str) -> bool:
    if not name.endswith(kind):
        return False
    prefix = name[: -len(kind)]
    return not prefix or prefix.endswith(
        ("的", "类", "等", "、", "和", "各", "其", "本", "对", "向", "由", "为", "支持", "鼓励", "引导", "推动", "推进")
    )


def _names_a_firm(matched: str, v: Vocabulary) -> bool:
    """Where the words name a company, it must be a particular one (某保险公司, 学子公司), not
    a kind of firm (上市公司, 符合条件的保险公司)."""
    if "公司" not in matched and "集团" not in matched:
        return True
    for m in v.firm_rx.finditer(matched):
        name = m.group()
        if "某" in name or not any(_generic(name, g) for g in v.not_firms):
            return True
    return False


def _local_ok(matched: str, places: tuple[str, ...], loose: bool, v: Vocabulary) -> bool:
    """A local marker counts when it is generic (本市, 区内) or names the issuer's own
    jurisdiction; any place counts in a provision pasted alone, whose issuer is unknown."""
    if v.generic_local_rx.search(matched):
        return True
    for m in v.place_rx.finditer(matched):
        name = _PLACE_SUFFIX.sub("", m.group())
        if any(name.startswith(bad) or name.endswith(bad) for bad in v.not_places):
            continue
        if loose or any(p and p in name for p in places):
            return True
    return False


def _imposed(text: str, s: int, e: int, v: Vocabulary) -> bool:
    """Is the government act done to someone here, or only named (处罚的种类包括警告,
    发生吊销, 查封、扣押的期限)?"""
    c = s
    while c > 0 and text[c - 1] not in "。；;！？!?\n" and s - c < 80:
        c -= 1
    before = text[c:s]
    if v.mention_before_rx.search(before) or v.mention_after_rx.match(text, e):
        return False
    return v.imposing_rx.search(text, c, e) is not None


def _negated(text: str, s: int, e: int, v: Vocabulary) -> bool:
    """Is the act under a negator earlier in its own comma-clause (不得收取, 不向企业收取)?
    A negator that is part of the act's own words (不予补偿) does not count."""
    c = s
    while c > 0 and text[c - 1] not in _CLAUSE_END and s - c < 24:
        c -= 1
    if v.negator_rx.search(text, c, s) is not None:
        return True
    from .scope import carried_negation

    own = c
    while own > 0 and text[own - 1] not in _CLAUSE_END:
        own -= 1
    sentence = own
    while sentence > 0 and text[sentence - 1] not in "。；;！？!?\n":
        sentence -= 1
    return carried_negation(text, own, sentence)


# --- the frame of one sentence -------------------------------------------------


def _frame(text, s, e, provisions, acts, act_starts, excluded, ex_starts, v: Vocabulary) -> Clause:
    body = text[s:e]
    pi = bisect.bisect_right(provisions, s) - 1
    art_start = provisions[pi] if pi >= 0 else _line_start(text, s)
    art_end = provisions[pi + 1] if pi + 1 < len(provisions) else len(text)
    lo = bisect.bisect_left(act_starts, s)
    hi = bisect.bisect_left(act_starts, e)
    mine = tuple(a for a in acts[lo:hi] if a.end <= e)
    basis, basis_text = _basis(text, s, e, art_start, v)
    return Clause(
        start=s,
        end=e,
        article_start=art_start,
        article_end=art_end,
        addressee=_addressee(body, v),
        private_party=_names_private(text, s, e, v),
        force=_force(body, v),
        acts=mine,
        basis=basis,
        basis_text=basis_text,
        self_defined=bool(v.self_defined_rx.search(_full_sentence(text, s, e))),
        exception=_first(v.exception_rx, text[art_start : min(art_end, art_start + 2000)]),
        not_provision=_heading(text, s, e, v, has_acts=bool(mine)),
        programme=bool(v.programme_rx.search(_full_sentence(text, s, e))),
    )


_ADDRESSEES = re.compile(
    r"(?:通知|意见|函|决定|办法|方案|细则|规定)[》”]?\s*((?:各|省|市|县|区|自治区)[^：:。；\n]{1,160}?)[：:]"
)
_ADDRESSEE_SPLIT = re.compile(r"[，,、；;]")


def _addressed_to_organs(text: str, v: Vocabulary) -> bool:
    """Is the document sent to government organs only (主送：各市人力资源社会保障局，省直有关
    部门：)? Then a sanction naming no private party falls on those organs: internal."""
    m = _ADDRESSEES.search(text, 0, min(len(text), 800))
    if not m:
        return False
    parts = [p for p in _ADDRESSEE_SPLIT.split(re.sub(r"[（(][^）)]*[）)]", "", m.group(1))) if p.strip()]
    return bool(parts) and all(v.government_rx.search(p) and not _has_private(p, v) for p in parts)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


_FULL_STOP = re.compile(r"[。！？!?\n]")
_STOPS: dict = {}


def _full_sentence(text: str, s: int, e: int) -> str:
    # ；-clauses share what opens their 。-sentence (对违反本办法的，…；情节严重的，…)
    key = id(text)
    cached = _STOPS.get(key)
    if cached is None or cached[0] is not text:
        _STOPS.clear()
        cached = (text, [m.start() for m in _FULL_STOP.finditer(text)])
        _STOPS[key] = cached
    stops = cached[1]
    i = bisect.bisect_left(stops, s)
    a = stops[i - 1] + 1 if i > 0 else 0
    j = bisect.bisect_left(stops, e)
    b = stops[j] if j < len(stops) else len(text)
    return text[a:b]


def _basis(text: str, s: int, e: int, art_start: int, v: Vocabulary) -> tuple[str, str | None]:
    """The strongest basis cited for the sentence: a specific superior provision or an
    express referral anywhere in its 。-sentence or in the lead-in of its article
    (违反本办法规定的，依照《…》第×条处罚：（一）…); a bare 依法 only in the sentence itself."""
    sentence = _full_sentence(text, s, e)
    lead = text[art_start:s]
    colon = lead.find("：")
    lead = lead[:colon] if colon >= 0 else _list_lead(text, art_start)
    for level in ("specific", "referral"):
        for scope in (sentence, lead):
            m = v.basis_rx[level].search(scope)
            if m and not _verdict(scope, m.start()):
                return level, m.group()
    m = v.basis_rx["bare"].search(text, s, e)
    if m:
        return "bare", m.group()
    return "none", None


# anchored on the announcing word: a leading [^。]* would rescan every start of a long line
_ANNOUNCED_LIST = re.compile(r"(?:如下|下列|以下)[^。；;\n]{0,30}。(?=\n)")
_ITEM_LINE = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d))")


def list_lead_span(text: str, item_start: int) -> tuple[int, int] | None:
    """The lead-in of the list an item belongs to (第二十八条…按照《条例》…给予以下处理：（一）…):
    what the article says before its colon governs each of its items."""
    while item_start < len(text) and text[item_start] in " \t\n　":
        item_start += 1  # a provision's start may be the line break before its number
    lo = max(0, item_start - 1500)
    k = text.rfind("：", lo, item_start)
    # a lead-in may also end in 。 when it announces the list (企业需要上传如下资料。)
    for m in _ANNOUNCED_LIST.finditer(text, max(lo, k + 1), item_start):
        k = m.end() - 1
    if k < 0 or not _ITEM_LINE.match(text, k + 1 if text[k + 1 : k + 2] != "\n" else k + 2):
        return None
    # everything between the colon and this item is earlier items (a flattened text runs
    # whole articles together: a sentence not opening an item ends the list)
    between = text[k + 1 : item_start]
    # with line breaks, each earlier item is a line, and may say more after its first
    # sentence (（一）…等处理。情节严重的，…处分。)
    cut = r"(?<=\n)" if between.strip("\n").count("\n") or between.endswith("\n") else r"(?<=[。；;\n])"
    if any(seg.strip() and not _ITEM_LINE.match(seg) for seg in re.split(cut, between)[1:]):
        return None
    return text.rfind("\n", 0, k) + 1, k


def _list_lead(text: str, item_start: int) -> str:
    span = list_lead_span(text, item_start)
    return text[span[0] : span[1]] if span else ""


def _verdict(scope: str, pos: int) -> bool:
    # a reviewer's verdict (该规定违反《…》) names the law broken; it does not restate it
    return scope[max(0, pos - 2) : pos].endswith(("违反", "违背", "抵触"))


def _subject(body: str, v: Vocabulary) -> str:
    body = _NUMBERING.sub("", body)
    m = v.force_rx.search(body)
    return body[: m.start()] if m else body[:12]


def _addressee(body: str, v: Vocabulary) -> str:
    """Who the sentence speaks to: a government organ (its own duty), a private party, the
    public at large (an impersonal 一律/严禁/凡…), or unknown. A quoted provision (…规定：“…)
    speaks for itself, not for the organ that issued it."""
    quote = body.rfind("：“")
    if quote >= 0:
        body = body[quote + 2 :]
    subject = _TITLE_MARKS.sub("", _subject(body, v))
    if not subject.strip() or subject.lstrip().startswith("凡") or "任何" in subject:
        return "public"
    # a party described by its conduct (符合…条件的，…; 未按规定…的，…) is who the rule binds
    lead = _CONDITION_LEAD.match(subject)
    if lead and not v.government_rx.search(lead.group()):
        return "private"
    private = _has_private(subject, v)
    if v.government_rx.search(subject) and not private:
        return "government"
    if private:
        return "private"
    return "unknown"


def _names_private(text: str, s: int, e: int, v: Vocabulary) -> bool:
    return _has_private(_TITLE_MARKS.sub("", text[s:e]), v)


def _has_private(words: str, v: Vocabulary, strong: bool = False) -> bool:
    for m in v.private_rx.finditer(words):
        if strong and m.group() in v.weak_private:
            continue
        if m.group() == "人员" and any(words[max(0, m.end() - len(w)) : m.end()] == w for w in v.staff):
            continue
        if m.group() == "者":
            before = words[max(0, m.start() - 1) : m.end()]
            if m.start() == 0 or any(
                before.endswith(n) or words[max(0, m.start() - 2) : m.end()] == n for n in _NOT_PERSON
            ):
                continue
        return True
    return False


def _force(body: str, v: Vocabulary) -> str:
    for mood in ("prohibition", "condition", "command", "permission"):
        if v.mood_rx[mood].search(body):
            return mood
    return "none"


def _first(rx: re.Pattern, words: str) -> str | None:
    m = rx.search(words)
    return m.group() if m else None


@lru_cache(maxsize=256)
def _jurisdiction_names(issuer: str, title: str) -> tuple[str, ...]:
    names = []
    for words in (issuer, title):
        for m in re.finditer(r"([\u4e00-\u9fa5]{2,6}?)(?:省|市|县|区|自治州|自治县|旗)", words or ""):
            stem = m.group(1)
            if len(stem) >= 2:
                names.append(stem)
    return tuple(dict.fromkeys(names))


def _jurisdiction(doc: Document) -> tuple[str, ...]:
    return _jurisdiction_names(doc.issuer or "", (doc.title or "") + (doc.measure_title or ""))
