"""One customer at a glance: profile, stage, tags, the suggested hook, history.

Reusable (Today page now, the customer list later): it shows a
:class:`LeadDetail` and asks for writes by signal — revealing the phone and
changing the stage are the page's business. Pages may add tabs (the Today
page puts the scripts first).
"""

from __future__ import annotations

import html
import uuid
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractItemModel, QStringListModel, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from operator_app.core.domain import EventKind, FriendStatus, TagSource
from operator_app.core.hooks import HookKey
from operator_app.core.pacing import is_overdue
from operator_app.data.workspace_tags import MAX_TAG_LENGTH
from operator_app.data.workspace_types import LeadDetail, SuggestionView, TagView
from operator_app.ui import phrases
from operator_app.ui.detail_models import CouponsModel, OrdersModel, TimelineModel

RULE_MARK = "⚙"
REMOVE_MARK = "✕"
ADD_TAG_KEYS = "Ctrl+T"


def detail_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only, row-selecting table for a detail list."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class TagRow(QWidget):
    """A lead's tags: manual ones removable (✕), rule ones read-only (⚙), and a
    box to add one — a team tag picked from the completer, or a new name.

    ``add_requested(name)`` and ``remove_requested(name)`` carry the name as
    typed; the workspace trims and checks it. The typed text stays until the
    tag shows up on the lead, so a refused name is never lost.
    """

    add_requested = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadTags")
        self.chips: list[QWidget] = []
        self._choices = QStringListModel(self)
        self.input = QLineEdit()
        self.input.setObjectName("tagInput")
        self.input.setPlaceholderText(self.tr("+ Tag"))
        self.input.setMaxLength(MAX_TAG_LENGTH)
        self.input.setClearButtonEnabled(True)
        self.input.setFixedWidth(120)
        completer = QCompleter(self._choices, self.input)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.input.setCompleter(completer)
        self.input.returnPressed.connect(self._on_return)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(4)
        self._row.addWidget(self.input)
        self._row.addStretch(1)

    def add_trailing(self, widget: QWidget) -> None:
        """Put ``widget`` in the room the row has right of the box (it takes the
        row's stretch: a wrapping label there wraps only when the row is full)."""
        stretch = self._row.takeAt(self._row.count() - 1)  # the spacer after the box
        del stretch
        self._row.addWidget(widget, 1)

    def set_hint(self, keys: str) -> None:
        self.input.setToolTip(
            self.tr(
                "Add a tag: pick one of the team's tags or type a new one, "
                "then press Enter ({keys}). At most {limit} characters."
            ).format(keys=keys, limit=MAX_TAG_LENGTH)
        )

    def show_tags(self, tags: list[TagView], choices: tuple[str, ...]) -> None:
        for chip in self.chips:
            self._row.removeWidget(chip)
            chip.hide()  # deleteLater waits for the event loop: no flash meanwhile
            chip.deleteLater()
        self.chips = [self._chip(tag) for tag in tags]
        for i, chip in enumerate(self.chips):
            self._row.insertWidget(i, chip)
        own = {t.name for t in tags}
        self._choices.setStringList([c for c in choices if c not in own])
        if self.input.text().strip() in own:
            self.input.clear()  # the tag asked for is on the lead now

    def show_choices(self) -> None:
        """List every team tag the lead does not have yet, before anything is typed."""
        completer = self.input.completer()
        if completer is not None and self._choices.rowCount() > 0:
            completer.setCompletionPrefix(self.input.text())
            completer.complete()

    def chip_texts(self) -> list[str]:
        """The chips as they read on screen."""
        return [
            chip.text().replace("&&", "&") if isinstance(chip, QToolButton) else chip.text()
            for chip in self.chips
            if isinstance(chip, QToolButton | QLabel)
        ]

    def _chip(self, tag: TagView) -> QWidget:
        if tag.source == TagSource.RULE.value:
            label = QLabel(f"{RULE_MARK} {tag.name}")
            label.setObjectName("ruleTag")
            label.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
            label.setToolTip(self.tr("Rule tag: set automatically by a team rule, not by hand."))
            return label
        button = QToolButton()
        button.setObjectName("manualTag")
        # A button reads "&" as a shortcut mark: "&&" shows one "&".
        button.setText(f"{tag.name.replace('&', '&&')} {REMOVE_MARK}")
        button.setToolTip(self.tr("Remove the tag “{name}”").format(name=tag.name))
        button.setAccessibleName(self.tr("Remove the tag “{name}”").format(name=tag.name))
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda _=False, name=tag.name: self.remove_requested.emit(name))
        return button

    @Slot()
    def _on_return(self) -> None:
        # A completer popup's pick lands in the box first; Enter then adds it.
        if self.input.text().strip():
            self.add_requested.emit(self.input.text())


