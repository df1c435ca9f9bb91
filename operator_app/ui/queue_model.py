"""The Today queue as a table model: every lead of the operator, filtered in Python.

The model keeps the snapshot's rows (compact frozen values, one per lead) and a
list of the indexes that pass the current filter, in the current sort order.
Cells are formatted in ``data()`` only for the rows on screen, so 100,000
leads load, scroll and filter without a pause: filtering is one list
comprehension plus one model reset.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from operator_app.data.workspace_types import QueueRow
from operator_app.ui import phrases

COL_NAME, COL_PHONE, COL_HOOK, COL_DUE, COL_REASON, COL_RATE, COL_LAST, COL_STAGE = range(8)
COLUMN_COUNT = 8
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a value that orders the column correctly
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the QueueRow itself
LEAD_ID_ROLE = Qt.ItemDataRole.UserRole + 3
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 4

OVERDUE_BACKGROUND = QBrush(QColor("#fff1f0"))
OVERDUE_TEXT = QBrush(QColor("#c4332b"))
MUTED_TEXT = QBrush(QColor("#8f959e"))
# "No time" sorts after every real time (ascending).
NEVER = datetime.max.replace(tzinfo=UTC).timestamp()

Index = QModelIndex | QPersistentModelIndex
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


# Which part of the queue to show (QueueFilter.when).
WHEN_ALL = ""  # everyone, also customers with nothing open
WHEN_TODAY = "today"  # today's work: overdue, and due before the day ends
WHEN_LATER = "later"  # scheduled after today (or held back by the weekly touch cap)


@dataclass(frozen=True)
class QueueFilter:
    """What the operator narrowed the queue to; empty fields match everything.

    A search (``text``) looks through every customer, whatever ``when`` says:
    the operator searching for a name or a phone wants that customer, due or not.
    """

    hook_key: str = ""
    stage: str = ""  # the stage's display name, as QueueRow carries it
    tag: str = ""
    channel: str = ""
    text: str = ""  # part of the name, or the last digits of the phone
    when: str = WHEN_ALL

    def is_empty(self) -> bool:
        return not (
            self.hook_key or self.stage or self.tag or self.channel or self.text.strip()
        ) and (self.when == WHEN_ALL)


def matching_rows(
    rows: Sequence[QueueRow],
    flt: QueueFilter,
    now: datetime | None = None,
    day_end: datetime | None = None,
) -> list[int]:
    """Indexes of ``rows`` that pass ``flt``, in order (the hot path: keep it flat).

    ``now`` and ``day_end`` place the rows for ``flt.when`` (default: the
    current time, and the end of the local day — a day, as the Today list
    says it, ends at midnight, not 24 hours from now).
    """
    if flt.is_empty():
        return list(range(len(rows)))
    hook, stage, tag, channel = flt.hook_key, flt.stage, flt.tag, flt.channel
    text = flt.text.strip().casefold()
    digits = text if text.isdigit() else ""
    when = WHEN_ALL if text else flt.when
    now = now or utc_now()
    end = day_end or phrases.start_of_local_day(now, 1)
    return [
        i
        for i, r in enumerate(rows)
        if (not hook or r.hook_key == hook)
        and (not stage or r.stage == stage)
        and (not channel or r.channel == channel)
        and (not tag or tag in r.tags)
        and (not text or (digits and r.phone_digits.endswith(digits)) or text in r.name.casefold())
        and (not when or (r.is_today(now, end) if when == WHEN_TODAY else _is_later(r, now, end)))
    ]


def _is_later(row: QueueRow, now: datetime, day_end: datetime) -> bool:
    return row.due_at is not None and not row.is_today(now, day_end)


def is_overdue(row: QueueRow, now: datetime) -> bool:
    """Overdue as the queue counts it (QueueRow.is_overdue: not held by the touch cap)."""
    return row.is_overdue(now)


def _time_key(at: datetime | None) -> float:
    return at.timestamp() if at is not None else NEVER


# Per column: how to order it. Text sorts by its own characters; times by instant.
_SORT_KEYS: dict[int, Callable[[QueueRow], Any]] = {
    COL_NAME: lambda r: r.name,
    COL_PHONE: lambda r: r.phone_digits[-4:],
    COL_HOOK: lambda r: (-r.priority, r.hook_name),
    COL_DUE: lambda r: _time_key(r.original_due_at or r.due_at),
    COL_REASON: lambda r: r.reason,
    COL_RATE: lambda r: -1.0 if r.expected_reply_rate is None else r.expected_reply_rate,
    COL_LAST: lambda r: -_time_key(r.last_touch_at),  # longest untouched first
    COL_STAGE: lambda r: r.stage,
}


class QueueModel(QAbstractTableModel):
    """The operator's queue, overdue first; filter with :meth:`set_filter`.

    ``ROW_ROLE`` gives the :class:`QueueRow` of a row, ``SORT_ROLE`` a value
    that orders a column, ``OVERDUE_ROLE`` whether the row is overdue.
    """

    def __init__(self, parent: QObject | None = None, *, clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self._clock = clock
        self._now = clock()
        self._rows: list[QueueRow] = []
        self._day_end: datetime | None = None  # the end of the team's "today"
        self._visible: list[int] = []
        self._filter = QueueFilter()
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._headers = [
            self.tr("Customer"),
            self.tr("Phone"),
            self.tr("Hook"),
            self.tr("Due"),
            self.tr("Reason"),
            self.tr("Expected reply"),
            self.tr("Last contact"),
            self.tr("Stage"),
        ]

    # -- Qt model API -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        row = self._rows[self._visible[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ROW_ROLE:
            return row
        if role == LEAD_ID_ROLE:
            return row.lead_id
        if role == SORT_ROLE:
            return _SORT_KEYS[column](row)
        return self._decoration(row, column, role)

    def _decoration(self, row: QueueRow, column: int, role: int) -> Any:
        overdue = is_overdue(row, self._now)
        if role == OVERDUE_ROLE:
            return overdue
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return OVERDUE_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue and column == COL_DUE:
                return OVERDUE_TEXT
            if row.hook_key is None or (column == COL_LAST and row.last_touch_at is None):
                return MUTED_TEXT
        if role == Qt.ItemDataRole.FontRole and overdue and column in (COL_NAME, COL_DUE):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _display(self, row: QueueRow, column: int) -> str:
        if column == COL_NAME:
            return row.name
        if column == COL_PHONE:
            return row.phone_masked
        if column == COL_HOOK:
            return row.hook_name or self.tr("Nothing open")
        if column == COL_DUE:
            return self.due_text(row)
        if column == COL_REASON:
            return row.reason
        if column == COL_RATE:
            return self.rate_text(row.expected_reply_rate, row.sample_size)
        if column == COL_LAST:
            return phrases.last_touch_phrase(row.last_touch_at, self._now)
        return row.stage

    def _tooltip(self, row: QueueRow, column: int) -> str | None:
        if column == COL_REASON and row.reason:
            return "\n".join(part for part in (row.reason, row.pacing_note) if part)
        if column == COL_DUE and row.pacing_note:
            return row.pacing_note
        if column == COL_RATE and row.expected_reply_rate is not None:
            return self.tr(
                "Replies seen for this hook: %n contact(s) measured", "", row.sample_size
            )
        if column == COL_NAME and row.tags:
            return phrases.join_list(row.tags)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Column ``-1`` restores the queue's own order (overdue first, by priority)."""
        self.layoutAboutToBeChanged.emit()
        old = self._visible
        self._sort = (column, order)
        self._visible = self._ordered(self._visible)
        self._move_persistent(old)
        self.layoutChanged.emit()

    # -- what the page uses -------------------------------------------------------

    def set_rows(
        self,
        rows: list[QueueRow],
        flt: QueueFilter | None = None,
        day_end: datetime | None = None,
        keep: uuid.UUID | None = None,
        keep_at: int = -1,
    ) -> None:
        """Show a freshly loaded queue (same sort order; same filter unless given).

        ``day_end`` is the end of the team's local today (QueueSnapshot.day_end),
        which decides what the "today" and "later" filters show. ``keep`` stays
        listed even if it no longer matches: the customer the operator is working
        on must not vanish after the first line is copied and its hook moves to
        tomorrow; it leaves at the next filter change or reload without it.
        With ``keep_at`` (a row), ``keep`` stays on that row too: a write must not
        send the row being worked on to the bottom and the list scrolling after
        it. It takes its real place at the first reload after the operator moved on.
        """
        self.beginResetModel()
        self._rows = rows
        self._filter = flt if flt is not None else self._filter
        self._now = self._clock()
        self._day_end = day_end if day_end is not None else self._day_end
        matching = self._matching(self._filter)
        kept = None
        if keep is not None:
            kept = next((i for i, r in enumerate(rows) if r.lead_id == keep), None)
        if kept is not None and not self._filter.is_empty() and kept not in set(matching):
            matching = sorted([*matching, kept])
        self._visible = self._ordered(matching)
        if kept is not None and keep_at >= 0 and kept in self._visible:
            self._visible.remove(kept)
            self._visible.insert(min(keep_at, len(self._visible)), kept)
        self.endResetModel()

    def set_filter(self, flt: QueueFilter) -> None:
        if flt == self._filter:
            return
        self.beginResetModel()
        self._filter = flt
        self._visible = self._ordered(self._matching(flt))
        self.endResetModel()

    def _matching(self, flt: QueueFilter) -> list[int]:
        return matching_rows(self._rows, flt, self._now, self._day_end)

    def patch_rows(self, fresh: list[QueueRow]) -> None:
        """Put freshly read rows in place of the same leads' rows, where they are.

        After a write the operator sees the customer's new hook at once; the
        queue's order catches up with the next full load (a 100k-row re-read
        takes a second or two in the background).
        """
        wanted = {row.lead_id: row for row in fresh}
        if not wanted:
            return
        position = {i: p for p, i in enumerate(self._visible)}
        for i, row in enumerate(self._rows):
            new = wanted.pop(row.lead_id, None)
            if new is None:
                continue
            self._rows[i] = new
            if i in position:
                self.dataChanged.emit(
                    self.index(position[i], 0), self.index(position[i], COLUMN_COUNT - 1)
                )
            if not wanted:
                break

    def current_filter(self) -> QueueFilter:
        return self._filter

    def tick(self) -> None:
        """The clock moved on: re-word the relative times on screen (no reload)."""
        self._now = self._clock()
        if self._visible:
            first = self.index(0, 0)
            last = self.index(len(self._visible) - 1, COLUMN_COUNT - 1)
            self.dataChanged.emit(first, last)

    def now(self) -> datetime:
        return self._now

    def all_rows(self) -> list[QueueRow]:
        """Every loaded row, filtered out or not (reminders watch them all)."""
        return self._rows

    def total_count(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> QueueRow | None:
        if 0 <= row < len(self._visible):
            return self._rows[self._visible[row]]
        return None

    def row_of(self, lead_id: uuid.UUID) -> int:
        """The visible row showing ``lead_id``, or -1 (filtered out or gone)."""
        for position, i in enumerate(self._visible):
            if self._rows[i].lead_id == lead_id:
                return position
        return -1

    def due_text(self, row: QueueRow) -> str:
        if is_overdue(row, self._now):
            assert row.original_due_at is not None
            return phrases.overdue_phrase(row.original_due_at, self._now)
        return phrases.due_phrase(row.due_at, self._now)

    def rate_text(self, rate: float | None, sample_size: int) -> str:
        """82%（n=120）: the expected reply rate and how many contacts it rests on."""
        if rate is None:
            return "—"
        if sample_size == 0:  # nothing measured yet: the domain.md prior, said so
            return self.tr("{rate}% (prior)").format(rate=round(rate * 100))
        if sample_size < phrases.MIN_RATE_SAMPLE:
            return self.tr("too few sends (n={n})").format(n=sample_size)
        return self.tr("{rate}% (n={n})").format(rate=round(rate * 100), n=sample_size)

    # -- helpers ------------------------------------------------------------------

    def _ordered(self, indexes: list[int]) -> list[int]:
        column, order = self._sort
        if column not in _SORT_KEYS:
            return sorted(indexes)  # the snapshot's own order (row indexes ascending)
        key = _SORT_KEYS[column]
        rows = self._rows
        # sorted() is stable: rows that tie keep the queue's order.
        return sorted(
            indexes,
            key=lambda i: key(rows[i]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def _move_persistent(self, old: list[int]) -> None:
        """Keep selections on the same leads across a re-sort."""
        persistent = self.persistentIndexList()
        if not persistent:
            return
        where = {source: position for position, source in enumerate(self._visible)}
        new_list = []
        for index in persistent:
            position = where.get(old[index.row()], -1) if index.row() < len(old) else -1
            new_list.append(
                self.index(position, index.column()) if position >= 0 else QModelIndex()
            )
        self.changePersistentIndexList(persistent, new_list)
