"""Score document metadata (title, number, issuer, date) against what real sites state.

Input: a `meta.jsonl` as in ../shared/real/corpus (one JSON object per document, with
`file`, `source_name`, `title`, `doc_number`, `issuer`, `date`, `site_fields`), or the
folder holding it. Each text is read as `reviewer check` reads it (reviewer.ingest) and
parsed. Every target is a value the publishing site states; nothing is hand-labelled.

- title: scored only where the text prints the site's title: the title, with whitespace
  and punctuation removed, occurs in the text likewise stripped, and not only inside 《》
  (a provincial notice citing the national notice of the same name) or as an attached
  file's name (….doc). A 4-gram overlap of 0.9 is not enough: on this corpus the texts
  that reach it without containing the title are bodies that open with the number or the
  addressee and print no headline, so no reading could give the site's title. Compared
  after normalising whitespace, brackets, quotes and dashes to one width. Counted right
  when the site's title is the tool's headline, or what a reviewer would call the same:
  the attached measure's title (sites list a cover notice under its measure), the
  headline without the organs printed before 关于/印发/转发 (sites drop them), the measure
  without a trailing period or trial mark (（2016-2020年）, （试行）), or an order's number
  followed by the measure it publishes (科学技术部令第5号 某某办法).
- doc_number: where the site gives one, compared in normal form (〔〕, no whitespace); an
  order listed as 国令第707号 is the printed 中华人民共和国国务院令第707号.
- issuer: where the site gives one (organs joined by 、); right when the tool names the
  same organs, in any order and however joined; a site's 某部某部等十部门 is matched by
  the organs it lists.
- date: the document's own date. gov.cn pages give it as 成文日期 (their 发布日期 is
  the posting date, often 2018-12 for old documents); Shanghai's 发布日期 is taken as the
  document's date. Hebei's only date is the site's list/posting date, which for
  re-posted documents is years after the document was signed: it is reported for
  reference (how often the date read falls on or shortly before it) and never scored.
- issuer_from_title: Hebei gives no issuer field, but a site title in the form
  某某厅关于…的通知 names its issuing organs; that derived issuer is scored on its own line.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date as _date
from pathlib import Path

from .errors import IngestError, ReviewerError

SOURCES = ("hebei", "govcn2019", "shanghai")
FIELDS = ("title", "doc_number", "issuer", "date", "issuer_from_title")
FIELD_NAMES = {
    "title": "标题",
    "doc_number": "文号",
    "issuer": "发文机关",
    "date": "成文日期",
    "issuer_from_title": "发文机关（据网站标题）",
}
SOURCE_NAMES = {"hebei": "河北", "govcn2019": "中国政府网", "shanghai": "上海"}

_BRACKETS = str.maketrans(
    {
        "(": "（",
        ")": "）",
        "[": "〔",
        "]": "〕",
        "［": "〔",
        "］": "〕",
        "【": "〔",
        "】": "〕",
        "﹝": "〔",
        "﹞": "〕",
        "〖": "〔",
        "〗": "〕",
        '"': "”",
        "“": "”",
        "'": "’",
        "‘": "’",
        "<": "〈",
        ">": "〉",
        ",": "，",
        ":": "：",
        ";": "；",
        "－": "-",
        "–": "-",
        "—": "-",
        "~": "～",
    }
)
_PRIVATE_RE = re.compile("[\ue000-\uf8ff]")  # private-use characters some sites leave in titles
_SPACE_RE = re.compile(r"[\s\u3000\u00a0]+")
_STRIP_RE = re.compile(r"[\s\u3000\u00a0\W_]+")
_ORGAN_SPLIT_RE = re.compile(r"[、，,；;\s\u3000]+")
# The organs named before 关于 in a headline (某某厅某某局关于…): only when they end like an organ.
_TITLE_ISSUER_RE = re.compile(
    r"^(?P<who>[\u4e00-\u9fa5\s\u3000、]{2,80}?(?:部|厅|局|委|委员会|办公厅|办公室|政府|院|署|办|会|行|中心|部门|小组|海关)等?)(?=关于|印发|转发)"
)


def norm_text(s: str | None) -> str:
    """Whitespace removed, brackets and quotes in one width."""
    return _PRIVATE_RE.sub("", _SPACE_RE.sub("", (s or "").translate(_BRACKETS)))


def _stripped(s: str) -> str:
    return _STRIP_RE.sub("", s)


def title_printed(title: str, text: str) -> bool:
    """Does the text print the title as its own heading? The title, stripped of whitespace
    and punctuation, occurs in the text likewise stripped, and not only inside 《》: a
    provincial notice titled like the national one it implements (为落实《关于…的通知》…)
    cites that title without printing its own."""
    t = _stripped(norm_text(title))
    if not t:
        return False
    kept = re.sub(r"[^\w《〈]|_", "", text)
    rx = re.compile("[《〈]*".join(map(re.escape, t)))
    # an attached file's name (….doc) is not the document's heading either
    return any(
        (m.start() == 0 or kept[m.start() - 1] not in "《〈")
        and not re.match(r"(?:doc|docx|pdf|rar|zip|xls|xlsx|wps)", kept[m.end() : m.end() + 4], re.I)
        for m in rx.finditer(kept)
    )


def norm_number(s: str | None) -> str:
    return norm_text(s).replace("（", "〔").replace("）", "〕")


_ORDER_RE = re.compile(r"^(?P<org>.*?)令(?:〔\d{4}〕)?第(?P<n>\d+)号$")


def number_matches(want: str | None, got: str | None) -> bool:
    """Same number in normal form. An order's number is printed 中华人民共和国国务院令第707号
    and listed by gov.cn as 国令第707号: the same order when the serial agrees and the
    site's issuer letters are an abbreviation (a subsequence) of the printed issuer."""
    w, g = norm_number(want), norm_number(got)
    if w == g:
        return True
    mw, mg = _ORDER_RE.match(w), _ORDER_RE.match(g)
    if not (mw and mg) or mw.group("n") != mg.group("n"):
        return False
    it = iter(mg.group("org").removeprefix("中华人民共和国"))
    return all(ch in it for ch in mw.group("org").removeprefix("中华人民共和国"))


