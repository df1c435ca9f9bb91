"""Reading a customer or order file into a table of text cells (no database, no Qt).

CSV in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16, separated by
commas, tabs or semicolons, and .xlsx workbooks. The file's content decides
how it is read, not its name. The header row is found among the first rows
(exports often put a title above it); empty rows and totals rows (合计) are
dropped. Every cell comes back as the text a person sees, so validation
never depends on how a spreadsheet typed a column.

Header wordings are matched to fields (:func:`guess_mapping`); the team lead
corrects the guess before anything is written (:func:`resolve_mapping`).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from operator_app.core.progress import TaskState
from operator_app.errors import KnownError, translatable

HEADER_SEARCH_ROWS = 30  # title rows above the header are at most this many
_CONTROL_SHARE_LIMIT = 0.01  # more control characters than this: not a text table
_TOTALS = re.compile(
    r"^(?:合\s*计|总\s*计|小\s*计|共\s*计|total|totals|grand\s*total|sum)(?:$|[\s:：(（])",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"[(（\[【<《].*?[)）\]】>》]")


@dataclass(frozen=True)
class FieldSpec:
    """A field an import fills, with the header wordings that mean it (best first)."""

    key: str
    label: str  # what the team lead sees in the mapping dialog
    synonyms: tuple[str, ...]
    required: bool = False


def _spec(key: str, label: str, synonyms: str, required: bool = False) -> FieldSpec:
    return FieldSpec(key, label, tuple(synonyms.split("|")), required)


LEAD_FIELDS: tuple[FieldSpec, ...] = (
    _spec(
        "name",
        "客户名称",
        "客户名称|客户姓名|姓名|昵称|客户昵称|备注名|微信昵称|名字|客户|联系人"
        "|name|nickname|customer name|customer",
    ),
    _spec(
        "phone",
        "手机号",
        "手机号|手机号码|联系电话|电话|手机|电话号码|客户手机号|移动电话|联系方式"
        "|phone|mobile|phone number|mobile phone|cellphone|telephone|tel",
        required=True,
    ),
    _spec(
        "owner",
        "负责人",
        "负责人|添加人|所属员工|跟进人|归属员工|所属运营|跟进员工|员工|运营"
        "|owner|assignee|operator|staff",
    ),
    _spec("channel", "渠道", "渠道|来源|来源渠道|客户来源|添加渠道|channel|source"),
    _spec("tags", "标签", "标签|客户标签|企业标签|tags|tag|labels"),
    _spec("birthday", "生日", "生日|出生日期|birthday|date of birth|birth date|dob"),
    _spec("notes", "备注", "备注|备注信息|描述|说明|notes|note|remark|remarks|comment"),
    _spec(
        "added_at",
        "添加时间",
        "添加时间|添加日期|创建时间|录入时间|added at|date added|created at|created",
    ),
    _spec("city", "城市", "城市|所在城市|city"),
    # A WeCom export says whether the customer is a friend already (已添加/已通过/是).
    _spec(
        "friend",
        "是否好友",
        "是否好友|添加状态|好友状态|好友关系|是否添加|friend status|is friend|friend",
    ),
)

ORDER_FIELDS: tuple[FieldSpec, ...] = (
    _spec(
        "order_no",
        "订单号",
        "订单号|订单编号|主订单编号|订单id|交易单号|交易号|order no|order number|order id|order",
        required=True,
    ),
    _spec(
        "phone",
        "手机号",
        "手机号|收货人手机号|买家手机号|手机号码|联系手机|收货人手机|收货人电话|联系电话|电话"
        "|手机|phone|mobile|buyer phone|phone number",
        required=True,
    ),
    _spec(
        "name",
        "客户名称",
        "收货人|收货人姓名|买家昵称|买家|客户名称|客户姓名|姓名"
        "|buyer|buyer name|customer|recipient|name",
    ),
    _spec(
        "amount",
        "金额",
        "实付金额|买家实付金额|订单金额|付款金额|实收金额|支付金额|应付金额|成交金额|商品金额"
        "|金额|amount|total|paid",
    ),
    _spec("status", "订单状态", "订单状态|交易状态|状态|order status|status"),
    _spec("product", "商品", "商品名称|商品标题|宝贝标题|商品|产品名称|产品|product|item"),
    _spec(
        "ordered_at",
        "下单时间",
        "下单时间|订单创建时间|创建时间|付款时间|支付时间|成交时间|订单时间"
        "|order time|ordered at|created at|date",
    ),
    _spec("shipped_at", "发货时间", "发货时间|shipped at|ship time"),
    _spec("signed_at", "签收时间", "签收时间|确认收货时间|收货时间|signed at|delivered at"),
)


@dataclass(frozen=True)
class RawTable:
    """A file's data rows as text, under its (unique) headers."""

    headers: list[str]
    frame: pd.DataFrame  # one column per header, every cell a str ("" when empty)
    row_numbers: np.ndarray  # per data row: its 1-based row (record) number in the file
    kind: str  # "csv" or "xlsx"
    encoding: str | None = None
    header_row: int = 1
    skipped_rows: int = 0  # empty and totals rows that were dropped
    details: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.frame)


