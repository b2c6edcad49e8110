"""Decisions taken at the desk, also recorded in the filing register (reviewer.register)
when the desk runs with `--register DB` and the review was linked to a filing
(备案登记号). The register numbers findings from 1 in its own stored review of the
filing; a decision goes there only when that finding is the same one (rule and
offsets), so a register review made with other rules is never mis-annotated."""

from __future__ import annotations

import logging
from typing import Optional

log = logging.getLogger("reviewer.web")


class RegisterHook:
    def __init__(self, db: Optional[str]):
        self.db = db
        self._register = None

    @property
    def enabled(self) -> bool:
        return self.db is not None

    def _open(self):
        if self._register is None:
            from ..register import open_register

            self._register = open_register(self.db)
        return self._register

    def open(self):
        """The open register, for the register and report pages (opened on first use;
        raises RegisterError with a Chinese message when it cannot be opened)."""
        return self._open()

    def add_own(self, filing_id: Optional[int], finding, user: str) -> tuple[Optional[int], Optional[str]]:
        """Record a finding of the reviewer's own on the filing: (its number there, notice)."""
        if not self.enabled or filing_id is None:
            return None, None
        try:
            from ..register.filings import add_own_finding

            no = add_own_finding(
                self._open(),
                filing_id,
                category=finding.category,
                severity=finding.severity,
                provision=finding.provision,
                quote=finding.text or None,
                explanation=finding.explanation,
                basis=finding.basis,
                suggestion=finding.suggestion,
                message=finding.message,
                by=user,
            )
        except Exception as exc:
            log.warning("register: %s", exc)
            return None, f"未能写入备案登记簿：{exc}"
        return no, None

    def remove_own(self, filing_id: Optional[int], no: Optional[int]) -> Optional[str]:
        if not self.enabled or filing_id is None or no is None:
            return None
        try:
            from ..register.filings import remove_own_finding

            remove_own_finding(self._open(), filing_id, no)
        except Exception as exc:
            log.warning("register: %s", exc)
            return f"未能从备案登记簿删除：{exc}"
        return None

    def record(
        self,
        filing_id: Optional[int],
        index: int,
        finding,
        decision: str,
        note: str,
        user: str,
        wording: Optional[dict] = None,
    ) -> Optional[str]:
        """Record one decision; returns a Chinese notice for the page when it could not."""
        if not self.enabled or filing_id is None:
            return None
        try:
            from ..register.filings import decide, get_filing

            register = self._open()
            with register.transaction() as s:
                review = get_filing(s, filing_id).document.latest_review
                match = next(
                    (
                        f
                        for f in (review.findings if review else [])
                        if f.rule == finding.rule and f.start == finding.start and f.end == finding.end
                    ),
                    None,
                )
            if match is None:
                return f"备案登记号 {filing_id} 的登记簿审查结果中没有这一项问题，处理意见只保存在工作台"
            decide(
                register,
                filing_id,
                match.no,
                "confirm" if decision == "keep" else "dismiss",
                note=note or None,
                by=user,
                wording=wording,
            )
        except Exception as exc:  # the desk keeps its own record whatever the register says
            log.warning("register: %s", exc)
            return f"未能写入备案登记簿：{exc}"
        return None
