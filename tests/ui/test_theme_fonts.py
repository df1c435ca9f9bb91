"""The app font: Chinese first, then a colour emoji family where one exists (🎂 in names)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from operator_app.ui.theme import CJK_FAMILIES, EMOJI_FAMILIES, apply_fonts


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[QFont]:
    before = QFont(qapp.font())
    apply_fonts(qapp)
    yield qapp.font()
    qapp.setFont(before)


def test_the_app_font_ends_with_an_emoji_family_when_there_is_one(app_font: QFont) -> None:
    available = set(QFontDatabase.families())
    emoji = [f for f in EMOJI_FAMILIES if f in available]
    families = app_font.families()
    if not emoji:
        pytest.skip("no colour emoji font installed (fonts-noto-color-emoji on Linux)")
    assert families[-1] == emoji[0]
    # Chinese and Latin text never come from the emoji font: it is the last resort.
    cjk = [f for f in CJK_FAMILIES if f in available]
    assert families[: len(cjk)] == cjk


def test_a_birthday_cake_in_a_name_is_drawn_in_colour(qtbot: QtBot, app_font: QFont) -> None:
    if not any(f in QFontDatabase.families() for f in EMOJI_FAMILIES):
        pytest.skip("no colour emoji font installed")
    label = QLabel("小美🎂")
    qtbot.addWidget(label)
    font = label.font()
    font.setPointSize(24)
    label.setFont(font)
    label.resize(200, 60)
    image = label.grab().toImage()
    coloured = sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if QColor(image.pixel(x, y)).hsvSaturation() > 80 and QColor(image.pixel(x, y)).value() > 60
    )
    # Black text on a grey window has no saturated pixel; a box glyph neither.
    assert coloured > 50
