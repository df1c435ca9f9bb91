"""One template on screen: its lines with placeholders filled in, and its three questions.

A line is rendered from :func:`operator_app.core.templates.render_line`
segments: a filled value in the accent colour, a missing value on an orange
background (「缺：优惠券金额」), an invalid placeholder as a red marker — never a
raw ``{…}`` and never an exception. Without a lead (the script library) a
placeholder shows what it will be filled with, neutrally.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from operator_app.core.templates import PLACEHOLDERS, Segment, render_line
from operator_app.data.workspace_types import TemplateView

# Inline styles: QLabel rich text does not take the application style sheet per span.
VALUE_STYLE = "color:#1664ff;"
MISSING_STYLE = "background-color:#ffe7ba;color:#ad4e00;font-weight:600;"
INVALID_STYLE = "background-color:#ffccc7;color:#a8071a;font-weight:600;"
NEUTRAL_STYLE = "background-color:#eef3ff;color:#1664ff;"
CAPTION_STYLE = "color:#ad6800;font-weight:600;"
# Wide enough for the lines and the three questions side by side.
BESIDE_MIN_WIDTH = 760
MAX_PICK_KEYS = 9  # Alt+1 … Alt+9


def segments_html(segments: list[Segment], *, with_lead: bool) -> str:
    """Rich text for one rendered line (every piece of text escaped)."""
    parts = []
    for seg in segments:
        text = html.escape(seg.text)
        if seg.kind == "text":
            parts.append(text)
        elif seg.kind == "value":
            parts.append(f'<span style="{VALUE_STYLE}">{text}</span>')
        elif seg.kind == "missing" and not with_lead:
            label = html.escape(PLACEHOLDERS.get(seg.placeholder, seg.placeholder))
            parts.append(f'<span style="{NEUTRAL_STYLE}">〔{label}〕</span>')
        elif seg.kind == "missing":
            parts.append(f'<span style="{MISSING_STYLE}">「{text}」</span>')
        else:
            parts.append(f'<span style="{INVALID_STYLE}">⚠ {text}</span>')
    return "".join(parts)


class ScriptLineRow(QFrame):
    """Line N: its number and pick key, the rendered text, and a copy button."""

    picked = Signal(int)  # the line's position (0-based)
    copy_clicked = Signal(int)

    def __init__(
        self,
        position: int,
        segments: list[Segment],
        *,
        with_lead: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.position = position
        self.segments = segments
        self.setObjectName("scriptLine")
        self.setProperty("selected", False)
        number = QLabel(str(position + 1))
        number.setObjectName("scriptLineNumber")
        number.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        if position < MAX_PICK_KEYS:
            number.setToolTip(self.tr("Pick this line: Alt+{n}").format(n=position + 1))
        self.text_label = QLabel(segments_html(segments, with_lead=with_lead))
        self.text_label.setObjectName("scriptLineText")
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        self.text_label.setWordWrap(True)
        # Not selectable: a click anywhere on the line picks it (a selectable label
        # would take the click and the keyboard focus), and the line is copied whole,
        # with Ctrl+C or its button, so that the copy is recorded as sent.
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.text_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.copy_button = QToolButton()
        self.copy_button.setObjectName("copyLineButton")
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy this line and record it as sent (Ctrl+C)"))
        # Clicking copy must leave the keyboard focus in the queue.
        self.copy_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.copy_button.clicked.connect(lambda: self.copy_clicked.emit(self.position))
        self.copy_button.setVisible(with_lead)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 5, 6, 5)
        row.setSpacing(8)
        row.addWidget(number)
        row.addWidget(self.text_label, 1)
        row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)

    def set_selected(self, selected: bool) -> None:
        self.setProperty("selected", selected)
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.picked.emit(self.position)
        super().mousePressEvent(event)


class ThreeQuestions(QFrame):
    """The template's answers to 目的 / 客户会怎么想 / 希望客户回复什么, caption first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("threeQuestions")
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 8, 4)
        column.setSpacing(2)
        self.captions = (
            self.tr("Purpose"),
            self.tr("What the customer will think"),
            self.tr("Reply you want"),
        )
        self.answers: list[QLabel] = []
        for _caption in self.captions:
            answer = QLabel()
            answer.setObjectName("questionAnswer")
            answer.setTextFormat(Qt.TextFormat.RichText)
            answer.setWordWrap(True)
            answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column.addWidget(answer)
            self.answers.append(answer)

    def show_template(self, template: TemplateView) -> None:
        texts = (template.purpose, template.customer_thinks, template.desired_reply)
        for label, caption, text in zip(self.answers, self.captions, texts, strict=True):
            answer = html.escape(text or self.tr("(not written yet)"))
            label.setText(f'<span style="{CAPTION_STYLE}">{html.escape(caption)}</span>　{answer}')

    def texts(self) -> list[str]:
        """The answers as plain text, caption first (for tests)."""
        return [label.text() for label in self.answers]


