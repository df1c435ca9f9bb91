"""SQL for the performance report: everything aggregated in the database.

Each statement groups on the server (GROUP BY) and returns a handful of rows
per operator, hook or script line; pandas only shapes those. Three
statements do the work: the customers who arrived (cohort), the period's
orders with the trend's hours (sales), and one pass over the period's events
(work). They read through the covering indexes of migration 0003, and on
PostgreSQL run at the same time on their own connections, all on one
snapshot (the work split in two halves of the customers).

The SQL is written once for SQLite and PostgreSQL: plain CASE/EXISTS/UNION
ALL, CTEs marked MATERIALIZED (both accept it), integer bit masks. What
differs by dialect lives in :func:`_dialect_sql`: adding days to a time, the
UTC hour of a time (SQLite keeps times as UTC text), and naming the index to
read (SQLite's planner has no statistics to find it).

The metrics' definitions are in ``core/analytics.py`` and
``core/analytics_scripts.py``; this module computes exactly the counts named
there. Replies count when logged by the operator who sent the line (the app
logs both as the signed-in person).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, Integer, Numeric, String, Uuid, bindparam, text
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.selectable import TextualSelect

from operator_app.core.analytics import (
    COHORT_COUNTS,
    PACKAGE_CARD,
    Period,
    daily_trend,
    local_today,
)
from operator_app.core.analytics_report import Report, ReportInputs, build_report, restricted_to
from operator_app.core.analytics_scripts import ORDER_WINDOW_DAYS, Catalog
from operator_app.core.progress import TaskState
from operator_app.data.types import UTCDateTime, utcnow
from operator_app.data.workspace_facts import team_settings

REPORT_WORK_MEM = "64MB"
VALID_ORDER = "o.status NOT IN ('refunded', 'closed') AND o.deleted_at IS NULL"

_BINDS: dict[str, Any] = {
    "team": Uuid(),
    "owner": Uuid(),
    "prev_a": UTCDateTime(),
    "a": UTCDateTime(),
    "b": UTCDateTime(),
    "package": String(),
    "middle": Uuid(),
    "now": UTCDateTime(),
    "prev_cut": UTCDateTime(),
}


def _dialect_sql(conn: Connection) -> dict[str, Callable[[str], str]]:
    """What SQLite and PostgreSQL spell differently: adding days to a time, the UTC
    hour of a time, and reading the period's events (``events("table alias")``) and
    arrivals (``arrivals("table alias")``) through the report's indexes."""
    if conn.dialect.name == "postgresql":
        return {
            "plus_window": lambda col: f"{col} + INTERVAL '{ORDER_WINDOW_DAYS} days'",
            "utc_hour": lambda col: f"to_char({col} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')",
            "events": lambda table: table,
            "arrivals": lambda table: table,
            "between_people": lambda e: (
                f"{e}.payload->>'from' IS NOT NULL AND {e}.payload->>'to' IS NOT NULL"
            ),
        }
    # SQLite stores UTC times as 'YYYY-MM-DD HH:MM:SS.ffffff'; strftime keeps that shape.
    # Without statistics its planner may pick another index and visit the wide rows
    # one by one; the report's covering indexes (migration 0003) are range scans.
    return {
        "plus_window": lambda col: (
            f"strftime('%Y-%m-%d %H:%M:%f000', {col}, '+{ORDER_WINDOW_DAYS} days')"
        ),
        "utc_hour": lambda col: f"substr({col}, 1, 13)",
        "events": lambda table: f"{table} INDEXED BY ix_contact_event_report",
        "arrivals": lambda table: f"{table} INDEXED BY ix_lead_report_created",
        "between_people": lambda e: (
            f"json_extract({e}.payload, '$.from') IS NOT NULL"
            f" AND json_extract({e}.payload, '$.to') IS NOT NULL"
        ),
    }


