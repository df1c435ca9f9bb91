"""Lead files validated row by row, and the rejected-rows file to fix and re-import."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from operator_app.core.import_files import LEAD_FIELDS
from operator_app.core.importing import (
    REASON_COLUMN,
    prepare_leads,
    read_table,
    report_path_for,
    reported_issues,
    validate_leads,
    write_rejected_report,
)
from operator_app.errors import KnownError

TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 5, 1, 4, 0, tzinfo=dt.UTC)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


LEADS = """客户名称,手机号,负责人,渠道,标签,生日,备注,添加时间
张三,138 1234 5678,wangfang,包裹卡,"爱水果,新客",1990/5/1,老客户,2024-05-01 08:30
李四,1.38123E+10,,,,,,
王五,+86 139-1234-5678,,,,不详,,昨天
重复的张三,13812345678,,,,,,
座机,010-12345678,,,,,,
没号码,,,,,,,
赵六,13712345678,,,,,,
"""


@pytest.fixture
def leads(tmp_path: Path):
    return prepare_leads(write(tmp_path / "leads.csv", LEADS), tz=TZ, now=NOW)


def test_every_row_is_accounted_for(leads) -> None:
    assert leads.rows == 7
    assert leads.valid["phone"].tolist() == ["+8613812345678", "+8613912345678", "+8613712345678"]
    assert leads.duplicate_in_file == 1
    assert [(i.row_number, i.reason) for i in leads.rejected] == [
        (3, "phone_scientific"),
        (6, "not_mobile"),
        (7, "missing_phone"),
    ]
    assert leads.rows == len(leads.valid) + leads.duplicate_in_file + len(leads.rejected)


def test_duplicates_name_the_row_that_was_kept(leads) -> None:
    (dup,) = [i for i in leads.issues if i.reason == "duplicate_in_file"]
    assert dup.row_number == 5 and dup.text == "与第 2 行的手机号重复"
    assert dup.params == (("first", "2"),)  # for the page to say it in its language


def test_values_are_normalised(leads) -> None:
    first = leads.valid.iloc[0]
    assert first["name"] == "张三" and first["owner"] == "wangfang"
    assert first["channel"] == "包裹卡" and first["tags"] == ("爱水果", "新客")
    assert first["birthday"] == dt.date(1990, 5, 1) and first["notes"] == "老客户"
    # 08:30 in Shanghai is 00:30 UTC
    assert first["created_at"] == dt.datetime(2024, 5, 1, 0, 30, tzinfo=dt.UTC)
    second = leads.valid.iloc[1]
    assert second["channel"] is None and second["birthday"] is None
    assert second["created_at"] == NOW  # 昨天 is not a time: the import time


def test_bad_birthday_and_added_time_are_warnings_not_rejections(leads) -> None:
    warnings = [(i.row_number, i.reason, i.fatal) for i in leads.issues if not i.fatal]
    assert warnings == [(4, "bad_birthday", False), (4, "bad_added_at", False)]


def test_names_and_notes_are_stored_as_given(tmp_path: Path) -> None:
    long_note = "很长的备注" * 1000  # 5,000 characters
    text = (
        "姓名,手机号,备注\n"
        '"小美🌸 ""VIP""",13812345678,"' + long_note + '"\n'
        '"Robert\'); DROP TABLE lead;--",13912345678,=HYPERLINK("http://x")\n'
    )
    leads = prepare_leads(write(tmp_path / "f.csv", text), tz=TZ, now=NOW)
    assert leads.valid["name"].tolist() == ['小美🌸 "VIP"', "Robert'); DROP TABLE lead;--"]
    assert leads.valid["notes"].tolist() == [long_note, '=HYPERLINK("http://x")']


def test_a_file_without_a_phone_column_asks_for_the_mapping(tmp_path: Path) -> None:
    path = write(tmp_path / "f.csv", "姓名,微信号\n张三,zs001\n")
    with pytest.raises(KnownError, match="recognised as '手机号'") as err:
        prepare_leads(path, tz=TZ, now=NOW)
    assert "姓名, 微信号" in str(err.value)


