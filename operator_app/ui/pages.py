"""The five pages of the main window and who may see them.

Each page is filled in by a later issue; until then it says honestly that
the feature is not there yet and what it will do. No sample data.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from operator_app.ui.i18n import QT_TRANSLATE_NOOP
from operator_app.ui.labels import can_manage_team

PAGES_CONTEXT = "Pages"
CARD_MAX_WIDTH = 720


@dataclass(frozen=True)
class PageSpec:
    """One page: its key (as in ``--page``), texts (English sources) and audience."""

    key: str
    title: str
    heading: str
    purpose: str
    team_only: bool
    shortcut: str
    own_title: str = ""  # shown instead of title to people who are not team leads or admins

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(PAGES_CONTEXT, text)


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "today",
        QT_TRANSLATE_NOOP("Pages", "Today"),
        QT_TRANSLATE_NOOP("Pages", "Today's to-do list"),
        QT_TRANSLATE_NOOP(
            "Pages",
            "It will list the customers to contact today, each with the hook that gives you "
            "a reason, a script to copy, and one click to log what happened.",
        ),
        False,
        "Ctrl+1",
    ),
    PageSpec(
        "leads",
        QT_TRANSLATE_NOOP("Pages", "Leads"),
        QT_TRANSLATE_NOOP("Pages", "Customer list"),
        QT_TRANSLATE_NOOP(
            "Pages",
            "Every customer you serve, filtered by stage, tag and channel, with each "
            "customer's contact history; team leads also see the pool and move customers.",
        ),
        False,
        "Ctrl+2",
    ),
    PageSpec(
        "scripts",
        QT_TRANSLATE_NOOP("Pages", "Scripts"),
        QT_TRANSLATE_NOOP("Pages", "Script library"),
        QT_TRANSLATE_NOOP(
            "Pages",
            "It will show the team's scripts line by line, each with its answers to the three "
            "questions (purpose, what the customer will think, the reply you want), ready to "
            "copy.",
        ),
        False,
        "Ctrl+3",
    ),
    PageSpec(
        "performance",
        QT_TRANSLATE_NOOP("Pages", "Performance"),
        QT_TRANSLATE_NOOP("Pages", "Team performance"),
        QT_TRANSLATE_NOOP(
            "Pages",
            "It will compare each operator with the team average, show the conversion funnel, "
            "and find the script line after which customers stop replying.",
        ),
        False,  # operators see it as "My numbers": their own figures only
        "Ctrl+4",
        QT_TRANSLATE_NOOP("Pages", "My numbers"),
    ),
    PageSpec(
        "import",
        QT_TRANSLATE_NOOP("Pages", "Import"),
        QT_TRANSLATE_NOOP("Pages", "Lead import"),
        QT_TRANSLATE_NOOP(
            "Pages",
            "It will import phone numbers in bulk, share them out evenly among operators, "
            "and return leads whose friend request was never accepted to the pool.",
        ),
        True,
        "Ctrl+5",
    ),
)


def visible_pages(role: str | None) -> list[PageSpec]:
    """The pages this role may open; an unknown role gets the operator's pages."""
    manager = can_manage_team(role)
    if manager:
        return list(PAGES)
    # Operators see some pages under their own title (业绩 → 我的数据); someone
    # unknown (offline, nobody chosen) has no figures of their own to see there.
    return [
        replace(p, title=p.own_title, heading=p.own_title) if p.own_title else p
        for p in PAGES
        if not p.team_only and (role is not None or not p.own_title)
    ]


class PlaceholderPage(QWidget):
    """A page whose feature is not built yet: what it will be, said plainly."""

    def __init__(
        self, spec: PageSpec, parent: QWidget | None = None, *, status: str | None = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self._status = status
        self.setObjectName(f"page_{spec.key}")
        card = QFrame(self)
        card.setObjectName("placeholderCard")
        card.setMaximumWidth(CARD_MAX_WIDTH)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(32, 28, 32, 28)
        card_layout.setSpacing(12)
        for widget in self._texts():
            card_layout.addWidget(widget)
        # Stretches rather than alignment flags: an aligned widget loses its
        # height-for-width, and wrapped Chinese text would be cut off.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 6)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addLayout(row)
        outer.addStretch(1)

    def _texts(self) -> list[QLabel]:
        heading = _label(self.spec.tr(self.spec.heading), "placeholderHeading")
        text = self._status or self.tr("This feature will arrive in a later version.")
        status = _label(text, "placeholderStatus")
        purpose = _label(self.spec.tr(self.spec.purpose), "placeholderPurpose")
        labels = [heading, status, purpose]
        if self.spec.team_only:
            labels.append(_label(self.tr("Visible to team leads and admins only."), "audience"))
        return labels

    def texts(self) -> list[str]:
        """Everything the page says, for tests and accessibility checks."""
        return [label.text() for label in self.findChildren(QLabel)]


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