def title_matches(want: str, doc) -> bool:
    """The site's title is the tool's headline, or what a reviewer would call the same:
    the attached measure's title (sites list a cover notice under the measure), the
    headline without the organs printed in front of 关于/印发 (sites drop them), or an
    order's number followed by the measure it publishes (科学技术部令第5号 某某办法)."""
    w = norm_text(want)
    got = [norm_text(t) for t in (doc.title, doc.measure_title) if t]
    if w in got:
        return True
    # a site lists a measure without its period or trial mark: 某某行动计划 for 某某行动计划（2016-2020年）
    if _bare(w) in {_bare(t) for t in got}:
        return True
    for t in got:
        m = _TITLE_ISSUER_RE.match(t)
        if m and t[len(norm_text(m.group("who"))) :] == w:
            return True
    if doc.doc_number and doc.title:
        for number in (doc.doc_number.text, doc.doc_number.normalized):
            if _stripped(w) == _stripped(norm_text(number) + doc.title):
                return True
    return False


def _bare(t: str) -> str:
    return re.sub(r"(?:（[^（）]*(?:\d{4}年|试行|暂行)[^（）]*）)+$", "", t)


def organs(s) -> tuple[str, ...]:
    if not s:
        return ()
    parts = s if isinstance(s, (list, tuple)) else [s]
    out = []
    for p in parts:
        out += [norm_text(x) for x in _ORGAN_SPLIT_RE.split(p) if x.strip()]
    return tuple(out)


def same_organs(want, got) -> bool:
    """Same organs named: equal as sets, or the same names run together in one string
    (the tool could not split them), in any order."""
    w, g = organs(want), organs(got)
    if not g:
        return False
    if set(w) == set(g):
        return True
    # 某部某部等十部门: the site names the first organs and counts the rest
    if w and (m := re.search(r"等[\u4e00-\u9fa5\d]{1,6}(?:部门|单位|机关)$", w[-1])):
        listed = list(w[:-1]) + [w[-1][: m.start()]]
        return "".join(g).startswith("".join(listed)) or set(listed) <= set(g)
    joined = "".join(w)
    return len(joined) == len("".join(g)) and any("".join(p) == joined for p in _orders(g))


def _orders(items):
    from itertools import permutations

    return permutations(items) if len(items) <= 5 else [items]


def issuer_in_title(title: str | None) -> str | None:
    m = _TITLE_ISSUER_RE.match(title or "")
    return norm_text(m.group("who")) if m else None


def _target_date(row: dict) -> str | None:
    """The document's own date where the site states it: 成文日期 when the page carries one
    (gov.cn), never a mere posting date (Hebei's list date), else the site's date."""
    fields = row.get("site_fields") or {}
    if fields.get("成文日期_iso"):
        return fields["成文日期_iso"]
    if row.get("source_name") in POSTING_DATE_ONLY:
        return None
    return row.get("date")


# Sources whose only date is when a page was listed, not when the document was signed.
POSTING_DATE_ONLY = {"hebei"}