@contextmanager
def _report_transaction(engine: Engine, snapshot: str | None = None) -> Iterator[Connection]:
    """A read transaction tuned for a few big aggregations.

    PostgreSQL: JIT compilation costs more than these queries take (a second
    on a 1M-event table), and the default work_mem spills the hash
    aggregates to disk. Both settings are LOCAL: they end with the
    transaction, and the pooled connection goes back as it came. The
    transaction is REPEATABLE READ, so all its statements see one snapshot;
    with ``snapshot`` (exported by another report transaction) it sees that
    transaction's snapshot, so two connections read the same database state.
    """
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            if conn.dialect.name == "postgresql":
                if snapshot is not None:  # an id like 00000003-0000001B-1; SET takes no binds
                    if not re.fullmatch(r"[0-9A-Fa-f-]+", snapshot):
                        raise ValueError(f"not a snapshot id: {snapshot!r}")
                    conn.execute(text(f"SET TRANSACTION SNAPSHOT '{snapshot}'"))
                conn.execute(text("SET LOCAL jit = off"))
                conn.execute(text(f"SET LOCAL work_mem = '{REPORT_WORK_MEM}'"))
            yield conn


@contextmanager
def _side_by_side(
    engine: Engine, conn: Connection, jobs: list[Callable[[Connection], Any]]
) -> Iterator[list[Future[Any]]]:
    """Start ``jobs`` while the caller goes on. On PostgreSQL each runs in a thread
    on its own connection that reads ``conn``'s snapshot, so the server works on
    them at once and they see the same data; SQLite (one file, one PC) runs them
    one after the other right here."""
    if conn.dialect.name != "postgresql":
        done: list[Future[Any]] = []
        for job in jobs:
            done.append(Future())
            done[-1].set_result(job(conn))
        yield done
        return
    snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()

    def on_own_connection(job: Callable[[Connection], Any]) -> Any:
        with _report_transaction(engine, snapshot) as other:
            return job(other)

    with ThreadPoolExecutor(max_workers=len(jobs), thread_name_prefix="report") as pool:
        yield [pool.submit(on_own_connection, job) for job in jobs]


def _statement(sql: str, params: dict[str, Any], **columns: Any) -> TextClause | TextualSelect:
    """A text statement with typed parameters (UUIDs, UTC times) and typed results."""
    used = [k for k in params if k in _BINDS and f":{k}" in sql]
    stmt = text(sql).bindparams(*(bindparam(k, type_=_BINDS[k]) for k in used))
    return stmt.columns(**columns) if columns else stmt


def _frame(conn: Connection, sql: str, params: dict[str, Any], **columns: Any) -> pd.DataFrame:
    result = conn.execute(_statement(sql, params, **columns), params)
    return pd.DataFrame(result.all(), columns=list(result.keys()))


