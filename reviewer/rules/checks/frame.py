"""`frame` checks: questions asked of the reading stage's clause frames (reviewer/reading.py)
instead of regexes over the text. A rule names the kinds of act it is about (from
rules/vocab/); the check asks whether a clause imposes one on a private party, without a
basis that covers it, outside a negation and outside anything that is no provision.

    check: frame
    frame:
      acts: [penalty]            # kinds from rules/vocab (prefixes: penalty, penalty.fine, …)
      addressee: private         # private: the organ's own duty or an act aimed at an organ is none
                                 # any: who is addressed does not matter (fair competition)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Act, Clause, Reading

_CITE = re.compile(r"^(?P<title>.+?(?:法|条例|规定|办法|通知|意见|决定))(?P<art>第.+)?$")


@dataclass
class CompiledFrame:
    rule: object
    kinds: tuple[str, ...]
    addressee: str

    def find(self, doc, reading: Reading, vocabulary) -> list[dict]:
        from ...reading import excluded_reason

        out = []
        for c in (reading.frame(i) for i in reading.with_acts):
            if c.not_provision:
                continue
            acts = [
                a
                for a in c.acts
                if a.kind.startswith(self.kinds)
                and not a.negated
                and a.imposed
                and (c.self_defined or not a.needs_self_defined)
                and excluded_reason(reading, a.start, a.end) is None
            ]
            acts = [a for a in acts if self._bears_on_party(doc.text, c, a, vocabulary) and not _lifted(doc.text, c, a)]
            if not acts:
                continue
            lead = acts[0]
            severity = "warning" if c.exception else None
            message = self.rule.message
            if c.exception:
                message += f"本条载明“{c.exception}”，请核实是否确有上位法依据或符合例外情形。"
            out.append(
                {
                    "start": lead.start,
                    "end": max(a.end for a in acts),
                    "message": message,
                    "severity": severity,
                    "basis": cite(lead.source),
                }
            )
        return out

    def _bears_on_party(self, text: str, c: Clause, a: Act, v) -> bool:
        """A burden needs someone outside the government to bear it."""
        if self.addressee == "any":
            return True
        from ...reading import _has_private

        if a.by == "party":
            # the words of its own comma-clause say who bears it (食宿由被隔离人员自行承担)
            k = max(k + 1 for k in (text.rfind(p, c.start, a.start) for p in "，,：:"))
            k = max(k, c.start)
            if _has_private(text[k : a.end], v):
                return True
            if v.government_rx.search(text, k, a.start):
                return False
            return c.addressee != "government"
        if v.officials_rx is not None and v.officials_rx.search(_sentence_of(text, a.start)):
            return False
        # an act done by the government: aimed at whom? The organ doing it is named before the
        # act anyway; only an 对… phrase naming organs alone (对工作不力的部门予以通报批评)
        # makes it internal
        k = text.rfind("对", c.start, a.start)
        if k < 0 and c.private_party:
            return True
        if k < 0:
            # no 对…: the one who failed is the subject of the 。-sentence (…人民政府未依照本条例
            # 履行职责的，由上级人民政府责令改正；拒不改正的，予以通报批评)
            a0 = c.start
            while a0 > 0 and text[a0 - 1] not in "。！？!?\n":
                a0 -= 1
            comma = min((i for i in (text.find(p, a0, a.start) for p in "，,") if i >= 0), default=a.start)
            subject = text[a0:comma]
            return not (v.government_rx.search(subject) and not _has_private(subject, v))
        # the 对… phrase runs to its first comma (对不愿意签订承诺书的另行登记造册，…)
        target = text[k : a.start]
        comma = min((i for i in (target.find(p) for p in "，,") if i >= 0), default=-1)
        target = target[:comma] if comma >= 0 else target
        if v.government_rx.search(target) and not _has_private(target, v):
            return False
        return True


def _added_after_bare_basis(text: str, c: Clause, a: Act) -> bool:
    """按照有关规定进行处理，并向社会通报: a bare 依法 vouches for the handling it governs;
    a measure added in a later comma-clause with 并 is the document's own."""
    k = text.rfind(c.basis_text or "\0", c.start, a.start)
    if k < 0:
        return False
    comma = max(text.rfind(p, k, a.start) for p in "，,")
    return comma > k and re.match(r"[，,]\s*(?:并|同时|还)", text[comma : a.start]) is not None


def _sentence_of(text: str, pos: int) -> str:
    a = max(text.rfind(p, 0, pos) for p in "。！？\n") + 1
    ends = [i for i in (text.find(p, pos) for p in "。！？\n") if i >= 0]
    return text[a : min(ends) if ends else len(text)]


def _lifted(text: str, c: Clause, a: Act) -> bool:
    """A specific superior provision or an express referral covers the measure; a bare
    依法 covers it only when the conduct is not one the document itself defines."""
    if c.basis in ("specific", "referral"):
        return True
    if c.basis == "bare":
        if _added_after_bare_basis(text, c, a):
            return False
        # rules/vocab says per kind whether a bare 依法 can vouch for it
        return a.bare_basis_cures and not (c.self_defined and a.by == "government")
    if a.kind == "penalty.fine":
        from ...fines import find_fines, statutory_match

        sentence = text[c.start : c.end]
        fines = list(find_fines(text, c.start, c.end))
        return bool(fines) and all(statutory_match(sentence, f) for f, _, _ in fines)
    return False


def cite(source: str) -> str:
    """中华人民共和国行政处罚法第九条 -> 《中华人民共和国行政处罚法》第九条, for each part."""
    parts = []
    for part in source.split("；"):
        if "（" in part and "〔" in part:
            title, _, rest = part.partition("（")
            parts.append(f"《{title}》（{rest}")
            continue
        m = _CITE.match(part)
        parts.append(f"《{m.group('title')}》{m.group('art') or ''}" if m else part)
    return "；".join(parts)


def compile_rule(rule) -> CompiledFrame:
    p = rule.params
    kinds = tuple(p.get("acts") or ())
    if not kinds:
        from ..loader import RuleError

        raise RuleError(f"{rule.path}: a frame rule needs 'frame.acts' (kinds of act from rules/vocab)")
    return CompiledFrame(rule=rule, kinds=kinds, addressee=p.get("addressee", "private"))
