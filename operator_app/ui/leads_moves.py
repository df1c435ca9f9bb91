"""The team lead's moves on the 客户 page: 转给…, 转回公海, 员工离职 and 撤销.

A bar of buttons (and the page's shortcuts) over the shared database: every
move runs off the GUI thread, in one transaction of data.lead_moves, and is
then announced (``moved``, ``status_message``) and followed by a sync so the
cache catches up (``sync_requested``). Offline the buttons are disabled and
the bar says why.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget
from sqlalchemy import Engine

from operator_app.data import lead_moves as moves
from operator_app.data.lead_list import OwnerOption
from operator_app.data.queries import OperatorInfo
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.leads_dialogs import LeaverChoice, LeaverDialog, ReassignDialog
from operator_app.ui.runner import Runner

UNDO_MS = 2 * 60 * 1000  # how long 撤销 stays offered after a reassignment


class MoveSource(Protocol):
    """What the bar needs of the page's source."""

    @property
    def person(self) -> OperatorInfo: ...
    @property
    def shared(self) -> Engine | None: ...
    @property
    def offline_reason(self) -> str: ...
    @property
    def manager(self) -> bool: ...


@dataclass(frozen=True)
class MoveDone:
    """What a move did; for a reassignment, what 撤销 would put back."""

    moved: int
    undo: moves.Reassignment | None = None
    restored: moves.Restored | None = None  # what an undo did