# -- header matching -------------------------------------------------------------------


def normalize_header(text: str) -> str:
    """Compare headers the way a person reads them: full-width, case, spaces,
    a required-field star and a bracketed hint (“手机号(必填)”) do not matter."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = _BRACKETED.sub("", text)
    text = text.replace("_", " ").strip(" *:：\t\r\n")
    return re.sub(r"\s+", " ", text)


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _score(header: str, spec: FieldSpec) -> tuple[int, int] | None:
    """(2 exact | 1 contained, -synonym rank); None when the header does not mean the field."""
    norm = normalize_header(header)
    if not norm:
        return None
    words = set(re.split(r"[^0-9a-z]+", norm))
    for rank, synonym in enumerate(spec.synonyms):
        if norm == synonym or norm.replace(" ", "") == synonym.replace(" ", ""):
            return (2, -rank)
    for rank, synonym in enumerate(spec.synonyms):
        # Chinese wordings may sit inside a longer header (客户手机号);
        # English ones must be whole words, so "tel" never matches "hotel".
        contained = synonym in norm if _has_cjk(synonym) else synonym in words
        if contained and len(synonym) >= 2:
            return (1, len(synonym) * 100 - rank)
    return None


def guess_mapping(headers: Sequence[str], fields: Sequence[FieldSpec]) -> dict[str, str]:
    """Field key -> header, for every field some header clearly means.

    Each header serves one field and each field one header; the strongest
    matches win (exact before contained, earlier wordings before later),
    ties going to the leftmost column.
    """
    candidates = []
    for col, header in enumerate(headers):
        # A header only stands for the field it means most (客户手机号 is a
        # phone, never a name because it contains 客户).
        scored = [(_score(header, spec), -order, spec.key) for order, spec in enumerate(fields)]
        found = [(score, order, key) for score, order, key in scored if score is not None]
        if found:
            score, order, key = max(found)
            candidates.append((score, -col, order, key, header))
    candidates.sort(reverse=True)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for *_rank, key, header in candidates:
        if key not in mapping and header not in used:
            mapping[key] = header
            used.add(header)
    return {spec.key: mapping[spec.key] for spec in fields if spec.key in mapping}


def resolve_mapping(
    headers: Sequence[str],
    fields: Sequence[FieldSpec],
    guess: Mapping[str, str],
    override: Mapping[str, str | None] | None = None,
) -> dict[str, str]:
    """The guess with the team lead's corrections: a header replaces the guess
    for its field, None (or "") unmaps the field. Refuses unknown fields,
    headers the file does not have, and one header given to two fields."""
    keys = {spec.key for spec in fields}
    mapping = dict(guess)
    for key, header in (override or {}).items():
        if key not in keys:
            raise KnownError(
                translatable("'{field}' is not a column an import can fill."),
                translatable("Use one of: {fields}."),
                field=key,
                fields=", ".join(sorted(keys)),
            )
        if header:
            if header not in headers:
                raise KnownError(
                    translatable("The file has no column named '{header}'."),
                    translatable("Its columns are: {headers}."),
                    header=header,
                    headers=", ".join(headers),
                )
            mapping[key] = header
        else:
            mapping.pop(key, None)
    for key, header in (override or {}).items():
        if header:  # an override wins: the guess that held its header lets go
            for other in [k for k, h in mapping.items() if h == header and k != key]:
                if other not in (override or {}):
                    mapping.pop(other)
    _refuse_shared_headers(mapping)
    return mapping


def _refuse_shared_headers(mapping: Mapping[str, str]) -> None:
    seen: dict[str, str] = {}
    for key, header in mapping.items():
        if header in seen:
            raise KnownError(
                translatable("The column '{header}' is chosen for both {first} and {second}."),
                translatable("Choose one column per field."),
                header=header,
                first=seen[header],
                second=key,
            )
        seen[header] = key


def _header_score(cells: Sequence[str], fields: Sequence[FieldSpec]) -> int:
    return len(guess_mapping(unique_headers(cells), fields))


def find_header_row(rows: Sequence[Sequence[str]], fields: Sequence[FieldSpec]) -> int:
    """Index of the row that names the most fields; the first non-empty row if none does."""
    best, best_score = None, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = _header_score(row, fields)
        if score > best_score:
            best, best_score = index, score
    if best is not None:
        return best
    for index, row in enumerate(rows):
        if any(str(c).strip() for c in row):
            return index
    return 0


def unique_headers(cells: Sequence[Any]) -> list[str]:
    """Header texts, blank ones named by position and repeats numbered: 电话, 电话 (2)."""
    out: list[str] = []
    for pos, cell in enumerate(cells, start=1):
        name = str(cell).strip() if cell is not None else ""
        name = name or f"列{pos}"
        candidate, n = name, 1
        while candidate in out:
            n += 1
            candidate = f"{name} ({n})"
        out.append(candidate)
    return out


# -- reading ---------------------------------------------------------------------------


def read_table(
    path: Path | str, fields: Sequence[FieldSpec], state: TaskState | None = None
) -> RawTable:
    """Read a CSV or .xlsx file (decided by its content) into text cells.

    Raises KnownError for an unreadable, empty or non-table file.
    """
    path = Path(path)
    state = state or TaskState()
    data = _read_bytes(path)
    state.advance(0, 1, "read")
    if data[:4] == b"PK\x03\x04":
        table = _read_xlsx(path, fields)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise KnownError(
            translatable("{name} is an old-format Excel file (.xls) or a password-protected one."),
            translatable("Open it in Excel and save it as .xlsx (without a password) or CSV."),
            name=path.name,
        )
    else:
        table = _read_text_table(path, data, fields)
    if table.frame.empty:
        raise KnownError(
            translatable("{name} has column headers but no data rows."),
            translatable("Check that you chose the right file or sheet."),
            name=path.name,
        )
    state.advance(1, 1, "read")
    return table


def _read_text_table(path: Path, data: bytes, fields: Sequence[FieldSpec]) -> RawTable:
    """A text file read as CSV, whatever its name: shop backends often export CSV
    or tab-separated text named .xls. When that gives no table and the name says
    Excel, the truth is that the file is not a workbook at all."""
    # An empty file is said to be empty, whatever its name.
    named_excel = path.suffix.lower() in (".xlsx", ".xlsm", ".xls") and bool(data.strip())
    try:
        table = _read_csv(path, data, fields)
    except KnownError:
        if named_excel:
            raise _fake_excel(path) from None
        raise
    if named_excel and table.frame.empty:
        raise _fake_excel(path)
    return table


def _fake_excel(path: Path) -> KnownError:
    return KnownError(
        translatable("{name} is not a real Excel file: it holds text, not a workbook."),
        translatable(
            "Open the original in Excel or WPS and save it as .xlsx; "
            "if it is a CSV export, rename it to .csv."
        ),
        name=path.name,
    )


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KnownError(translatable("The file {path} does not exist."), path=str(path)) from None
    except OSError as exc:
        raise KnownError(
            translatable("The file {path} cannot be read ({reason})."),
            translatable("Close it in other programs (Excel locks open files) and try again."),
            path=str(path),
            reason=exc.strerror or exc.__class__.__name__,
        ) from exc
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise KnownError(translatable("{name} is empty."), name=path.name)
    return data


def _empty_error(path: Path) -> KnownError:
    return KnownError(translatable("{name} is empty."), name=path.name)


def _finish(
    path: Path, rows_frame: pd.DataFrame, header_index: int, kind: str, **extra: Any
) -> RawTable:
    """Cut the raw grid at the header row; drop empty and totals rows."""
    if rows_frame.empty or header_index >= len(rows_frame):
        raise _empty_error(path)
    headers = unique_headers(rows_frame.iloc[header_index].tolist())
    body = rows_frame.iloc[header_index + 1 :].reset_index(drop=True)
    body.columns = headers
    first_line = extra.pop("first_row_number", header_index + 2)
    numbers = np.arange(first_line, first_line + len(body), dtype=np.int64)
    keep = _data_rows(body)
    skipped = int((~keep).sum())
    if skipped:
        body = body[keep].reset_index(drop=True)
    return RawTable(
        headers=headers,
        frame=body,
        row_numbers=numbers[keep.to_numpy()],
        kind=kind,
        header_row=int(first_line - 1),
        skipped_rows=skipped,
        **extra,
    )


def _data_rows(body: pd.DataFrame) -> pd.Series:
    """False for rows with nothing in them and for totals rows (合计 / Total)."""
    # Each row's first non-blank cell; later columns are looked at only for
    # the rows still blank (nearly always none after the first column).
    first = pd.Series("", index=body.index, dtype=object)
    blank = pd.Series(True, index=body.index)
    for col in body.columns:
        first[blank] = body.loc[blank, col].str.strip()
        blank = first == ""
        if not blank.any():
            break
    totals = first.str.contains(_TOTALS, regex=True)
    return ~blank & ~totals


# -- CSV ---------------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOMs first, then UTF-16 without BOM, UTF-8, GB18030."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return _decode(data, encoding), encoding
    sample = data[:4096]
    if len(sample) >= 4:
        zeros_odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
        zeros_even = sample[0::2].count(0) / max(1, len(sample[0::2]))
        if zeros_odd > 0.3 and zeros_even < 0.05:
            return _decode(data, "utf-16-le"), "utf-16-le"
        if zeros_even > 0.3 and zeros_odd < 0.05:
            return _decode(data, "utf-16-be"), "utf-16-be"
    for encoding in ("utf-8", "gb18030"):  # GB18030 is a superset of GBK and GB2312
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise _not_text()


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise _not_text() from None


def _not_text() -> KnownError:
    return KnownError(
        translatable("The file is neither a readable CSV text file nor an .xlsx workbook."),
        translatable(
            "Export the data from Excel or the shop backend as CSV (UTF-8 or GBK) or .xlsx."
        ),
    )


def _check_text(text: str) -> None:
    """Binary data decodes by luck now and then; its control characters give it away."""
    if "\x00" in text:
        raise _not_text()
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if sample and controls / len(sample) > _CONTROL_SHARE_LIMIT:
        raise _not_text()


def sniff_delimiter(text: str) -> str:
    """The separator used most consistently in the first lines (outside quotes)."""
    lines = [ln for ln in islice(io.StringIO(text), 50) if ln.strip()][:20]
    best, best_score = ",", 0.0
    for sep in (",", "\t", ";", "|"):
        counts = [len(next(csv.reader([ln], delimiter=sep), [])) - 1 for ln in lines]
        if not counts or max(counts) == 0:
            continue
        score = float(np.median(counts)) + (0.5 if sep == "," else 0.0)
        if score > best_score:
            best, best_score = sep, score
    return best


def _read_csv(path: Path, data: bytes, fields: Sequence[FieldSpec]) -> RawTable:
    text, encoding = decode_text(data)
    _check_text(text)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise _empty_error(path)
    sep = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    head = list(islice(reader, HEADER_SEARCH_ROWS))
    header_index = find_header_row(head, fields)
    frame = _csv_frame(text, sep, header_index)
    return _finish(
        path,
        frame,
        0,
        "csv",
        encoding=encoding,
        details={"delimiter": sep},
        first_row_number=header_index + 2,
    )


def _csv_frame(text: str, sep: str, skip_records: int) -> pd.DataFrame:
    """All records from the header on as str cells; short rows padded with ""."""
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            skiprows=skip_records,  # records, as the csv module counts them
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    except pd.errors.ParserError:
        # A data row longer than the header: the csv module copes with any shape.
        rows = list(islice(csv.reader(io.StringIO(text), delimiter=sep), skip_records, None))
        width = max((len(r) for r in rows), default=0)
        frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    return frame.fillna("").astype(str)


# -- XLSX --------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """How a spreadsheet cell reads: 13812345678 not 13812345678.0, dates without 00:00:00.

    Integral numbers of 15 digits or more are beyond a spreadsheet's
    precision and keep their scientific form, so they are never mistaken
    for a real phone or order number.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _read_xlsx(path: Path, fields: Sequence[FieldSpec]) -> RawTable:
    rows, sheet = _xlsx_rows(path)
    if not rows:
        raise _empty_error(path)
    header_index = find_header_row(rows[:HEADER_SEARCH_ROWS], fields)
    width = max(len(r) for r in rows)
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    return _finish(path, frame.astype(str), header_index, "xlsx", details={"sheet": sheet})


def _xlsx_rows(path: Path) -> tuple[list[list[str]], str]:
    import openpyxl  # imported here: only .xlsx imports pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise KnownError(
            translatable("{name} looks like a zip archive but is not an Excel workbook."),
            translatable("Open it in Excel and save it as .xlsx or CSV."),
            name=path.name,
        ) from exc
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some exporters write a wrong size; read every row
        rows = [
            [v if type(v) is str else cell_text(v) for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        while rows and not any(c.strip() for c in rows[-1]):
            rows.pop()
        return rows, sheet.title
    finally:
        book.close()
