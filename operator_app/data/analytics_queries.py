"""SQL for the performance report: everything aggregated in the database.

Each statement groups on the server (GROUP BY) and returns a handful of rows
per operator, hook or script line; pandas only shapes those. The SQL is
written once for SQLite and PostgreSQL: plain CASE/EXISTS/UNION ALL, CTEs
marked MATERIALIZED (both accept it), integer bit shifts. Two expressions
differ by dialect and live in :func:`_dialect_sql`: adding days to a time,
and the UTC hour of a time (SQLite keeps times as UTC text).

The metrics' definitions are in ``core/analytics.py`` and
``core/analytics_scripts.py``; this module computes exactly the counts named
there. Replies count when logged by the operator who sent the line (the app
logs both as the signed-in person).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
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
}


def _dialect_sql(conn: Connection) -> dict[str, Callable[[str], str]]:
    """What SQLite and PostgreSQL spell differently: adding days to a time, the UTC
    hour of a time, and reading a whole table (``scan("table alias")``)."""
    if conn.dialect.name == "postgresql":
        return {
            "plus_window": lambda col: f"{col} + INTERVAL '{ORDER_WINDOW_DAYS} days'",
            "utc_hour": lambda col: f"to_char({col} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')",
            "scan": lambda table: table,
        }
    # SQLite stores UTC times as 'YYYY-MM-DD HH:MM:SS.ffffff'; strftime keeps that shape.
    # Without statistics its planner walks an index in random order even when the
    # period covers half the table; a straight scan is several times faster.
    return {
        "plus_window": lambda col: (
            f"strftime('%Y-%m-%d %H:%M:%f000', {col}, '+{ORDER_WINDOW_DAYS} days')"
        ),
        "utc_hour": lambda col: f"substr({col}, 1, 13)",
        "scan": lambda table: f"{table} NOT INDEXED",
    }


@contextmanager
def _report_transaction(engine: Engine) -> Iterator[Connection]:
    """A read transaction tuned for a few big aggregations.

    PostgreSQL: JIT compilation costs more than these queries take (a second
    on a 1M-event table), and the default work_mem spills the hash
    aggregates to disk. Both settings are LOCAL: they end with the
    transaction, and the pooled connection goes back as it came.
    """
    with engine.connect() as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL jit = off"))
            conn.execute(text(f"SET LOCAL work_mem = '{REPORT_WORK_MEM}'"))
        yield conn


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
    SELECT l.owner_id AS owner_id,
           CASE WHEN l.created_at >= :a THEN 'cur' ELSE 'prev' END AS part,
           COUNT(*) AS leads,
           SUM(CASE WHEN l.channel = :package THEN 1 ELSE 0 END) AS packages,
           SUM(CASE WHEN l.channel = :package AND l.friend_added_at IS NOT NULL
                    THEN 1 ELSE 0 END) AS package_friends,
           SUM(CASE WHEN l.friend_added_at IS NOT NULL THEN 1 ELSE 0 END) AS friends,
           SUM(f.has_first) AS first_buyers,
           SUM(f.has_first * f.first_amount) AS first_revenue,
           SUM(CASE WHEN f.has_first = 1 AND x.wechat = 1 THEN 1 ELSE 0 END) AS wechat,
           SUM(CASE WHEN f.has_first = 1 AND x.grp = 1 THEN 1 ELSE 0 END) AS grp,
           SUM(f.has_first * f.has_repeat) AS repurchasers
    FROM {lead}
    -- per customer: a valid first order (and its amount), a valid repeat order
    LEFT JOIN (SELECT o.lead_id,
                      MAX(CASE WHEN o.is_first_order THEN 1 ELSE 0 END) AS has_first,
                      SUM(CASE WHEN o.is_first_order THEN o.amount ELSE 0 END) AS first_amount,
                      MAX(CASE WHEN o.is_first_order THEN 0 ELSE 1 END) AS has_repeat
               FROM sales_order o
               WHERE o.team_id = :team AND {valid}
               GROUP BY o.lead_id) f
           ON f.lead_id = l.id AND l.friend_added_at IS NOT NULL
    -- A customer of the period joined WeChat or the group after arriving, so in
    -- the period or later: one pass over those events, not one lookup per customer.
    LEFT JOIN (SELECT e.lead_id,
                      MAX(CASE WHEN e.kind = 'added_wechat' THEN 1 ELSE 0 END) AS wechat,
                      MAX(CASE WHEN e.kind = 'joined_group' THEN 1 ELSE 0 END) AS grp
               FROM {events}
               WHERE e.team_id = :team AND e.deleted_at IS NULL AND e.occurred_at >= :prev_a
                 AND e.kind IN ('added_wechat', 'joined_group')
               GROUP BY e.lead_id) x
           ON x.lead_id = l.id
    WHERE l.team_id = :team AND l.deleted_at IS NULL
      AND l.created_at >= :prev_a AND l.created_at < :b
    GROUP BY l.owner_id, CASE WHEN l.created_at >= :a THEN 'cur' ELSE 'prev' END
"""
# The cohort query returns exactly the columns core.analytics works with.
COHORT_COLUMNS = COHORT_COUNTS


