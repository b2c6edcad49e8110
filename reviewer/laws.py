"""The superior-law registry: lookup by title, short title or alias; the version in
force on a date; status relative to a document's date and to the review date.

Data: the YAML files in corpus/laws/ (written by the project as facts, shipped as package
data), plus a jurisdiction's local regulations and rules added with `reviewer laws import`
(in the user's data directory, datapaths.user_laws_dir()), plus any jurisdiction files in
the folders named by REVIEWER_LAWS (os.pathsep-separated).
"""

from __future__ import annotations

import csv
import difflib
import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from . import yamlio
from .datapaths import laws_dir, user_laws_dir
from .errors import ReviewerError

LEVELS = ("宪法", "法律", "行政法规", "部门规章", "司法解释", "国务院文件", "地方性法规", "地方政府规章", "规范性文件")
_PREFIX = re.compile(r"^(?:中华人民共和国|中國|中华人民共和国国务院)")
_BRACKETS = re.compile(r"[《》〈〉\s　]")
_VERSION_NOTE = re.compile(r"[（(](?:\d{4}年?(?:修订|修正)?|试行|暂行|修订|修正|草案)[）)]$")


def normalize_title(title: str) -> str:
    """《中华人民共和国行政处罚法》 -> 行政处罚法 (the key titles are indexed under)."""
    t = _BRACKETS.sub("", title or "")
    t = _VERSION_NOTE.sub("", t)
    return _PREFIX.sub("", t)


def _iso(value) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value.isoformat()
    return date.fromisoformat(str(value)).isoformat()


@dataclass(frozen=True)
class Version:
    adopted: str | None
    effective: str | None
    articles: int | None = None
    renumbered: bool = False


@dataclass(frozen=True)
class LawEntry:
    id: str
    title: str
    level: str
    aliases: tuple[str, ...] = ()
    issuer: str | None = None
    doc_number: str | None = None
    promulgated: str | None = None
    effective: str | None = None
    versions: tuple[Version, ...] = ()
    status: str = "in_force"
    repealed: str | None = None
    successor: str | None = None
    note: str | None = None
    source: str = ""

    def version_at(self, on: str | None) -> Version | None:
        """The text in force on `on` (or the current one when `on` is None)."""
        if not self.versions:
            return None
        if on is None:
            return self.versions[-1]
        current = None
        for v in self.versions:
            start = v.effective or v.adopted
            if start is None or start <= on:
                current = v
        return current

    @property
    def first_effective(self) -> str | None:
        if self.versions and (self.versions[0].effective or self.versions[0].adopted):
            return self.versions[0].effective or self.versions[0].adopted
        return self.effective or self.promulgated

    def amended_between(self, start: str | None, end: str) -> list[Version]:
        """Revisions that took effect after `start` and on or before `end`."""
        if start is None:
            return []
        return [v for v in self.versions[1:] if start < (v.effective or v.adopted or "0000") <= end]


@dataclass
class LawRegistry:
    entries: dict[str, LawEntry] = field(default_factory=dict)
    by_key: dict[str, str] = field(default_factory=dict)
    by_number: dict[str, str] = field(default_factory=dict)

    def add(self, entry: LawEntry) -> None:
        if entry.id in self.entries:
            raise ReviewerError(f"法规库条目重复：{entry.id}（{entry.source}）")
        self.entries[entry.id] = entry
        for name in (entry.title, entry.id, *entry.aliases):
            key = normalize_title(name)
            if key:
                self.by_key.setdefault(key, entry.id)
        if entry.doc_number:
            self.by_number[entry.doc_number.replace(" ", "")] = entry.id

    def lookup(self, title: str | None = None, doc_number: str | None = None) -> LawEntry | None:
        if doc_number:
            hit = self.by_number.get(doc_number.replace(" ", ""))
            if hit:
                return self.entries[hit]
        if title:
            hit = self.by_key.get(normalize_title(title))
            if hit:
                return self.entries[hit]
        return None

    def closest(self, title: str, n: int = 3) -> list[LawEntry]:
        key = normalize_title(title)
        names = difflib.get_close_matches(key, list(self.by_key), n=n, cutoff=0.6)
        out = []
        for name in names:
            entry = self.entries[self.by_key[name]]
            if entry not in out:
                out.append(entry)
        return out

    def names(self) -> tuple[str, ...]:
        """Every printable name (title, short title, alias), for matching titles printed without 《》."""
        cached = getattr(self, "_names", None)
        if cached is None or len(cached) != len(self.by_key):
            cached = tuple(self.by_key)
            self._names = cached
        return cached

    def __len__(self) -> int:
        return len(self.entries)