def _numbers(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Counts and amounts as floats (PostgreSQL sums are Decimal; NULL sums are 0)."""
    for col in columns:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").fillna(0.0).astype("float64")
    return frame


# -- people and names ------------------------------------------------------------------------


def operators_frame(conn: Connection, team_id: uuid.UUID) -> pd.DataFrame:
    """Everyone in the team, left or not: operator_id, login, name, role, active."""
    sql = """
        SELECT id AS operator_id, login, name, role, active
        FROM operator
        WHERE team_id = :team AND deleted_at IS NULL
    """
    frame = _frame(conn, sql, {"team": team_id}, operator_id=Uuid())
    frame["active"] = frame["active"].astype(bool)
    return frame


def catalog(conn: Connection, team_id: uuid.UUID) -> Catalog:
    """Template titles, line texts and hook names, in the library's order."""
    params = {"team": team_id}
    templates = _frame(
        conn,
        """
        SELECT t.id AS template_id, t.key, t.title, h.key AS hook_key,
               (SELECT COUNT(*) FROM template_line tl
                WHERE tl.template_id = t.id AND tl.deleted_at IS NULL) AS line_count
        FROM template t JOIN hook h ON h.id = t.hook_id
        WHERE t.team_id = :team AND t.deleted_at IS NULL
        ORDER BY h.position, t.key
        """,
        params,
        template_id=Uuid(),
    )
    lines = _frame(
        conn,
        """
        SELECT tl.template_id, tl.line_no, tl.text
        FROM template_line tl JOIN template t ON t.id = tl.template_id
        WHERE t.team_id = :team AND tl.deleted_at IS NULL
        """,
        params,
        template_id=Uuid(),
    )
    hooks = _frame(
        conn, "SELECT key AS hook_key, name, position FROM hook WHERE deleted_at IS NULL", {}
    )
    return Catalog(templates, lines, hooks)


# -- customers: the cohort, orders, the daily trend ----------------------------------------------


COHORT_SQL = """
    SELECT owner_id, part, channel,
           COUNT(*) AS leads,
           SUM(pk) AS packages,
           SUM(pk * fr) AS package_friends,
           SUM(fr) AS friends,
           SUM(fb) AS first_buyers,
           SUM(fb * famt) AS first_revenue,
           SUM(fb * wx) AS wechat,
           SUM(fb * gp) AS grp,
           SUM(fb * rp) AS repurchasers,
           SUM(fb * ramt) AS repeat_revenue
    FROM (
        -- per customer, what they did before their horizon: "_n" to now (this
        -- period's customers), "_c" to the cut (the previous period's)
        SELECT l.owner_id AS owner_id, l.channel AS channel,
               CASE WHEN l.created_at >= :a THEN 'cur' ELSE 'prev' END AS part,
               CASE WHEN l.channel = :package THEN 1 ELSE 0 END AS pk,
               CASE WHEN l.friend_added_at < {horizon} THEN 1 ELSE 0 END AS fr,
               COALESCE(CASE WHEN l.created_at >= :a THEN f.first_n ELSE f.first_c END, 0) AS fb,
               COALESCE(CASE WHEN l.created_at >= :a THEN f.famt_n ELSE f.famt_c END, 0) AS famt,
               COALESCE(CASE WHEN l.created_at >= :a THEN f.rep_n ELSE f.rep_c END, 0) AS rp,
               COALESCE(CASE WHEN l.created_at >= :a THEN f.ramt_n ELSE f.ramt_c END, 0) AS ramt,
               COALESCE(CASE WHEN l.created_at >= :a THEN x.wx_n ELSE x.wx_c END, 0) AS wx,
               COALESCE(CASE WHEN l.created_at >= :a THEN x.gp_n ELSE x.gp_c END, 0) AS gp
        FROM {lead}
        -- a valid first order (and its amount), a valid repeat order (and their amounts)
        LEFT JOIN (SELECT o.lead_id,
                          MAX(CASE WHEN o.is_first_order THEN 1 ELSE 0 END) AS first_n,
                          MAX(CASE WHEN o.is_first_order AND o.ordered_at < :prev_cut
                                   THEN 1 ELSE 0 END) AS first_c,
                          SUM(CASE WHEN o.is_first_order THEN o.amount ELSE 0 END) AS famt_n,
                          SUM(CASE WHEN o.is_first_order AND o.ordered_at < :prev_cut
                                   THEN o.amount ELSE 0 END) AS famt_c,
                          MAX(CASE WHEN o.is_first_order THEN 0 ELSE 1 END) AS rep_n,
                          MAX(CASE WHEN o.is_first_order OR o.ordered_at >= :prev_cut
                                   THEN 0 ELSE 1 END) AS rep_c,
                          SUM(CASE WHEN o.is_first_order THEN 0 ELSE o.amount END) AS ramt_n,
                          SUM(CASE WHEN o.is_first_order OR o.ordered_at >= :prev_cut
                                   THEN 0 ELSE o.amount END) AS ramt_c
                   FROM sales_order o
                   WHERE o.team_id = :team AND {valid} AND o.ordered_at < :now
                   GROUP BY o.lead_id) f
               ON f.lead_id = l.id AND l.friend_added_at < {horizon}
        -- A customer of the period joined WeChat or the group after arriving, so in
        -- the period or later: one pass over those events, not one lookup per customer.
        LEFT JOIN (SELECT e.lead_id,
                          MAX(CASE WHEN e.kind = 'added_wechat' THEN 1 ELSE 0 END) AS wx_n,
                          MAX(CASE WHEN e.kind = 'added_wechat' AND e.occurred_at < :prev_cut
                                   THEN 1 ELSE 0 END) AS wx_c,
                          MAX(CASE WHEN e.kind = 'joined_group' THEN 1 ELSE 0 END) AS gp_n,
                          MAX(CASE WHEN e.kind = 'joined_group' AND e.occurred_at < :prev_cut
                                   THEN 1 ELSE 0 END) AS gp_c
                   FROM {events}
                   WHERE e.team_id = :team AND e.deleted_at IS NULL
                     AND e.occurred_at >= :prev_a AND e.occurred_at < :now
                     AND e.kind IN ('added_wechat', 'joined_group')
                   GROUP BY e.lead_id) x
               ON x.lead_id = l.id
        WHERE l.team_id = :team AND l.deleted_at IS NULL
          AND l.created_at >= :prev_a AND l.created_at < :b
    ) c
    GROUP BY owner_id, part, channel
"""
# How long a cohort is followed: the period's customers to now, the previous
# period's to as long after their period (now − its length), so the two are
# compared after the same time: a month-old cohort has had more time to buy
# again than this month's, and the breakdown would blame the repurchase rate.
HORIZON = "CASE WHEN l.created_at >= :a THEN :now ELSE :prev_cut END"
# The cohort query returns exactly the columns core.analytics works with.
COHORT_COLUMNS = COHORT_COUNTS


def cohort_frame(
    conn: Connection, team_id: uuid.UUID, period: Period, tz: Any, now: datetime
) -> pd.DataFrame:
    """Per owner (NULL: the pool), part ('cur' = ``period``, 'prev' = the one before)
    and entry channel: the counts of core.analytics.COHORT_COUNTS for the leads
    created then, the period's followed to ``now``, the previous period's to
    ``now`` − the period's length (the same time after their period)."""
    a, b = period.bounds(tz)
    prev_a, _ = period.previous().bounds(tz)
    params = {
        "team": team_id,
        "prev_a": prev_a,
        "a": a,
        "b": b,
        "package": PACKAGE_CARD,
        "now": now,
        "prev_cut": now - timedelta(days=period.days),
    }
    dialect = _dialect_sql(conn)
    sql = COHORT_SQL.format(
        horizon=HORIZON,
        valid=VALID_ORDER,
        lead=dialect["arrivals"]("lead l"),
        events=dialect["events"]("contact_event e"),
    )
    return _numbers(_frame(conn, sql, params, owner_id=Uuid()), COHORT_COLUMNS)


SALES_SQL = """
WITH po AS MATERIALIZED (  -- the period's valid orders, with their customer's owner
    SELECT l.owner_id, o.lead_id, o.amount, o.is_first_order, {order_hour} AS hour
    FROM sales_order o JOIN lead l ON l.id = o.lead_id
    WHERE o.team_id = :team AND {valid} AND l.deleted_at IS NULL
      AND o.ordered_at >= :a AND o.ordered_at < :b),
mv AS MATERIALIZED (  -- customers moved between operators in the period
    SELECT DISTINCT e.lead_id FROM {events}
    WHERE e.team_id = :team AND e.deleted_at IS NULL AND e.kind = 'reassigned'
      AND e.occurred_at >= :a AND e.occurred_at < :b AND {moved_e})
SELECT 'owner' AS part, owner_id, CAST(NULL AS TEXT) AS hour, COUNT(*) AS n1, SUM(amount) AS n2,
       COUNT(DISTINCT lead_id) AS n3,
       COUNT(DISTINCT CASE WHEN NOT is_first_order THEN lead_id END) AS n4
FROM po GROUP BY owner_id
UNION ALL
-- customers moved from one operator to another in the period (not from or to the
-- pool), and their orders in it (credited to who has them now)
SELECT 'moved', NULL, NULL, COUNT(po.lead_id), SUM(po.amount), (SELECT COUNT(*) FROM mv), 0
FROM po JOIN mv ON mv.lead_id = po.lead_id
UNION ALL
SELECT 'orders', NULL, hour, COUNT(*), SUM(amount), 0, 0
FROM po {mine} GROUP BY hour
UNION ALL
SELECT 'friends', NULL, {friend_hour}, COUNT(*), 0, 0, 0
FROM lead l
WHERE l.team_id = :team AND l.deleted_at IS NULL {and_mine}
  AND l.friend_added_at >= :a AND l.friend_added_at < :b
GROUP BY {friend_hour}
"""


def sales_frames(
    conn: Connection, team_id: uuid.UUID, a: datetime, b: datetime, owner: uuid.UUID | None
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, float]]:
    """In one statement, the period's orders per owner — valid orders placed in
    [a, b), their amounts, the customers who ordered and those of them whose
    order was a repeat — and the daily trend's hours: friends added and valid
    orders per UTC hour ('YYYY-MM-DD HH') for the team or ``owner``'s customers
    (core turns hours into local days); and the customers reassigned in the period
    with their orders in it (``moved_customers``, ``moved_orders``, ``moved_revenue``)."""
    dialect = _dialect_sql(conn)
    hour = dialect["utc_hour"]
    sql = SALES_SQL.format(
        moved_e=dialect["between_people"]("e"),
        events=dialect["events"]("contact_event e"),
        order_hour=hour("o.ordered_at"),
        friend_hour=hour("l.friend_added_at"),
        valid=VALID_ORDER,
        mine="WHERE owner_id = :owner" if owner is not None else "",
        and_mine="AND l.owner_id = :owner" if owner is not None else "",
    )
    params: dict[str, Any] = {"team": team_id, "a": a, "b": b}
    if owner is not None:
        params["owner"] = owner
    raw = _numbers(_frame(conn, sql, params, owner_id=Uuid()), ("n1", "n2", "n3", "n4"))
    names = {"n1": "orders", "n2": "revenue", "n3": "buyers", "n4": "repeat_buyers"}
    orders = raw[raw["part"] == "owner"].rename(columns=names)
    moved = raw[raw["part"] == "moved"]
    facts = {}
    if len(moved):
        first = moved.iloc[0]
        facts = {
            "moved_orders": float(first["n1"]),
            "moved_revenue": float(first["n2"]),
            "moved_customers": float(first["n3"]),
        }
    hours = raw[raw["part"].isin(("orders", "friends"))]
    friends = hours[hours["part"] == "friends"].set_index("hour")["n1"].rename("friends")
    sold = hours[hours["part"] == "orders"].set_index("hour")[["n1", "n2"]]
    hourly = pd.concat([friends, sold.rename(columns={"n1": "orders", "n2": "revenue"})], axis=1)
    hourly = hourly.fillna(0.0).rename_axis("hour").reset_index()
    return (
        orders[["owner_id", *names.values()]].reset_index(drop=True),
        hourly.reindex(columns=["hour", "friends", "orders", "revenue"]),
        facts,
    )


