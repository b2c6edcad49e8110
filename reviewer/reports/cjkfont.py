"""Finding a font that draws Chinese for the charts, by path, with no download.

matplotlib's bundled DejaVu fonts have no CJK glyphs: without a CJK font every label
becomes a row of empty boxes and matplotlib only warns. We look for a font installed
from Debian (fonts-wqy-microhei, installed by the README/CI commands; fonts-wqy-zenhei
and fonts-noto-cjk are accepted too) or named by $REVIEWER_CJK_FONT, check that it has
a glyph for every character we are about to draw, and raise otherwise.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..errors import ReviewerError

# WenQuanYi Micro Hei first: one small simplified-Chinese face at index 0 of its .ttc.
# Noto Sans CJK's .ttc opens on its Japanese face (index 0), whose glyph shapes differ
# from the mainland standard for some characters, so it is the last resort.
CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)
INSTALL_HINT = (
    "请安装中文字体后重试：apt-get install -y fonts-wqy-microhei（或设置环境变量 REVIEWER_CJK_FONT 为字体文件路径）"
)


class FontMissingError(ReviewerError):
    pass


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    env = os.environ.get("REVIEWER_CJK_FONT")
    paths = [Path(env)] if env else [Path(p) for p in CANDIDATES]
    for path in paths:
        if path.is_file() and _covers(str(path), "备案审查年度报告"):
            return path
    if env:
        raise FontMissingError(f"REVIEWER_CJK_FONT 指定的字体 {env} 不存在或不含中文字形。{INSTALL_HINT}")
    # Last chance: anything fontconfig/matplotlib knows that draws Chinese.
    from matplotlib import font_manager

    for entry in font_manager.fontManager.ttflist:
        if any(k in entry.name for k in ("CJK", "WenQuanYi", "Hei", "Song", "Kai", "Fang")) and _covers(
            entry.fname, "备案审查年度报告"
        ):
            return Path(entry.fname)
    raise FontMissingError(f"生成图表需要中文字体，但本机未找到。{INSTALL_HINT}")


def _covers(path: str, text: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
    except Exception:
        return False
    return all(font.get_char_index(ord(ch)) for ch in text if not ch.isspace())


def check_glyphs(texts) -> None:
    """Raise if the chart font lacks a character of these labels (rather than draw boxes)."""
    path = cjk_font_path()
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(path))
    missing = sorted(
        {ch for t in texts for ch in str(t) if not ch.isspace() and ord(ch) > 127 and not font.get_char_index(ord(ch))}
    )
    if missing:
        raise FontMissingError(f"图表字体 {path.name} 缺少这些字的字形：{''.join(missing)}。{INSTALL_HINT}")


@lru_cache(maxsize=1)
def font_properties():
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path))