def load_rows(path: str | Path) -> tuple[Path, list[dict]]:
    p = Path(path)
    meta = p / "meta.jsonl" if p.is_dir() else p
    if not meta.is_file():
        raise ReviewerError(f"找不到元数据文件：{meta}")
    rows = []
    for n, line in enumerate(meta.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ReviewerError(f"{meta} 第 {n} 行不是有效的 JSON：{exc.msg}") from None
    return meta.parent, rows


def is_meta_path(path: str | Path) -> bool:
    p = Path(path)
    return (p.is_file() and p.name.endswith(".jsonl")) or (p.is_dir() and (p / "meta.jsonl").is_file())


def evaluate_meta(path: str | Path, sources: tuple[str, ...] | None = None) -> dict:
    """Read every document of a meta.jsonl and compare its metadata with the site's."""
    from .ingest import read_file
    from .structure import parse_document

    root, rows = load_rows(path)
    stats = {f: defaultdict(lambda: [0, 0]) for f in FIELDS}
    hebei_dates = {"n": 0, "found": 0, "same": 0, "within_45": 0, "before": 0}
    untitled = defaultdict(lambda: [0, 0])  # texts that print no site title: [texts, of which the tool named a title]
    misses, unreadable = [], []
    for row in rows:
        src = row.get("source_name") or "?"
        if sources and src not in sources:
            continue
        fpath = root / row["file"]
        try:
            extracted = read_file(fpath)
        except IngestError as exc:
            unreadable.append((row["file"], exc.reason))
            continue
        doc = parse_document(extracted)
        text = extracted.text
        got_number = doc.doc_number.text if doc.doc_number else None

        def score(field, ok, want, got):
            stats[field][src][1] += 1
            if ok:
                stats[field][src][0] += 1
            else:
                misses.append({"file": row["file"], "source": src, "field": field, "want": want, "got": got})

        if row.get("title"):
            if title_printed(row["title"], text):
                score("title", title_matches(row["title"], doc), row["title"], doc.title)
            else:
                untitled[src][0] += 1
                untitled[src][1] += bool(doc.title)
        if row.get("doc_number"):
            score("doc_number", number_matches(row["doc_number"], got_number), row["doc_number"], got_number)
        if row.get("issuer"):
            score("issuer", same_organs(row["issuer"], doc.issuers), row["issuer"], doc.issuer)
        elif who := issuer_in_title(row.get("title")):
            score("issuer_from_title", same_organs(who, doc.issuers), who, doc.issuer)
        if want := _target_date(row):
            score("date", doc.date == want, want, doc.date)
        elif src in POSTING_DATE_ONLY and row.get("date"):
            hebei_dates["n"] += 1
            if doc.date:
                hebei_dates["found"] += 1
                gap = (_date.fromisoformat(row["date"]) - _date.fromisoformat(doc.date)).days
                hebei_dates["same"] += gap == 0
                hebei_dates["within_45"] += 0 <= gap <= 45
                hebei_dates["before"] += gap >= 0
    fields = {}
    for f in FIELDS:
        per = {
            s: {"correct": c, "total": t, "accuracy": c / t if t else None} for s, (c, t) in sorted(stats[f].items())
        }
        c = sum(v["correct"] for v in per.values())
        t = sum(v["total"] for v in per.values())
        fields[f] = {"correct": c, "total": t, "accuracy": c / t if t else None, "sources": per}
    return {
        "documents": len(rows) if not sources else sum(1 for r in rows if r.get("source_name") in sources),
        "fields": fields,
        "hebei_posting_date": hebei_dates,
        "untitled": {s: {"texts": a, "titled_by_tool": b} for s, (a, b) in untitled.items()},
        "unreadable": unreadable,
        "misses": misses,
    }


def _acc(c, t):
    return f"{c}/{t} = {c / t:.3f}" if t else "—"


def format_meta_report(report: dict, verbose: bool = False) -> str:
    lines = [f"文件要素识别（对照网站所载元数据）：{report['documents']} 件文件", ""]
    for f in FIELDS:
        v = report["fields"][f]
        if not v["total"]:
            continue
        per = "；".join(f"{SOURCE_NAMES.get(s, s)} {_acc(x['correct'], x['total'])}" for s, x in v["sources"].items())
        lines.append(f"  {FIELD_NAMES[f]:<12}{_acc(v['correct'], v['total']):<20}（{per}）")
    lines.append("")
    lines.append(
        "  标题只在正文印有网站标题时计分；成文日期：网页载有“成文日期”的（中国政府网）以成文日期为准，"
        "其余以网站所载日期为准（上海为发布日期），只载列表发布日期的来源不计分。"
    )
    h = report["hebei_posting_date"]
    if h["n"]:
        lines.append(
            f"  河北网站只载列表发布日期（转载的旧文件晚于成文日期多年），不作为评分目标，仅供参考："
            f"{h['n']} 件中识别出日期 {h['found']} 件，与发布日期同日 {h['same']} 件，"
            f"发布日期在其后 45 日内 {h['within_45']} 件，发布日期不早于识别日期 {h['before']} 件。"
        )
    for s, u in sorted(report["untitled"].items()):
        if u["texts"]:
            lines.append(
                f"  {SOURCE_NAMES.get(s, s)}：正文未印网站标题的 {u['texts']} 件中，工具给出标题 {u['titled_by_tool']} 件（未计分）。"
            )
    if report["unreadable"]:
        lines.append(
            f"  无法读取 {len(report['unreadable'])} 件："
            + "；".join(f"{a}（{b}）" for a, b in report["unreadable"][:5])
        )
    if verbose:
        lines.append("")
        lines.append("未识别正确的要素：")
        for m in sorted(report["misses"], key=lambda m: (m["field"], m["file"])):
            lines.append(f"  {FIELD_NAMES[m['field']]} | {m['file']} | 应为 {m['want']!r} | 识别为 {m['got']!r}")
    return "\n".join(lines)
