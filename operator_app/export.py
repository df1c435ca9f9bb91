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
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from operator_app.core.spreadsheet_text import neutralise
from operator_app.errors import KnownError, translatable

__all__ = ["MISSING", "neutralise", "write_csv", "write_xlsx"]

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
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet[:31]  # Excel's limit
    ws.append([neutralise(h) for h in headers])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.data_type = TYPE_STRING
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            _put(ws.cell(row=r, column=c), value, _format_at(number_formats, c - 1))
    _fit_columns(ws, headers, rows)
    ws.freeze_panes = "B2"
    try:
        book.save(path)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc


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
