"""Reading lead/order files: encodings, separators, .xlsx title and totals rows, bad input."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest

from operator_app.core.import_files import (
    LEAD_FIELDS,
    ORDER_FIELDS,
    cell_text,
    guess_mapping,
    read_table,
    resolve_mapping,
)
from operator_app.errors import KnownError

HEADER = ["客户名称", "手机号", "备注"]
ROWS = [["张三", "13812345678", "老客户"], ["李四😀", "13912345678", '说"好的"']]


def write_csv(path: Path, rows: list[list[str]], encoding: str, sep: str = ",") -> Path:
    lines = []
    for row in rows:
        cells = [
            '"' + c.replace('"', '""') + '"' if any(x in c for x in ',"\n') else c for c in row
        ]
        lines.append(sep.join(cells))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),  # with BOM, as Excel's "Unicode text" writes it
        ("utf-16-le", "utf-16-le"),  # no BOM
    ],
)
def test_csv_in_every_encoding_reads_the_same(tmp_path: Path, encoding: str, expected: str) -> None:
    rows = [HEADER, ROWS[0], ["李四", "13912345678", "广州"]]  # GBK has no emoji
    table = read_table(write_csv(tmp_path / "f.csv", rows, encoding), LEAD_FIELDS)
    assert table.encoding == expected
    assert table.headers == HEADER
    assert table.frame.values.tolist() == rows[1:]
    assert table.row_numbers.tolist() == [2, 3]


@pytest.mark.parametrize("sep", ["\t", ";", "|"])
def test_other_separators_are_sniffed(tmp_path: Path, sep: str) -> None:
    table = read_table(write_csv(tmp_path / "f.txt", [HEADER, *ROWS], "utf-16", sep), LEAD_FIELDS)
    assert table.details["delimiter"] == sep
    assert table.frame.values.tolist() == ROWS


def test_title_rows_blank_lines_and_totals_are_skipped_with_true_row_numbers(
    tmp_path: Path,
) -> None:
    text = (
        '"客户导出\n2024年5月"\n'  # a title spanning two physical lines (quoted)
        "导出人：小王\n"
        "客户名称,手机号,备注\n"
        "张三,13812345678,a\n"
        "\n"
        "李四,13912345678,b\n"
        "合计,2,\n"
    )
    path = tmp_path / "f.csv"
    path.write_text(text, encoding="utf-8")
    table = read_table(path, LEAD_FIELDS)
    assert table.headers == HEADER
    assert table.header_row == 3
    assert table.frame["客户名称"].tolist() == ["张三", "李四"]
    # record numbers as the team lead counts them: title=1, 导出人=2, header=3
    assert table.row_numbers.tolist() == [4, 6]
    assert table.skipped_rows == 2  # the blank row and 合计


def test_data_rows_longer_than_the_header_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("姓名,手机号\n张三,13812345678,多余\n李四,13912345678\n", encoding="utf-8")
    table = read_table(path, LEAD_FIELDS)
    assert table.headers == ["姓名", "手机号", "列3"]
    assert table.frame.values.tolist() == [
        ["张三", "13812345678", "多余"],
        ["李四", "13912345678", ""],
    ]


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_with_title_and_totals_rows(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "f.xlsx",
        [
            ["2024年5月 客户名单"],
            [],
            ["客户名称", "手机号", "生日", "备注"],
            ["张三", 13812345678, dt.datetime(1990, 5, 1), "x"],
            ["李四", 13912345678.0, "1991/2/3", None],
            ["合计", 2, None, None],
        ],
    )
    table = read_table(path, LEAD_FIELDS)
    assert table.kind == "xlsx" and table.header_row == 3
    assert table.frame.values.tolist() == [
        ["张三", "13812345678", "1990-05-01", "x"],
        ["李四", "13912345678", "1991/2/3", ""],
    ]
    assert table.row_numbers.tolist() == [4, 5]


def test_cell_text_reads_like_a_spreadsheet() -> None:
    assert cell_text(13812345678.0) == "13812345678"
    assert cell_text(1299.5) == "1299.5"
    # beyond 15 digits a spreadsheet has already rounded: keep the evidence
    assert cell_text(1.23456789012346e17) == "1.23456789012346e+17"
    assert cell_text(dt.datetime(2024, 5, 1, 8, 30)) == "2024-05-01 08:30:00"
    assert cell_text(None) == ""


def test_a_5000_character_cell_is_read_whole(tmp_path: Path) -> None:
    note = "长" * 5000
    table = read_table(
        write_csv(tmp_path / "f.csv", [HEADER, ["张三", "13812345678", note]], "utf-8"), LEAD_FIELDS
    )
    assert table.frame.at[0, "备注"] == note


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\xef\xbb\xbf\r\n  \r\n", "is empty"),
        ("客户名称,手机号\n".encode(), "no data rows"),
        ("客户名称,手机号\n,\n合计,0\n".encode(), "no data rows"),
        (os.urandom(4096), "neither a readable CSV"),
        (b"\x00\x01\x02garbage\x00" * 200, "neither a readable CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old-format Excel"),
        (b"PK\x03\x04not really a zip", "not an Excel workbook"),
    ],
)
def test_bad_files_raise_a_known_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with pytest.raises(KnownError, match=message):
        read_table(path, LEAD_FIELDS)


def test_a_text_file_named_xlsx_is_read_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "really-a-csv.xlsx"
    path.write_text("姓名,手机号\n张三,13812345678\n", encoding="utf-8")
    table = read_table(path, LEAD_FIELDS)
    assert table.kind == "csv" and len(table) == 1


@pytest.mark.parametrize(
    "content",
    [
        "hello, this is a note\n",  # one line: read as CSV it is a header without rows
        "客户名称,手机号\n",
        "<html><body><table><tr><td>订单</td></tr></table></body></html>",
        "\x00\x01binary\x00" * 200,
    ],
)
@pytest.mark.parametrize("suffix", [".xlsx", ".XLS"])
def test_text_named_like_excel_without_a_table_is_said_to_be_no_excel_file(
    tmp_path: Path, content: str, suffix: str
) -> None:
    path = tmp_path / f"export{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnownError) as caught:
        read_table(path, LEAD_FIELDS)
    text = caught.value.render()
    assert text.startswith(f"export{suffix} is not a real Excel file")
    assert "save it as .xlsx" in text and "no data rows" not in text


def test_an_empty_file_named_xlsx_is_said_to_be_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(KnownError, match="is empty"):
        read_table(path, LEAD_FIELDS)


def test_a_missing_file_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="does not exist"):
        read_table(tmp_path / "nope.csv", LEAD_FIELDS)


# -- header matching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["客户名称", "手机号", "负责人", "渠道", "标签", "生日", "备注", "添加时间"],
            {
                "name": "客户名称",
                "phone": "手机号",
                "owner": "负责人",
                "channel": "渠道",
                "tags": "标签",
                "birthday": "生日",
                "notes": "备注",
                "added_at": "添加时间",
            },
        ),
        (
            ["姓名", "手机号码", "添加人", "来源"],
            {"name": "姓名", "phone": "手机号码", "owner": "添加人", "channel": "来源"},
        ),
        (
            ["昵称", "联系电话", "所属员工", "来源渠道"],
            {"name": "昵称", "phone": "联系电话", "owner": "所属员工", "channel": "来源渠道"},
        ),
        (["客户昵称", "电话", "跟进人"], {"name": "客户昵称", "phone": "电话", "owner": "跟进人"}),
        # decorations people add, full-width letters, English exports
        (["客户手机号", "手机号（必填）*"], {"phone": "手机号（必填）*"}),
        (
            ["Name", "Mobile Phone", "Owner", "Ｔａｇｓ"],
            {"name": "Name", "phone": "Mobile Phone", "owner": "Owner", "tags": "Ｔａｇｓ"},
        ),
        (["hotel", "序号"], {}),  # "tel" is not inside a word
    ],
)
def test_lead_headers_are_recognised(headers: list[str], expected: dict[str, str]) -> None:
    assert guess_mapping(headers, LEAD_FIELDS) == expected


def test_contained_wordings_match_when_nothing_matches_exactly() -> None:
    assert guess_mapping(["客户手机号码", "微信备注"], LEAD_FIELDS) == {
        "phone": "客户手机号码",
        "notes": "微信备注",
    }


def test_order_headers_prefer_the_paid_amount() -> None:
    headers = ["订单编号", "商品金额", "实付金额", "收货人", "收货人手机号", "订单状态", "下单时间"]
    assert guess_mapping(headers, ORDER_FIELDS) == {
        "order_no": "订单编号",
        "phone": "收货人手机号",
        "name": "收货人",
        "amount": "实付金额",
        "status": "订单状态",
        "ordered_at": "下单时间",
    }


def test_the_team_lead_corrects_the_guess() -> None:
    headers = ["姓名", "手机号", "备用电话", "负责人"]
    guess = guess_mapping(headers, LEAD_FIELDS)
    fixed = resolve_mapping(headers, LEAD_FIELDS, guess, {"phone": "备用电话", "owner": None})
    assert fixed == {"name": "姓名", "phone": "备用电话"}
    # giving a guessed header to another field takes it from the guess
    moved = resolve_mapping(headers, LEAD_FIELDS, guess, {"notes": "负责人"})
    assert moved == {"name": "姓名", "phone": "手机号", "notes": "负责人"}


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"email": "姓名"}, "not a column an import can fill"),
        ({"phone": "微信号"}, "no column named '微信号'"),
        ({"phone": "姓名", "name": "姓名"}, "chosen for both"),
    ],
)
def test_impossible_corrections_are_refused(override: dict[str, str], message: str) -> None:
    headers = ["姓名", "手机号"]
    with pytest.raises(KnownError, match=message):
        resolve_mapping(headers, LEAD_FIELDS, guess_mapping(headers, LEAD_FIELDS), override)
