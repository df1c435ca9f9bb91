"""Every file the app writes for a spreadsheet shows formula-like text as text, headers too.

One function, core/spreadsheet_text.neutralise, serves the rejected-rows file
of an import and the report exports (operator_app/export.py).
"""

from __future__ import annotations

import csv
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from operator_app import export
from operator_app.core.importing import prepare_leads, write_rejected_report
from operator_app.core.spreadsheet_text import neutralise, unneutralise
from tests.data.import_fixtures import NOW

TZ = ZoneInfo("Asia/Shanghai")
TRIGGERS = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\tplain after a tab",
    "\r=1",
    "\nx",
    "  =1+1",
    " \t+1",
    "\u3000=1",  # an ideographic space, as a Chinese input method types it
    "＝SUM(A1)",
    "＋86",
    "－1",
    "＠x",
    "  ＝1",
]


@pytest.mark.parametrize("text", TRIGGERS)
def test_every_formula_start_gets_an_apostrophe_and_loses_it_on_reimport(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert unneutralise(neutralise(text)) == text


@pytest.mark.parametrize("text", ["王芳", "1+1", "a=b", "", "—", " hi", "13812345678", "'=x"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))


def test_the_rejected_rows_file_neutralises_cells_and_headers(tmp_path: Path) -> None:
    source = tmp_path / "leads.csv"
    with source.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["客户名称", "手机号", "＝备注", "  =来源"])
        for note in ["＝SUM(A1)", "－1", "＠x", "\t=1", "  =1+1", "＋86"]:
            writer.writerow(["坏号", "abc", note, "@渠道"])
    leads = prepare_leads(source, tz=TZ, now=NOW)
    assert len(leads.rejected) == 6

    report = write_rejected_report(tmp_path / "fix.csv", leads.table, leads.rejected)

    with report.open(encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    assert header == ["客户名称", "手机号", "'＝备注", "'=来源", "原因"]  # headers are trimmed
    for row in rows:
        assert row[2].startswith("'") and row[3] == "'@渠道", row
    notes = [row[2] for row in rows]
    assert [unneutralise(n) for n in notes] == [
        leads.table.frame.iloc[i.index]["＝备注"] for i in leads.rejected
    ]


def test_report_exports_neutralise_headers_and_full_width_signs(tmp_path: Path) -> None:
    csv_path, xlsx_path = tmp_path / "t.csv", tmp_path / "t.xlsx"
    headers = ["＝名字", "  =数"]
    rows: list[list[str | int | float | None]] = [["＋86", 1], ["\t@x", 2]]
    export.write_csv(csv_path, headers, rows)
    export.write_xlsx(xlsx_path, headers, rows)

    assert _rows(csv_path) == [["'＝名字", "'  =数"], ["'＋86", "1"], ["'\t@x", "2"]]
    sheet = load_workbook(xlsx_path).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values == [["'＝名字", "'  =数"], ["'＋86", 1], ["'\t@x", 2]]