def cohort_frame(conn: Connection, team_id: uuid.UUID, period: Period, tz: Any) -> pd.DataFrame:
    """Per owner (NULL: the pool) and part ('cur' = ``period``, 'prev' = the one before):
    the counts of core.analytics.COHORT_COUNTS for the leads created then."""
    a, b = period.bounds(tz)
    prev_a, _ = period.previous().bounds(tz)
    params = {"team": team_id, "prev_a": prev_a, "a": a, "b": b, "package": PACKAGE_CARD}
    scan = _dialect_sql(conn)["scan"]
    sql = COHORT_SQL.format(valid=VALID_ORDER, lead=scan("lead l"), events=scan("contact_event e"))
    return _numbers(_frame(conn, sql, params, owner_id=Uuid()), COHORT_COLUMNS)


def orders_frame(conn: Connection, team_id: uuid.UUID, a: datetime, b: datetime) -> pd.DataFrame:
    """Per owner: valid orders placed in [a, b), their amounts, the customers who
    ordered, and those of them whose order was a repeat (not a first) order."""
    sql = f"""
        SELECT l.owner_id AS owner_id, COUNT(*) AS orders, SUM(o.amount) AS revenue,
               COUNT(DISTINCT o.lead_id) AS buyers,
               COUNT(DISTINCT CASE WHEN NOT o.is_first_order THEN o.lead_id END) AS repeat_buyers
        FROM sales_order o JOIN lead l ON l.id = o.lead_id
        WHERE o.team_id = :team AND {VALID_ORDER} AND l.deleted_at IS NULL
          AND o.ordered_at >= :a AND o.ordered_at < :b
        GROUP BY l.owner_id
    """
    frame = _frame(conn, sql, {"team": team_id, "a": a, "b": b}, owner_id=Uuid())
    return _numbers(frame, ("orders", "revenue", "buyers", "repeat_buyers"))


def hourly_frame(
    conn: Connection, team_id: uuid.UUID, a: datetime, b: datetime, owner: uuid.UUID | None
) -> pd.DataFrame:
    """Friends added and valid orders per UTC hour ('YYYY-MM-DD HH') in [a, b),
    for the team or one owner's customers; core turns hours into local days."""
    hour = _dialect_sql(conn)["utc_hour"]
    mine = "AND l.owner_id = :owner" if owner is not None else ""
    sql = f"""
        SELECT x.hour, SUM(x.friends) AS friends, SUM(x.orders) AS orders,
               SUM(x.revenue) AS revenue
        FROM (SELECT {hour("l.friend_added_at")} AS hour, 1 AS friends, 0 AS orders,
                     0 AS revenue
              FROM lead l
              WHERE l.team_id = :team AND l.deleted_at IS NULL {mine}
                AND l.friend_added_at >= :a AND l.friend_added_at < :b
              UNION ALL
              SELECT {hour("o.ordered_at")}, 0, 1, o.amount
              FROM sales_order o JOIN lead l ON l.id = o.lead_id
              WHERE o.team_id = :team AND {VALID_ORDER} AND l.deleted_at IS NULL {mine}
                AND o.ordered_at >= :a AND o.ordered_at < :b) x
        GROUP BY x.hour
    """
    params: dict[str, Any] = {"team": team_id, "a": a, "b": b}
    if owner is not None:
        params["owner"] = owner
    return _numbers(_frame(conn, sql, params), ("friends", "orders", "revenue"))


