"""The Today page: who to contact now, why, what to say, and one key to log it.

Left, the queue (overdue first). Right, the selected customer: the
suggested hook, the scripts filled in for them, their history, and the
outcome buttons. Every write goes through :class:`WorkspaceOps`; its
``Changes`` reload the queue off the GUI thread and keep the selection on
the same customer when they are still listed (else on the one after).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QMessageBox, QSplitter, QVBoxLayout, QWidget

from operator_app.core.domain import EventKind, FriendStatus
from operator_app.data.workspace import LeadNotFound
from operator_app.data.workspace_types import Changes, LeadDetail, QueueRow, QueueSnapshot
from operator_app.ui import coupon_dialog, phrases
from operator_app.ui import queue_model as qm
from operator_app.ui.custom_message_dialog import (
    CustomMessage,
    CustomMessageDialog,
    Done,
    Failed,
    NoteDialog,
)
from operator_app.ui.i18n import known_error_text
from operator_app.ui.lead_detail import LeadDetailView
from operator_app.ui.outcome_bar import OutcomeBar, quick_follow_up
from operator_app.ui.queue_model import QueueModel, utc_now
from operator_app.ui.queue_panel import QueuePanel
from operator_app.ui.script_panel import ScriptPanel
from operator_app.ui.today_actions import TodayActions
from operator_app.ui.workspace_ops import WorkspaceOps

# At 1366 px: the queue with its counts row, and the script with two rows of outcomes.
QUEUE_SHARE, DETAIL_SHARE = 52, 48


class TodayPage(QWidget):
    """The operator's queue with the selected lead's detail, scripts and outcomes.

    ``queue_loaded`` fires after each queue load; ``status_message(text)``
    carries short confirmations for the window's status bar.
    """

    queue_loaded = Signal()
    ready = Signal()  # once: the first queue and the first customer's detail are shown
    status_message = Signal(str)

    def __init__(
        self,
        ops: WorkspaceOps,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_today")
        self.ops = ops
        self._clock = clock
        self.lead_id: uuid.UUID | None = None
        self.detail: LeadDetail | None = None
        self.dialog: CustomMessageDialog | NoteDialog | coupon_dialog.CouponDialog | None = None
        self.last_message = ""
        self._loading = False
        self._reload_again = False
        self._resume_row: int | None = None  # where "next" goes after the lead moved away
        self.removed_notice: str | None = None  # the selected lead left this person's list
        self._restoring = False
        self._is_ready = False
        self._sized = False
        self.model = QueueModel(self, clock=clock)
        self.queue = QueuePanel(self.model)
        self.commands = TodayActions(self)
        self.detail_view = LeadDetailView()
        self.scripts = ScriptPanel()
        self.detail_view.tabs.insertTab(0, self.scripts, self.tr("Scripts"))
        self.detail_view.tabs.setCurrentIndex(0)
        # The script search sits beside the tabs: a row less, so that on a 728-pixel
        # high window the first line and its three questions show without scrolling.
        self.detail_view.tabs.setCornerWidget(self.scripts.toolbar)
        self.detail_view.tabs.currentChanged.connect(self._on_tab_changed)
        self.outcome_bar = OutcomeBar(
            [
                *self.commands.outcomes.values(),
                self.commands.friend_request,
                self.commands.friend_accepted,
            ]
        )
        # Ctrl+T from anywhere on the page, the queue included.
        self.addAction(self.detail_view.add_tag_action)
        self._lay_out()
        self._connect()
        self._set_lead_enabled(False)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        # Share the width once, when it is known; afterwards the operator's drag rules.
        if not self._sized:
            self._sized = True
            width = self.splitter.width()
            queue = width * QUEUE_SHARE // (QUEUE_SHARE + DETAIL_SHARE)
            self.splitter.setSizes([queue, width - queue])
        super().showEvent(event)
        # Keyboard-first: arriving on the page puts the keys in the queue.
        self.queue.focus_table()

    def _lay_out(self) -> None:
        right = QWidget()
        right.setObjectName("leadPane")
        column = QVBoxLayout(right)
        column.setContentsMargins(6, 10, 12, 10)
        column.setSpacing(8)
        column.addWidget(self.detail_view, 1)
        column.addWidget(self.outcome_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, QUEUE_SHARE)
        self.splitter.setStretchFactor(1, DETAIL_SHARE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)

    def _connect(self) -> None:
        self.ops.changed.connect(self._on_changed)
        selection = self.queue.table.selectionModel()
        selection.currentRowChanged.connect(self._on_current_row_changed)
        selection.selectionChanged.connect(self._on_selection_changed)
        self.queue.filter_changed.connect(self._on_filter_changed)
        self.detail_view.reveal_phone_requested.connect(self._on_reveal_phone)
        self.detail_view.stage_change_requested.connect(self._on_stage_change)
        self.detail_view.tag_change_requested.connect(self._on_tag_change)
        self.scripts.line_copied.connect(self._on_line_copied)
        self.scripts.line_picked.connect(self._back_to_queue)
        self.scripts.custom_message_requested.connect(self.open_custom_message)
        self.scripts.coupon_requested.connect(self.open_coupon)
        self.outcome_bar.follow_up_chosen.connect(self._on_follow_up_chosen)
        a = self.commands
        for kind, action in a.outcomes.items():
            action.triggered.connect(lambda _=False, k=kind: self.record_outcome(k))
        a.friend_request.triggered.connect(self.record_friend_request)
        a.friend_accepted.triggered.connect(self.record_friend_accepted)
        a.next_lead.triggered.connect(self.next_lead)
        a.down.triggered.connect(lambda: self._step(1))
        a.up.triggered.connect(lambda: self._step(-1))
        a.copy_line.triggered.connect(self._copy_line)
        a.custom_message.triggered.connect(self.open_custom_message)
        a.give_coupon.triggered.connect(self.open_coupon)
        a.find.triggered.connect(self.queue.focus_search)
        a.follow_up_tomorrow.triggered.connect(
            lambda: self._on_follow_up_chosen(quick_follow_up("tomorrow", self._clock()))
        )
        for n, action in enumerate(a.pick_line):
            action.triggered.connect(lambda _=False, i=n: self._pick_line(i))

    # -- loading ------------------------------------------------------------------

    def start(self) -> None:
        """First load: templates and the stored queue at once (off the GUI thread),
        then a recompute if the stored suggestions are stale."""
        self.load_templates()
        self.reload_queue()
        self.refresh_if_stale()

    def refresh_if_stale(self) -> None:
        """Hooks come due and lapse with time: recompute hourly, in the background."""
        self.ops.read(lambda ws: ws.refresh_if_stale(), self._on_refreshed)

    def _on_refreshed(self, recomputed: bool) -> None:
        if recomputed:
            self.reload_queue()

    def load_templates(self) -> None:
        self.ops.read(lambda ws: ws.templates(), self.scripts.set_templates)

    def reload_queue(self) -> None:
        # One load at a time; writes that land meanwhile ask for one more.
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        self.ops.read(lambda ws: ws.queue(), self._on_queue, self._on_queue_failed)

    def _on_queue(self, snapshot: QueueSnapshot) -> None:
        self._loading = False
        if self._reload_again:
            self._reload_again = False
            self.reload_queue()
            return
        old_row = self.queue.current_row()
        self.detail_view.set_stages(snapshot.stages)
        self._restoring = True
        try:
            self.queue.show_snapshot(snapshot, keep=self.lead_id, keep_at=old_row)
        finally:
            self._restoring = False
        self._restore_selection(old_row)
        self.queue_loaded.emit()
        if self.lead_id is None:
            self._mark_ready()

    def _on_queue_failed(self, exc: Exception) -> None:
        self._loading = False
        self._reload_again = False
        self.ops.report(exc)
        self.queue_loaded.emit()
        self._mark_ready()

    def _restore_selection(self, old_row: int) -> None:
        """Same lead if still listed (it may have moved), else whoever took its place."""
        row = self.model.row_of(self.lead_id) if self.lead_id is not None else -1
        if row < 0 and self.removed_notice is not None:
            self._park(old_row)
            return
        if row >= 0:
            if old_row >= 0 and row != old_row:
                self._resume_row = old_row
            self._select(row, keep_resume=True)
        elif self.model.rowCount() > 0:
            self._select(min(max(old_row, 0), self.model.rowCount() - 1))
        else:
            self._show_no_lead()

    def _load_detail(self, lead_id: uuid.UUID) -> None:
        self.ops.read(
            lambda ws: (ws.lead_detail(lead_id), ws.placeholder_values(lead_id)),
            lambda result: self._on_detail(lead_id, *result),
            lambda exc: self._on_detail_failed(lead_id, exc),
        )

    def _on_detail(self, lead_id: uuid.UUID, detail: LeadDetail, values: dict[str, str]) -> None:
        if lead_id != self.lead_id:
            return  # the operator has moved on; a newer load is coming
        self.detail = detail
        self.detail_view.show_detail(detail, self._clock())
        self.commands.friend_request.setVisible(detail.friend_status != FriendStatus.ACCEPTED)
        self.commands.friend_accepted.setVisible(detail.friend_status == FriendStatus.PENDING)
        hook = detail.suggestions[0].hook_key if detail.suggestions else None
        self.scripts.set_lead(lead_id, values, hook)
        self._set_lead_enabled(True)
        self._mark_ready()

    def _on_detail_failed(self, lead_id: uuid.UUID, exc: Exception) -> None:
        if lead_id != self.lead_id:
            return
        if isinstance(exc, LeadNotFound):
            self.detail_view.clear(known_error_text(exc))
            self.reload_queue()
        else:
            self.ops.report(exc)
        self._mark_ready()

    def _mark_ready(self) -> None:
        if not self._is_ready:
            self._is_ready = True
            self.ready.emit()

    # -- selection ----------------------------------------------------------------

    def select_lead(self, lead_id: uuid.UUID) -> bool:
        """Show ``lead_id`` (clearing filters that hide it); False if not in the queue."""
        row = self.model.row_of(lead_id)
        if row < 0 and not self.model.current_filter().is_empty():
            self.queue.clear_filters()
            row = self.model.row_of(lead_id)
        if row < 0:  # due later, or nothing open: show everyone
            self.queue.set_scope(qm.WHEN_ALL)
            row = self.model.row_of(lead_id)
        if row < 0:
            return False
        self._select(row)
        self.queue.focus_table()
        return True

    def _select(self, row: int, *, keep_resume: bool = False) -> None:
        resume = self._resume_row
        self.queue.select_row(row)
        if keep_resume:
            self._resume_row = resume

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring:
            return  # a reset in progress; the selection is restored right after
        self._resume_row = None
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is not None:
            self._open(row)

    def _open(self, row: QueueRow) -> None:
        self.removed_notice = None
        if row.lead_id == self.lead_id:
            return
        self.lead_id = row.lead_id
        self.detail = None
        self._set_lead_enabled(False)
        self.outcome_bar.reset_picker(self._clock())
        self._load_detail(row.lead_id)

    def _park(self, old_row: int) -> None:
        """The customer on screen left this person's list: the cursor stays where they
        were and nobody is opened, so a key meant for them never lands on the next one."""
        target = min(max(old_row, 0), self.model.rowCount() - 1)
        if target < 0:
            return
        self._restoring = True
        try:
            self.queue.table.selectionModel().setCurrentIndex(
                self.model.index(target, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        finally:
            self._restoring = False

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        # After _park, a click on the parked row selects it without moving the cursor.
        if self.removed_notice is None or self._restoring:
            return
        row = self.model.row_at(self.queue.current_row())
        if row is not None:
            self._open(row)

    @Slot()
    def _on_filter_changed(self) -> None:
        self._restore_selection(-1)

    def _show_no_lead(self) -> None:
        self.lead_id = None
        self.detail = None
        self.detail_view.clear()
        self.scripts.set_lead(None, {}, None)
        self._set_lead_enabled(False)

    @Slot()
    def next_lead(self) -> None:
        """The next customer in the queue (where the last one was, if it moved down)."""
        current = self.queue.current_row()
        parked = self.model.row_at(current) if self.removed_notice is not None else None
        if parked is not None:  # whoever took the removed customer's place
            self._select(current)
            self._open(parked)
            self.queue.focus_table()
            return
        target = self._resume_row if self._resume_row is not None else current + 1
        if target == current:
            target += 1
        target = min(target, self.model.rowCount() - 1)
        if target >= 0:
            self._select(target)
        self._show_scripts()
        self.queue.focus_table()

    @Slot(int)
    def _on_tab_changed(self, _index: int) -> None:
        self.scripts.toolbar.setVisible(self.detail_view.tabs.currentWidget() is self.scripts)

    def _show_scripts(self) -> None:
        """The next customer starts on their scripts, whichever tab the last one ended on."""
        self.detail_view.tabs.setCurrentWidget(self.scripts)

    def _step(self, delta: int) -> None:
        self._select(max(0, min(self.queue.current_row() + delta, self.model.rowCount() - 1)))

    def _pick_line(self, position: int) -> None:
        self._show_scripts()
        self.scripts.pick_line(position)
        self._back_to_queue()

    @Slot()
    def _copy_line(self) -> None:
        # From the timeline too: the scripts come to the front, so the operator sees
        # which line went to the clipboard (and was recorded as sent).
        self._show_scripts()
        self.scripts.copy_current_line()
        self._back_to_queue()

    @Slot()
    def _back_to_queue(self) -> None:
        """After an action the keys belong to the queue again (J/K move, arrows too),
        wherever the click or key that started it was."""
        self.queue.focus_table()

    def _set_lead_enabled(self, enabled: bool) -> None:
        """Writes need the selected customer's detail on screen (it is loading otherwise)."""
        for action in (*self.commands.lead_actions(), self.detail_view.add_tag_action):
            action.setEnabled(enabled)
        self.outcome_bar.set_lead_enabled(enabled)
        self.scripts.set_copy_enabled(enabled)

    # -- writes -------------------------------------------------------------------

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        # The customer's detail first: it is quick, and carries the new suggested
        # hook, while a big queue takes a moment longer to re-read.
        if self.lead_id is not None and self.lead_id in changes.lead_ids:
            self._load_detail(self.lead_id)
        if changes.templates:
            self.load_templates()
        if changes.queue and changes.lead_ids:
            ids = list(changes.lead_ids)
            self.ops.read(lambda ws: ws.queue_rows(ids), self.model.patch_rows)
        if changes.queue:
            self.reload_queue()

    # -- sync results -------------------------------------------------------------

    @Slot(object)
    def on_leads_changed(self, lead_ids: set[uuid.UUID]) -> None:
        """A pull brought changes to these leads: re-read them as after a local write."""
        self._on_changed(Changes(lead_ids=frozenset(lead_ids), queue=True))

    @Slot(object)
    def on_leads_removed(self, removed: list[tuple[uuid.UUID, str]]) -> None:
        """Leads left this person's list; the one on screen, if among them, says so."""
        names = dict(removed)
        if self.lead_id is not None and self.lead_id in names:
            self._show_removed(names[self.lead_id])
        self.reload_queue()

    @Slot(bool)
    def on_data_pulled(self, full_load: bool) -> None:
        """Scripts or settings may have changed too; a full reload changed everything."""
        self.load_templates()
        if full_load:
            self.reload_queue()
        self.refresh_if_stale()

    def _show_removed(self, name: str) -> None:
        self.removed_notice = self.tr("{name} is no longer on your list").format(name=name)
        self.lead_id = None
        self.detail = None
        self.detail_view.clear(self.removed_notice)
        self.detail_view.meta_label.setText(
            self.tr(
                "The customer was moved to a colleague or back to the pool. What you logged "
                "before goes with them. Press Ctrl+Enter for the next customer."
            )
        )
        self.scripts.set_lead(None, {}, None)
        self._set_lead_enabled(False)

    def record_outcome(self, kind: EventKind) -> None:
        lead, detail = self.lead_id, self.detail
        if lead is None or detail is None:
            return
        if kind == EventKind.NOTE:
            self.open_note()
            return
        self._back_to_queue()
        if kind == EventKind.OPTED_OUT and not self._confirm_opt_out(detail.name):
            return
        label = self.commands.outcomes[kind].text().rstrip("…")
        self.ops.write(
            lambda ws: ws.record_outcome(lead, kind),
            lambda _c: self._say(
                self.tr("{name}: {outcome}").format(name=detail.name, outcome=label)
            ),
        )

    def _confirm_opt_out(self, name: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Opted out"),
            self.tr("Record that {name} does not want to be contacted any more?").format(name=name),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(self.tr("No hook will suggest contacting this customer again."))
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("Record opt-out"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Ok.value

    @Slot()
    def record_friend_request(self) -> None:
        """The WeCom friend request went out (the first one, or once more)."""
        lead, detail = self.lead_id, self.detail
        if lead is None or detail is None or detail.friend_status == FriendStatus.ACCEPTED:
            return
        self._back_to_queue()
        self.ops.write(
            lambda ws: ws.record_friend_request_sent(lead),
            lambda _c: self._say(self.tr("{name}: friend request sent").format(name=detail.name)),
        )

    @Slot()
    def record_friend_accepted(self) -> None:
        """The customer accepted the WeCom friend request (pending customers only)."""
        lead, detail = self.lead_id, self.detail
        if lead is None or detail is None or detail.friend_status != FriendStatus.PENDING:
            return
        self._back_to_queue()
        self.ops.write(
            lambda ws: ws.record_friend_accepted(lead),
            lambda _c: self._say(self.tr("{name}: friend accepted").format(name=detail.name)),
        )

    @Slot(object, str, bool)
    def _on_tag_change(self, lead_id: uuid.UUID, name: str, on: bool) -> None:
        who = self.detail.name if self.detail is not None else ""
        tag = name.strip()
        done = (
            self.tr("{name}: tag “{tag}” added") if on else self.tr("{name}: tag “{tag}” removed")
        ).format(name=who, tag=tag)
        # A refused name stays in the box (TagRow): the operator fixes it and presses Enter.
        self.ops.write(lambda ws: ws.set_tag(lead_id, name, on), lambda _c: self._say(done))

    @Slot(object, object, int)
    def _on_line_copied(self, lead: uuid.UUID, template_id: uuid.UUID, line_no: int) -> None:
        self.ops.write(lambda ws: ws.record_sent_line(lead, template_id, line_no))

    @Slot(object)
    def _on_follow_up_chosen(self, at: datetime) -> None:
        lead, detail = self.lead_id, self.detail
        if lead is None or detail is None:
            return
        when = phrases.due_phrase(at, self._clock())
        note = self.outcome_bar.agreed_note()
        self.outcome_bar.agreed.clear()
        self._back_to_queue()
        self.ops.write(
            lambda ws: ws.set_follow_up(lead, at, note),
            lambda _c: self._say(
                self.tr("{name}: next follow-up {when}").format(name=detail.name, when=when)
            ),
        )

    @Slot(object)
    def _on_reveal_phone(self, lead_id: uuid.UUID) -> None:
        def shown(phone: str) -> None:
            self.detail_view.show_phone(lead_id, phone)
            self._load_detail(lead_id)  # the look is now in the timeline

        self.ops.read(lambda ws: ws.reveal_phone(lead_id), shown, self._on_reveal_failed)

    def _on_reveal_failed(self, exc: Exception) -> None:
        self.detail_view.reveal_button.setEnabled(True)
        self.ops.report(exc)

    @Slot(object, str)
    def _on_stage_change(self, lead_id: uuid.UUID, stage_key: str) -> None:
        self.ops.write(lambda ws: ws.set_stage(lead_id, stage_key), on_error=self._on_stage_failed)

    def _on_stage_failed(self, exc: Exception) -> None:
        if self.detail is not None:
            self.detail_view.show_detail(self.detail, self._clock())  # back to the stored stage
        self.ops.report(exc)

    # -- dialogs ------------------------------------------------------------------

    @Slot()
    def open_custom_message(self) -> CustomMessageDialog | None:
        lead, detail = self.lead_id, self.detail
        if lead is None or detail is None:
            return None

        def submit(message: CustomMessage, done: Done, failed: Failed) -> None:
            self.ops.write(
                lambda ws: ws.record_custom_message(
                    lead,
                    message.text,
                    message.purpose,
                    message.customer_thinks,
                    message.desired_reply,
                ),
                lambda _c: done(),
                failed,
            )

        dialog = CustomMessageDialog(detail.name, submit, self)
        self._open_dialog(dialog)
        return dialog

    @Slot()
    def open_coupon(self) -> coupon_dialog.CouponDialog | None:
        """Record the coupon given to the current customer (the 入个微 script needs one)."""
        lead, detail = self.lead_id, self.detail
        if lead is None or detail is None:
            return None
        dialog = coupon_dialog.open_for_lead(self.ops, lead, detail.name, self, now=self._clock)
        self._open_dialog(dialog)
        return dialog

    def open_note(self) -> NoteDialog | None:
        lead, detail = self.lead_id, self.detail
        if lead is None or detail is None:
            return None

        def submit(text: str, done: Done, failed: Failed) -> None:
            self.ops.write(
                lambda ws: ws.record_outcome(lead, EventKind.NOTE, text), lambda _c: done(), failed
            )

        dialog = NoteDialog(detail.name, submit, self)
        self._open_dialog(dialog)
        return dialog

    def _open_dialog(
        self, dialog: CustomMessageDialog | NoteDialog | coupon_dialog.CouponDialog
    ) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    @Slot()
    def _on_dialog_finished(self) -> None:
        self.dialog = None
        self.queue.focus_table()

    # -- feedback -----------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.last_message = text
        self.status_message.emit(text)

    def menu_groups(self) -> list[list[QAction]]:
        return [*self.commands.menu_groups(), [self.detail_view.add_tag_action]]

    def tick(self) -> None:
        """A minute passed: re-word relative times on screen; recompute when stale."""
        self.model.tick()
        self.refresh_if_stale()
