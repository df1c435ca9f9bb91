"""`operator-app queue`: the day's list as the Today page computes it."""

from __future__ import annotations

import argparse
import json
from datetime import datetime, time, timedelta
from typing import Any

from operator_app.config import load_config
from operator_app.context import open_context, prepare_workspace
from operator_app.data.workspace import Workspace
from operator_app.data.workspace_types import QueueRow
from operator_app.errors import KnownError

COLUMNS = ("lead_id", "name", "phone", "hook", "due", "priority", "reason", "rate", "n")


def add_parser(sub: Any) -> None:
    queue = sub.add_parser("queue", help="print the current operator's queue for the day")
    queue.add_argument(
        "--at", metavar='"YYYY-MM-DD HH:MM"', help="evaluate at another moment (team time zone)"
    )
    queue.add_argument("--format", choices=("table", "json"), default="table")
    queue.add_argument("--all", action="store_true", help="every lead, not just today's list")


def _moment(raw: str | None, ws: Workspace) -> datetime | None:
    if raw is None:
        return None
    try:
        naive = datetime.strptime(raw.strip(), "%Y-%m-%d %H:%M")
    except ValueError as exc:
        raise KnownError('--at takes a local time like "2026-11-20 09:30".') from exc
    return naive.replace(tzinfo=ws.timezone)


def _todays(rows: list[QueueRow], now: datetime, tz: Any) -> list[QueueRow]:
    """Overdue, or due before the end of the local day: the Today page's list.

    An overdue hook stays on today's list even when quiet hours or the touch
    cap moved its sending time to tomorrow; its pacing note says so.
    """
    end = datetime.combine(now.astimezone(tz).date() + timedelta(days=1), time(0), tz)
    return [
        r
        for r in rows
        if r.due_at is not None
        and (r.due_at < end or r.is_overdue(now))
    ]


def _record(row: QueueRow, now: datetime, tz: Any) -> dict[str, Any]:
    return {
        "lead_id": str(row.lead_id),
        "name": row.name,
        "phone": row.phone_masked,
        "hook": row.hook_key,
        "due": row.due_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if row.due_at else None,
        "overdue": row.is_overdue(now),
        "priority": row.priority,
        "reason": row.reason,
        "pacing_note": row.pacing_note,
        "rate": round(row.expected_reply_rate, 3) if row.expected_reply_rate is not None else None,
        "n": row.sample_size,
    }


def cmd_queue(args: argparse.Namespace) -> int:
    ctx = open_context(load_config(args.data_dir, args.shared_url, args.operator))
    try:
        ws = prepare_workspace(ctx)
        at = _moment(args.at, ws)
        if at is None:
            ws.refresh_if_stale()
            snapshot = ws.queue()
        else:
            ws = Workspace(ws.cache, ws.person, ws.device_id, clock=lambda: at)
            snapshot = ws.queue_at()
        tz = ws.timezone
        now = ws.clock()
        rows = snapshot.rows if args.all else _todays(snapshot.rows, now, tz)
        records = [_record(r, now, tz) for r in rows]
        if args.format == "json":
            print(
                json.dumps(
                    {
                        "at": now.astimezone(tz).isoformat(),
                        "operator": ws.person.login,
                        "counts": snapshot.counts.__dict__,
                        "rows": records,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            _print_table(records)
    finally:
        ctx.dispose()
    return 0


def _print_table(records: list[dict[str, Any]]) -> None:
    print("\t".join(COLUMNS))
    for r in records:
        rate = f"{r['rate']:.0%}" if r["rate"] is not None else "—"
        print(
            "\t".join(
                str(x)
                for x in (
                    r["lead_id"],
                    r["name"],
                    r["phone"],
                    r["hook"],
                    r["due"],
                    r["priority"],
                    r["reason"],
                    rate,
                    r["n"],
                )
            )
        )
