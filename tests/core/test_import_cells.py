"""Cell normalisers: phones, dates, amounts, order statuses, tags."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from operator_app.core import import_rows as cells


def phone(text: str) -> tuple[object, object]:
    phones, reasons = cells.normalize_phones(pd.Series([text]))
    value, reason = phones.iloc[0], reasons.iloc[0]
    return (None if pd.isna(value) else value), (None if pd.isna(reason) else reason)


@pytest.mark.parametrize(
    "text",
    [
        "13812345678",
        "+86 138 1234 5678",
        "138 1234 5678",
        "86-138-1234-5678",
        "0086 13812345678",
        "+86 (138) 1234-5678",
        "１３８１２３４５６７８",  # full-width digits
        "＋８６ １３８ １２３４ ５６７８",
        "13812345678.0",  # a number cell saved by a spreadsheet
        "1.3812345678E+10",  # scientific, but every digit is still there
        '="13812345678"',  # shop exports keep digits this way
        "'13812345678",
        " 13812345678\t",
        "138\u00a01234\u00a05678",
    ],
)
def test_chinese_mobiles_in_any_spelling_become_e164(text: str) -> None:
    assert phone(text) == ("+8613812345678", None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "missing_phone"),
        ("   ", "missing_phone"),
        ("1.38123E+10", "phone_scientific"),  # digits lost: cannot be recovered
        ("1.38E+10", "phone_scientific"),
        ("010-12345678", "not_mobile"),  # Beijing landline
        ("12345", "invalid_phone"),
        ("1381234567", "invalid_phone"),  # 10 digits
        ("138123456789", "invalid_phone"),  # 12 digits
        ("12012345678", "invalid_phone"),  # no such mobile prefix
        ("abc", "invalid_phone"),
        ("x" * 5000, "invalid_phone"),
    ],
)
def test_unusable_phones_get_a_reason(text: str, reason: str) -> None:
    assert phone(text) == (None, reason)


def test_foreign_mobiles_are_kept_in_e164() -> None:
    assert phone("+852 5123 4567") == ("+85251234567", None)


def test_every_reason_has_chinese_text() -> None:
    assert cells.reason_text("phone_scientific").startswith("手机号被表格软件改成了科学计数法")
    assert cells.reason_text("bad_amount", value="x" * 100) == "金额无法识别：" + "x" * 40 + "…"


def test_a_reason_keeps_the_details_its_text_takes() -> None:
    # The import page translates the reason and fills in the same details.
    assert cells.reason_fields("duplicate_in_file") == {"first"}
    assert cells.reason_fields("missing_phone") == set()
    assert cells.reason_params(value="x" * 100, first=3) == (
        ("value", "x" * 40 + "…"),
        ("first", "3"),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.3812345678E+10", "13812345678"),
        ("1.38123456780E+10", "13812345678"),  # an extra trailing zero is exact
        ("1.38123E+10", None),
        ("1.381234567891E+10", None),  # a fraction would remain
        ("13812345678", None),
    ],
)
def test_recover_scientific(text: str, expected: str | None) -> None:
    assert cells.recover_scientific(text) == expected


def _reference(national: str) -> str | None:
    """What phonenumbers itself says about an 11-digit number."""
    try:
        number = phonenumbers.parse(national, "CN")
    except phonenumbers.NumberParseException:
        return None
    mobile = phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    if phonenumbers.is_valid_number(number) and mobile:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.from_regex(r"1[0-9]{10}", fullmatch=True), min_size=1, max_size=30))
def test_the_fast_path_agrees_with_phonenumbers(numbers: list[str]) -> None:
    phones, _reasons = cells.normalize_phones(pd.Series(numbers))
    got = [None if pd.isna(p) else p for p in phones]
    assert got == [_reference(n) for n in numbers]


def test_dates_in_the_usual_spellings() -> None:
    texts = [
        "1990-05-01",
        "1990/5/1",
        "1990.5.1",
        "1990年5月1日",
        "19900501",
        "2024-05-01 08:30:00",
        "2024/05/01 8:30",
        "2024-05-01T08:30",
        "45413",  # Excel day number = 2024-05-01
        "",
        "不详",
    ]
    values, bad = cells.parse_local_times(pd.Series(texts))
    day = pd.Timestamp(1990, 5, 1)
    morning = pd.Timestamp(2024, 5, 1, 8, 30)
    assert values.tolist()[:9] == [day] * 5 + [morning] * 3 + [pd.Timestamp(2024, 5, 1)]
    assert pd.isna(values.iloc[9]) and pd.isna(values.iloc[10])
    assert bad.tolist() == [False] * 10 + [True]


def test_local_times_become_utc_in_the_team_time_zone() -> None:
    from zoneinfo import ZoneInfo

    values, _ = cells.parse_local_times(pd.Series(["2024-05-01 08:30", ""]))
    assert cells.to_utc(values, ZoneInfo("Asia/Shanghai")) == [
        dt.datetime(2024, 5, 1, 0, 30, tzinfo=dt.UTC),
        None,
    ]


def test_implausible_birthdays_are_flagged() -> None:
    values, _ = cells.parse_local_times(pd.Series(["1890-01-01", "2030-01-01", "1990-05-01"]))
    dates, bad = cells.to_dates(values, latest=dt.date(2026, 1, 1))
    assert dates == [None, None, dt.date(1990, 5, 1)]
    assert bad.tolist() == [True, True, False]


def test_amounts() -> None:
    texts = ["¥1,299.50", "￥1,299.50", "1299.5元", "RMB 1299", "", "12", "-5.5", "abc", "1.2.3"]
    values, bad = cells.parse_amounts(pd.Series(texts))
    assert values.tolist() == [1299.5, 1299.5, 1299.5, 1299.0, 0.0, 12.0, -5.5, 0.0, 0.0]
    assert bad.tolist() == [False] * 7 + [True, True]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("待发货", "pending_shipment"),
        ("已发货", "shipped"),
        ("已签收", "signed"),
        ("交易成功", "signed"),
        ("已退款", "refunded"),
        ("交易关闭", "closed"),
        ("到达同城", "arrived_city"),
        ("pending", "pending_shipment"),
        ("Shipped", "shipped"),
        ("DELIVERED", "signed"),
        ("completed", "signed"),
        ("refunded", "refunded"),
        ("cancelled", "closed"),
        ("closed", "closed"),
        ("pending_shipment", "pending_shipment"),
        (" 已发货 ", "shipped"),
    ],
)
def test_order_statuses(text: str, status: str) -> None:
    statuses, reasons = cells.map_statuses(pd.Series([text]))
    assert statuses.iloc[0] == status and pd.isna(reasons.iloc[0])


def test_unpaid_and_unknown_statuses_have_reasons() -> None:
    statuses, reasons = cells.map_statuses(pd.Series(["待付款", "已发货?", ""]))
    assert reasons.tolist()[:2] == ["unpaid", "unknown_status"]
    assert pd.isna(reasons.iloc[2]) and statuses.isna().all()


def test_tags_split_on_chinese_and_latin_separators() -> None:
    tags = cells.split_tags(pd.Series(["爱水果,新客，复购、爱水果", "", " 单个 "]))
    assert tags.tolist() == [("爱水果", "新客", "复购"), (), ("单个",)]


def test_text_is_kept_as_given_except_the_reports_formula_guard() -> None:
    texts = pd.Series(["'=1+1", "'+86", "'普通", "Robert'); DROP TABLE lead;--", " 空格 "])
    assert cells.plain_text(texts).tolist() == [
        "=1+1",
        "+86",
        "'普通",
        "Robert'); DROP TABLE lead;--",
        " 空格 ",
    ]


def test_one_column_mixing_every_kind_of_phone_cell() -> None:
    """Fast matches, recoverable and lossy scientific cells, landlines, foreign
    numbers and blanks in one column: each row gets its own verdict."""
    column = [
        "13812345678",
        "1.3812345678E+10",
        "",
        "1.38E+10",
        "010-12345678",
        "abc",
        "+852 5123 4567",
        "86 139 1234 5678",
    ]
    phones, reasons = cells.normalize_phones(pd.Series(column, index=range(10, 18)))
    assert [None if pd.isna(p) else p for p in phones] == [
        "+8613812345678",
        "+8613812345678",
        None,
        None,
        None,
        None,
        "+85251234567",
        "+8613912345678",
    ]
    assert [None if pd.isna(r) else r for r in reasons] == [
        None,
        None,
        "missing_phone",
        "phone_scientific",
        "not_mobile",
        "invalid_phone",
        None,
        None,
    ]
    assert list(phones.index) == list(range(10, 18))


def _phonenumbers_says(text: str) -> str | None:
    """phonenumbers on the cell as typed: E.164 of a valid mobile, else None."""
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    kind = phonenumbers.number_type(number)
    mobile = kind in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    if not (phonenumbers.is_valid_number(number) and mobile):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _ours(texts: list[str]) -> list[str | None]:
    phones, _reasons = cells.normalize_phones(pd.Series(texts))
    return [None if pd.isna(p) else p for p in phones]


def test_every_five_digit_prefix_agrees_with_phonenumbers() -> None:
    """The fast path decides an 11-digit 1… number by phonenumbers' mobile pattern,
    which looks at most at the first five digits (1610x, 1740x); every such
    prefix, with three different tails, gets phonenumbers' own verdict."""
    numbers = [f"1{p:04d}{tail}" for p in range(10_000) for tail in ("000000", "374159", "999999")]
    assert _ours(numbers) == [_phonenumbers_says(n) for n in numbers]