# -- work: messages, scripts, script lines -------------------------------------------------------

# One pass over the period's events gives ``t``: one row per operator,
# customer, hook and template, with each line's first send in the period
# (``s1``…) and last reply (``r1``…) as columns, so no second pass per line
# is needed. Everything else is counted from ``t``, returned as tagged rows.
# The lines come back as patterns: per operator and template, how many
# customers got exactly these lines (``sent_bits``, bit n = line n) and
# answered exactly these (``replied_bits``); :func:`_lines` unfolds them.
WORK_SQL = """
WITH t AS MATERIALIZED (
    SELECT operator_id, lead_id, hook_key, template_id,
           COUNT(CASE WHEN kind IN ('sent_line', 'custom_message') AND occurred_at < :b
                      THEN 1 END) AS messages,
           MIN(CASE WHEN kind = 'sent_line' AND occurred_at < :b THEN occurred_at END) AS first_at,
           -- replies after the period still answer a line sent in it
           MAX(CASE WHEN kind = 'replied' THEN occurred_at END) AS last_reply,
           MAX(line_no) AS top_line{per_line}
    FROM {events}
    WHERE team_id = :team AND deleted_at IS NULL AND occurred_at >= :a
      AND kind IN ('sent_line', 'custom_message', 'replied') {half}
    GROUP BY operator_id, lead_id, hook_key, template_id),
s AS MATERIALIZED (  -- scripts: one hook's lines to one customer
    SELECT operator_id, lead_id, hook_key, MIN(first_at) AS first_at, MAX(last_reply) AS last_reply
    FROM t
    WHERE hook_key IS NOT NULL
    GROUP BY operator_id, lead_id, hook_key
    HAVING MIN(first_at) IS NOT NULL)
SELECT 'activity' AS part, operator_id, CAST(NULL AS TEXT) AS k,
       CAST(NULL AS BIGINT) AS b1, CAST(NULL AS BIGINT) AS b2, SUM(messages) AS n1, COUNT(*) AS n2
FROM (SELECT operator_id, lead_id, SUM(messages) AS messages
      FROM t GROUP BY operator_id, lead_id HAVING SUM(messages) > 0) per_customer
GROUP BY operator_id
UNION ALL
-- customers anyone contacted, each once (a row per person counts a shared one twice)
SELECT 'team', NULL, NULL, NULL, NULL, 0, COUNT(*)
FROM (SELECT lead_id FROM t GROUP BY lead_id HAVING SUM(messages) > 0) contacted
UNION ALL
SELECT 'hook', operator_id, hook_key, NULL, NULL, COUNT(*),
       SUM(CASE WHEN last_reply >= first_at THEN 1 ELSE 0 END)
FROM s GROUP BY operator_id, hook_key
UNION ALL
-- followed by a valid order within the window of its first line
SELECT 'converted', operator_id, hook_key, NULL, NULL, COUNT(*), 0
FROM s
WHERE EXISTS (SELECT 1 FROM sales_order o
              WHERE o.lead_id = s.lead_id AND {valid}
                AND o.ordered_at >= s.first_at AND o.ordered_at < {window_end})
GROUP BY operator_id, hook_key
UNION ALL
SELECT 'lines', operator_id, CAST(template_id AS TEXT), {sent_bits}, {replied_bits},
       COUNT(*), MAX(top_line)
FROM t
WHERE template_id IS NOT NULL
GROUP BY operator_id, template_id, {sent_bits}, {replied_bits}
"""
# Lines are bits of a BIGINT, read back through pandas, whose columns holding
# NULLs are float64: exact only below 2**53, so lines 1…52 (bit 52 at most).
# A template of more than 52 lines is not a script anyone sends line by line.
MAX_LINE_BITS = 52


