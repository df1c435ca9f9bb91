"""Coupon imports from the mall's export, up to the point of writing (pandas, no DB, no Qt).

The mall lists the coupons it gave out: whose (a phone, or the order the
coupon came with), how much, when issued, when it expires, and whether it
was used. The same steps as the lead and order imports (``core.importing``):
read the file, guess the columns, validate every row with a reason for
each one that cannot be used. The data layer (``data.importing_coupons``)
finds each coupon's customer and writes.

A coupon's id is made from its natural key (the mall's coupon code when
the file has one; otherwise customer, amount, issue and expiry time), so
importing the same file twice adds nothing, whoever imports it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from operator_app.core import import_rows as cells
from operator_app.core.import_files import (
    FieldSpec,
    RawTable,
    guess_mapping,
    read_table,
    resolve_mapping,
)
from operator_app.core.importing import RowIssue, row_issue
from operator_app.core.progress import TaskState
from operator_app.errors import KnownError, translatable

# Reasons of this import (the texts the team lead reads in the rejected-rows
# file); registered with the shared table so RowIssue and the page know them.
COUPON_REASONS: dict[str, str] = {
    "missing_buyer": "缺少手机号或订单号",
    "bad_coupon_amount": "优惠券金额无法识别或不大于 0：{value}",
    "bad_expiry": "到期时间无法识别：{value}",
    "missing_expiry": "缺少到期时间",
    "bad_issued_at": "发放时间无法识别：{value}",
    "expiry_before_issue": "到期时间早于发放时间",
    "bad_used": "使用状态无法识别：{value}",
    "duplicate_coupon": "与第 {first} 行是同一张优惠券",
    "unknown_coupon_buyer": "没有这个手机号或订单号的客户，优惠券未导入（可先导入客户或订单）",
}
cells.REASONS.update(COUPON_REASONS)

# What the reason of an imported coupon row says (coupon.reason).
IMPORT_REASON = "import"


def _spec(key: str, label: str, synonyms: str, required: bool = False) -> FieldSpec:
    return FieldSpec(key, label, tuple(synonyms.split("|")), required)


COUPON_FIELDS: tuple[FieldSpec, ...] = (
    _spec(
        "phone",
        "手机号",
        "手机号|手机号码|领取人手机号|会员手机号|买家手机号|联系电话|电话|手机"
        "|phone|mobile|phone number",
    ),
    _spec("order_no", "订单号", "订单号|订单编号|关联订单|交易单号|order no|order number|order id"),
    _spec(
        "amount",
        "优惠券金额",
        "优惠券金额|券面额|面额|优惠金额|券金额|减免金额|金额|coupon amount|amount|value",
        required=True,
    ),
    _spec(
        "issued_at",
        "发放时间",
        "发放时间|领取时间|领券时间|发券时间|生效时间|开始时间|issued at|issued|start",
    ),
    _spec(
        "expires_at",
        "到期时间",
        "到期时间|过期时间|失效时间|有效期至|截止时间|结束时间|到期日|有效期"
        "|expires at|expires|expiry|end",
        required=True,
    ),
    _spec("used_at", "使用时间", "使用时间|核销时间|用券时间|used at|redeemed at"),
    _spec("used", "使用状态", "使用状态|是否使用|券状态|状态|used|status"),
    _spec("code", "券码", "券码|优惠券编号|券编号|优惠券码|券id|coupon code|code|coupon id"),
)

# Words in a 使用状态 column: True used, False not (an expired unused coupon is not used).
_USED_WORDS = {
    **dict.fromkeys(("已使用", "已核销", "已用", "是", "used", "yes", "y", "true", "1"), True),
    **dict.fromkeys(
        (
            "未使用", "未核销", "未用", "否", "已过期", "已失效", "可使用", "待使用",
            "unused", "no", "n", "false", "0", "expired", "available",
        ),
        False,
    ),
}  # fmt: skip


@dataclass
class CouponRows:
    """A coupon file after validation: one row per coupon, and every issue."""

    table: RawTable
    mapping: dict[str, str]
    # index: position in table.frame. Columns: phone (E.164|None), order_no (str|None),
    # amount, issued_at (aware UTC|None), expires_at (aware UTC), used (bool),
    # used_at (aware UTC|None), code (str|None).
    coupons: pd.DataFrame
    issues: list[RowIssue] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.table)

    @property
    def duplicate_in_file(self) -> int:
        return sum(1 for i in self.issues if i.reason == "duplicate_coupon")

    @property
    def rejected(self) -> list[RowIssue]:
        """Rows to fix (a coupon listed twice is imported once: nothing to fix)."""
        return [i for i in self.issues if i.fatal and i.reason != "duplicate_coupon"]


def coupon_id(
    team_id: uuid.UUID,
    *,
    code: str | None,
    lead_id: uuid.UUID,
    amount: float,
    issued_at: datetime | None,
    expires_at: datetime,
) -> uuid.UUID:
    """One id per coupon on every PC and every import: the mall's code when given,
    else who, how much, and when (issue time as the file gives it, or none)."""
    if code:
        key = f"code:{code}"
    else:
        issued = issued_at.isoformat() if issued_at is not None else ""
        key = f"{lead_id}:{amount:.2f}:{issued}:{expires_at.isoformat()}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"operator-desk:coupon:{team_id}:{key}")


def _require(mapping: Mapping[str, str], table: RawTable) -> None:
    missing = [s for s in COUPON_FIELDS if s.required and s.key not in mapping]
    if not ("phone" in mapping or "order_no" in mapping):
        missing.insert(0, COUPON_FIELDS[0])
    if missing:
        spec = missing[0]
        raise KnownError(
            translatable("No column of the file was recognised as '{label}' ({field})."),
            translatable("Choose that column in the mapping. The file's columns: {headers}."),
            label=spec.label if spec.key != "phone" else "手机号/订单号",
            field=spec.key,
            headers=", ".join(table.headers),
        )


def validate_coupons(
    table: RawTable, mapping: Mapping[str, str], *, tz: ZoneInfo, now: datetime
) -> CouponRows:
    """Normalise every row; reject rows without a buyer, a positive amount or an
    expiry; keep the first row of a coupon repeated in the file. (``now`` as the
    other imports take it: a coupon's times are all the file's own.)"""
    _require(mapping, table)
    blank = pd.Series("", index=table.frame.index, dtype=object)

    def col(key: str) -> pd.Series:
        header = mapping.get(key)
        return blank if header is None else table.frame[header]

    out, checks = _coupon_values(col, tz, used_column="used" if "used" in mapping else "used_at")
    first = _first_issues(table, checks)
    good, repeats = _drop_repeats(table, out.drop(index=list(first)))
    issues = sorted([*first.values(), *repeats], key=lambda i: i.index)
    return CouponRows(table, dict(mapping), good, issues)


# Per check, in the order a row's reason is chosen (the one to fix first):
# (True where it fails, the reason key, the cells shown as {value} or None).
_Check = tuple[pd.Series, str, pd.Series | None]


def _coupon_values(
    col: Callable[[str], pd.Series], tz: ZoneInfo, *, used_column: str
) -> tuple[pd.DataFrame, list[_Check]]:
    """The normalised values of every row, and the checks that reject rows."""
    out = pd.DataFrame(index=col("phone").index)
    phones, phone_reasons = cells.normalize_phones(col("phone"))
    numbers, _no_reasons = cells.order_numbers(col("order_no"))
    out["phone"], out["order_no"] = _optional(phones), _optional(numbers)
    out["amount"], bad_amount = cells.parse_amounts(col("amount"))
    issued, bad_issued = cells.parse_local_times(col("issued_at"))
    expires, bad_expires = cells.parse_local_times(col("expires_at"))
    expires = _end_of_day(expires)
    used_local, bad_used_at = cells.parse_local_times(col("used_at"))
    for key, local in (("issued_at", issued), ("expires_at", expires), ("used_at", used_local)):
        out[key] = pd.Series(cells.to_utc(local, tz), index=out.index, dtype=object)
    used_words, bad_used = _used_flags(col("used"))
    out["used"] = used_words | out["used_at"].notna()
    out["code"] = _optional(cells.identifier_text(col("code")))
    # A bad phone is the reason only when no order number names the buyer instead.
    buyer_reason = phone_reasons.where(numbers.isna() & (col("phone").str.strip() != ""), None)
    no_buyer = phones.isna() & numbers.isna()
    checks: list[_Check] = [
        *[
            (no_buyer & (buyer_reason == reason), reason, None)
            for reason in buyer_reason.dropna().unique()
        ],
        (no_buyer & buyer_reason.isna(), "missing_buyer", None),
        (bad_amount | (out["amount"] <= 0), "bad_coupon_amount", col("amount")),
        (bad_expires, "bad_expiry", col("expires_at")),
        (expires.isna() & ~bad_expires, "missing_expiry", None),
        (bad_issued, "bad_issued_at", col("issued_at")),
        (issued.notna() & expires.notna() & (expires < issued), "expiry_before_issue", None),
        (bad_used | bad_used_at, "bad_used", col(used_column)),
    ]
    return out, checks


def _first_issues(table: RawTable, checks: list[_Check]) -> dict[int, RowIssue]:
    """Per rejected row (position), the first check it fails."""
    first: dict[int, RowIssue] = {}
    for mask, reason, values in checks:
        for index in mask[mask].index:
            if int(index) in first:
                continue
            params = {} if values is None else {"value": values[index]}
            number = int(table.row_numbers[int(index)])
            first[int(index)] = row_issue(int(index), number, reason, **params)
    return first


def _end_of_day(local: pd.Series) -> pd.Series:
    """A bare date as an expiry means "valid through that day" (有效期至 5月31日):
    23:59:59 of it, not its first second."""
    midnight = local.notna() & (local == local.dt.normalize())
    return local.where(~midnight, local + pd.Timedelta(days=1) - pd.Timedelta(seconds=1))


def _optional(values: pd.Series) -> pd.Series:
    """Text with None (not NaN, not "") where there is none: what a lookup skips."""
    return pd.Series(
        [v if isinstance(v, str) and v else None for v in values.tolist()],
        index=values.index,
        dtype=object,
    )


def _used_flags(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(True where the cell says used, True where the cell says nothing known)."""
    keys = cells.nfkc(text).str.strip().str.casefold()
    flags = keys.map(lambda k: _USED_WORDS.get(k) if k else False)
    return flags.fillna(False).astype(bool), flags.isna()


