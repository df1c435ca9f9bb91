"""Exported tables never run as formulas in a spreadsheet (operator_app/export.py, no Qt)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from operator_app import export
from operator_app.errors import KnownError

TRIGGERS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", TRIGGERS)
def test_formula_starts_get_an_apostrophe(text: str) -> None:
    assert export.neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["王芳", "1+1", "a=b", "", "—", "'=already"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert export.neutralise(text) == text


def test_csv_is_utf8_with_bom_and_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    export.write_csv(path, ["=名字", "数"], [["=HYPERLINK(1)", 3], ["-2", None], ["刘洋", -1.5]])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows == [["'=名字", "数"], ["'=HYPERLINK(1)", "3"], ["'-2", "—"], ["刘洋", "-1.5"]]


def test_xlsx_keeps_numbers_and_stores_every_text_as_text(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    export.write_xlsx(
        path,
        ["名字", "回复率", "金额"],
        [["=1+2", 0.5, -3.0], ["@x", None, 12.5], ["\t=cmd", 0.25, 0]],
        sheet="业绩",
        number_formats=[None, "0.0%", "#,##0.00"],
    )
    sheet = load_workbook(path).active
    assert sheet is not None and sheet.title == "业绩"
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert values == [["'=1+2", 0.5, -3], ["'@x", "—", 12.5], ["'\t=cmd", 0.25, 0]]
    for row in sheet.iter_rows(min_row=1):
        assert row[0].data_type == "s"
    assert sheet["B2"].number_format == "0.0%" and sheet["C3"].number_format == "#,##0.00"


def test_an_unwritable_place_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="Cannot write"):
        export.write_csv(tmp_path / "missing" / "t.csv", ["a"], [["b"]])
    with pytest.raises(KnownError, match="Cannot write"):
        export.write_xlsx(tmp_path / "missing" / "t.xlsx", ["a"], [["b"]])
