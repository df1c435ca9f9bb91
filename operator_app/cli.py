"""Command line: the GUI launcher and headless commands for admins and scripts.

Every command prints English; errors the user can act on exit with code 2
and a one-paragraph message, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from operator_app import (
    __version__,
    cli_admin,
    cli_coupons,
    cli_import,
    cli_queue,
    cli_recycle,
    cli_report,
    cli_sync,
)
from operator_app.cli_cancel import CANCELLED, CANCELLED_EXIT, INTERRUPTED
from operator_app.config import AppConfig, load_config
from operator_app.core.progress import Cancelled
from operator_app.errors import KnownError

log = logging.getLogger("operator_app")

PAGES = ("today", "leads", "scripts", "performance", "import")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="operator-app",
        description="Operator Desk (私域工作台). Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--shared-url", help="shared database URL (sqlite:///… or postgresql://…)")
    parser.add_argument("--data-dir", type=Path, help="folder for the local cache and settings")
    parser.add_argument("--operator", metavar="LOGIN", help="who is using this PC")
    parser.add_argument("--demo", action="store_true", help="open the window on a fresh demo team")
    parser.add_argument("--screenshot", type=Path, metavar="PATH", help="render to PNG and exit")
    parser.add_argument("--page", choices=PAGES, default="today", help="page shown at start")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    seed = sub.add_parser("seed-demo", help="fill the shared database with a demo team")
    seed.add_argument("--leads", type=int, default=2000, help="number of leads (default 2000)")
    seed.add_argument("--days", type=int, default=60, help="days of history (default 60)")
    seed.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    seed.add_argument("--replace", action="store_true", help="delete existing data first")

    sub.add_parser("migrate", help="create or upgrade the shared database schema")
    sub.add_parser("status", help="print the databases' state as JSON")
    cli_queue.add_parser(sub)
    cli_report.add_parser(sub)
    cli_import.add_parsers(sub)
    cli_coupons.add_parsers(sub)
    cli_sync.add_parser(sub)
    cli_admin.add_parsers(sub)
    cli_recycle.add_parser(sub)
    return parser


def _config(args: argparse.Namespace) -> AppConfig:
    return load_config(args.data_dir, args.shared_url, args.operator)


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from operator_app.context import open_shared
    from operator_app.data.seed import seed_demo

    config = _config(args)
    if args.leads < 1 or args.days < 1:
        raise KnownError("--leads and --days must be at least 1.")
    engine = open_shared(config, upgrade=True)
    started = time.perf_counter()
    try:
        summary = seed_demo(
            engine, leads=args.leads, days=args.days, seed=args.seed, replace=args.replace
        )
    finally:
        engine.dispose()
    out = summary.as_dict() | {"seconds": round(time.perf_counter() - started, 3)}
    print(json.dumps(out, ensure_ascii=False))
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from operator_app.context import open_shared
    from operator_app.data import migrate

    engine = open_shared(_config(args), upgrade=True)
    try:
        print(json.dumps({"schema": migrate.current_revision(engine)}))
    finally:
        engine.dispose()
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from operator_app.context import open_context, require_known_operator
    from operator_app.data import migrate
    from operator_app.data.db import describe_url, parse_url
    from operator_app.data.queries import count_rows

    config = _config(args)
    ctx = open_context(config)
    try:
        if ctx.shared_online:  # offline, status still says what it can
            require_known_operator(ctx)
        out: dict[str, object] = {
            "data_dir": str(config.data_dir),
            "shared_url": describe_url(parse_url(config.effective_shared_url)),
            "embedded": config.is_embedded,
            "shared_online": ctx.shared_online,
            "shared_error": str(ctx.shared_error) if ctx.shared_error else None,
            "operator": ctx.operator.login if ctx.operator else None,
        }
        if ctx.shared_engine is not None and ctx.shared_online:
            out["schema"] = migrate.current_revision(ctx.shared_engine)
            out["counts"] = count_rows(ctx.shared_engine).__dict__
        print(json.dumps(out, ensure_ascii=False))
    finally:
        ctx.dispose()
    return 0


COMMANDS = {
    "seed-demo": cmd_seed_demo,
    "migrate": cmd_migrate,
    "status": cmd_status,
    "queue": cli_queue.cmd_queue,
    "report": cli_report.cmd_report,
    **cli_import.COMMANDS,
    **cli_coupons.COMMANDS,
    **cli_sync.COMMANDS,
    **cli_admin.COMMANDS,
    **cli_recycle.COMMANDS,
}


def run_gui(args: argparse.Namespace) -> int:
    from operator_app.app import run_app

    return run_app(
        data_dir=args.data_dir,
        shared_url=args.shared_url,
        operator=args.operator,
        demo=args.demo,
        screenshot=args.screenshot,
        page=args.page,
    )


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            return run_gui(args)
        return COMMANDS[args.command](args)
    except KnownError as err:
        print(f"operator-app: {err.render()}", file=sys.stderr)
        return 2
    except Cancelled:  # Ctrl+C during a write: its transaction was rolled back
        print(f"operator-app: {CANCELLED}", file=sys.stderr)
        return CANCELLED_EXIT
    except KeyboardInterrupt:
        print(f"operator-app: {INTERRUPTED}", file=sys.stderr)
        return CANCELLED_EXIT
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as Unix tools do.
        # A windowed (frozen GUI) executable has no stdout at all.
        if sys.stdout is not None:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