def status_of(entry: LawEntry, doc_date: str | None, as_of: str) -> str:
    """in_force | amended | repealed | not_yet_effective, read at the review date, with
    `amended` meaning in force but changed since the document's date."""
    if entry.repealed and entry.repealed <= as_of:
        return "repealed"
    if entry.status == "repealed" and not entry.repealed:
        return "repealed"  # repealed on a date the registry does not know
    start = entry.first_effective
    if start and start > as_of:
        return "not_yet_effective"
    if doc_date and entry.amended_between(doc_date, as_of):
        return "amended"
    return "in_force"


def _entry(raw: dict, source: str) -> LawEntry:
    try:
        versions = tuple(
            Version(
                adopted=_iso(v.get("adopted")),
                effective=_iso(v.get("effective")),
                articles=v.get("articles"),
                renumbered=bool(v.get("renumbered")),
            )
            for v in raw.get("versions") or ()
        )
        return LawEntry(
            id=str(raw["id"]),
            title=str(raw["title"]),
            level=raw.get("level") or "法律",
            aliases=tuple(str(a) for a in raw.get("aliases") or ()),
            issuer=raw.get("issuer"),
            doc_number=raw.get("doc_number"),
            promulgated=_iso(raw.get("promulgated")),
            effective=_iso(raw.get("effective")),
            versions=versions,
            status=raw.get("status") or "in_force",
            repealed=_iso(raw.get("repealed")),
            successor=raw.get("successor"),
            note=raw.get("note"),
            source=source,
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise ReviewerError(f"{source}：法规库条目格式错误（{raw.get('id', '?')}）：{exc}") from None


def default_dirs() -> list[Path]:
    """The project's registry, the user's imported laws (if any), then $REVIEWER_LAWS."""
    dirs = [laws_dir()]
    if user_laws_dir().is_dir():
        dirs.append(user_laws_dir())
    extra = os.environ.get("REVIEWER_LAWS")
    if extra:
        dirs += [Path(p) for p in extra.split(os.pathsep) if p]
    return dirs


def load_registry(dirs: tuple[str, ...] | None = None) -> LawRegistry:
    return _load(tuple(str(d) for d in (dirs or default_dirs())))


@lru_cache(maxsize=4)
def _load(dirs: tuple[str, ...]) -> LawRegistry:
    reg = LawRegistry()
    for d in dirs:
        for path in sorted(Path(d).glob("**/*.yaml")):
            data = yamlio.load_path(path) or []
            if not isinstance(data, list):
                raise ReviewerError(f"{path}：法规库文件应为条目列表")
            for raw in data:
                reg.add(_entry(raw, str(path)))
    return reg


CATALOGUE_PATH = laws_dir() / "catalogue" / "national_titles.tsv"


@dataclass(frozen=True)
class Catalogue:
    """Names of every national law, administrative regulation, departmental rule and judicial
    interpretation of the reference snapshot (tools/build_national_catalogue.py): a title the
    registry lacks but the country has is unverified, not nonexistent."""

    titles: tuple[str, ...] = ()
    keys: frozenset[str] = frozenset()

    def __contains__(self, title: str) -> bool:
        return normalize_title(title) in self.keys

    def __len__(self) -> int:
        return len(self.titles)


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    return _load_catalogue(str(path or CATALOGUE_PATH))


@lru_cache(maxsize=2)
def _load_catalogue(path: str) -> Catalogue:
    p = Path(path)
    if not p.is_file():
        return Catalogue()
    titles, keys = [], set()
    for line in p.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("title\t"):
            continue
        title, _, rest = line.partition("\t")
        short = rest.partition("\t")[2]
        titles.append(title)
        keys.update(k for k in (normalize_title(title), normalize_title(short)) if k)
    return Catalogue(tuple(titles), frozenset(keys))


NOT_STATE_LAW_PATH = laws_dir() / "catalogue" / "not_state_law.tsv"


@lru_cache(maxsize=1)
def not_state_law() -> tuple[tuple[str, ...], frozenset[str]]:
    """(markers, titles) of intra-Party, military and joint Party-state regulations."""
    markers, titles = [], set()
    if NOT_STATE_LAW_PATH.is_file():
        for line in NOT_STATE_LAW_PATH.read_text(encoding="utf-8").splitlines():
            kind, _, rest = line.partition("\t")
            value = rest.partition("\t")[0].strip()
            if kind == "marker" and value:
                markers.append(value)
            elif kind == "title" and value:
                titles.add(normalize_title(value))
    return tuple(markers), frozenset(titles)


def is_not_state_law(title: str) -> bool:
    markers, titles = not_state_law()
    return normalize_title(title) in titles or any(m in title for m in markers)


def nearest_titles(
    title: str, registry: LawRegistry, catalogue: Catalogue | None = None, n: int = 1, cutoff: float = 0.5
) -> list[tuple[str, float]]:
    """The printed titles closest to `title` (difflib ratio on normalised titles), from the
    registry's titles and aliases and the national catalogue; best first."""
    key = normalize_title(title)
    pool: dict[str, str] = {}
    for entry in registry.entries.values():
        for name in (entry.title, *entry.aliases):
            pool.setdefault(normalize_title(name), entry.title)
    for t in catalogue.titles if catalogue is not None else ():
        pool.setdefault(normalize_title(t), t)
    pool.pop(key, None)
    out, seen = [], set()
    for k in difflib.get_close_matches(key, list(pool), n=n + 3, cutoff=cutoff):
        t = pool[k]
        if t not in seen:
            seen.add(t)
            out.append((t, difflib.SequenceMatcher(None, key, k).ratio()))
    return out[:n]


CSV_COLUMNS = (
    "id",
    "title",
    "aliases",
    "level",
    "issuer",
    "doc_number",
    "promulgated",
    "effective",
    "status",
    "repealed",
    "successor",
    "note",
)


def import_csv(csv_path: str | Path, out_dir: str | Path) -> Path:
    """Turn a jurisdiction's CSV (columns CSV_COLUMNS; aliases ;-separated) into a registry
    YAML file in out_dir. Every row is checked before anything is written."""
    csv_path = Path(csv_path)
    try:
        text = csv_path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = csv_path.read_text(encoding="gb18030")
    rows = list(csv.DictReader(text.splitlines()))
    if not rows:
        raise ReviewerError(f"{csv_path}：没有可导入的行")
    missing = {"id", "title", "level"} - set(rows[0])
    if missing:
        raise ReviewerError(f"{csv_path}：缺少列 {', '.join(sorted(missing))}（应有列：{', '.join(CSV_COLUMNS)}）")
    entries = []
    for i, row in enumerate(rows, start=2):
        if row.get("level") and row["level"] not in LEVELS:
            raise ReviewerError(f"{csv_path} 第{i}行：未知的效力层级“{row['level']}”")
        raw = {k: (row.get(k) or None) for k in CSV_COLUMNS}
        raw["aliases"] = [a for a in (row.get("aliases") or "").split(";") if a]
        if raw["effective"] or raw["promulgated"]:
            raw["versions"] = [{"adopted": raw["promulgated"], "effective": raw["effective"] or raw["promulgated"]}]
        try:
            entries.append(_entry(raw, f"{csv_path}:{i}"))
        except ReviewerError as exc:
            raise ReviewerError(f"{csv_path} 第{i}行：{exc}") from None
    out = Path(out_dir) / f"{csv_path.stem}.yaml"
    existing = load_registry()
    for e in entries:
        clash = existing.entries.get(e.id)
        if clash is not None and Path(clash.source).resolve() != out.resolve():
            raise ReviewerError(f"{csv_path}：条目“{e.id}”与法规库已有条目重复（{clash.source}）")
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = [
        {
            k: v
            for k, v in {
                "id": e.id,
                "title": e.title,
                "aliases": list(e.aliases),
                "level": e.level,
                "issuer": e.issuer,
                "doc_number": e.doc_number,
                "promulgated": e.promulgated,
                "effective": e.effective,
                "versions": [{"adopted": v.adopted, "effective": v.effective} for v in e.versions],
                "status": e.status,
                "repealed": e.repealed,
                "successor": e.successor,
                "note": e.note,
            }.items()
            if v not in (None, [], "")
        }
        for e in entries
    ]
    out.write_text(yaml.safe_dump(payload, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _load.cache_clear()
    return out