def _work_sql(conn: Connection, line_count: int, half: int | None) -> str:
    """WORK_SQL with a column pair per line, for lines 1 … ``line_count``, for the
    customers of one ``half`` (0: ids below :middle, 1: the others) or all (None)."""
    dialect = _dialect_sql(conn)
    numbers = range(1, line_count + 1)
    per_line = "".join(
        f""",
           MIN(CASE WHEN kind = 'sent_line' AND occurred_at < :b AND line_no = {n}
                    THEN occurred_at END) AS s{n},
           MAX(CASE WHEN kind = 'replied' AND line_no = {n} THEN occurred_at END) AS r{n}"""
        for n in numbers
    )
    # A line was answered when a reply to it came at or after its first send in the period.
    sent = " + ".join(f"CASE WHEN s{n} IS NOT NULL THEN {1 << n} ELSE 0 END" for n in numbers)
    replied = " + ".join(f"CASE WHEN r{n} >= s{n} THEN {1 << n} ELSE 0 END" for n in numbers)
    halves = {None: "", 0: "AND lead_id < :middle", 1: "AND lead_id >= :middle"}
    return WORK_SQL.format(
        half=halves[half],
        per_line=per_line,
        events=dialect["events"]("contact_event"),
        valid=VALID_ORDER,
        window_end=dialect["plus_window"]("s.first_at"),
        sent_bits=f"CAST({sent or '0'} AS BIGINT)",
        replied_bits=f"CAST({replied or '0'} AS BIGINT)",
    )


