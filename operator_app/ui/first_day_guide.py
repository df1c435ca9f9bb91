"""The first-day guide: the four ideas a new operator needs before the first customer.

Shown once on the first start of the demo (``HelpActions.offer_guide``), closed
with one click, reopened from 帮助 → 新手指南.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

GUIDE_SIZE = (620, 600)


class FirstDayGuide(QDialog):
    """What the queue is, the hook, the three questions, how to log: one page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstDayGuide")
        self.setWindowTitle(self.tr("Your first day"))
        self.resize(*GUIDE_SIZE)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(20, 16, 20, 16)
        column.setSpacing(6)
        column.addWidget(_label(self.tr("Welcome! Four things to know"), "pageHeading"))
        for title, text in self.sections():
            column.addSpacing(8)
            column.addWidget(_label(title, "guideTitle", bold=True))
            column.addWidget(_label(text, "guideText"))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Start working"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

    def sections(self) -> list[tuple[str, str]]:
        """(title, text) of each idea, in the order a first customer needs them."""
        return [
            (
                self.tr("1. The queue (Today)"),
                self.tr(
                    "Today lists the customers to contact now: overdue first, then due later "
                    "today, the most important first. Work from the top. J and K move down and "
                    "up; Ctrl+Enter goes to the next customer."
                ),
            ),
            (
                self.tr("2. The hook: why you contact them"),
                self.tr(
                    "Every customer comes with a suggested hook (钩子): a reason to get in touch "
                    "now, such as an order that just arrived or a coupon about to expire, with the "
                    "reason written beside it. A message with a hook gets replies; one without "
                    "feels like spam."
                ),
            ),
            (
                self.tr("3. The three questions before you send"),
                self.tr(
                    "Beside each script line: what is this message for, what will the customer "
                    "think when they read it, and what reply do you want? Read them before you "
                    "send. When the customer answers, compare the answer with the third question: "
                    "that is how you get better."
                ),
            ),
            (
                self.tr("4. Log what happened, one key"),
                self.tr(
                    "Copy a line with Ctrl+C (it is logged as sent) and paste it into WeCom. Then "
                    "record the outcome with one key: R replied, N no reply, O ordered, W added "
                    "your personal WeChat, G joined the group, F friend request sent, A friend "
                    "request accepted. The app then suggests the next step. F1 lists every key."
                ),
            ),
            (
                self.tr("This is the demo"),
                self.tr(
                    "The customers here are made up: try anything. Reopen this guide from "
                    "Help → Your first day."
                ),
            ),
        ]


def _label(text: str, name: str, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label
