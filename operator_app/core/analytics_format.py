"""Numbers as the page, the CLI and the exports print them; the operator table as rows.

Language-neutral: digits, %, ¥ and "—" read the same in Chinese and English.
Missing values (no denominator, no data) are "—", never 0, never "nan".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from operator_app.core.analytics import METRICS, MetricKind, OperatorRow
from operator_app.core.analytics_report import Report

NO_VALUE = "—"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_count(value: float | None) -> str:
    """2,159; an average like 1.5 keeps one decimal."""
    if _missing(value):
        return NO_VALUE
    assert value is not None
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def format_rate(value: float | None) -> str:
    return NO_VALUE if _missing(value) else f"{value:.1%}"


def format_money(value: float | None) -> str:
    return NO_VALUE if _missing(value) else f"¥{value:,.2f}"


def format_change(value: float | None) -> str:
    """A relative change with its sign: +12.0% / -8.5%."""
    return NO_VALUE if _missing(value) else f"{value:+.1%}"


def format_value(kind: MetricKind, value: float | None) -> str:
    if kind == "rate":
        return format_rate(value)
    if kind == "money":
        return format_money(value)
    return format_count(value)


@dataclass(frozen=True)
class Column:
    key: str  # "name" or a metric key
    kind: MetricKind | str  # "text" for the name


TABLE_COLUMNS: tuple[Column, ...] = (
    Column("name", "text"),
    *(Column(m.key, m.kind) for m in METRICS),
)

Cell = str | float | None


def table_rows(
    report: Report, average_label: str, left_label: str = "", total_label: str = ""
) -> list[list[Cell]]:
    """The operator table as raw values, then (with ``total_label``) the team-total
    row, the team-average row last.

    ``left_label`` is added to the name of someone who has left ("王芳
    (left)"), so an export says why their figures stop mid-period.
    """

    def cells(row: OperatorRow, name: str) -> list[Cell]:
        return [name, *(row.value(m.key) for m in METRICS)]

    out = []
    for row in report.rows:
        name = row.name if row.active or not left_label else f"{row.name} {left_label}"
        out.append(cells(row, name))
    if total_label and report.total is not None:
        out.append(cells(report.total, total_label))
    out.append(cells(report.average, average_label))
    return out


def formatted(rows: Sequence[Sequence[Cell]]) -> list[list[str]]:
    """Each cell as the page shows it."""
    return [
        [
            str(cell) if col.kind == "text" else format_value(col.kind, cell)  # type: ignore[arg-type]
            for col, cell in zip(TABLE_COLUMNS, row, strict=True)
        ]
        for row in rows
    ]


def _plain_cell(kind: str, value: Cell) -> str:
    if kind == "text":
        return str(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_VALUE
    number = float(value)
    if kind == "rate":
        return f"{number:.1%}"
    if kind == "money":
        return f"{number:.2f}"
    return str(int(number)) if number.is_integer() else f"{number:.1f}"


def plain(rows: Sequence[Sequence[Cell]]) -> list[list[str]]:
    """Each cell for a CSV file: no thousands separators or ¥ (a spreadsheet reads them
    as numbers), rates as "71.4%", missing values as "—"."""
    return [
        [_plain_cell(str(col.kind), cell) for col, cell in zip(TABLE_COLUMNS, row, strict=True)]
        for row in rows
    ]


def json_number(value: float | None) -> float | int | None:
    """Whole numbers as ints in JSON; NaN never leaves as NaN."""
    if value is None or math.isnan(value):
        return None
    return int(value) if float(value).is_integer() else value
