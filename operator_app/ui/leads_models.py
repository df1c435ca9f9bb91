"""Table models of the 客户 page: the customer list (ids, rows on demand) and the recycle countdown.

The list model holds only the ids the filtered, sorted query returned; a
row is read from the local cache the first time the view asks for it, a
page at a time (Anki's browser), so 100,000 customers cost one id per row
until they scroll into view. Sorting is asked of the page (``sort_requested``),
which re-runs the query in SQL off the GUI thread.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from operator_app.core.domain import FriendStatus
from operator_app.data.lead_list import LeadIds, LeadListRow, SortKey
from operator_app.data.lead_moves import RecycleCountdown
from operator_app.data.types import utcnow
from operator_app.ui import phrases
from operator_app.ui.i18n import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
RowLoader = Callable[[Sequence[uuid.UUID]], list[LeadListRow]]
Clock = Callable[[], datetime]

LEAD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE = 200  # rows read from the cache at once
KEPT_PAGES = 40  # pages kept in memory; older ones are read again when scrolled back to
SOON = timedelta(days=1)  # countdowns tinted: returning to the pool within a day
SOON_COLOR = QColor("#fdecea")


class Column(IntEnum):
    NAME = 0
    PHONE = 1
    OWNER = 2
    STAGE = 3
    CHANNEL = 4
    TAGS = 5
    FRIEND = 6
    LAST_CONTACT = 7
    FOLLOW_UP = 8


HEADERS = {
    Column.NAME: QT_TRANSLATE_NOOP("LeadListModel", "Customer"),
    Column.PHONE: QT_TRANSLATE_NOOP("LeadListModel", "Phone"),
    Column.OWNER: QT_TRANSLATE_NOOP("LeadListModel", "Owner"),
    Column.STAGE: QT_TRANSLATE_NOOP("LeadListModel", "Stage"),
    Column.CHANNEL: QT_TRANSLATE_NOOP("LeadListModel", "Channel"),
    Column.TAGS: QT_TRANSLATE_NOOP("LeadListModel", "Tags"),
    Column.FRIEND: QT_TRANSLATE_NOOP("LeadListModel", "WeCom friend"),
    Column.LAST_CONTACT: QT_TRANSLATE_NOOP("LeadListModel", "Last contact"),
    Column.FOLLOW_UP: QT_TRANSLATE_NOOP("LeadListModel", "Next follow-up"),
}
SORT_KEYS = {
    Column.NAME: SortKey.NAME,
    Column.PHONE: SortKey.PHONE,
    Column.OWNER: SortKey.OWNER,
    Column.STAGE: SortKey.STAGE,
    Column.CHANNEL: SortKey.CHANNEL,
    Column.TAGS: None,  # several per customer: filter by a tag instead
    Column.FRIEND: SortKey.FRIEND,
    Column.LAST_CONTACT: SortKey.LAST_CONTACT,
    Column.FOLLOW_UP: SortKey.FOLLOW_UP,
}
FRIEND_LABELS = {
    FriendStatus.NOT_SENT.value: QT_TRANSLATE_NOOP("LeadListModel", "Not sent"),
    FriendStatus.PENDING.value: QT_TRANSLATE_NOOP("LeadListModel", "Pending"),
    FriendStatus.ACCEPTED.value: QT_TRANSLATE_NOOP("LeadListModel", "Friends"),
}


class LeadListModel(QAbstractTableModel):
    """The filtered customers, in the order the query gave, read a page at a time.

    ``LEAD_ID_ROLE`` gives a row's lead id (no read needed); ``ROW_ROLE`` its
    :class:`LeadListRow`. ``sort_requested(SortKey, descending)`` asks the page
    for a new order; the view's sort indicator is only set when it arrives.
    """

    sort_requested = Signal(object, bool)

    def __init__(
        self,
        loader: RowLoader,
        parent: QObject | None = None,
        *,
        show_owner: bool,
        clock: Clock = utcnow,
    ) -> None:
        super().__init__(parent)
        self._loader = loader
        self._clock = clock
        self.columns = [c for c in Column if show_owner or c != Column.OWNER]
        self.ids = LeadIds([])
        self._pages: OrderedDict[int, list[LeadListRow | None]] = OrderedDict()
        self.pages_read = 0  # for tests: how many pages came from the cache

    # -- Qt's model interface ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[self.columns[section]])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        if role == LEAD_ID_ROLE:
            return self.ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ROW_ROLE):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return self._display(row, column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.sort_key(column)
        if key is not None:
            self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)

    # -- rows ------------------------------------------------------------------------------

    def row_at(self, row: int) -> LeadListRow | None:
        """The row, read with its page from the cache if it is not in memory."""
        if not 0 <= row < len(self.ids):
            return None
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE]

    def _read_page(self, number: int) -> list[LeadListRow | None]:
        ids = self.ids[number * PAGE : (number + 1) * PAGE]
        found = {r.lead_id: r for r in self._loader(ids)}
        self.pages_read += 1
        page: list[LeadListRow | None] = [found.get(i) for i in ids]
        self._pages[number] = page
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        return page

    def set_ids(self, ids: Sequence[uuid.UUID]) -> None:
        """A new result of the query: the rows are read again as they are shown."""
        self.beginResetModel()
        self.ids = ids if isinstance(ids, LeadIds) else LeadIds(list(ids))
        self._pages.clear()
        self.endResetModel()

    def refresh_rows(self) -> None:
        """The same customers, changed (a pull): drop what was read, repaint."""
        self._pages.clear()
        if self.ids:
            last = self.index(len(self.ids) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def row_of(self, lead_id: uuid.UUID) -> int:
        return self.ids.position(lead_id)

    def sort_key(self, section: int) -> SortKey | None:
        """The order a header section asks for; None for a column that does not sort."""
        return SORT_KEYS[self.columns[section]] if 0 <= section < len(self.columns) else None

    def column_of(self, column: Column) -> int:
        return self.columns.index(column) if column in self.columns else -1

    # -- texts -------------------------------------------------------------------------------

    def _display(self, row: LeadListRow, column: Column) -> str:
        # Runs for every painted cell: a plain branch per column, nothing built per call.
        if column == Column.NAME:
            return row.name
        if column == Column.PHONE:
            return row.phone_masked
        if column == Column.OWNER:
            return row.owner_name or self.tr("Pool")
        if column == Column.STAGE:
            return row.stage_name
        if column == Column.CHANNEL:
            return row.channel
        if column == Column.TAGS:
            return phrases.join_list(row.tags)
        if column == Column.FRIEND:
            return self.friend_label(row.friend_status)
        if column == Column.LAST_CONTACT:
            return phrases.last_touch_phrase(row.last_contact_at, self._clock())
        if row.next_follow_up_at is None:  # Column.FOLLOW_UP
            return ""
        return phrases.due_phrase(row.next_follow_up_at, self._clock())

    def _tooltip(self, row: LeadListRow, column: Column) -> str | None:
        if column == Column.TAGS and row.tags:
            return "\n".join(row.tags)
        if column == Column.LAST_CONTACT and row.last_contact_at is not None:
            return phrases.full_date_time(row.last_contact_at)
        if column == Column.FOLLOW_UP and row.next_follow_up_at is not None:
            return phrases.full_date_time(row.next_follow_up_at)
        return None

    def friend_label(self, status: str) -> str:
        label = FRIEND_LABELS.get(status)
        return self.tr(label) if label else status


class RecycleColumn(IntEnum):
    NAME = 0
    OWNER = 1
    LEFT = 2
    RETURNS = 3
    WHY = 4


RECYCLE_HEADERS = {
    RecycleColumn.NAME: QT_TRANSLATE_NOOP("RecycleModel", "Customer"),
    RecycleColumn.OWNER: QT_TRANSLATE_NOOP("RecycleModel", "Owner"),
    RecycleColumn.LEFT: QT_TRANSLATE_NOOP("RecycleModel", "Time left"),
    RecycleColumn.RETURNS: QT_TRANSLATE_NOOP("RecycleModel", "Returns to the pool"),
    RecycleColumn.WHY: QT_TRANSLATE_NOOP("RecycleModel", "Why"),
}


class RecycleModel(QAbstractTableModel):
    """Leads waiting on a friend request, soonest back to the pool first.

    ``LEAD_ID_ROLE`` gives a row's lead id, ``ROW_ROLE`` its
    :class:`RecycleCountdown`; rows due within a day are tinted.
    """

    def __init__(self, parent: QObject | None = None, *, clock: Clock = utcnow) -> None:
        super().__init__(parent)
        self._clock = clock
        self.rows: list[RecycleCountdown] = []
        self.owner_names: dict[str, str] = {}  # login -> name

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(RecycleColumn)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(RecycleColumn):
            return None
        return self.tr(RECYCLE_HEADERS[RecycleColumn(section)])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == LEAD_ID_ROLE:
            return row.lead_id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(SOON_COLOR) if row.due_at - self._clock() < SOON else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == RecycleColumn.RETURNS:
            return phrases.full_date_time(row.due_at)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._display(row, RecycleColumn(index.column()))

    def set_rows(self, rows: list[RecycleCountdown]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def _display(self, row: RecycleCountdown, column: RecycleColumn) -> str:
        if column == RecycleColumn.NAME:
            return row.name
        if column == RecycleColumn.OWNER:
            return self.owner_names.get(row.owner_login, row.owner_login)
        if column == RecycleColumn.LEFT:
            return self.time_left(row.due_at - self._clock())
        if column == RecycleColumn.RETURNS:
            return phrases.date_time(row.due_at)
        return self.why(row)

    def time_left(self, left: timedelta) -> str:
        """还剩 3 天 5 小时 / 还剩 4 小时 20 分 / 还剩 7 分钟 / 已到期，下次检查时回收."""
        if left <= timedelta(0):
            return self.tr("Due: returns at the next check")
        minutes = int(left.total_seconds()) // 60
        days, hours, mins = minutes // 1440, minutes % 1440 // 60, minutes % 60
        if days:
            return self.tr("{days} d {hours} h left").format(days=days, hours=hours)
        if hours:
            return self.tr("{hours} h {minutes} min left").format(hours=hours, minutes=mins)
        return self.tr("{minutes} min left").format(minutes=max(1, mins))

    def why(self, row: RecycleCountdown) -> str:
        sent = phrases.date_time(row.friend_requested_at)
        if row.last_activity_at is None:
            return self.tr(
                "Friend request sent {sent} not accepted, no follow-up logged since"
            ).format(sent=sent)
        return self.tr("Friend request sent {sent} not accepted; last follow-up {last}").format(
            sent=sent, last=phrases.date_time(row.last_activity_at)
        )
