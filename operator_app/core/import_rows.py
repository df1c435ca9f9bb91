"""Cell values of an import, normalised column by column (pandas, no database).

Each function takes a column of text cells and returns the normalised values
plus, per cell, the reason key when a value cannot be used. Reasons are
stable English keys (for code, counts and the CLI) with the Chinese text
operators read in the rejected-rows file.

Phones become E.164. The common case, a Chinese mobile in any of the usual
spellings, is checked against phonenumbers' own mobile pattern for China in
one vectorised pass; everything else goes through ``phonenumbers.parse``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from string import Formatter
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import phonenumbers

from operator_app.core.domain import ORDER_STATUS_LABELS, OrderStatus
from operator_app.core.spreadsheet_text import GUARD_PATTERN

# Stable reason keys and what the team lead reads for each in the rejected-rows
# file ({value}: the cell). The import page shows its own translatable texts
# for the same keys (ui/import_reasons.py; a test keeps the two in step).
REASONS: dict[str, str] = {
    "missing_phone": "缺少手机号",
    "invalid_phone": "手机号格式不正确",
    "not_mobile": "不是手机号（可能是座机），无法添加好友",
    "phone_scientific": (
        "手机号被表格软件改成了科学计数法（如 1.38123E+10），后几位已丢失、无法恢复；"
        "请在原表中把该列设为“文本”后重新导出"
    ),
    "duplicate_in_file": "与第 {first} 行的手机号重复",
    "already_known": "该手机号已是现有客户",
    "missing_order_no": "缺少订单号",
    "order_no_scientific": "订单号被表格软件改成了科学计数法，后几位已丢失、无法恢复",
    "bad_amount": "金额无法识别：{value}",
    "unknown_status": "订单状态无法识别：{value}",
    "unpaid": "未付款的订单不导入",
    "bad_order_time": "下单时间无法识别：{value}",
    "order_line_rejected": "同一订单（{order_no}）的其他行有错误，整单未导入",
    "order_no_other_buyer": (
        "订单号 {order_no} 在第 {first} 行属于另一位买家，本行未导入；请核对订单号和手机号"
    ),
    "order_no_taken": "订单号 {order_no} 已是另一位客户的订单，本行未导入；请核对订单号和手机号",
    "unknown_buyer": "没有这个手机号的客户，订单未导入（可先导入客户，或选择“创建未知买家”）",
    "bad_birthday": "生日无法识别，已留空：{value}",
    "bad_added_at": "添加时间无法识别，已按导入时间记录：{value}",
}

_SCIENTIFIC = re.compile(r"^[+-]?(\d+)(?:\.(\d+))?[eE]\+?(\d+)$")
_WRAPPED = r'^="(.*)"$'  # shop exports write ="138…" so Excel keeps the digits
_SEPARATORS = r"[ \-().\u00a0/]"  # what phonenumbers takes as punctuation (no tabs)
_TAG_SPLIT = re.compile(r"[,，、;；|]")


def nfkc(cells: pd.Series) -> pd.Series:
    """Full-width digits, letters and signs as their plain forms (１３８ -> 138, ＋ -> +)."""
    return cells.astype(str).str.normalize("NFKC")


def identifier_text(cells: pd.Series) -> pd.Series:
    """An id typed by people and spreadsheets: trimmed, ="…" and a leading ' removed,
    the .0 a spreadsheet adds to whole numbers dropped."""
    text = cells.astype(str)
    wide = ~text.str.isascii()  # full-width forms need NFKC; plain ASCII does not
    if wide.any():
        text = text.copy()
        text[wide] = text[wide].str.normalize("NFKC")
    text = text.str.strip()
    quoted = text.str.startswith(("=", "'"))
    if quoted.any():
        fixed = text[quoted].str.replace(_WRAPPED, r"\1", regex=True).str.strip()
        text = text.copy()
        text[quoted] = fixed.str.replace(r"^'", "", regex=True).str.strip()
    dotted = text.str.endswith("0") & text.str.contains(".", regex=False)
    if dotted.any():
        text = text.copy()
        text[dotted] = text[dotted].str.replace(r"^(\+?\d+)\.0+$", r"\1", regex=True)
    return text


def recover_scientific(text: str) -> str | None:
    """The integer a scientific-notation cell stands for, or None when the
    notation dropped digits: 1.3812345678E+10 is exact, 1.38123E+10 is not."""
    match = _SCIENTIFIC.match(text.strip())
    if match is None:
        return None
    whole, fraction, exponent = match[1], match[2] or "", int(match[3])
    if len(fraction) < exponent or fraction[exponent:].strip("0"):
        return None  # digits the notation rounded away, or a fraction left over
    return whole + fraction[:exponent]


@cache
def _cn_mobile_pattern() -> str:
    """A Chinese mobile in its usual spellings, separators removed: an optional
    country prefix, then phonenumbers' own mobile pattern for China (11 digits)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("CN")
    assert metadata is not None and metadata.mobile is not None
    pattern = metadata.mobile.national_number_pattern
    assert pattern is not None
    # _fast_phones takes the last 11 characters as the number: refuse to run
    # with metadata whose Chinese mobiles have any other length.
    assert tuple(metadata.mobile.possible_length) == (11,), metadata.mobile.possible_length
    return f"(?:\\+86|0086|86)?(?:{pattern})"


