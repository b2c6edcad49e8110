"""Position indexes that keep the review linear in the size of the text: which
provision holds a character (bisection over sorted starts), which spans contain a
span (a max-end tree over spans sorted by start), and whether a span overlaps any of
a set of disjoint spans."""

from __future__ import annotations

import bisect
import threading
from typing import Generic, Iterator, Sequence, TypeVar

T = TypeVar("T")


class Containers(Generic[T]):
    """Static spans (start, end, payload); `containing(s, e)` yields the payloads of the
    spans with start <= s and e <= end, nearest start first. Cost O((k + 1) log n) for k
    spans visited: subtrees whose greatest end falls short of `e` are skipped whole."""

    def __init__(self, spans: Sequence[tuple[int, int, T]]):
        items = sorted(spans, key=lambda t: t[0])
        self._starts = [s for s, _, _ in items]
        self._items = items
        n = len(items)
        size = 1
        while size < max(n, 1):
            size *= 2
        self._size = size
        tree = [-1] * (2 * size)
        for i, (_, e, _) in enumerate(items):
            tree[size + i] = e
        for i in range(size - 1, 0, -1):
            tree[i] = max(tree[2 * i], tree[2 * i + 1])
        self._tree = tree

    def containing(self, s: int, e: int) -> Iterator[tuple[int, int, T]]:
        hi = bisect.bisect_right(self._starts, s)  # candidates are items[0:hi]
        if hi == 0:
            return
        yield from self._walk(1, 0, self._size, hi, e)

    def _walk(self, node: int, lo: int, width: int, hi: int, e: int):
        # right to left, so that the nearest spans come first
        stack = [(node, lo, width)]
        tree, items = self._tree, self._items
        while stack:
            node, lo, width = stack.pop()
            if lo >= hi or tree[node] < e:
                continue
            if width == 1:
                yield items[lo]
                continue
            half = width // 2
            stack.append((2 * node, lo, half))
            stack.append((2 * node + 1, lo + half, half))


class Disjoint:
    """A growing set of non-empty spans with an O(log n) overlap test. Spans that
    overlap are stored as their union, so the stored spans stay disjoint and sorted;
    `overlaps` answers for the spans as added."""

    def __init__(self):
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self._starts, e)  # spans starting before e: [0, i)
        return i > 0 and self._ends[i - 1] > s

    def add(self, s: int, e: int) -> None:
        if s >= e:
            return
        starts, ends = self._starts, self._ends
        lo = bisect.bisect_right(ends, s)  # first stored span ending after s
        hi = bisect.bisect_left(starts, e)  # stored spans starting before e: [0, hi)
        if lo < hi:  # [lo, hi) overlap the new span: merge them
            s, e = min(s, starts[lo]), max(e, ends[hi - 1])
            del starts[lo:hi], ends[lo:hi]
        starts.insert(lo, s)
        ends.insert(lo, e)


class PositionIndex:
    """The provisions (articles or parts, in document order), and for a position the
    first of them that holds it (start <= pos <= end): a bisection over the starts and
    a descent of a max-end tree, O(log n) however the provisions nest or touch."""

    def __init__(self, provisions):
        self.items = sorted(provisions, key=lambda p: p.start)
        self.starts = [p.start for p in self.items]
        size = 1
        while size < max(len(self.items), 1):
            size *= 2
        self._size = size
        tree = [-1] * (2 * size)
        for i, p in enumerate(self.items):
            tree[size + i] = p.end
        for i in range(size - 1, 0, -1):
            tree[i] = max(tree[2 * i], tree[2 * i + 1])
        self._tree = tree

    def at(self, pos: int):
        hi = bisect.bisect_right(self.starts, pos)  # start <= pos: items[0:hi]
        if hi == 0 or self._tree[1] < pos:
            return None
        # leftmost leaf below hi whose end reaches pos
        node, lo, width, tree = 1, 0, self._size, self._tree
        stack = [(1, 0, self._size)]
        while stack:
            node, lo, width = stack.pop()
            if lo >= hi or tree[node] < pos:
                continue
            if width == 1:
                return self.items[lo]
            half = width // 2
            stack.append((2 * node + 1, lo + half, half))  # right after left
            stack.append((2 * node, lo, half))
        return None


_LINES: dict[int, tuple[str, list[int]]] = {}
_LINES_LOCK = threading.Lock()


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the line holding `pos`, without the newline; the newline positions
    of `text` are found once per text, so a million-character line costs one scan."""
    hit = _LINES.get(id(text))
    if hit is None or hit[0] is not text:
        breaks = _newlines(text)
        hit = (text, breaks)
        with _LINES_LOCK:  # the desk reviews in threads; a few texts are kept, not all
            while len(_LINES) >= 4:
                _LINES.pop(next(iter(_LINES)))
            _LINES[id(text)] = hit
    breaks = hit[1]
    i = bisect.bisect_left(breaks, pos)
    start = breaks[i - 1] + 1 if i > 0 else 0
    end = breaks[i] if i < len(breaks) else len(text)
    return start, end


def _newlines(text: str) -> list[int]:
    out, i = [], text.find("\n")
    while i >= 0:
        out.append(i)
        i = text.find("\n", i + 1)
    return out