class MoveBar(QWidget):
    """Buttons and shortcuts for the moves; ``selected()``, ``people()`` and
    ``in_pool()`` (the pool list is on screen) come from the page.

    ``moved(int)`` fires after each move (or undo) with the number moved.
    """

    moved = Signal(int)
    status_message = Signal(str)
    sync_requested = Signal()

    def __init__(
        self,
        source: MoveSource,
        runner: Runner,
        reporter: ErrorReporter,
        selected: Callable[[], list[uuid.UUID]],
        people: Callable[[], list[OwnerOption]],
        in_pool: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.dialog: QDialog | None = None
        self.last_move: moves.Reassignment | None = None  # what 撤销 puts back
        # 撤销 is for a slip just made: after a while the customers may have been
        # worked on by their new owner, and putting them back would surprise.
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.setInterval(UNDO_MS)
        self.undo_timer.timeout.connect(self._on_undo_timeout)
        self._runner = runner
        self._reporter = reporter
        self._selected = selected
        self._people = people
        self._in_pool = in_pool
        self._busy = False
        self.reassign_action = self._action(self.tr("Reassign to…"), "Ctrl+G", self.open_reassign)
        self.pool_action = self._action(
            self.tr("Back to the pool"), "Ctrl+Shift+P", self.return_to_pool
        )
        self.leaves_action = self._action(self.tr("Operator leaves…"), "", self.open_leaver)
        self.undo_action = self._action(self.tr("Undo"), "Ctrl+Z", self.undo)
        self._lay_out()

    def _action(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            # The page adds these too: they work wherever the focus is on the page.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        return action

    def _lay_out(self) -> None:
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons = {
            action: self._button(action)
            for action in (
                self.reassign_action,
                self.pool_action,
                self.leaves_action,
                self.undo_action,
            )
        }
        for button in self.buttons.values():
            row.addWidget(button)
        self.undo_button = self.buttons[self.undo_action]
        self.selection_label = QLabel()
        self.offline_label = QLabel()
        self.offline_label.setObjectName("leadsOffline")
        self.offline_label.setTextFormat(Qt.TextFormat.PlainText)  # a server's error text
        self.offline_label.setWordWrap(True)
        row.addWidget(self.selection_label)
        row.addWidget(self.offline_label, 1)

    def _button(self, action: QAction) -> QPushButton:
        button = QPushButton(action.text())
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{action.text()} ({keys})" if keys else action.text())
        button.clicked.connect(action.trigger)
        return button

    def move_actions(self) -> list[QAction]:
        return [self.reassign_action, self.pool_action, self.leaves_action, self.undo_action]

    # -- state ----------------------------------------------------------------------------------

    def offline_text(self) -> str:
        reason = self.source.offline_reason or self.tr("the shared database cannot be reached")
        return self.tr("Offline: customers cannot be moved now ({reason}).").format(reason=reason)

    def update_state(self, selected: int, *, in_pool: bool) -> None:
        """Enable what makes sense for ``selected`` rows (in the pool list or not)."""
        online = self.source.manager and self.source.shared is not None and not self._busy
        self.reassign_action.setEnabled(online and selected > 0)
        self.pool_action.setEnabled(online and selected > 0 and not in_pool)
        self.leaves_action.setEnabled(online)
        self.undo_action.setEnabled(online and self.last_move is not None)
        self.undo_button.setVisible(self.last_move is not None)
        for action, button in self.buttons.items():
            button.setEnabled(action.isEnabled())
        text = self.tr("%n selected", "", selected) if selected else ""
        self.selection_label.setText(text)
        self.offline_label.setText("" if self.source.shared is not None else self.offline_text())

    def _refresh(self) -> None:
        self.update_state(len(self._selected()), in_pool=self._in_pool())

    # -- moves -----------------------------------------------------------------------------------

    @Slot()
    def open_reassign(self) -> None:
        ids = self._selected()
        if not ids or not self.reassign_action.isEnabled():
            return
        dialog = ReassignDialog(len(ids), self._people(), self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._on_receiver_chosen(ids, dialog.chosen()))
        dialog.open()

    def _on_receiver_chosen(self, ids: list[uuid.UUID], to: uuid.UUID | None) -> None:
        if to is not None:
            self.reassign(ids, to)

    def reassign(self, ids: list[uuid.UUID], to: uuid.UUID | None) -> None:
        """Give ``ids`` to ``to`` (None: the pool) in the shared database; undoable."""
        shared, actor = self.source.shared, self.source.person.id
        assert shared is not None
        name = next((p.name for p in self._people() if p.id == to), "")

        def op() -> MoveDone:
            done = moves.reassign(shared, ids, to, actor_id=actor)
            return MoveDone(len(done.former), done)

        def said(done: MoveDone) -> str:
            if to is None:
                return self.tr("%n customer(s) returned to the pool.", "", done.moved)
            return self.tr("%n customer(s) given to {name}.", "", done.moved).format(name=name)

        self._run_move(op, said, undoable=True)

    @Slot()
    def return_to_pool(self) -> None:
        ids = self._selected()
        if not ids or not self.pool_action.isEnabled():
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Back to the pool"),
            self.tr("Return the %n selected customer(s) to the pool?", "", len(ids)),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self,
        )
        if box.exec() == QMessageBox.StandardButton.Ok:
            self.reassign(ids, None)

    @Slot()
    def open_leaver(self) -> None:
        if not self.leaves_action.isEnabled():
            return
        dialog = LeaverDialog(self._people(), self, signed_in=self.source.person.id)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._on_leaver_chosen(dialog.choice()))
        dialog.open()

    def _on_leaver_chosen(self, choice: LeaverChoice | None) -> None:
        if choice is not None:
            self.operator_leaves(choice)

    def operator_leaves(self, choice: LeaverChoice) -> None:
        """The leaver's customers go where ``choice`` says; they are marked as left."""
        shared, actor = self.source.shared, self.source.person.id
        assert shared is not None
        leaver = next((p.name for p in self._people() if p.id == choice.leaver), "")

        def op() -> MoveDone:
            if len(choice.receivers) > 1:
                spread = moves.operator_leaves_spread(
                    shared, choice.leaver, choice.receivers, actor_id=actor
                )
                return MoveDone(sum(spread.values()))
            to = choice.receivers[0] if choice.receivers else None
            return MoveDone(len(moves.operator_leaves(shared, choice.leaver, to, actor_id=actor)))

        def said(done: MoveDone) -> str:
            return self.tr("{name} has left: %n customer(s) handed over.", "", done.moved).format(
                name=leaver
            )

        self._run_move(op, said, undoable=False)

    @Slot()
    def undo(self) -> None:
        """Put the customers of the last reassignment back with their former owners,
        in one transaction; those moved again since stay where they are."""
        last = self.last_move
        if last is None or not self.undo_action.isEnabled():
            return
        shared, actor = self.source.shared, self.source.person.id
        assert shared is not None

        def op() -> MoveDone:
            restored = moves.restore_owners(shared, last, actor_id=actor)
            return MoveDone(len(restored.lead_ids), restored=restored)

        self._run_move(op, self.undo_text, undoable=False)

    def undo_text(self, result: MoveDone) -> str:
        done = result.restored
        assert done is not None
        n = len(done.lead_ids)
        if done.moved_since and done.requests_reset:
            text = self.tr(
                "Undone: %n customer(s) back with their former owner; {moved} other(s) had "
                "moved again since and stay where they are. Friend requests the move "
                "cancelled must be sent again.",
                "",
                n,
            )
        elif done.moved_since:
            text = self.tr(
                "Undone: %n customer(s) back with their former owner; {moved} other(s) had "
                "moved again since and stay where they are.",
                "",
                n,
            )
        elif done.requests_reset:
            text = self.tr(
                "Undone: %n customer(s) back with their former owner. Friend requests the "
                "move cancelled must be sent again.",
                "",
                n,
            )
        else:
            text = self.tr("Undone: %n customer(s) back with their former owner.", "", n)
        return text.format(moved=done.moved_since)

    @Slot()
    def _on_undo_timeout(self) -> None:
        self.last_move = None
        self._refresh()

    def _run_move(
        self, op: Callable[[], MoveDone], said: Callable[[MoveDone], str], *, undoable: bool
    ) -> None:
        self._busy = True
        self._refresh()

        def done(result: MoveDone) -> None:
            self._busy = False
            self.last_move = result.undo if undoable and result.moved else None
            if self.last_move is not None:
                self.undo_timer.start()
            else:
                self.undo_timer.stop()
            self.status_message.emit(said(result))
            self.moved.emit(result.moved)
            self.sync_requested.emit()  # the cache follows the shared database
            self._refresh()

        def failed(exc: Exception) -> None:
            self._busy = False
            self._refresh()
            self._reporter.report(exc, self)

        self._runner.run_op(op, done, failed)