def _fast_phones(text: pd.Series) -> pd.Series:
    """E.164 where a cell is plainly a Chinese mobile; NaN where phonenumbers must decide.

    Every pattern phonenumbers checks before "mobile" (premium, toll-free,
    shared-cost, landline) needs other lengths or leading digits than an
    11-digit 1… number; tests/core/test_import_cells.py holds this against
    phonenumbers for every five-digit prefix and the usual spellings.
    """
    compact = text.str.replace(_SEPARATORS, "", regex=True)
    mobile = compact.str.fullmatch(_cn_mobile_pattern())
    return ("+86" + compact.str[-11:]).where(mobile)


def _slow_phone(text: str) -> tuple[str | None, str | None]:
    """phonenumbers for anything the fast path did not settle."""
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None, "invalid_phone"
    if not phonenumbers.is_valid_number(number):
        return None, "invalid_phone"
    kind = phonenumbers.number_type(number)
    if kind not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        return None, "not_mobile"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def normalize_phones(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(E.164 or None, reason key or None) per cell. Mobiles only: a lead is a
    friend request waiting to be sent, and landlines cannot receive one."""
    text = identifier_text(cells)
    phones = pd.Series(None, index=cells.index, dtype=object)
    reasons = pd.Series(None, index=cells.index, dtype=object)
    reasons[text == ""] = "missing_phone"
    fast = _fast_phones(text)
    phones[fast.notna()] = fast[fast.notna()]
    rest = reasons.isna() & fast.isna()
    if rest.any():  # a fast match never looks like 1.38E+10: only the rest is checked
        text = _unscientific(text[rest], reasons, "phone_scientific")
        fast = _fast_phones(text)
        phones[fast[fast.notna()].index] = fast[fast.notna()]
        for index, value in text[reasons[text.index].isna() & fast.isna()].items():
            phones[index], reasons[index] = _slow_phone(value)
    return phones, reasons


def _unscientific(text: pd.Series, reasons: pd.Series, reason: str) -> pd.Series:
    """Cells in scientific notation: exact ones rewritten, lossy ones get ``reason``."""
    sci = text.str.fullmatch(_SCIENTIFIC.pattern) & reasons[text.index].isna()
    if not sci.any():
        return text
    text = text.copy()
    for index, value in text[sci].items():
        exact = recover_scientific(value)
        if exact is None:
            reasons[index] = reason
        else:
            text[index] = exact
    return text


def order_numbers(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(order number or None, reason or None) per cell."""
    text = identifier_text(cells)
    reasons = pd.Series(None, index=cells.index, dtype=object)
    reasons[text == ""] = "missing_order_no"
    text = _unscientific(text, reasons, "order_no_scientific")
    numbers = text.astype(object).where(reasons.isna(), None)
    return numbers, reasons


def plain_text(cells: pd.Series) -> pd.Series:
    """Text as given, except the ' the rejected-rows file puts before a formula
    trigger so that Excel shows such a cell instead of running it
    (core/spreadsheet_text.neutralise)."""
    text = cells.astype(str)
    # One join finds out whether any cell may start with ' at all (a NUL
    # inside a cell can only cause a needless look at every cell).
    joined = "\0".join(text.tolist())
    if not (joined.startswith("'") or "\0'" in joined):
        return text
    guarded = text.str.startswith("'")
    text = text.copy()
    text[guarded] = text[guarded].str.replace(GUARD_PATTERN, "", regex=True)
    return text


def one_line(cells: pd.Series) -> pd.Series:
    """A short label (name, channel, city): as given, without surrounding spaces."""
    return plain_text(cells).str.strip()


def split_tags(cells: pd.Series) -> pd.Series:
    """Tag names per cell (a tuple, in order, without repeats), split on , ， 、 ; ； |."""
    # A tag column repeats a few combinations: split each distinct cell once.
    text = plain_text(cells)
    split = {u: tuple(dict.fromkeys(n.strip() for n in _TAG_SPLIT.split(u) if n.strip()))
             for u in pd.unique(text)}  # fmt: skip
    return text.map(split)


# A WeCom export's friend column (添加状态 / 是否好友): the words that mean the
# customer is already a friend. Anything else (未添加, 待通过, 否, blank) means not yet.
_FRIEND_WORDS = frozenset(
    {"已添加", "已通过", "已加", "已是好友", "是好友", "好友", "已成为好友", "是", "已"}
    | {"true", "yes", "y", "1", "ok", "accepted", "added", "friend"}
)


def friend_accepted(cells: pd.Series) -> pd.Series:
    """Per cell, whether it says the customer is already a WeCom friend."""
    text = nfkc(plain_text(cells)).str.strip().str.casefold()
    return text.isin(_FRIEND_WORDS)


# -- dates and times ---------------------------------------------------------------------

_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y%m%d",
    "%Y%m%d %H:%M:%S",
)
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_YMD = r"^(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})(?:\s*[日号])?"


