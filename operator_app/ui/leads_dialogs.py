"""The team lead's move dialogs on the 客户 page: 转给… and 员工离职.

They only choose; the page runs the move on the shared database. Each names
the number of customers that will move before anything happens.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from operator_app.data.lead_list import OwnerOption
from operator_app.ui import phrases

DIALOG_WIDTH = 380


def _person_text(person: OwnerOption) -> str:
    n = person.leads
    text = QCoreApplication.translate("LeadsDialogs", "{name} ({login}): %n customer(s)", None, n)
    return text.format(name=person.name, login=person.login)


def _people_combo(people: list[OwnerOption]) -> QComboBox:
    combo = QComboBox()
    for person in people:
        combo.addItem(_person_text(person), str(person.id))
    return combo


def _id(value: object) -> uuid.UUID | None:
    """Combo data are id strings: Qt compares Python objects by identity in findData."""
    return uuid.UUID(value) if isinstance(value, str) and value else None


class ReassignDialog(QDialog):
    """转给…: one active colleague for the selected customers."""

    def __init__(self, count: int, people: list[OwnerOption], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reassign customers"))
        self.setMinimumWidth(DIALOG_WIDTH)
        self.people = [p for p in people if p.active]
        intro = QLabel(self.tr("Give the %n selected customer(s) to:", "", count))
        intro.setWordWrap(True)
        self.combo = _people_combo(self.people)
        self.combo.setAccessibleName(self.tr("Receiving operator"))
        note = QLabel(
            self.tr(
                "Their history goes with them. A pending friend request does not: "
                "the new owner sends their own."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("dialogNote")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reassign"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        for widget in (intro, self.combo, note, buttons):
            column.addWidget(widget)
        self.combo.setFocus()

    def chosen(self) -> uuid.UUID | None:
        return _id(self.combo.currentData())


@dataclass(frozen=True)
class LeaverChoice:
    """Who leaves, and where their customers go: one person, several by capacity, or the pool."""

    leaver: uuid.UUID
    receivers: tuple[uuid.UUID, ...]  # empty: the pool
    count: int


class LeaverDialog(QDialog):
    """员工离职: choose who leaves and who takes over; the OK button says how many move.

    ``signed_in`` (the team lead using the app) is not offered as the one leaving:
    they would lock themselves out of the team's moves. They can take customers over.
    """

    def __init__(
        self,
        people: list[OwnerOption],
        parent: QWidget | None = None,
        *,
        signed_in: uuid.UUID | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Operator leaves"))
        self.setMinimumWidth(DIALOG_WIDTH)
        self.people = [p for p in people if p.active]
        self.leavers = [p for p in self.people if p.id != signed_in]
        self.leaver_combo = _people_combo(self.leavers)
        self.leaver_combo.setAccessibleName(self.tr("Who leaves"))
        self.to_one = QRadioButton(self.tr("&Hand over to one colleague"))
        self.spread = QRadioButton(self.tr("&Share among the others by capacity"))
        self.to_pool = QRadioButton(self.tr("Return to the &pool"))
        self.group = QButtonGroup(self)
        for button in (self.to_one, self.spread, self.to_pool):
            self.group.addButton(button)
        self.to_one.setChecked(True)
        self.receiver_combo = QComboBox()
        self.receiver_combo.setAccessibleName(self.tr("Receiving operator"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("leaverSummary")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.leaver_combo.currentIndexChanged.connect(self._on_leaver_changed)
        self.receiver_combo.currentIndexChanged.connect(self._update)
        self.group.buttonToggled.connect(self._update)
        self._on_leaver_changed()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Who leaves:"), self.leaver_combo)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(QLabel(self.tr("Their customers go to:")))
        column.addWidget(self.to_one)
        column.addWidget(self.receiver_combo)
        column.addWidget(self.spread)
        column.addWidget(self.to_pool)
        column.addWidget(self.summary)
        column.addWidget(self.buttons)

    def _leaver(self) -> OwnerOption | None:
        index = self.leaver_combo.currentIndex()
        return self.leavers[index] if 0 <= index < len(self.leavers) else None

    def _others(self) -> list[OwnerOption]:
        leaver = self._leaver()
        return [p for p in self.people if leaver is None or p.id != leaver.id]

    @Slot()
    def _on_leaver_changed(self) -> None:
        current = self.receiver_combo.currentData()
        self.receiver_combo.blockSignals(True)
        self.receiver_combo.clear()
        for person in self._others():
            self.receiver_combo.addItem(_person_text(person), str(person.id))
        self.receiver_combo.setCurrentIndex(max(0, self.receiver_combo.findData(current)))
        self.receiver_combo.blockSignals(False)
        self._update()

    @Slot()
    def _update(self) -> None:
        choice = self.choice()
        self.receiver_combo.setEnabled(self.to_one.isChecked())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(choice is not None)
        leaver = self._leaver()
        if choice is None or leaver is None:
            self.summary.setText(self.tr("Choose who leaves and who takes over."))
            return
        ok.setText(self.tr("Confirm: move %n customer(s)", "", choice.count))
        names = [p.name for p in self._others() if p.id in choice.receivers]
        self.summary.setText(
            self._summary(choice).format(name=leaver.name, to=phrases.join_list(names))
        )

    def _summary(self, choice: LeaverChoice) -> str:
        n = choice.count
        if not choice.receivers:
            return self.tr(
                "All %n customer(s) of {name} return to the pool.\n"
                "{name} is marked as left and can no longer be given customers.",
                "",
                n,
            )
        if len(choice.receivers) == 1:
            return self.tr(
                "All %n customer(s) of {name} go to {to}.\n"
                "{name} is marked as left and can no longer be given customers.",
                "",
                n,
            )
        return self.tr(
            "All %n customer(s) of {name} are shared among {to} by capacity.\n"
            "{name} is marked as left and can no longer be given customers.",
            "",
            n,
        )

    def choice(self) -> LeaverChoice | None:
        leaver = self._leaver()
        if leaver is None:
            return None
        if self.to_pool.isChecked():
            receivers: tuple[uuid.UUID, ...] = ()
        elif self.spread.isChecked():
            receivers = tuple(p.id for p in self._others())
        else:
            value = _id(self.receiver_combo.currentData())
            if value is None:
                return None
            receivers = (value,)
        if self.spread.isChecked() and not receivers:
            return None
        return LeaverChoice(leaver.id, receivers, leaver.leads)

    def select_leaver(self, person_id: uuid.UUID) -> None:
        self.leaver_combo.setCurrentIndex(self.leaver_combo.findData(str(person_id)))