SPELLINGS = (
    "{n}", "+86{n}", "+86 {a} {b} {c}", "86{n}", "86-{a}-{b}-{c}", "0086{n}", "0086 {n}",
    "(+86){n}", "+86-{n}", "+ 86 {n}", "{a}.{b}.{c}", "{a}/{b}/{c}", "({a}) {b} {c}",
    "{a}\u00a0{b}\u00a0{c}", "{a}\u3000{b}\u3000{c}", "{a}\t{b}{c}", "086{n}", "+860{n}",
    "0{n}", "8686{n}", "+8686{n}", "86 86 {n}", "{n}0", "{n}1", "+1{n}", "+852{n}",
    "{n} ext 12", "{n}#", "tel:{n}", "+86{n}+", "1{n}", "{a}{b}", "{a}-{b}-{c}-", "--{n}",
    "{a}--{b}--{c}", "(({n}))", "{a})({b}{c}", "86({n})", "８６{n}", "＋８６{n}", "{a} {b} {c}",
)  # fmt: skip
NATIONALS = (
    "13812345678", "19912345678", "16101234567", "17405123456", "17406123456", "12012345678",
    "10012345678", "14512345678", "11012345678", "17912345678", "16012345678", "19212345678",
)  # fmt: skip


def test_the_usual_spellings_agree_with_phonenumbers() -> None:
    """Prefixes (86, +86, 0086, doubled, wrong), separators, full-width forms,
    extensions and junk around valid and invalid numbers: what we store is
    what phonenumbers makes of the cell itself."""
    texts = [s.format(n=n, a=n[:3], b=n[3:7], c=n[7:]) for s in SPELLINGS for n in NATIONALS]
    assert _ours(texts) == [_phonenumbers_says(t) for t in texts]
