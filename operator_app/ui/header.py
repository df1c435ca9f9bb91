"""The window header: who is signed in, and true counts from the shared database."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from operator_app.data.queries import DatabaseCounts, OperatorInfo
from operator_app.ui.labels import role_label


class IdentityHeader(QWidget):
    """Name, role and team of the person using this PC, and the database's counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.name_label = _label("operatorName")
        self.detail_label = _label("operatorDetail")
        self.counts_label = _label("teamCounts")
        self.counts_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        who = QVBoxLayout()
        who.setSpacing(2)
        who.addWidget(self.name_label)
        who.addWidget(self.detail_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.addLayout(who, 1)
        layout.addWidget(self.counts_label)

    def show_operator(self, info: OperatorInfo) -> None:
        self.name_label.setText(info.name)
        self.detail_label.setText(
            self.tr("{role} · {team} · login {login}").format(
                role=role_label(info.role), team=info.team_name, login=info.login
            )
        )

    def show_login_only(self, login: str) -> None:
        """Offline with a configured login: the name and role cannot be read now."""
        self.name_label.setText(login)
        self.detail_label.setText(
            self.tr("Offline: your name, role and team cannot be read right now.")
        )

    def show_nobody(self, online: bool) -> None:
        self.name_label.setText(self.tr("No person selected"))
        if online:
            text = self.tr("Nobody has been chosen on this PC yet.")
        else:
            text = self.tr(
                "The shared database is offline, so the list of people cannot be read. "
                "Restart Operator Desk once it is back to choose who you are."
            )
        self.detail_label.setText(text)

    def show_counting(self) -> None:
        self.counts_label.setText(self.tr("Counting…"))

    def show_counts(self, counts: DatabaseCounts) -> None:
        locale = QLocale()
        self.counts_label.setText(
            self.tr("Shared database — teams: {teams}, people: {people}, leads: {leads}").format(
                teams=locale.toString(counts.teams),
                people=locale.toString(counts.operators),
                leads=locale.toString(counts.leads),
            )
        )
        self.counts_label.setToolTip(
            self.tr("Counted just now in the shared database, across all teams.")
        )

    def show_counts_unavailable(self, reason: str) -> None:
        self.counts_label.setText(self.tr("Counts unavailable"))
        self.counts_label.setToolTip(reason)

    def hide_counts(self) -> None:
        self.counts_label.clear()


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