def parse_local_times(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(naive Timestamp or NaT, True where a non-empty cell is unreadable).

    Accepts 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日, 20240501, with or
    without a time, and Excel day numbers (45413) from CSV exports.
    """
    # A date column repeats its values (days of a few years): read each once.
    codes, uniques = pd.factorize(cells.astype(str), use_na_sentinel=False)
    values, bad = _parse_distinct(pd.Series(uniques, dtype=object))
    return (
        pd.Series(values.to_numpy()[codes], index=cells.index, dtype="datetime64[us]"),
        pd.Series(bad.to_numpy()[codes], index=cells.index, dtype=bool),
    )


def _parse_distinct(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    text = cells.astype(str).str.strip()
    result = pd.Series(pd.NaT, index=cells.index, dtype="datetime64[us]")
    todo = text != ""
    # Most cells are already ISO: only the others pay for the rewriting.
    todo = _try_formats(text, result, todo, _DATE_FORMATS[:3])
    if todo.any():
        odd = nfkc(text[todo]).str.replace(_YMD, r"\1-\2-\3", regex=True)
        odd = odd.str.replace(r"(?<=\d)T(?=\d)", " ", regex=True)
        text = text.copy()
        text[todo] = odd.str.replace(r"\s+", " ", regex=True).str.strip()
        todo = _try_formats(text, result, todo, _DATE_FORMATS)
    serial = todo & text.str.fullmatch(r"\d{5}(?:\.\d+)?")
    if serial.any():
        days = pd.to_numeric(text[serial])
        result[serial] = _EXCEL_EPOCH + pd.to_timedelta(days, unit="D")
        todo &= ~serial
    return result, todo


def _try_formats(
    text: pd.Series, result: pd.Series, todo: pd.Series, formats: tuple[str, ...]
) -> pd.Series:
    """Fill ``result`` where a format reads the cell; the cells still unread."""
    for fmt in formats:
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce").dropna()
        result[parsed.index] = parsed
        todo = todo & result.isna()
    return todo


def to_utc(local: pd.Series, tz: ZoneInfo) -> list[datetime | None]:
    """Naive team-local times as aware UTC datetimes (None for NaT)."""
    if local.isna().all():
        return [None] * len(local)
    codes, uniques = pd.factorize(local)  # NaT: code -1, the None after the uniques
    aware = pd.Series(uniques).dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
    utc = aware.dt.tz_convert("UTC")
    out = np.empty(len(utc) + 1, dtype=object)
    out[:-1] = [None if pd.isna(v) else v for v in utc.dt.to_pydatetime()]
    return list(out[codes])


def to_dates(local: pd.Series, *, latest: date) -> tuple[list[date | None], pd.Series]:
    """Calendar dates, and True where a date is implausible (before 1900, after ``latest``)."""
    earliest = pd.Timestamp(1900, 1, 1)
    bad = local.notna() & ((local < earliest) | (local > pd.Timestamp(latest)))
    codes, uniques = pd.factorize(local.where(~bad))
    out = np.empty(len(uniques) + 1, dtype=object)
    out[:-1] = uniques.date
    return list(out[codes]), bad


# -- money and statuses ---------------------------------------------------------------


def parse_amounts(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(yuan as float, True where unreadable). ¥1,299.50 / 1299.5元 / RMB 1299; empty is 0."""
    text = nfkc(cells).str.strip().str.replace(_WRAPPED, r"\1", regex=True)
    text = text.str.replace(r"(?i)[¥$,，\s]|元|rmb|cny", "", regex=True)
    values = pd.to_numeric(text.where(text != "", "0"), errors="coerce")
    bad = values.isna() | ~np.isfinite(values.fillna(0.0))
    return values.fillna(0.0).astype(float), bad


_STATUS_WORDS: dict[OrderStatus | None, tuple[str, ...]] = {
    OrderStatus.PENDING_SHIPMENT: (
        "待发货", "买家已付款", "已付款", "等待卖家发货", "已付款待发货", "待出库", "未发货",
        "pending", "pending shipment", "awaiting shipment", "paid", "unshipped", "processing",
    ),
    OrderStatus.SHIPPED: (
        "已发货", "卖家已发货", "等待买家确认收货", "运输中", "已出库", "配送中",
        "shipped", "in transit", "dispatched",
    ),
    OrderStatus.ARRIVED_CITY: ("到达同城", "已到达同城", "派送中", "arrived", "out for delivery"),
    OrderStatus.SIGNED: (
        "已签收", "已收货", "买家已签收", "交易成功", "已完成", "交易完成", "订单完成",
        "delivered", "signed", "received", "completed", "complete", "finished", "success",
    ),
    OrderStatus.REFUNDED: (
        "已退款", "退款成功", "退款完成", "全额退款", "refunded", "refund", "returned",
    ),
    OrderStatus.CLOSED: (
        "交易关闭", "已关闭", "订单关闭", "已取消", "订单取消", "交易取消",
        "closed", "cancelled", "canceled", "voided",
    ),
    None: ("待付款", "等待买家付款", "未付款", "待支付", "unpaid", "awaiting payment"),
}  # fmt: skip


@cache
def _status_lookup() -> dict[str, OrderStatus | None]:
    lookup: dict[str, OrderStatus | None] = {}
    for status, words in _STATUS_WORDS.items():
        for word in words:
            lookup[_status_key(word)] = status
    for status in OrderStatus:
        lookup[_status_key(status.value)] = status
        lookup[_status_key(ORDER_STATUS_LABELS[status])] = status
    return lookup


def _status_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text.casefold())