def _line_count(conn: Connection, team_id: uuid.UUID) -> int:
    """The most lines any of the team's templates has (deleted lines too)."""
    sql = """
        SELECT MAX(tl.line_no) FROM template_line tl JOIN template t ON t.id = tl.template_id
        WHERE t.team_id = :team
    """
    top = conn.execute(_statement(sql, {"team": team_id}), {"team": team_id}).scalar()
    return max(1, min(int(top or 0), MAX_LINE_BITS))


WORK_COLUMNS = {
    "operator_id": Uuid(),
    "k": String(),
    "b1": Integer(),
    "b2": Integer(),
    "n1": Numeric(),
    "n2": Numeric(),
}
MIDDLE = uuid.UUID(int=1 << 127)  # ids are random (uuid4): about half the customers each side


def work_rows(
    conn: Connection, team_id: uuid.UUID, a: datetime, b: datetime, half: int | None = None
) -> pd.DataFrame:
    """WORK_SQL's tagged rows for [a, b), for one half of the customers or all.

    Every count is a sum over customers, so the halves' rows add up to the whole."""
    params = {"team": team_id, "a": a, "b": b, "middle": MIDDLE}
    lines = _line_count(conn, team_id)
    while True:
        sql = _work_sql(conn, lines, half)
        raw = _numbers(_frame(conn, sql, params, **WORK_COLUMNS), ("n1", "n2"))
        # An event naming a line no template has (say, from an older app) widens the pass.
        patterns = raw[raw["part"] == "lines"]
        top = patterns["n2"].max() if len(patterns) else 0
        if top <= lines or lines >= MAX_LINE_BITS:
            return raw
        lines = min(int(top), MAX_LINE_BITS)


