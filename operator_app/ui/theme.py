"""Fonts and the style sheet: readable Chinese at 1366×768 on whatever fonts exist."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from operator_app.paths import resource_path

log = logging.getLogger(__name__)

# First the font we ship on Linux (fonts-noto-cjk), then what Windows and
# macOS bring; Qt falls back glyph by glyph along this list.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
)
# Colour emoji for names like "小美🎂": Qt's own fallback does not always reach
# an emoji font (boxes were seen), so the app font names one that exists.
EMOJI_FAMILIES = ("Segoe UI Emoji", "Apple Color Emoji", "Noto Color Emoji")
MIN_POINT_SIZE = 10
STYLE_SHEET = ("style", "app.qss")


def apply_fonts(app: QApplication) -> list[str]:
    """Prefer a CJK family that exists, then the default, then a colour emoji family;
    return the CJK families chosen (empty: Qt's default for Chinese)."""
    available = set(QFontDatabase.families())
    chosen = [family for family in CJK_FAMILIES if family in available]
    emoji = [family for family in EMOJI_FAMILIES if family in available][:1]
    font = QFont(app.font())
    if not chosen:
        log.warning("no CJK font among %s; Chinese may render poorly", ", ".join(CJK_FAMILIES))
    if not emoji:
        log.info("no colour emoji font among %s", ", ".join(EMOJI_FAMILIES))
    # Qt falls back glyph by glyph along the list: emoji last, so that no
    # digit or CJK character is ever taken from the emoji font.
    font.setFamilies(list(dict.fromkeys([*chosen, font.family(), *emoji])))
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
    app.setFont(font)
    return chosen


def load_style_sheet() -> str:
    """The app's style sheet; empty (Qt's own look) if it is missing."""
    try:
        return resource_path(*STYLE_SHEET).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        log.warning("style sheet not loaded: %s", exc)
        return ""
