"""The script panel: which template to use, its lines filled in for the lead, copy.

Used twice: on the Today page for the selected lead (the suggested hook's
templates first, copy records the line as sent) and on the Scripts page as
the library (every template, searchable, nothing to copy for). The panel
knows nothing of the workspace: it emits ``line_copied`` and the page
records it.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from operator_app.core.templates import PLACEHOLDERS, plain_text
from operator_app.data.workspace_types import TemplateView
from operator_app.ui import phrases
from operator_app.ui.script_lines import TemplateBody
from operator_app.ui.template_list_model import TemplateListModel

# Placeholders only a coupon fills: the panel offers to record one when they are missing.
COUPON_PLACEHOLDERS = frozenset({"coupon_amount", "coupon_expires", "days_left"})
COMPACT_LIST_ROWS = 3  # on the Today page the lines matter more than the list
LIBRARY_LIST_WIDTH = 300


class ScriptPanel(QWidget):
    """Templates, a search box, and the chosen template's lines and three questions.

    ``line_copied(lead_id, template_id, line_no)`` fires after a line was put
    on the clipboard, for the lead whose values filled it;
    ``custom_message_requested`` when the operator wants to log a message of
    their own; ``line_picked(position)`` when a line was clicked;
    ``coupon_requested`` when the shown script needs a coupon the customer
    does not have and the operator wants to record one.
    """

    line_copied = Signal(object, object, int)
    custom_message_requested = Signal()
    line_picked = Signal(int)
    coupon_requested = Signal()

    def __init__(self, *, library: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.lead_id: uuid.UUID | None = None
        self._values: dict[str, str] = {}
        self._hook_key: str | None = None
        self._rescoping = False
        self.model = TemplateListModel(self)
        self.search = QLineEdit()
        self.search.setObjectName("scriptSearch")
        self.search.setPlaceholderText(self.tr("Search scripts: title, text, purpose…"))
        self.search.setClearButtonEnabled(True)
        self.all_hooks = QCheckBox(self.tr("All hooks"))
        self.all_hooks.setToolTip(
            self.tr("List the templates of every hook, not only the suggested one")
        )
        self.list = self._build_list()
        self.body = TemplateBody()
        self.status = QLabel()
        self.status.setObjectName("scriptStatus")
        self.status.setWordWrap(True)
        self.custom_button = QPushButton(self.tr("Custom message…"))
        self.custom_button.setToolTip(self.tr("Log a message you wrote yourself (Ctrl+M)"))
        self.custom_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.coupon_button = QPushButton(self.tr("Give coupon…"))
        self.coupon_button.setObjectName("couponButton")
        self.coupon_button.setToolTip(
            self.tr("This script needs a coupon: record the one you give the customer")
        )
        self.coupon_button.hide()
        self._lay_out()
        self.coupon_button.clicked.connect(self.coupon_requested)
        self.search.textChanged.connect(self._on_scope_changed)
        self.all_hooks.toggled.connect(self._on_scope_changed)
        self.body.copy_requested.connect(self._on_copy_requested)
        self.body.line_picked.connect(self.line_picked)
        self.custom_button.clicked.connect(self.custom_message_requested)
        self.all_hooks.setVisible(not library)
        self.custom_button.setVisible(not library)
        self.all_hooks.setChecked(library)
        self.set_lead(None, {}, None)

    # -- building -----------------------------------------------------------------

    def _build_list(self) -> QListView:
        view = QListView()
        view.setObjectName("templateList")
        view.setModel(self.model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setUniformItemSizes(True)
        view.setAccessibleName(self.tr("Scripts"))
        view.selectionModel().currentChanged.connect(self._on_template_changed)
        return view

    def _lay_out(self) -> None:
        scroll = QScrollArea()
        scroll.setObjectName("templateScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.body)
        # Search and "all hooks" in one widget: a page short of height may move it.
        self.toolbar = QWidget()
        self.toolbar.setObjectName("scriptToolbar")
        top = QHBoxLayout(self.toolbar)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.all_hooks)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 8)
        column.setSpacing(6)
        column.addWidget(self.toolbar)
        if self.library:
            top.addWidget(self.custom_button)
            split = QSplitter(Qt.Orientation.Horizontal)
            split.addWidget(self.list)
            split.addWidget(scroll)
            split.setStretchFactor(1, 1)
            split.setSizes([LIBRARY_LIST_WIDTH, 800])
            column.addWidget(split, 1)
        else:
            self.model.modelReset.connect(self._fit_compact_list)
            # Beside the template list, the custom message costs no height of its own.
            chooser = QHBoxLayout()
            chooser.addWidget(self.list, 1)
            chooser.addWidget(self.custom_button, 0, Qt.AlignmentFlag.AlignTop)
            column.addLayout(chooser)
            column.addWidget(scroll, 1)
        self.lines_scroll = scroll
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.coupon_button)
        column.addLayout(bottom)

    # -- what pages call ----------------------------------------------------------

    def set_templates(self, templates: list[TemplateView]) -> None:
        keep = self.current_template()
        self.model.set_templates(templates)
        self._rescope(keep, force=False)

    def set_lead(
        self, lead_id: uuid.UUID | None, values: dict[str, str], hook_key: str | None
    ) -> None:
        """Fill the lines for ``lead_id`` (None: the library, nothing to fill).

        The same lead shown again (after a write) keeps the template and line
        in use, even when its suggested hook moved on: the operator is
        usually half-way through that script.
        """
        same_lead = lead_id is not None and lead_id == self.lead_id
        if not same_lead:
            self.body.current = 0
            self._say("", "")
        self.lead_id = lead_id
        self._values = values
        self._hook_key = hook_key
        self._rescope(self.current_template() if same_lead else None, force=same_lead)

    def current_template(self) -> TemplateView | None:
        return self.model.template_at(self.list.currentIndex().row())

    def pick_line(self, position: int) -> bool:
        """Select line ``position`` (0-based) of the shown template."""
        picked = self.body.select_line(position)
        self._reveal_current()
        return picked

    def _reveal_current(self) -> None:
        """The selected line stays in view (a copy moves the selection on to the next)."""
        if 0 <= self.body.current < len(self.body.rows):
            self.lines_scroll.ensureWidgetVisible(self.body.rows[self.body.current], 0, 4)

    def line_texts(self) -> list[str]:
        return self.body.line_texts()

    def copy_current_line(self) -> bool:
        """Put the selected line on the clipboard; False (and why, in the panel) if not."""
        template, position = self.body.template, self.body.current
        if self.lead_id is None or template is None or not 0 <= position < len(self.body.rows):
            self._say("warn", self.tr("Choose a customer and a script line first."))
            return False
        if not self.body.copy_enabled:
            # The lines on screen belong to the customer before; theirs are loading.
            self._say("warn", self.tr("One moment: this customer's details are still loading."))
            return False
        segments = self.body.rows[position].segments
        number = position + 1
        if any(seg.kind == "invalid" for seg in segments):
            self._say(
                "error",
                self.tr(
                    "Line {n} has a broken placeholder, so nothing was copied. "
                    "Ask your team lead to fix this script."
                ).format(n=number),
            )
            return False
        missing = [
            PLACEHOLDERS.get(s.placeholder, s.placeholder) for s in segments if s.kind == "missing"
        ]
        if missing:
            # A marker pasted into WeChat would reach the customer, and the line
            # would count as sent: the line does not fit this customer yet.
            names = phrases.join_list(missing)
            if self.needs_coupon():  # the offer beside the message: Space records one
                self._say(
                    "warn",
                    self.tr(
                        "Line {n} needs {names}, so nothing was copied. Give the customer "
                        "a coupon first (Space), then copy again."
                    ).format(n=number, names=names),
                )
                self.coupon_button.setFocus()
                return False
            self._say(
                "warn",
                self.tr(
                    "Line {n} needs {names}, which this customer does not have, so nothing "
                    "was copied. Write it as a custom message instead."
                ).format(n=number, names=names),
            )
            return False
        QGuiApplication.clipboard().setText(plain_text(segments))
        self.line_copied.emit(self.lead_id, template.id, template.lines[position].line_no)
        self._say("ok", self.tr("Copied line {n}.").format(n=number))
        # The next Ctrl+C sends the next line: scripts are sent in order.
        self.body.select_line(position + 1)
        self._reveal_current()
        return True

    def set_copy_enabled(self, enabled: bool) -> None:
        """Off while another customer's values load, so a line is never copied (and
        recorded) for the wrong customer."""
        self.body.set_copy_enabled(enabled)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- internals ----------------------------------------------------------------

    @Slot()
    def _fit_compact_list(self) -> None:
        """As tall as its templates, up to a few rows: the lines need the room."""
        rows = max(1, min(COMPACT_LIST_ROWS, self.model.rowCount()))
        row_height = self.list.sizeHintForRow(0) if self.model.rowCount() else 0
        row_height = max(row_height, self.fontMetrics().height() + 6)
        self.list.setFixedHeight(row_height * rows + 2 * self.list.frameWidth() + 2)

    def _say(self, state: str, text: str) -> None:
        self.status.setProperty("state", state)
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def needs_coupon(self) -> bool:
        """True when the shown script has a coupon placeholder this customer cannot fill."""
        return any(
            seg.kind == "missing" and seg.placeholder in COUPON_PLACEHOLDERS
            for row in self.body.rows
            for seg in row.segments
        )

    def _render(self) -> None:
        self.body.show_template(
            self.current_template(), self._values, with_lead=self.lead_id is not None
        )
        self.coupon_button.setVisible(not self.library and self.needs_coupon())

    def _rescope(self, keep: TemplateView | None, *, force: bool) -> None:
        """Re-filter the list, keep ``keep`` current if listed (always, with ``force``),
        and render once."""
        self._rescoping = True
        try:
            self.model.set_scope(
                self._hook_key,
                all_hooks=self.all_hooks.isChecked(),
                search=self.search.text(),
                keep_id=keep.id if (keep is not None and force) else None,
            )
            row = self.model.row_of(keep.id) if keep is not None else -1
            if self.model.rowCount() > 0:
                self.list.selectionModel().setCurrentIndex(
                    self.model.index(max(row, 0), 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect,
                )
        finally:
            self._rescoping = False
        self._render()

    @Slot()
    def _on_scope_changed(self) -> None:
        self._rescope(self.current_template(), force=False)

    @Slot(QModelIndex, QModelIndex)
    def _on_template_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._rescoping:
            self._render()

    @Slot(int)
    def _on_copy_requested(self, position: int) -> None:
        self.body.select_line(position)
        self.copy_current_line()