def work_frames(raw: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The event-based counts from :func:`work_rows` (of one or both halves):

    activity: operator_id, messages, contacted
    scripts:  operator_id, hook_key, scripts, answered, converted
    lines:    operator_id, template_id, line_no, sent, replied, stopped
    """
    # Note: "operator_id" NULL rows are the events of the unassigned pool.
    part = {n: raw[raw["part"] == n] for n in ("activity", "hook", "converted", "lines")}
    activity = _summed(part["activity"], ["operator_id"], {"n1": "messages", "n2": "contacted"})
    team = raw[raw["part"] == "team"]
    return {
        "activity": activity,
        "scripts": _scripts(part["hook"], part["converted"]),
        "lines": _lines(part["lines"]),
        "contacted": pd.DataFrame({"contacted": [float(team["n2"].sum())]}),
    }


def _summed(rows: pd.DataFrame, keys: list[str], names: dict[str, str]) -> pd.DataFrame:
    """``names``' columns summed per ``keys`` (the pool's NULL operator is a key too)."""
    renamed = rows.rename(columns={"k": keys[-1], **names} if len(keys) > 1 else names)
    cols = list(names.values())
    if renamed.empty:
        return renamed[[*keys, *cols]].reset_index(drop=True)
    out = renamed.groupby(keys, dropna=False, sort=False)[cols].sum().reset_index()
    # groupby hands the pool's key back as NaN; the report's code knows it as None.
    out["operator_id"] = out["operator_id"].astype(object).where(out["operator_id"].notna(), None)
    return out


def _scripts(hooks: pd.DataFrame, converted: pd.DataFrame) -> pd.DataFrame:
    keys = ["operator_id", "hook_key"]
    hooks = _summed(hooks, keys, {"n1": "scripts", "n2": "answered"})
    converted = _summed(converted, keys, {"n1": "converted"})
    # The pool's scripts (no operator) never count as converted: merge() would match
    # its NULL operator to itself, so they are left out of the conversions first.
    converted = converted[converted["operator_id"].notna()]
    merged = hooks[[*keys, "scripts", "answered"]].merge(
        converted[[*keys, "converted"]], on=keys, how="left"
    )
    merged["converted"] = merged["converted"].fillna(0.0)
    return merged.reset_index(drop=True)


def _lines(patterns: pd.DataFrame) -> pd.DataFrame:
    """Per operator, template and line: customers sent it, who replied to it, and who
    stopped at it (answered the line before — or it is the first — and nothing after)."""
    counts: dict[tuple[Any, str, int], list[float]] = {}
    rows = patterns[["operator_id", "k", "b1", "b2", "n1"]].itertuples(index=False)
    for op, template, sent_bits, replied_bits, customers in rows:
        sent, replied = int(sent_bits), int(replied_bits)
        stop = replied.bit_length()  # the line after the last one answered
        for line in range(1, sent.bit_length()):
            if sent >> line & 1:
                c = counts.setdefault((op, str(template), line), [0.0, 0.0, 0.0])
                c[0] += customers
                c[1] += customers if replied >> line & 1 else 0.0
                c[2] += customers if line == max(stop, 1) else 0.0
    frame = pd.DataFrame(
        [(op, t, line, *c) for (op, t, line), c in counts.items()],
        columns=["operator_id", "template_id", "line_no", "sent", "replied", "stopped"],
    )
    # CAST(uuid AS TEXT) is hex on SQLite and hyphenated on PostgreSQL; uuid.UUID reads both.
    frame["template_id"] = [uuid.UUID(v) for v in frame["template_id"]]
    frame["line_no"] = frame["line_no"].astype(int)
    return frame


# -- the whole report -----------------------------------------------------------------------------


def load_report(
    engine: Engine,
    team_id: uuid.UUID,
    choose: Callable[[Any], Period] | Period,
    *,
    now: datetime | None = None,
    only_operator: uuid.UUID | None = None,
    state: TaskState | None = None,
) -> Report:
    """Every number of the performance page for a period.

    ``choose`` is a Period, or a function of the team's local date today that
    picks one (presets need the team time zone, read here). With
    ``only_operator`` the report holds that operator's figures and the team
    average only (what an operator may see). Reports progress and stops with
    ``Cancelled`` between statements when ``state`` asks.
    """
    state = state or TaskState()
    steps = 5
    with _report_transaction(engine) as conn:
        tz = team_settings(conn, team_id).timezone
        now = now or utcnow()
        today = local_today(now, tz)
        period = choose if isinstance(choose, Period) else choose(today)
        a, b = period.bounds(tz)
        state.advance(1, steps, "operators")
        operators = operators_frame(conn, team_id)
        names = catalog(conn, team_id)
        state.advance(2, steps, "customers")

        def customers(
            other: Connection,
        ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, float]]:
            cohort = cohort_frame(other, team_id, period, tz, now)
            return cohort, *sales_frames(other, team_id, a, b, only_operator)

        def events(half: int | None) -> Callable[[Connection], pd.DataFrame]:
            return lambda other: work_rows(other, team_id, a, b, half)

        # Customers (leads, orders) and work (events) are separate statements, and the
        # work splits into two halves of the customers: where the database can, all
        # three run at the same time.
        halves: list[int | None] = [0, 1] if conn.dialect.name == "postgresql" else [None]
        jobs = [customers, *(events(h) for h in halves)]
        with _side_by_side(engine, conn, jobs) as pending:
            state.advance(3, steps, "work")
            work = work_frames(pd.concat([p.result() for p in pending[1:]], ignore_index=True))
            state.advance(4, steps, "orders")
            cohort, orders, hourly, facts = pending[0].result()
    facts["contacted"] = float(work["contacted"]["contacted"].iloc[0])
    inputs = ReportInputs(
        operators, cohort, work["activity"], work["scripts"], work["lines"], orders, names, facts
    )
    report = build_report(inputs, period, tz, today, daily_trend(hourly, period, tz))
    state.advance(steps, steps, "done")
    if only_operator is not None:
        person = operators[operators["operator_id"] == only_operator]
        name = str(person["name"].iloc[0]) if len(person) else ""
        report = restricted_to(report, only_operator, name)
    return report


def load_trend(
    engine: Engine, team_id: uuid.UUID, period: Period, owner: uuid.UUID | None
) -> list[Any]:
    """The daily trend of one operator's customers (None: the team), for the drill-down."""
    with engine.connect() as conn:
        tz = team_settings(conn, team_id).timezone
        a, b = period.bounds(tz)
        hourly = sales_frames(conn, team_id, a, b, owner)[1]
    return daily_trend(hourly, period, tz)
