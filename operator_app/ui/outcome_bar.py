"""Log what happened with one click, and when to follow up next.

The buttons carry the page's actions (so text, key and tooltip are the
same as in the 操作 menu); the follow-up row offers 明天 / 3 天后 / 下周 and a
date-time picker, and emits the chosen instant.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from operator_app.ui import phrases

FOLLOW_UP_HOUR = 10  # a morning reminder: late enough to be polite, early in the day
QUICK_DAYS = {"tomorrow": 1, "in_3_days": 3}
# Two rows (the five outcomes of a contact, then the rest): one row of eight or
# nine buttons is wider than the customer's half of a 1366-pixel screen.
OUTCOME_COLUMNS = 5


def _local_now() -> datetime:
    return datetime.now().astimezone()


def quick_follow_up(choice: str, now: datetime) -> datetime:
    """明天 / 3 天后 / 下周 (next Monday), at the morning hour, local time."""
    if choice == "next_week":
        today = phrases.local(now)
        days = 7 - today.weekday()  # Monday is 0: the coming Monday, never today
    else:
        days = QUICK_DAYS[choice]
    return phrases.start_of_local_day(now, days) + timedelta(hours=FOLLOW_UP_HOUR)


def _qt_local(at: datetime) -> QDateTime:
    shown = phrases.local(at)
    return QDateTime(QDate(shown.year, shown.month, shown.day), QTime(shown.hour, shown.minute))


class OutcomeBar(QWidget):
    """Outcome buttons over the page's actions, and the next follow-up time.

    ``follow_up_chosen(datetime)`` carries an aware instant.
    """

    follow_up_chosen = Signal(object)

    def __init__(
        self,
        outcomes: list[QAction],
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = _local_now,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.setObjectName("outcomeBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.buttons: list[QToolButton] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(6)
        for i, action in enumerate(outcomes):
            button = QToolButton()
            button.setObjectName("outcomeButton")
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            # A click must leave the keyboard in the queue for the next key.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            # A button shown only for some customers (已发申请) keeps its place when
            # hidden: no button and no pane moves when the next customer opens.
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
            grid.addWidget(button, i // OUTCOME_COLUMNS, i % OUTCOME_COLUMNS)
            # A button shows its action's text and state, but not whether it is hidden.
            action.changed.connect(lambda b=button, a=action: b.setVisible(a.isVisible()))
            button.setVisible(action.isVisible())
            self.buttons.append(button)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        column.setSpacing(6)
        column.addLayout(grid)
        column.addLayout(self._follow_up_row())

    def _follow_up_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        caption = QLabel(self.tr("Next follow-up:"))
        caption.setObjectName("followUpCaption")
        row.addWidget(caption)
        self.quick_buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("tomorrow", self.tr("Tomorrow")),
            ("in_3_days", self.tr("In 3 days")),
            ("next_week", self.tr("Next week")),
        ):
            button = QPushButton(text)
            button.setObjectName("quickFollowUp")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _=False, k=key: self._on_quick(k))
            row.addWidget(button)
            self.quick_buttons[key] = button
        self.picker = QDateTimeEdit()
        self.picker.setObjectName("followUpPicker")
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.picker.setToolTip(self.tr("Pick a day and time, then press Set"))
        self.set_button = QPushButton(self.tr("Set"))
        self.set_button.setObjectName("setFollowUp")
        self.set_button.clicked.connect(self._on_set_clicked)
        # What was agreed travels with the time, so 约定跟进 can say it when it
        # comes up ("客户说周五到货后再聊"); optional, any follow-up button uses it.
        self.agreed = QLineEdit()
        self.agreed.setObjectName("agreedNote")
        self.agreed.setPlaceholderText(self.tr("Agreed"))
        self.agreed.setToolTip(
            self.tr("Optional: what you agreed with the customer, shown when the follow-up is due")
        )
        self.agreed.setClearButtonEnabled(True)
        self.agreed.returnPressed.connect(self._on_set_clicked)
        row.addWidget(self.picker)
        row.addWidget(self.agreed, 1)
        row.addWidget(self.set_button)
        self.reset_picker(self._clock())
        return row

    def agreed_note(self) -> str:
        return self.agreed.text().strip()

    def reset_picker(self, now: datetime) -> None:
        """Offer tomorrow morning; never a time already past."""
        start = quick_follow_up("tomorrow", now)
        self.picker.setMinimumDateTime(_qt_local(now))
        self.picker.setDateTime(_qt_local(start))
        self.agreed.clear()

    def set_lead_enabled(self, enabled: bool) -> None:
        for widget in (*self.quick_buttons.values(), self.picker, self.agreed, self.set_button):
            widget.setEnabled(enabled)

    @Slot()
    def _on_set_clicked(self) -> None:
        chosen = self.picker.dateTime().toPython()
        assert isinstance(chosen, datetime)
        # The picker shows the display (team) zone's wall clock: read it back in that zone.
        self.follow_up_chosen.emit(phrases.from_local_wall_time(chosen))

    def _on_quick(self, key: str) -> None:
        self.follow_up_chosen.emit(quick_follow_up(key, self._clock()))
