"""`operator-app report`: the 业绩 page's numbers, printed or saved.

The table and CSV carry the operator table (with the team's total and
average rows); .xlsx the whole review, a sheet per table (operators,
funnel, breakdown, lines, hooks, trend, reconciliation); JSON everything
(core.analytics_json): rows, team total and average, reconciliation,
funnel, breakdown, lines, hooks.

The same numbers as the page (one builder: data.analytics_queries.load_report).
Dates are local days in the team time zone; without them, the last 30 days,
as the page opens. Someone signed in as an operator gets their own row and
the team average only, as on the page.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from operator_app.config import load_config
from operator_app.context import AppContext, open_context, require_known_operator
from operator_app.core.analytics import Period, PeriodKind
from operator_app.core.analytics_format import (
    TABLE_COLUMNS,
    formatted,
    plain,
    table_rows,
)
from operator_app.core.analytics_json import report_json
from operator_app.core.analytics_report import Report
from operator_app.core.analytics_sheets import Sheet, review_sheets
from operator_app.core.domain import Role
from operator_app.errors import KnownError, translatable

FORMATS = ("table", "csv", "json", "xlsx")
DEFAULT_DAYS = 30
AVERAGE_LABEL = "team average"
TOTAL_LABEL = "team total"
LEFT_LABEL = "(left)"
XLSX_FORMATS = {"count": "#,##0.##", "rate": "0.0%", "money": "#,##0.00", "text": None}


def add_parser(sub: Any) -> None:
    report = sub.add_parser("report", help="print or save the performance table of operators")
    report.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help="first day (local)")
    report.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="last day (local)")
    report.add_argument("--format", choices=FORMATS, default="table")
    report.add_argument("--output", type=Path, metavar="PATH", help="write to a file")
    report.add_argument("--team", metavar="NAME", help="the team (needed when there are several)")


def _day(raw: str | None, option: str) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError as exc:
        raise KnownError(
            translatable("{option} takes a date like 2026-11-20, not '{value}'."),
            option=option,
            value=raw,
        ) from exc


def choose_period(first: date | None, last: date | None) -> Any:
    """A function of the team's today: the days asked for, filled in as the page does."""
    if first is not None and last is not None and last < first:
        raise KnownError(
            translatable("The period ends before it starts ({first} to {last})."),
            translatable("Swap --from and --to."),
            first=first.isoformat(),
            last=last.isoformat(),
        )

    def choose(today: date) -> Period:
        if first is None and last is None:
            return Period.preset(PeriodKind.LAST_30, today)
        end = last or max(today, first or today)
        start = first or end - timedelta(days=DEFAULT_DAYS - 1)
        return Period(start, end)

    return choose


def _team_and_viewer(ctx: AppContext, team: str | None) -> tuple[uuid.UUID, uuid.UUID | None]:
    from operator_app.data.importing import find_team

    person = ctx.operator
    if person is not None and team is None:
        viewer = person.id if person.role == Role.OPERATOR.value else None
        return person.team_id, viewer
    assert ctx.shared_engine is not None
    return find_team(ctx.shared_engine, team).id, None


def cmd_report(args: argparse.Namespace) -> int:
    from operator_app.data.analytics_queries import load_report

    choose = choose_period(_day(args.first, "--from"), _day(args.last, "--to"))
    if args.format == "xlsx" and args.output is None:
        raise KnownError(translatable("An .xlsx report needs --output PATH."))
    ctx = open_context(load_config(args.data_dir, args.shared_url, args.operator))
    try:
        if ctx.shared_error is not None:
            raise ctx.shared_error
        require_known_operator(ctx)  # else "nobody" would see every operator's numbers
        assert ctx.shared_engine is not None
        team_id, viewer = _team_and_viewer(ctx, args.team)
        report = load_report(ctx.shared_engine, team_id, choose, only_operator=viewer)
    finally:
        ctx.dispose()
    _write(report, args.format, args.output)
    return 0


def _write(report: Report, fmt: str, output: Path | None) -> None:
    from operator_app import export

    headers = [c.key for c in TABLE_COLUMNS]
    rows = table_rows(report, AVERAGE_LABEL, LEFT_LABEL, TOTAL_LABEL)
    if fmt == "xlsx":
        assert output is not None
        formats = [XLSX_FORMATS[str(c.kind)] for c in TABLE_COLUMNS]
        operators = Sheet("operators", headers, rows, formats)
        export.write_workbook(output, review_sheets(report, operators))
    elif fmt == "csv" and output is not None:
        export.write_csv(output, headers, plain(rows))
    else:
        text = _render(report, fmt, headers, rows)
        if output is None:
            sys.stdout.write(text)
        else:
            try:
                output.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise KnownError(
                    translatable("Cannot write {path}: {reason}"),
                    translatable(
                        "Close the file if it is open in Excel, or choose another folder."
                    ),
                    path=str(output),
                    reason=exc.strerror or str(exc),
                ) from exc


def _render(report: Report, fmt: str, headers: list[str], rows: list[list[Any]]) -> str:
    if fmt == "json":
        return json.dumps(report_json(report), ensure_ascii=False) + "\n"
    if fmt == "csv":
        from operator_app.export import neutralise

        lines: list[str] = []
        writer = csv.writer(_Lines(lines), lineterminator="\n")
        writer.writerow([neutralise(h) for h in headers])
        writer.writerows([[neutralise(c) for c in row] for row in plain(rows)])
        return "".join(lines)
    period = report.period
    head = f"# {period.first} .. {period.last} ({report.timezone.key}), {report.status}\n"
    body = ["\t".join(headers), *("\t".join(r) for r in formatted(rows))]
    return head + "\n".join(body) + "\n"


class _Lines:
    """A file-like sink for csv.writer that collects strings."""

    def __init__(self, out: list[str]) -> None:
        self.out = out

    def write(self, text: str) -> int:
        self.out.append(text)
        return len(text)
