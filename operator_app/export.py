"""Tables to .xlsx and .csv that a spreadsheet opens safely (no Qt).

Text a spreadsheet could evaluate as a formula ("CSV injection": ``=``,
``+``, ``-``, ``@``, their full-width forms, after spaces, a tab or a
carriage return) gets a leading apostrophe, the OWASP advice, in both
formats and in the header row: ``core.spreadsheet_text.neutralise``, the one
function every file the app writes uses. Numbers stay numbers; only text is
touched.

CSV is UTF-8 with a BOM, or Excel on a Chinese Windows reads it as GBK and
shows mojibake.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from operator_app.core.analytics_sheets import Chart, Sheet
from operator_app.core.spreadsheet_text import neutralise
from operator_app.errors import KnownError, translatable

__all__ = ["MISSING", "neutralise", "write_csv", "write_workbook", "write_xlsx"]

Cell = str | int | float | None
MISSING = "—"
COLUMN_WIDTH_MAX = 40


def _text_cell(value: Cell) -> str:
    if value is None:
        return MISSING
    return neutralise(value) if isinstance(value, str) else str(value)


def _cannot_write(path: Path, exc: OSError) -> KnownError:
    return KnownError(
        translatable("Cannot write {path}: {reason}"),
        translatable("Close the file if it is open in Excel, or choose another folder."),
        path=str(path),
        reason=exc.strerror or str(exc),
    )


def write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """UTF-8 with BOM, every text cell neutralised, missing values as "—"."""
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([neutralise(h) for h in headers])
            writer.writerows([_text_cell(c) for c in row] for row in rows)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc


def write_xlsx(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    sheet: str = "Sheet1",
    number_formats: Sequence[str | None] = (),
) -> None:
    """One sheet: a bold header row, numbers as numbers (with ``number_formats`` per
    column, e.g. "0.0%"), text always stored as text, missing values as "—"."""
    write_workbook(path, [Sheet(sheet, headers, rows, number_formats)])


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> None:
    """One sheet per table, each as :func:`write_xlsx` writes one, with its native
    charts (openpyxl) beside the table."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for spec in sheets:
        ws = book.create_sheet(neutralise(spec.name)[:31])  # Excel's limit
        _fill(ws, spec)
        for n, chart in enumerate(spec.charts):
            _add_chart(ws, spec, chart, n)
    try:
        book.save(path)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc


def _fill(ws: object, spec: Sheet) -> None:
    ws.append([neutralise(h) for h in spec.headers])  # type: ignore[attr-defined]
    for cell in ws[1]:  # type: ignore[index]
        cell.font = Font(bold=True)
        cell.data_type = TYPE_STRING
    for r, row in enumerate(spec.rows, start=2):
        for c, value in enumerate(row, start=1):
            _put(ws.cell(row=r, column=c), value, _format_at(spec.formats, c - 1))  # type: ignore[attr-defined]
    _fit_columns(ws, spec.headers, spec.rows)
    ws.freeze_panes = "B2"  # type: ignore[attr-defined]


def _add_chart(ws: object, spec: Sheet, chart: Chart, n: int) -> None:
    """A bar (funnel) or line (trend) chart of ``chart.columns`` over the rows' labels."""
    made = BarChart() if chart.kind == "bar" else LineChart()
    if isinstance(made, BarChart):
        made.type = "bar"  # horizontal, first step on top as on the page
        made.x_axis.scaling.orientation = "maxMin"
    made.title = chart.title
    last = 1 + chart.rows
    for column in chart.columns:
        data = Reference(ws, min_col=column, min_row=1, max_row=last)
        made.add_data(data, titles_from_data=True)
    made.set_categories(Reference(ws, min_col=chart.columns[0] - 1, min_row=2, max_row=last))
    anchor_col = get_column_letter(len(spec.headers) + 2)
    ws.add_chart(made, f"{anchor_col}{2 + 16 * n}")  # type: ignore[attr-defined]


def _format_at(formats: Sequence[str | None], index: int) -> str | None:
    return formats[index] if index < len(formats) else None


def _put(cell: object, value: Cell, number_format: str | None) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        # openpyxl stores a str starting with "=" as a formula unless told it is text.
        cell.value = _text_cell(value)  # type: ignore[attr-defined]
        cell.data_type = TYPE_STRING  # type: ignore[attr-defined]
        return
    cell.value = value  # type: ignore[attr-defined]
    if number_format:
        cell.number_format = number_format  # type: ignore[attr-defined]


def _fit_columns(ws: object, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    for index, header in enumerate(headers):
        longest = max(
            [_display_width(header), *(_display_width(str(row[index])) for row in rows)],
        )
        letter = get_column_letter(index + 1)
        ws.column_dimensions[letter].width = min(COLUMN_WIDTH_MAX, longest + 2)  # type: ignore[attr-defined]


def _display_width(text: str) -> int:
    """Chinese characters are two columns wide in a spreadsheet."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
