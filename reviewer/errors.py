"""Errors a user sees: each names the file and the reason, in Chinese."""

from __future__ import annotations


class ReviewerError(Exception):
    """Base for errors reported to the user without a traceback."""


class IngestError(ReviewerError):
    """A file could not be read. `reason` is one Chinese sentence for the reviewer;
    `code` is a stable English identifier for logs and batch records."""

    def __init__(self, path: str, reason: str, code: str = "unreadable"):
        self.path = str(path)
        self.reason = reason
        self.code = code
        super().__init__(f"{self.path}: {reason}")


class RuleError(ReviewerError):
    """A rule file is invalid; the message points at file and line."""
