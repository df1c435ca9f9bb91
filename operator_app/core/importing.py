"""Lead and order imports, up to the point of writing (pandas, no database, no Qt).

The steps the import dialog walks through, each a plain function:

1. :func:`read_table` a CSV/.xlsx file into text cells (``import_files``);
2. :func:`guess_mapping` of headers to fields, corrected by the team lead
   with :func:`resolve_mapping`;
3. :func:`validate_leads` / :func:`validate_orders`: normalised rows and, for
   every row that cannot be used, a reason (key + Chinese text);
4. the data layer (``data.importing``) checks against the database,
   distributes and writes, all in one transaction;
5. :func:`write_rejected_report` saves the rejected rows to fix and re-import.

Cell text is kept as given (emoji, quotes, long notes): it is data, stored
through bound parameters, never evaluated.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from operator_app.core import import_rows as cells
from operator_app.core.import_files import (
    LEAD_FIELDS,
    ORDER_FIELDS,
    FieldSpec,
    RawTable,
    guess_mapping,
    read_table,
    resolve_mapping,
)
from operator_app.core.progress import TaskState
from operator_app.core.spreadsheet_text import neutralise
from operator_app.errors import KnownError, translatable

REASON_COLUMN = "原因"
# Outcomes that are not the row's fault: counted, but not in the file to fix.
NOT_REPORTED = frozenset({"duplicate_in_file", "already_known"})
ORDER_TIME_FIELDS = ("ordered_at", "shipped_at", "signed_at")

__all__ = [
    "LEAD_FIELDS",
    "ORDER_FIELDS",
    "LeadRows",
    "OrderRows",
    "RawTable",
    "RowIssue",
    "guess_mapping",
    "prepare_leads",
    "prepare_orders",
    "read_table",
    "resolve_mapping",
    "validate_leads",
    "validate_orders",
    "write_rejected_report",
]


@dataclass(frozen=True)
class RowIssue:
    """Why one row of the file was not imported (or, ``fatal`` False, imported with a gap)."""

    index: int  # position in RawTable.frame
    row_number: int  # as the team lead sees it in the file
    reason: str  # stable key, see import_rows.REASONS
    text: str  # Chinese, for the rejected-rows file and the command line
    fatal: bool = True
    # The details filled into the text ({value}, {first}, …): the page translates
    # the reason itself and fills these in.
    params: tuple[tuple[str, str], ...] = ()


def count_reasons(issues: Iterable[RowIssue], *, fatal: bool = True) -> dict[str, int]:
    """Rows per reason key, keys sorted (stable JSON)."""
    counts = Counter(i.reason for i in issues if i.fatal == fatal)
    return dict(sorted(counts.items()))


@dataclass
class LeadRows:
    """A lead file after validation: one row per new phone, and every issue."""

    table: RawTable
    mapping: dict[str, str]
    # index: position in table.frame. Columns: phone, name, owner, channel,
    # tags (tuple), birthday (date|None), created_at (aware UTC|None), city, notes.
    valid: pd.DataFrame
    issues: list[RowIssue] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.table)

    @property
    def duplicate_in_file(self) -> int:
        return sum(1 for i in self.issues if i.reason == "duplicate_in_file")

    @property
    def rejected(self) -> list[RowIssue]:
        return [i for i in self.issues if i.fatal and i.reason not in NOT_REPORTED]


@dataclass
class OrderRows:
    """An order file after validation: one row per order number, and every issue."""

    table: RawTable
    mapping: dict[str, str]
    # index: order number. Columns: phone, name, amount, status (value|None),
    # product, ordered_at / shipped_at / signed_at (aware UTC|None), lines (table positions).
    orders: pd.DataFrame
    issues: list[RowIssue] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.table)

    @property
    def rejected(self) -> list[RowIssue]:
        return [i for i in self.issues if i.fatal]


def _column(table: RawTable, mapping: Mapping[str, str], key: str) -> pd.Series | None:
    header = mapping.get(key)
    return None if header is None else table.frame[header]


def _require(mapping: Mapping[str, str], fields: Iterable[FieldSpec], table: RawTable) -> None:
    for spec in fields:
        if spec.required and spec.key not in mapping:
            raise KnownError(
                translatable("No column of the file was recognised as '{label}' ({field})."),
                translatable("Choose that column in the mapping. The file's columns: {headers}."),
                label=spec.label,
                field=spec.key,
                headers=", ".join(table.headers),
            )


def _issues(
    table: RawTable, reasons: pd.Series, values: pd.Series | None = None, fatal: bool = True
) -> list[RowIssue]:
    """One issue per row with a reason; ``values`` fill the text's {value}."""
    found = reasons[reasons.notna()]
    numbers = table.row_numbers
    out = []
    for index, reason in found.items():
        shown = "" if values is None else values[index]
        out.append(row_issue(int(index), int(numbers[int(index)]), reason, fatal, value=shown))
    return out


