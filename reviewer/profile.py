"""The jurisdiction profile's shape, checked once where a profile is read (review.load_profile),
and the one default review date.

A profile is a jurisdiction's own figures (rules/profiles/README.md). A key the tool does not
know — most often a typo such as `max_validty_years` — would silently leave the national
figure in force, so it is refused with the nearest known key; so is a value of the wrong kind.
"""

from __future__ import annotations

import difflib
from datetime import date

from .errors import ReviewerError

_INT = (int,)
_OPT_INT = (int, type(None))

# key -> (accepted types, what the reviewer is told it must be)
TOP_LEVEL: dict[str, tuple[tuple[type, ...], str]] = {
    "name": ((str,), "名称（文字）"),
    "description": ((str,), "说明（文字）"),
    "max_validity_years": (_INT, "正整数（年）"),
    "provisional_max_years": (_INT, "正整数（年）"),
    "require_validity": ((bool,), "true 或 false"),
    "filing_days": (_INT, "正整数（日）"),
    "min_days_before_effect": (_OPT_INT, "正整数（日）或 null"),
    "validity_rule": ((dict, type(None)), "{title, number, article} 或 null"),
    "verdict": ((dict,), "映射"),
    "limits": ((dict,), "映射"),
}
VALIDITY_RULE_KEYS = ("title", "number", "article")
VERDICT_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "effects": ((dict,), "映射"),
    "document_effects": ((dict,), "映射"),
    "abolish_categories": ((list,), "类别列表"),
    "abolish_share": ((int, float), "0 至 1 之间的比例"),
    "abolish_min_provisions": (_INT, "正整数（条）"),
    "void_when_expired": ((bool,), "true 或 false"),
    "void_when_basis_repealed": ((bool,), "true 或 false"),
}
EFFECTS = ("modify", "abolish", "void", "none")


def default_as_of() -> str:
    """The date a review is made as of when none is given: today (one place for it)."""
    return date.today().isoformat()


def validate_profile(data: dict, where: str) -> dict:
    """`data` unchanged when it has the shape of a profile; ReviewerError naming the key otherwise."""
    _check_keys(data, TOP_LEVEL, where, "")
    for key in ("max_validity_years", "provisional_max_years", "filing_days", "min_days_before_effect"):
        value = data.get(key)
        if isinstance(value, bool) or (isinstance(value, int) and value <= 0):
            _bad(where, key, value, TOP_LEVEL[key][1])
    rule = data.get("validity_rule")
    if isinstance(rule, dict):
        for k, v in rule.items():
            if k not in VALIDITY_RULE_KEYS:
                _unknown(where, f"validity_rule.{k}", k, VALIDITY_RULE_KEYS)
            if not isinstance(v, str):
                _bad(where, f"validity_rule.{k}", v, "文字")
    verdict = data.get("verdict")
    if isinstance(verdict, dict):
        _check_keys(verdict, VERDICT_KEYS, where, "verdict.")
        share = verdict.get("abolish_share")
        if share is not None and not (0 < share <= 1):
            _bad(where, "verdict.abolish_share", share, VERDICT_KEYS["abolish_share"][1])
        for table in ("effects", "document_effects"):
            for category, by_severity in (verdict.get(table) or {}).items():
                if not isinstance(by_severity, dict):
                    _bad(where, f"verdict.{table}.{category}", by_severity, "{error: …, warning: …, info: …}")
                for severity, effect in by_severity.items():
                    if severity not in ("error", "warning", "info"):
                        _unknown(
                            where, f"verdict.{table}.{category}.{severity}", severity, ("error", "warning", "info")
                        )
                    if effect not in EFFECTS:
                        _bad(where, f"verdict.{table}.{category}.{severity}", effect, "、".join(EFFECTS) + " 之一")
    return data


def _check_keys(data: dict, schema: dict, where: str, prefix: str) -> None:
    for key, value in data.items():
        if key not in schema:
            _unknown(where, prefix + str(key), str(key), tuple(schema))
        types, what = schema[key]
        if isinstance(value, bool) and bool not in types:
            _bad(where, prefix + key, value, what)
        if not isinstance(value, types):
            _bad(where, prefix + key, value, what)


def _unknown(where: str, path: str, key: str, known) -> None:
    near = difflib.get_close_matches(key, list(known), n=1)
    hint = f"，是否应为“{near[0]}”" if near else f"；可用的键：{'、'.join(known)}"
    raise ReviewerError(f"地区配置文件 {where}：不认识的键“{path}”{hint}")


def _bad(where: str, path: str, value, what: str) -> None:
    raise ReviewerError(f"地区配置文件 {where}：“{path}”的值“{value}”不符合要求，应为{what}")