# -- work: messages, scripts, script lines -------------------------------------------------------

# One pass over the period's events (``e``: one row per operator, customer and
# line), then every event-based count from it, returned as tagged rows.
WORK_SQL = """
WITH e AS MATERIALIZED (
    SELECT operator_id, lead_id, hook_key, template_id, line_no,
           SUM(CASE WHEN kind IN ('sent_line', 'custom_message') AND occurred_at < :b
                    THEN 1 ELSE 0 END) AS messages,
           MIN(CASE WHEN kind = 'sent_line' AND occurred_at < :b
                    THEN occurred_at END) AS sent_at,
           -- replies after the period still answer a line sent in it
           MAX(CASE WHEN kind = 'replied' THEN occurred_at END) AS reply_at
    FROM {events}
    WHERE team_id = :team AND deleted_at IS NULL AND occurred_at >= :a
      AND kind IN ('sent_line', 'custom_message', 'replied')
    GROUP BY operator_id, lead_id, hook_key, template_id, line_no),
s AS MATERIALIZED (  -- scripts: one hook's lines to one customer
    SELECT operator_id, lead_id, hook_key, MIN(sent_at) AS first_at, MAX(reply_at) AS last_reply
    FROM e
    WHERE hook_key IS NOT NULL
    GROUP BY operator_id, lead_id, hook_key
    HAVING MIN(sent_at) IS NOT NULL),
converted AS (
    SELECT DISTINCT s.operator_id, s.lead_id, s.hook_key
    FROM s JOIN sales_order o ON o.lead_id = s.lead_id
    WHERE {valid} AND o.ordered_at >= s.first_at AND o.ordered_at < {window_end}),
ln AS MATERIALIZED (  -- lines sent in the period, answered or not
    SELECT operator_id, lead_id, template_id, line_no,
           CASE WHEN reply_at >= sent_at THEN 1 ELSE 0 END AS replied
    FROM e
    WHERE template_id IS NOT NULL AND line_no IS NOT NULL AND sent_at IS NOT NULL),
per_script AS (  -- per customer and template: last line answered, lines sent as bits
    SELECT operator_id, template_id, MAX(replied * line_no) AS last_answered,
           CAST(SUM(CAST(1 AS BIGINT) << line_no) AS BIGINT) AS sent_bits
    FROM ln
    GROUP BY operator_id, lead_id, template_id)
SELECT 'activity' AS part, operator_id, CAST(NULL AS TEXT) AS k,
       CAST(NULL AS INTEGER) AS line_no, SUM(messages) AS n1, COUNT(*) AS n2, 0 AS n3
FROM (SELECT operator_id, lead_id, SUM(messages) AS messages
      FROM e WHERE messages > 0 GROUP BY operator_id, lead_id) per_customer
GROUP BY operator_id
UNION ALL
SELECT 'hook', s.operator_id, s.hook_key, CAST(NULL AS INTEGER), COUNT(*),
       SUM(CASE WHEN s.last_reply >= s.first_at THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.lead_id IS NOT NULL THEN 1 ELSE 0 END)
FROM s LEFT JOIN converted c
  ON c.operator_id = s.operator_id AND c.lead_id = s.lead_id AND c.hook_key = s.hook_key
GROUP BY s.operator_id, s.hook_key
UNION ALL
SELECT 'line', operator_id, CAST(template_id AS TEXT), line_no, COUNT(*), SUM(replied), 0
FROM ln GROUP BY operator_id, template_id, line_no
UNION ALL
-- stopped at the line after the last one answered, when that line was sent
SELECT 'stop', operator_id, CAST(template_id AS TEXT), last_answered + 1, COUNT(*), 0, 0
FROM per_script
WHERE ((sent_bits >> (last_answered + 1)) & 1) = 1
GROUP BY operator_id, template_id, last_answered + 1
"""