def row_issue(
    index: int, number: int, reason: str, fatal: bool = True, **params: object
) -> RowIssue:
    """The issue of one row: ``reason``'s text with ``params`` filled in, and the params kept."""
    text = cells.reason_text(reason, **params)
    return RowIssue(index, number, reason, text, fatal, cells.reason_params(**params))


# -- leads ---------------------------------------------------------------------------------


def validate_leads(
    table: RawTable, mapping: Mapping[str, str], *, tz: ZoneInfo, now: datetime
) -> LeadRows:
    """Normalise every row; reject rows without a usable mobile; keep the first of
    each phone. A bad birthday or added time leaves that value empty (a warning)."""
    _require(mapping, LEAD_FIELDS, table)
    phones, reasons = cells.normalize_phones(table.frame[mapping["phone"]])
    issues = _issues(table, reasons)
    ok = phones[phones.notna()]
    dup = ok.duplicated(keep="first")
    first_row = _first_rows(table, ok, set(ok[dup]))
    for index in ok[dup].index:
        number = int(table.row_numbers[int(index)])
        issues.append(
            row_issue(int(index), number, "duplicate_in_file", first=first_row[ok[index]])
        )
    keep = ok[~dup].index
    valid, warnings = _lead_values(table, mapping, keep, tz=tz, now=now)
    valid.insert(0, "phone", ok[~dup].astype(str))
    issues.extend(warnings)
    issues.sort(key=lambda i: (i.index, not i.fatal))
    return LeadRows(table, dict(mapping), valid, issues)


def _first_rows(table: RawTable, phones: pd.Series, repeated: set[str]) -> dict[str, int]:
    """The file row where each repeated phone first appears."""
    firsts = phones[~phones.duplicated(keep="first") & phones.isin(repeated)]
    return {p: int(table.row_numbers[int(i)]) for i, p in firsts.items()}


def _lead_values(
    table: RawTable,
    mapping: Mapping[str, str],
    keep: pd.Index,
    *,
    tz: ZoneInfo,
    now: datetime,
) -> tuple[pd.DataFrame, list[RowIssue]]:
    sub = table.frame.loc[keep]
    blank = pd.Series("", index=keep, dtype=object)

    def col(key: str) -> pd.Series:
        header = mapping.get(key)
        return blank if header is None else sub[header]

    out = pd.DataFrame(index=keep)
    out["name"] = cells.one_line(col("name"))
    out["owner"] = cells.one_line(col("owner"))
    out["channel"] = _optional(cells.one_line(col("channel")))
    out["city"] = _optional(cells.one_line(col("city")))
    out["notes"] = cells.plain_text(col("notes"))
    out["tags"] = cells.split_tags(col("tags"))
    local_now = now.astimezone(tz).date()
    birthdays, bad_birth = cells.parse_local_times(col("birthday"))
    dates, implausible = cells.to_dates(birthdays, latest=local_now)
    out["birthday"] = pd.Series(dates, index=keep, dtype=object)
    added, bad_added = cells.parse_local_times(col("added_at"))
    created = cells.to_utc(added, tz)
    out["created_at"] = pd.Series([c or now for c in created], index=keep, dtype=object)
    out["friend_accepted"] = cells.friend_accepted(col("friend")).to_numpy(dtype=bool)
    bad_birth |= implausible
    warnings = _issues(
        table, bad_birth.map({True: "bad_birthday", False: None}), col("birthday"), False
    )
    warnings += _issues(
        table, bad_added.map({True: "bad_added_at", False: None}), col("added_at"), False
    )
    return out, warnings


def _optional(text: pd.Series) -> pd.Series:
    """Text with None (not NaN) for empty cells: what a nullable column stores."""
    return pd.Series([v or None for v in text.tolist()], index=text.index, dtype=object)


def prepare_leads(
    path: Path | str,
    *,
    tz: ZoneInfo,
    now: datetime,
    mapping: Mapping[str, str | None] | None = None,
    state: TaskState | None = None,
) -> LeadRows:
    """Read, map (guess + the given corrections) and validate a lead file."""
    table = read_table(path, LEAD_FIELDS, state)
    resolved = resolve_mapping(
        table.headers, LEAD_FIELDS, guess_mapping(table.headers, LEAD_FIELDS), mapping
    )
    return validate_leads(table, resolved, tz=tz, now=now)


# -- orders --------------------------------------------------------------------------------


