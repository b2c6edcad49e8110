"""File names as they can be shown, stored and printed as UTF-8."""

from __future__ import annotations


def display_path(path: str) -> str:
    """A path as it can be stored and shown. File names that are not UTF-8 (Chinese names
    from a Windows zip are often GBK) reach Python as surrogate escapes, which SQLite,
    JSON and a UTF-8 terminal refuse; they are decoded as GB18030, else the bytes that are
    no UTF-8 are shown as \\xNN escapes (visible and distinct, unlike a row of �). Only what
    is stored and shown changes; files are always opened by their real path."""
    path = str(path)
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "surrogateescape")
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            return raw.decode("utf-8", "backslashreplace")
