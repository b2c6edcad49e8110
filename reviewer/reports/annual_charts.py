"""Charts of the annual report as PNG bytes (matplotlib, Agg, no pyplot state).

Every label is Chinese; `cjkfont` supplies a font that has the glyphs or raises, and a
glyph matplotlib still cannot find is turned from a warning into an error, so a chart
never silently shows empty boxes.
"""

from __future__ import annotations

import io
import warnings
from contextlib import contextmanager

from .annual_figures import AnnualFigures
from .cjkfont import check_glyphs, font_properties
from ..register.cleanup_outcomes import CLEANUP_NAMES

INK = "#1f3a5f"  # dark blue for the main series
ALERT = "#b03a2e"  # red for late filings and open corrections
MUTED = "#8c9bab"
DPI = 200
WIDTH_IN = 6.2  # the text block of an A4 page with GB/T 9704 margins is 156 mm


@contextmanager
def _style():
    import matplotlib

    name = font_properties().get_name()
    with (
        matplotlib.rc_context(
            {
                "font.family": "sans-serif",
                "font.sans-serif": [name],
                "axes.unicode_minus": False,
                "font.size": 11,
                "axes.spines.top": False,
                "axes.spines.right": False,
                "axes.edgecolor": "#444444",
                "axes.titlesize": 11,
            }
        ),
        warnings.catch_warnings(),
    ):
        warnings.filterwarnings("error", message=r".*[Gg]lyph.*missing.*")
        yield


def _new(height_in: float, cols: int = 1):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    axes = fig.subplots(1, cols)
    return fig, axes


def _png(fig) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", facecolor="white")
    return buf.getvalue()


def _label_bars(ax, bars, horizontal=False):
    for bar in bars:
        value = bar.get_width() if horizontal else bar.get_height()
        if not value:
            continue
        if horizontal:
            ax.text(value, bar.get_y() + bar.get_height() / 2, f" {int(value)}", va="center", ha="left", fontsize=9)
        else:
            ax.text(bar.get_x() + bar.get_width() / 2, value, f"{int(value)}", va="bottom", ha="center", fontsize=9)


def monthly_chart(f: AnnualFigures) -> bytes:
    labels = [f"{m}月" for m, _, _ in f.monthly]
    check_glyphs(labels + ["按期报备", "逾期报备", "件数"])
    with _style():
        fig, ax = _new(2.8)
        on_time = [a for _, a, _ in f.monthly]
        late = [b for _, _, b in f.monthly]
        ax.bar(labels, on_time, color=INK, label="按期报备", width=0.6)
        bars = ax.bar(labels, late, bottom=on_time, color=ALERT, label="逾期报备", width=0.6)
        for i, bar in enumerate(bars):
            total = on_time[i] + late[i]
            if total:
                ax.text(bar.get_x() + bar.get_width() / 2, total, str(total), ha="center", va="bottom", fontsize=9)
        ax.set_ylabel("件数")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylim(0, max([a + b for a, b in zip(on_time, late)] + [1]) * 1.2)
        ax.legend(frameon=False, loc="upper left", ncols=2)
        return _png(fig)


def category_chart(f: AnnualFigures) -> bytes:
    names = [c.name for c in f.categories] or ["（无）"]
    counts = [c.findings for c in f.categories] or [0]
    check_glyphs(names + ["问题数（项）"])
    with _style():
        fig, ax = _new(max(1.6, 0.38 * len(names) + 0.8))
        bars = ax.barh(names[::-1], counts[::-1], color=INK, height=0.6)
        _label_bars(ax, bars, horizontal=True)
        ax.set_xlabel("问题数（项）")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlim(0, max(counts + [1]) * 1.18)
        return _png(fig)


def outcome_chart(f: AnnualFigures) -> bytes:
    corr_labels = ["自行纠正", "撤销", "变更", "督促纠正中"]
    corr = [f.corrections.get(k, 0) for k in ("corrected", "revoked", "changed", "pending")]
    clean_labels = [CLEANUP_NAMES[k] for k in ("remain", "modify", "abolish", "void")]
    clean = [f.cleanup.get(k, 0) for k in ("remain", "modify", "abolish", "void")]
    check_glyphs(
        corr_labels + clean_labels + ["纠正结果", "清理结果", "件数", "本年度无存在问题的文件", "本年度无清理结果"]
    )
    with _style():
        fig, (left, right) = _new(2.6, cols=2)
        bars = left.bar(corr_labels, corr, color=[INK, INK, INK, ALERT], width=0.6)
        _label_bars(left, bars)
        left.set_title("纠正结果")
        left.set_ylabel("件数")
        bars = right.bar(clean_labels, clean, color=[INK, MUTED, ALERT, "#6b6b6b"], width=0.6)
        _label_bars(right, bars)
        right.set_title("清理结果")
        for ax, values, empty in ((left, corr, "本年度无存在问题的文件"), (right, clean, "本年度无清理结果")):
            ax.set_ylim(0, max(values + [1]) * 1.25)
            if not any(values):
                ax.text(0.5, 0.55, empty, transform=ax.transAxes, ha="center", va="center", color="#666666")
            ax.yaxis.get_major_locator().set_params(integer=True)
        fig.tight_layout(w_pad=3)
        return _png(fig)


def all_charts(f: AnnualFigures) -> list[tuple[str, str, bytes]]:
    """(file stem, caption, PNG) for each chart, in the order the report shows them."""
    return [
        ("monthly", f"{f.year}年各月收到报备文件情况", monthly_chart(f)),
        ("categories", "审查确认的问题按类别分布", category_chart(f)),
        ("outcomes", "纠正结果与规范性文件清理结果", outcome_chart(f)),
    ]