def _drop_repeats(table: RawTable, good: pd.DataFrame) -> tuple[pd.DataFrame, list[RowIssue]]:
    """A coupon listed twice (same code, or same buyer, amount and times) is imported once."""
    key = pd.Series(
        [
            f"code:{c}" if c else f"{p}|{o}|{a:.2f}|{i}|{e}"
            for c, p, o, a, i, e in zip(
                good["code"],
                good["phone"],
                good["order_no"],
                good["amount"],
                good["issued_at"],
                good["expires_at"],
                strict=True,
            )
        ],
        index=good.index,
        dtype=object,
    )
    dup = key.duplicated(keep="first")
    firsts = {k: int(table.row_numbers[int(i)]) for i, k in key[~dup].items()}
    issues = [
        row_issue(int(i), int(table.row_numbers[int(i)]), "duplicate_coupon", first=firsts[k])
        for i, k in key[dup].items()
    ]
    return good[~dup], issues


def prepare_coupons(
    path: Path | str,
    *,
    tz: ZoneInfo,
    now: datetime,
    mapping: Mapping[str, str | None] | None = None,
    state: TaskState | None = None,
) -> CouponRows:
    """Read, map (guess + the given corrections) and validate a coupon file."""
    table = read_table(path, COUPON_FIELDS, state)
    resolved = resolve_mapping(
        table.headers, COUPON_FIELDS, guess_mapping(table.headers, COUPON_FIELDS), mapping
    )
    return validate_coupons(table, resolved, tz=tz, now=now)