def validate_orders(table: RawTable, mapping: Mapping[str, str], *, tz: ZoneInfo) -> OrderRows:
    """Normalise each order line and merge lines into orders by order number.

    An order with any unusable line is rejected whole, so a stored amount is
    never a partial sum. Buyer phone, name, status and times come from the
    first line that has them (shop exports often fill only the first line).
    """
    _require(mapping, ORDER_FIELDS, table)
    lines, issues = _order_lines(table, mapping, tz)
    bad_orders = set(lines.loc[[i.index for i in issues], "order_no"].dropna())
    issues += [
        row_issue(
            int(index),
            int(table.row_numbers[int(index)]),
            "order_line_rejected",
            order_no=order_no,
        )
        for index, order_no in lines["order_no"].items()
        if order_no in bad_orders and int(index) not in {i.index for i in issues}
    ]
    good = lines[lines["order_no"].notna() & ~lines["order_no"].isin(bad_orders)]
    good, buyer_issues = _other_buyer_lines(table, good)
    orders, phone_issues = _merge_orders(table, good)
    issues += buyer_issues + phone_issues
    issues.sort(key=lambda i: i.index)
    return OrderRows(table, dict(mapping), orders, issues)


def _order_lines(
    table: RawTable, mapping: Mapping[str, str], tz: ZoneInfo
) -> tuple[pd.DataFrame, list[RowIssue]]:
    """Per line: normalised values, and issues for values that cannot be used."""
    frame = table.frame
    blank = pd.Series("", index=frame.index, dtype=object)

    def col(key: str) -> pd.Series:
        found = _column(table, mapping, key)
        return blank if found is None else found

    lines = pd.DataFrame(index=frame.index)
    lines["order_no"], no_reason = cells.order_numbers(col("order_no"))
    lines["phone_text"] = col("phone")
    lines["name"] = cells.one_line(col("name"))
    lines["product"] = cells.one_line(col("product"))
    lines["amount"], bad_amount = cells.parse_amounts(col("amount"))
    lines["status"], status_reason = cells.map_statuses(col("status"))
    issues = _issues(table, no_reason)
    issues += _issues(table, bad_amount.map({True: "bad_amount", False: None}), col("amount"))
    issues += _issues(table, status_reason, col("status"))
    for key in ORDER_TIME_FIELDS:
        local, bad = cells.parse_local_times(col(key))
        lines[key] = cells.to_utc(local, tz)
        if key == "ordered_at":
            reasons = bad.map({True: "bad_order_time", False: None})
            issues += _issues(table, reasons, col(key))
    # One reason per line is enough to fix it; keep the first found.
    first: dict[int, RowIssue] = {}
    for issue in issues:
        first.setdefault(issue.index, issue)
    return lines, list(first.values())


def _other_buyer_lines(table: RawTable, lines: pd.DataFrame) -> tuple[pd.DataFrame, list[RowIssue]]:
    """Lines reusing an earlier line's order number with another buyer's phone, taken out.

    Merged, they would add another person's amount and status to the first
    buyer's order; an order number names one purchase by one buyer.
    """
    given = lines[lines["phone_text"].astype(str).str.strip() != ""]
    spellings = given.groupby("order_no")["phone_text"].nunique()
    suspect = given[given["order_no"].isin(spellings[spellings > 1].index)]
    if suspect.empty:
        return lines, []
    phones, _ = cells.normalize_phones(suspect["phone_text"].astype(str))
    # A phone that does not parse is compared as written.
    buyer = phones.fillna(suspect["phone_text"].astype(str).str.strip())
    by_order = suspect["order_no"]
    first_buyer = buyer.groupby(by_order).transform("first")
    first_line = suspect.index.to_series().groupby(by_order).transform("first")
    clash = buyer[buyer != first_buyer].index
    issues = [
        row_issue(
            int(index),
            int(table.row_numbers[int(index)]),
            "order_no_other_buyer",
            order_no=suspect.at[index, "order_no"],
            first=int(table.row_numbers[int(first_line[index])]),
        )
        for index in clash
    ]
    return lines.drop(index=clash), issues


