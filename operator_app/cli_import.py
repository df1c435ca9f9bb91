"""The import commands: ``import-leads`` and ``import-orders`` (headless, no Qt).

Each prints one JSON summary on stdout. The rows that could not be imported
are saved only when asked, with ``--rejects PATH`` (UTF-8 with BOM, the
file's columns plus 原因) to fix and import again; ``report`` gives its path.
A dry run writes nothing to the database (nor a file, unless asked).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from operator_app.cli_cancel import interruptible
from operator_app.errors import KnownError, translatable


def add_parsers(sub: Any) -> None:
    """Register the import subcommands on the main parser's subparsers."""
    leads = sub.add_parser("import-leads", help="import leads from a CSV or .xlsx file")
    leads.add_argument("file", type=Path, metavar="FILE")
    leads.add_argument(
        "--distribute",
        metavar="LOGIN,LOGIN…",
        default="",
        help="spread the new leads over these operators by capacity "
        "(a file's owner column wins where it names an operator)",
    )
    _common(leads)
    orders = sub.add_parser("import-orders", help="import orders from a CSV or .xlsx file")
    orders.add_argument("file", type=Path, metavar="FILE")
    orders.add_argument(
        "--create-unknown",
        action="store_true",
        help="create unassigned leads for buyers who are not leads yet",
    )
    _common(orders)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="check and count; import nothing (and save no file unless --rejects is given)",
    )
    parser.add_argument("--team", metavar="NAME", help="the team (needed when there are several)")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="correct the column guess, e.g. --map phone=联系电话 (FIELD= unmaps it)",
    )
    # --report was this option's first name: scripts written for it keep working.
    parser.add_argument(
        "--rejects",
        "--report",
        dest="rejects",
        type=Path,
        metavar="PATH",
        help="save the rows that cannot be imported (with the reason) to this CSV; "
        "without it no file is written",
    )


def parse_map(items: Sequence[str]) -> dict[str, str | None]:
    """``["phone=联系电话", "owner="]`` -> ``{"phone": "联系电话", "owner": None}``."""
    mapping: dict[str, str | None] = {}
    for item in items:
        key, sep, column = item.partition("=")
        if not sep or not key.strip():
            raise KnownError(
                translatable("--map takes FIELD=COLUMN, not '{item}'."),
                translatable("For example: --map phone=联系电话"),
                item=item,
            )
        mapping[key.strip()] = column.strip() or None
    return mapping


def _logins(text: str) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


def _report(args: argparse.Namespace, table: Any, issues: list[Any]) -> str | None:
    """The rejected rows saved where --rejects says; nothing when it is not given."""
    from operator_app.core.importing import write_rejected_report

    path = args.rejects
    if path is None or not issues:
        return None
    try:
        return str(write_rejected_report(path, table, issues))
    except OSError as exc:
        raise KnownError(
            translatable("The rejected rows could not be saved to {path} ({reason})."),
            translatable("Choose another place with --rejects PATH."),
            path=str(path),
            reason=exc.strerror or exc.__class__.__name__,
        ) from exc


def _open(args: argparse.Namespace) -> Any:
    from operator_app.config import load_config
    from operator_app.context import open_shared

    config = load_config(args.data_dir, args.shared_url, args.operator)
    engine = open_shared(config, upgrade=False)
    _require_team_lead(engine, config.operator_login)
    return engine


def _importer(engine: Any, args: argparse.Namespace) -> Any:
    """Who runs the import (--operator), recorded on its events; None: an admin."""
    from operator_app.config import load_config
    from operator_app.context import signed_in_person

    login = load_config(args.data_dir, args.shared_url, args.operator).operator_login
    return signed_in_person(engine, login)


def _require_team_lead(engine: Any, login: str) -> None:
    """Importing and distributing is a team lead's job (domain.md, People).

    An app-level check: the database's own row-level security (the sync
    issue) is what will stop someone who bypasses the app.
    """
    from operator_app.context import signed_in_person
    from operator_app.core.domain import Role

    try:
        person = signed_in_person(engine, login)  # None: an admin at the server
    except KnownError:
        engine.dispose()
        raise
    if person is not None and person.role == Role.OPERATOR:
        engine.dispose()
        raise KnownError(
            translatable("Only team leads and admins import and distribute customers."),
            translatable("Ask your team lead, or sign in with --operator as a team lead."),
        )


def _team_and_settings(engine: Any, args: argparse.Namespace) -> tuple[Any, Any]:
    """The team the import goes to (--team when there are several) and its settings."""
    from operator_app.data.importing import find_team, load_team_settings

    team = find_team(engine, args.team)
    with engine.connect() as conn:
        return team, load_team_settings(conn, team.id)


def cmd_import_leads(args: argparse.Namespace) -> int:
    from operator_app.core.importing import prepare_leads
    from operator_app.data.importing import import_leads
    from operator_app.data.types import utcnow

    mapping = parse_map(args.map)
    engine = _open(args)
    try:
        team, settings = _team_and_settings(engine, args)
        importer = _importer(engine, args)
        now = utcnow()
        with interruptible() as state:  # Ctrl+C: rolled back, cli.main says so
            leads = prepare_leads(
                args.file, tz=settings.timezone, now=now, mapping=mapping, state=state
            )
            result = import_leads(
                engine,
                leads,
                team_id=team.id,
                distribute_to=_logins(args.distribute),
                dry_run=args.dry_run,
                state=state,
                now=now,
                actor_id=importer.id if importer is not None else None,
            )
    finally:
        engine.dispose()
    report = _report(args, leads.table, result.reported)
    print(json.dumps(result.summary(report), ensure_ascii=False))
    return 0


def cmd_import_orders(args: argparse.Namespace) -> int:
    from operator_app.core.importing import prepare_orders
    from operator_app.data.importing_orders import import_orders

    mapping = parse_map(args.map)
    engine = _open(args)
    try:
        team, settings = _team_and_settings(engine, args)
        with interruptible() as state:
            orders = prepare_orders(args.file, tz=settings.timezone, mapping=mapping, state=state)
            result = import_orders(
                engine,
                orders,
                team_id=team.id,
                create_unknown=args.create_unknown,
                dry_run=args.dry_run,
                state=state,
            )
    finally:
        engine.dispose()
    report = _report(args, orders.table, result.reported)
    print(json.dumps(result.summary(report), ensure_ascii=False))
    return 0


COMMANDS = {"import-leads": cmd_import_leads, "import-orders": cmd_import_orders}