def test_the_mapping_override_is_used(tmp_path: Path) -> None:
    path = write(tmp_path / "f.csv", "姓名,手机号,备用号码\n张三,,13812345678\n")
    leads = prepare_leads(path, tz=TZ, now=NOW, mapping={"phone": "备用号码"})
    assert leads.mapping["phone"] == "备用号码"
    assert leads.valid["phone"].tolist() == ["+8613812345678"]


def test_gbk_xlsx_and_utf8_versions_of_a_file_agree(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [["客户导出"], ["客户名称", "手机号"], ["张三", 13812345678], ["合计", 1]]:
        sheet.append(row)
    book.save(tmp_path / "f.xlsx")
    from_xlsx = prepare_leads(tmp_path / "f.xlsx", tz=TZ, now=NOW)
    from_gbk = prepare_leads(
        write(tmp_path / "f.csv", "客户名称,手机号\r\n张三,13812345678\r\n", "gbk"), tz=TZ, now=NOW
    )
    assert from_xlsx.valid[["phone", "name"]].values.tolist() == [["+8613812345678", "张三"]]
    assert from_gbk.valid[["phone", "name"]].values.tolist() == [["+8613812345678", "张三"]]


# -- the rejected-rows file -----------------------------------------------------------------


def test_rejected_rows_file_opens_in_excel_and_keeps_the_original_columns(
    tmp_path: Path, leads
) -> None:
    path = write_rejected_report(tmp_path / "bad.csv", leads.table, reported_issues(leads.issues))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 as UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == [*leads.table.headers, REASON_COLUMN]
    assert [r[0] for r in rows[1:]] == ["李四", "座机", "没号码"]
    assert rows[1][1] == "1.38123E+10" and rows[1][-1].startswith(
        "手机号被表格软件改成了科学计数法"
    )
    assert rows[3][-1] == "缺少手机号"


def test_fixed_rows_can_be_imported_again(tmp_path: Path) -> None:
    text = "姓名,手机号,备注\n张三,1.38123E+10,=1+1\n李四,13912345678,\n"
    first = prepare_leads(write(tmp_path / "f.csv", text), tz=TZ, now=NOW)
    report = write_rejected_report(tmp_path / "fix.csv", first.table, first.rejected)
    # Excel would run =1+1 as a formula: the file shows it as text instead
    assert "'=1+1" in report.read_text(encoding="utf-8-sig")
    fixed = report.read_text(encoding="utf-8-sig").replace("1.38123E+10", "13812345678")
    report.write_text(fixed, encoding="utf-8-sig")
    again = prepare_leads(report, tz=TZ, now=NOW)
    assert "原因" not in again.mapping.values()
    assert again.valid[["name", "phone", "notes"]].values.tolist() == [
        ["张三", "+8613812345678", "=1+1"]
    ]
    # a report of the report replaces the old 原因 column rather than adding one
    report2 = write_rejected_report(tmp_path / "fix2.csv", again.table, [])
    assert report2.read_text(encoding="utf-8-sig").splitlines()[0] == "姓名,手机号,备注,原因"


def test_report_names_never_overwrite_an_existing_file(tmp_path: Path) -> None:
    source = tmp_path / "leads.csv"
    assert report_path_for(source).name == "leads-rejected.csv"
    (tmp_path / "leads-rejected.csv").write_text("being fixed", encoding="utf-8")
    assert report_path_for(source).name == "leads-rejected (2).csv"


def test_validation_of_a_large_file_is_vectorised(tmp_path: Path) -> None:
    lines = ["姓名,手机号"] + [f"客户{i},138{i:08d}" for i in range(50_000)]
    table = read_table(write(tmp_path / "big.csv", "\n".join(lines)), LEAD_FIELDS)
    leads = validate_leads(table, {"name": "姓名", "phone": "手机号"}, tz=TZ, now=NOW)
    assert len(leads.valid) == 50_000 and leads.valid["phone"].iloc[-1] == "+8613800049999"