def _merge_orders(table: RawTable, lines: pd.DataFrame) -> tuple[pd.DataFrame, list[RowIssue]]:
    """One row per order number; the buyer's phone checked once per order."""
    if lines.empty:
        return _empty_orders(), []
    # "" -> None so that first() skips it: the first line that has a value wins.
    lines = lines.assign(
        phone_text=lines["phone_text"].replace("", None),
        name=lines["name"].replace("", None),
        product=lines["product"].replace("", None),
    )
    grouped = lines.groupby("order_no", sort=False)
    orders = grouped[["phone_text", "name", "status", "product", *ORDER_TIME_FIELDS]].first()
    orders["amount"] = grouped["amount"].sum().round(2)
    orders["lines"] = pd.Series(
        {no: [int(i) for i in lines.index[pos]] for no, pos in grouped.indices.items()}
    )
    sizes = grouped.size()
    multi = lines[lines["order_no"].isin(sizes[sizes > 1].index)]
    if not multi.empty:  # per-group Python only where an order has several lines
        by_order = multi.groupby("order_no", sort=False)
        orders.loc[by_order.groups.keys(), "status"] = by_order["status"].agg(merge_statuses)
        orders.loc[by_order.groups.keys(), "product"] = by_order["product"].agg(_join_products)
    phones, reasons = cells.normalize_phones(orders["phone_text"].fillna("").astype(str))
    orders["phone"] = phones
    issues = []
    for order_no, reason in reasons[reasons.notna()].items():
        for index in orders.at[order_no, "lines"]:
            number = int(table.row_numbers[index])
            issues.append(row_issue(index, number, reason))
    orders = orders[phones.notna()].drop(columns=["phone_text"])
    orders["name"] = orders["name"].fillna("").astype(object)
    orders["product"] = orders["product"].where(orders["product"].notna(), None)
    orders["status"] = orders["status"].where(orders["status"].notna(), None)
    orders.index.name = "order_no"
    return orders, issues


def _join_products(products: Iterable[object]) -> str | None:
    names = dict.fromkeys(p for p in products if isinstance(p, str) and p)
    return "、".join(names) or None


def _empty_orders() -> pd.DataFrame:
    columns = ["phone", "name", "amount", "status", "product", "lines", *ORDER_TIME_FIELDS]
    return pd.DataFrame(columns=columns, index=pd.Index([], name="order_no"))


def merge_statuses(statuses: Iterable[object]) -> str | None:
    """An order's status from its lines' statuses.

    Lines usually agree. When they do not, a refunded or closed line is a
    partial refund or a cancelled item: the order takes the status of its
    first live line; with no live line, refunded wins over closed.
    """
    given = [s for s in statuses if isinstance(s, str) and s]
    if not given:
        return None
    dead = ("refunded", "closed")
    live = [s for s in given if s not in dead]
    if live:
        return live[0]
    return "refunded" if "refunded" in given else "closed"


def prepare_orders(
    path: Path | str,
    *,
    tz: ZoneInfo,
    mapping: Mapping[str, str | None] | None = None,
    state: TaskState | None = None,
) -> OrderRows:
    """Read, map (guess + the given corrections) and validate an order file."""
    table = read_table(path, ORDER_FIELDS, state)
    resolved = resolve_mapping(
        table.headers, ORDER_FIELDS, guess_mapping(table.headers, ORDER_FIELDS), mapping
    )
    return validate_orders(table, resolved, tz=tz)


# -- the rejected-rows file ----------------------------------------------------------------


def write_rejected_report(path: Path | str, table: RawTable, issues: Iterable[RowIssue]) -> Path:
    """Save the rows to fix as CSV in UTF-8 with BOM (Excel opens it as is):
    the file's own columns and a 原因 column, in file order. Written to a
    temporary file first, so a failure never leaves half a report."""
    path = Path(path)
    reasons: dict[int, str] = {}
    for issue in issues:
        if issue.fatal and issue.index not in reasons:
            reasons[issue.index] = issue.text
    order = sorted(reasons)
    columns = [h for h in table.headers if h != REASON_COLUMN]
    # Cells and headers a spreadsheet would run as a formula are shown as text;
    # re-importing the file takes the ' off again (import_rows.plain_text).
    out = table.frame.iloc[order][columns].map(neutralise)
    out.columns = [neutralise(h) for h in columns]
    out[REASON_COLUMN] = [reasons[i] for i in order]
    fd, tmp = tempfile.mkstemp(prefix=".rejected-", suffix=".csv", dir=path.parent)
    os.close(fd)
    try:
        out.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def report_path_for(source: Path | str, suffix: str = "rejected") -> Path:
    """``<name>-rejected.csv`` beside the source; never over an existing file
    (it may be a report someone is fixing): ``<name>-rejected (2).csv``…"""
    source = Path(source)
    candidate = source.with_name(f"{source.stem}-{suffix}.csv")
    n = 1
    while candidate.exists():
        n += 1
        candidate = source.with_name(f"{source.stem}-{suffix} ({n}).csv")
    return candidate


def reported_issues(issues: Iterable[RowIssue]) -> list[RowIssue]:
    """The issues whose rows go in the file to fix."""
    return [i for i in issues if i.fatal and i.reason not in NOT_REPORTED]