class TemplateBody(QWidget):
    """A template's title, then its three questions and its lines (one selected):
    beside each other when wide, the questions first when narrow — they are asked
    before sending, and on a short screen they must not fall below the fold."""

    copy_requested = Signal(int)  # line position
    line_picked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template: TemplateView | None = None
        self.rows: list[ScriptLineRow] = []
        self.current = -1
        self.copy_enabled = True
        self.title = QLabel()
        self.title.setObjectName("templateTitle")
        self.title.setWordWrap(True)
        self._lines_box = QVBoxLayout()
        self._lines_box.setSpacing(4)
        self.questions = ThreeQuestions()
        lines = QWidget()
        lines_column = QVBoxLayout(lines)
        lines_column.setContentsMargins(0, 0, 0, 0)
        lines_column.addLayout(self._lines_box)
        lines_column.addStretch(1)
        # Questions first: top-to-bottom they come first, right-to-left they are right.
        self._split = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._split.setContentsMargins(0, 0, 0, 0)
        self._split.setSpacing(8)
        self._split.addWidget(self.questions, 0, Qt.AlignmentFlag.AlignTop)
        self._split.addWidget(lines, 3)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(self.title)
        column.addLayout(self._split, 1)
        self.show_template(None, {}, with_lead=False)

    def show_template(
        self, template: TemplateView | None, values: dict[str, str], *, with_lead: bool
    ) -> None:
        """Render ``template`` with ``values``; keeps the selected line when it still exists."""
        if template is None or self.template is None or template.id != self.template.id:
            self.current = 0  # another script starts at its first line
        self.template = template
        for row in self.rows:
            # Off screen now: deleteLater alone would leave it drawn until the next loop.
            row.hide()
            self._lines_box.removeWidget(row)
            row.deleteLater()
        self.rows = []
        self.questions.setVisible(template is not None)
        if template is None:
            self.title.setText(self.tr("No script for this filter."))
            return
        self.title.setText(template.title)
        self.questions.show_template(template)
        for position, line in enumerate(template.lines):
            row = ScriptLineRow(position, render_line(line.text, values), with_lead=with_lead)
            row.picked.connect(self._on_row_picked)
            row.copy_clicked.connect(self.copy_requested)
            row.copy_button.setEnabled(self.copy_enabled)
            self._lines_box.addWidget(row)
            row.show()  # now, not on the next pass of the event loop
            self.rows.append(row)
        self.select_line(min(self.current, len(self.rows) - 1))

    def select_line(self, position: int) -> bool:
        if not 0 <= position < len(self.rows):
            return False
        self.current = position
        for row in self.rows:
            row.set_selected(row.position == position)
        return True

    def set_copy_enabled(self, enabled: bool) -> None:
        self.copy_enabled = enabled
        for row in self.rows:
            row.copy_button.setEnabled(enabled)

    def line_texts(self) -> list[str]:
        """The rendered lines as plain text (markers included), for tests and copying."""
        return ["".join(seg.text for seg in row.segments) for row in self.rows]

    def _on_row_picked(self, position: int) -> None:
        self.select_line(position)
        self.line_picked.emit(position)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        beside = event.size().width() >= BESIDE_MIN_WIDTH
        direction = QBoxLayout.Direction.RightToLeft if beside else QBoxLayout.Direction.TopToBottom
        if self._split.direction() != direction:
            self._split.setDirection(direction)
            # Beside: they share the width; stacked: the lines follow the questions closely.
            self._split.setStretchFactor(self.questions, 2 if beside else 0)
        super().resizeEvent(event)