class LeadDetailView(QWidget):
    """A lead's profile and history; empty until :meth:`show_detail`.

    ``reveal_phone_requested(lead_id)``, ``stage_change_requested(lead_id,
    stage_key)`` and ``tag_change_requested(lead_id, name, on)`` ask the page
    to write; :meth:`show_phone` shows the answer. ``add_tag_action`` (Ctrl+T)
    puts the keyboard in the tag box; pages may list it in their menus.
    """

    reveal_phone_requested = Signal(object)
    stage_change_requested = Signal(object, str)
    tag_change_requested = Signal(object, str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadDetail")
        self.detail: LeadDetail | None = None
        self._revealed: uuid.UUID | None = None  # whose full number is on screen
        self.timeline_model = TimelineModel(self)
        self.orders_model = OrdersModel(self)
        self.coupons_model = CouponsModel(self)
        self._build_header()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("leadTabs")
        self.tabs.setDocumentMode(True)
        self.timeline_tab = self.tabs.addTab(self._build_timeline(), self.tr("Timeline"))
        self.orders_tab = self.tabs.addTab(self._build_orders(), self.tr("Orders && coupons"))
        self.notes_tab = self.tabs.addTab(self._build_notes(), self.tr("Notes"))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.tabs, 1)
        self.clear()

    # -- building -----------------------------------------------------------------

    def _build_header(self) -> None:
        self.header = QWidget()
        self.header.setObjectName("leadHeader")
        self.header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.name_label = _label("leadName")
        self.name_label.setWordWrap(False)
        self.phone_label = _label("leadPhone")
        self.reveal_button = QPushButton(self.tr("Show number"))
        self.reveal_button.setObjectName("revealPhoneButton")
        self.reveal_button.setToolTip(
            self.tr("Show the full phone number. Each look is recorded in the customer's history.")
        )
        self.reveal_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.reveal_button.clicked.connect(self._on_reveal_clicked)
        self.stage_combo = QComboBox()
        self.stage_combo.setObjectName("stageCombo")
        self.stage_combo.setToolTip(self.tr("Lifecycle stage"))
        self.stage_combo.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.stage_combo.activated.connect(self._on_stage_activated)
        self.opted_out_label = _label("optedOutBadge")
        self.opted_out_label.setText(self.tr("Opted out"))
        self.meta_label = _label("leadMeta")
        self.tags_row = TagRow()
        self.tags_row.add_requested.connect(self._on_tag_add)
        self.tags_row.remove_requested.connect(self._on_tag_remove)
        self.add_tag_action = QAction(self.tr("Add tag…"), self)
        self.add_tag_action.setShortcut(QKeySequence(ADD_TAG_KEYS))
        self.add_tag_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        keys = self.add_tag_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.add_tag_action.setToolTip(self.tr("Add tag ({keys})").format(keys=keys))
        self.add_tag_action.triggered.connect(self.focus_tag_input)
        self.addAction(self.add_tag_action)
        self.tags_row.set_hint(keys)
        self.suggestion_label = _label("leadSuggestion")
        self.suggestion_label.setTextFormat(Qt.TextFormat.RichText)
        self.touch_label = _label("leadTouch")
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.name_label)
        top.addWidget(self.phone_label)
        top.addWidget(self.reveal_button)
        top.addWidget(self.opted_out_label)
        top.addStretch(1)
        top.addWidget(self.stage_combo)
        column = QVBoxLayout(self.header)
        column.setContentsMargins(12, 8, 12, 8)
        column.setSpacing(4)
        column.addLayout(top)
        column.addWidget(self.meta_label)
        # Last and next contact share the tags' row: a line less above the script.
        self.touch_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tags_row.add_trailing(self.touch_label)
        column.addWidget(self.tags_row)
        column.addWidget(self.suggestion_label)

    def _build_timeline(self) -> QTableView:
        self.timeline_view = detail_table(self.timeline_model, "timelineView")
        return self.timeline_view

    def _build_orders(self) -> QWidget:
        self.orders_view = detail_table(self.orders_model, "ordersView")
        self.coupons_view = detail_table(self.coupons_model, "couponsView")
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 6, 0, 0)
        column.addWidget(_label("sectionCaption", self.tr("Orders")))
        column.addWidget(self.orders_view, 3)
        column.addWidget(_label("sectionCaption", self.tr("Coupons")))
        column.addWidget(self.coupons_view, 2)
        return page

    def _build_notes(self) -> QScrollArea:
        self.notes_label = _label("leadNotes")
        self.notes_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.notes_label)
        return scroll

    # -- showing ------------------------------------------------------------------

    def set_stages(self, stages: list[tuple[str, str]]) -> None:
        """The team's lifecycle stages as (key, name), in order."""
        current = self.stage_combo.currentData()
        self.stage_combo.blockSignals(True)
        self.stage_combo.clear()
        for key, name in stages:
            self.stage_combo.addItem(name, key)
        self.stage_combo.setCurrentIndex(max(0, self.stage_combo.findData(current)))
        self.stage_combo.blockSignals(False)

    def clear(self, message: str = "") -> None:
        """Nothing selected: say so, and offer no actions."""
        self.detail = None
        self._revealed = None
        self.name_label.setText(message or self.tr("Choose a customer in the list."))
        for label in (
            self.phone_label,
            self.meta_label,
            self.suggestion_label,
            self.touch_label,
            self.notes_label,
        ):
            label.clear()
        for model in (self.timeline_model, self.orders_model, self.coupons_model):
            model.set_rows([])
        self.reveal_button.setVisible(False)
        self.stage_combo.setVisible(False)
        self.opted_out_label.setVisible(False)
        self.tags_row.show_tags([], ())
        self.tags_row.setVisible(False)
        self.add_tag_action.setEnabled(False)

    def show_detail(self, detail: LeadDetail, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        self.detail = detail
        self.name_label.setText(detail.name)
        if self._revealed != detail.lead_id:
            self._revealed = None
            self.phone_label.setText(detail.phone_masked)
            self.reveal_button.setVisible(bool(detail.phone_masked))
            self.reveal_button.setEnabled(True)
        self._show_stage(detail.stage_key)
        self.opted_out_label.setVisible(detail.opted_out)
        self.meta_label.setText(self._meta_text(detail))
        self.tags_row.show_tags(detail.tags, detail.tag_choices)
        self.tags_row.setVisible(True)
        self.add_tag_action.setEnabled(True)
        self.suggestion_label.setText(
            self._suggestion_html(detail.suggestions, now, detail.follow_up_note)
        )
        self.touch_label.setText(self._touch_text(detail, now))
        self.notes_label.setText(self._notes_text(detail))
        self.timeline_model.set_rows(detail.timeline)
        self.orders_model.set_rows(detail.orders)
        self.coupons_model.now = now
        self.coupons_model.set_rows(detail.coupons)

    def show_phone(self, lead_id: uuid.UUID, phone: str) -> None:
        """The full number, after the operator asked for it."""
        if self.detail is None or self.detail.lead_id != lead_id:
            return
        self._revealed = lead_id
        self.phone_label.setText(phone)
        self.reveal_button.setVisible(False)

    def _notes_text(self, detail: LeadDetail) -> str:
        """The customer's standing notes, then every note written, newest first."""
        written = [
            f"{phrases.full_date_time(item.occurred_at)}  {item.operator_name}\n{item.detail}"
            for item in detail.timeline
            if item.kind == EventKind.NOTE.value
        ]
        parts = [detail.notes.strip(), *written] if detail.notes.strip() else written
        return "\n\n".join(parts) if parts else self.tr("No notes yet.")

    def _show_stage(self, stage_key: str) -> None:
        self.stage_combo.setVisible(self.stage_combo.count() > 0)
        self.stage_combo.blockSignals(True)
        self.stage_combo.setCurrentIndex(self.stage_combo.findData(stage_key))
        self.stage_combo.blockSignals(False)

    def _meta_text(self, detail: LeadDetail) -> str:
        parts = [detail.channel, detail.city, self._friend_text(detail.friend_status)]
        if detail.owner_name:
            parts.append(self.tr("Owner: {name}").format(name=detail.owner_name))
        if detail.birthday is not None:
            parts.append(
                self.tr("Birthday {month}/{day}").format(
                    month=detail.birthday.month, day=detail.birthday.day
                )
            )
        return " · ".join(part for part in parts if part)

    def _friend_text(self, status: str) -> str:
        labels = {
            FriendStatus.NOT_SENT.value: self.tr("Friend request not sent"),
            FriendStatus.PENDING.value: self.tr("Friend request pending"),
            FriendStatus.ACCEPTED.value: self.tr("WeCom friend"),
        }
        return labels.get(status, status)

    def _suggestion_html(
        self, suggestions: list[SuggestionView], now: datetime, agreed: str = ""
    ) -> str:
        if not suggestions:
            return html.escape(self.tr("No open hook: nothing to contact this customer about now."))
        top = suggestions[0]
        if is_overdue(top.original_due_at, now, top.held):
            when = phrases.overdue_phrase(top.original_due_at, now)
        elif top.parked:  # waiting on purpose: until when, then what
            when = self.tr("waiting until {when}").format(when=phrases.due_phrase(top.due_at, now))
        else:
            when = phrases.due_phrase(top.due_at, now)
        percent = round(top.expected_reply_rate * 100)
        if top.sample_size == 0:  # nothing measured yet: the domain.md prior, said so
            rate = self.tr("{rate}% (prior)").format(rate=percent)
        elif top.sample_size < phrases.MIN_RATE_SAMPLE:
            rate = self.tr("too few sends (n={n})").format(n=top.sample_size)
        else:
            rate = self.tr("{rate}% (n={n})").format(rate=percent, n=top.sample_size)
        head = self.tr("Suggested: {hook} · {when} · expected reply {rate}").format(
            hook=top.hook_name, when=when, rate=rate
        )
        lines = [f"<b>{html.escape(head)}</b>", html.escape(top.reason)]
        if top.hook_key == HookKey.FOLLOW_UP and " ".join(agreed.split()) not in top.reason:
            # The reason holds the agreed note; in full here when it had to be cut.
            lines.append(html.escape(self.tr("Agreed: {note}").format(note=agreed)))
        if top.pacing_note:
            lines.append(f'<span style="color:#b25e00;">{html.escape(top.pacing_note)}</span>')
        later = [s.hook_name for s in suggestions[1:]]
        if later:
            lines.append(
                html.escape(self.tr("Also open: {hooks}").format(hooks=phrases.join_list(later)))
            )
        return "<br/>".join(lines)

    def _touch_text(self, detail: LeadDetail, now: datetime) -> str:
        text = self.tr("Last contact: {when}").format(when=detail.last_touch_text)
        if detail.next_follow_up_at is not None:
            follow = phrases.due_phrase(detail.next_follow_up_at, now)
            text += " · " + self.tr("Next follow-up: {when}").format(when=follow)
        return text

    # -- slots ----------------------------------------------------------------------

    @Slot()
    def _on_reveal_clicked(self) -> None:
        if self.detail is not None:
            self.reveal_button.setEnabled(False)  # one request at a time
            self.reveal_phone_requested.emit(self.detail.lead_id)

    @Slot(int)
    def _on_stage_activated(self, index: int) -> None:
        key = self.stage_combo.itemData(index)
        if self.detail is not None and key and key != self.detail.stage_key:
            self.stage_change_requested.emit(self.detail.lead_id, str(key))

    @Slot()
    def focus_tag_input(self) -> None:
        if self.detail is not None:
            self.tags_row.input.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.tags_row.input.selectAll()
            if not self.tags_row.input.text():
                # An empty box shows the team's tags: picking beats remembering spellings.
                self.tags_row.show_choices()

    @Slot(str)
    def _on_tag_add(self, name: str) -> None:
        if self.detail is not None:
            self.tag_change_requested.emit(self.detail.lead_id, name, True)

    @Slot(str)
    def _on_tag_remove(self, name: str) -> None:
        if self.detail is not None:
            self.tag_change_requested.emit(self.detail.lead_id, name, False)

    def texts(self) -> list[str]:
        """What the header says, for tests and accessibility checks."""
        return [label.text() for label in self.header.findChildren(QLabel) if label.text()]


def _label(name: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    # Customer data is shown as typed: a "<" in a note must not turn into markup.
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
