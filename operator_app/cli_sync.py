"""`operator-app sync`: one cycle (or a loop) between this PC's cache and the shared database."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from operator_app.config import load_config
from operator_app.context import AppContext, open_context, open_shared, prepare_workspace
from operator_app.data.queries import find_operator
from operator_app.errors import KnownError
from operator_app.sync.engine import SyncSummary, consecutive_failures, retry_delay, sync_once

LOOP_INTERVAL_S = 60.0


def add_parser(sub: Any) -> None:
    sync = sub.add_parser("sync", help="send this PC's work and fetch the team's changes")
    sync.add_argument("--once", action="store_true", help="run one cycle, print a JSON summary")
    sync.add_argument(
        "--interval",
        type=float,
        default=LOOP_INTERVAL_S,
        help="seconds between cycles without --once (default 60)",
    )


def _cycle(ctx: AppContext) -> SyncSummary:
    if ctx.shared_engine is None:
        # Offline at start: every cycle tries again (as the window does), so a
        # loop started during an outage syncs once the server is back.
        ctx.shared_engine = open_shared(ctx.config, upgrade=ctx.config.is_embedded)
        ctx.shared_error = None
        if ctx.operator is None and ctx.config.operator_login:
            # Offline at start, an empty cache could not say who this login is.
            ctx.operator = find_operator(ctx.shared_engine, ctx.config.operator_login)
    workspace = prepare_workspace(ctx)  # first use: loads this person's data
    summary = sync_once(ctx.shared_engine, ctx.cache_engine, workspace.person)
    if ctx.first_load is not None:
        # That load was this cycle's pull: say so, or a fresh PC reports "pulled 0".
        summary.full_load = True
        summary.pulled += ctx.first_load.rows
        ctx.first_load = None
    return summary


def cmd_sync(args: argparse.Namespace) -> int:
    ctx = open_context(load_config(args.data_dir, args.shared_url, args.operator))
    try:
        if args.once:
            print(json.dumps(_cycle(ctx).as_dict(), ensure_ascii=False))
            return 0
        return _loop(ctx, args.interval)
    finally:
        ctx.dispose()


def _loop(ctx: AppContext, interval: float) -> int:
    """Cycle until interrupted; a failed cycle waits with backoff and says why."""
    try:
        while True:
            try:
                out = _cycle(ctx).as_dict()
                wait = interval
            except KnownError as err:
                out = {"error": err.render()}
                wait = (
                    retry_delay(consecutive_failures(ctx.cache_engine)).total_seconds() or interval
                )
            print(json.dumps(out, ensure_ascii=False), flush=True)
            time.sleep(wait)
    except KeyboardInterrupt:
        return 0


COMMANDS = {"sync": cmd_sync}