def map_statuses(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(OrderStatus value or None for an empty cell, reason or None) per cell."""
    keys = nfkc(cells).str.strip().map(_status_key)
    lookup = _status_lookup()
    statuses = pd.Series(None, index=cells.index, dtype=object)
    reasons = pd.Series(None, index=cells.index, dtype=object)
    for index, key in keys[keys != ""].items():
        if key not in lookup:
            reasons[index] = "unknown_status"
            continue
        status = lookup[key]
        if status is None:
            reasons[index] = "unpaid"
        else:
            statuses[index] = status.value
    return statuses, reasons


def reason_fields(reason: str) -> frozenset[str]:
    """The details a reason's text takes ({value}, {first}, …): an interface that
    translates the reasons fills the same ones from ``RowIssue.params``."""
    return frozenset(
        name for _text, name, _spec, _conv in Formatter().parse(REASONS[reason]) if name
    )


def reason_params(**params: object) -> tuple[tuple[str, str], ...]:
    """A reason's details as they are shown (long values cut), kept with the issue."""
    return tuple((key, _cut(str(value))) for key, value in params.items())


def reason_text(reason: str, **params: object) -> str:
    """The Chinese text for a reason key, with its details filled in (long values cut)."""
    return REASONS[reason].format_map(_Blank(reason_params(**params)))


def _cut(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""