def work_frames(
    conn: Connection, team_id: uuid.UUID, a: datetime, b: datetime
) -> dict[str, pd.DataFrame]:
    """The event-based counts for [a, b), in one statement:

    activity: operator_id, messages, contacted
    scripts:  operator_id, hook_key, scripts, answered, converted
    lines:    operator_id, template_id, line_no, sent, replied, stopped
    """
    # Note: "operator_id" NULL rows are the events of the unassigned pool.
    dialect = _dialect_sql(conn)
    sql = WORK_SQL.format(
        valid=VALID_ORDER,
        window_end=dialect["plus_window"]("s.first_at"),
        events=dialect["scan"]("contact_event"),
    )
    raw = _frame(
        conn,
        sql,
        {"team": team_id, "a": a, "b": b},
        operator_id=Uuid(),
        k=String(),
        line_no=Integer(),
        n1=Numeric(),
        n2=Numeric(),
        n3=Numeric(),
    )
    raw = _numbers(raw, ("n1", "n2", "n3"))
    part = {name: raw[raw["part"] == name] for name in ("activity", "hook", "line", "stop")}
    activity = part["activity"].rename(columns={"n1": "messages", "n2": "contacted"})
    scripts = part["hook"].rename(
        columns={"k": "hook_key", "n1": "scripts", "n2": "answered", "n3": "converted"}
    )
    return {
        "activity": activity[["operator_id", "messages", "contacted"]].reset_index(drop=True),
        "scripts": scripts[
            ["operator_id", "hook_key", "scripts", "answered", "converted"]
        ].reset_index(drop=True),
        "lines": _lines(part["line"], part["stop"]),
    }


def _lines(sent: pd.DataFrame, stops: pd.DataFrame) -> pd.DataFrame:
    keys = ["operator_id", "template_id", "line_no"]
    sent = sent.rename(columns={"k": "template_id", "n1": "sent", "n2": "replied"})
    stops = stops.rename(columns={"k": "template_id", "n1": "stopped"})
    merged = sent[[*keys, "sent", "replied"]].merge(stops[[*keys, "stopped"]], on=keys, how="left")
    merged["stopped"] = merged["stopped"].fillna(0.0)
    # CAST(uuid AS TEXT) is hex on SQLite and hyphenated on PostgreSQL; uuid.UUID reads both.
    merged["template_id"] = [uuid.UUID(str(v)) for v in merged["template_id"]]
    merged["line_no"] = merged["line_no"].astype(int)
    return merged


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
    steps = 6
    with _report_transaction(engine) as conn:
        tz = team_settings(conn, team_id).timezone
        today = local_today(now or utcnow(), tz)
        period = choose if isinstance(choose, Period) else choose(today)
        a, b = period.bounds(tz)
        state.advance(1, steps, "operators")
        operators = operators_frame(conn, team_id)
        names = catalog(conn, team_id)
        state.advance(2, steps, "customers")
        cohort = cohort_frame(conn, team_id, period, tz)
        state.advance(3, steps, "work")
        work = work_frames(conn, team_id, a, b)
        state.advance(4, steps, "orders")
        orders = orders_frame(conn, team_id, a, b)
        state.advance(5, steps, "trend")
        hourly = hourly_frame(conn, team_id, a, b, only_operator)
    inputs = ReportInputs(
        operators, cohort, work["activity"], work["scripts"], work["lines"], orders, names
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
        hourly = hourly_frame(conn, team_id, a, b, owner)
    return daily_trend(hourly, period, tz)
