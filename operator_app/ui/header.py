"""The window header: who is signed in, and (for team leads) the shared database's counts.

One line high: on a 1366×768 office screen every pixel of height goes to the
Today page's script and outcome buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from operator_app.data.queries import DatabaseCounts, OperatorInfo
from operator_app.ui.labels import can_manage_team, role_label


class IdentityHeader(QWidget):
    """Name, role and team of the person using this PC, and the database's counts.

    The counts (teams, people, leads across all teams) are for team leads and
    admins; an operator is not shown them: they are not about their work, and a
    database total is not theirs to see.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._role: str | None = None
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.name_label = _label("operatorName")
        self.detail_label = _label("operatorDetail")
        self.counts_label = _label("teamCounts")
        self.counts_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 6, 24, 6)
        layout.setSpacing(14)
        layout.addWidget(self.name_label, 0, Qt.AlignmentFlag.AlignBaseline)
        layout.addWidget(self.detail_label, 1, Qt.AlignmentFlag.AlignBaseline)
        layout.addWidget(self.counts_label, 0, Qt.AlignmentFlag.AlignBaseline)

    def show_operator(self, info: OperatorInfo) -> None:
        self._role = info.role
        if not self._counts_shown():
            self.hide_counts()
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

    def _counts_shown(self) -> bool:
        return can_manage_team(self._role)

    def show_counting(self) -> None:
        if self._counts_shown():
            self.counts_label.setText(self.tr("Counting…"))

    def show_counts(self, counts: DatabaseCounts) -> None:
        if not self._counts_shown():
            return
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
        if not self._counts_shown():
            return
        self.counts_label.setText(self.tr("Counts unavailable"))
        self.counts_label.setToolTip(reason)

    def hide_counts(self) -> None:
        self.counts_label.clear()
        self.counts_label.setToolTip("")


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
