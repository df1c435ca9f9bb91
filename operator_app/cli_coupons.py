"""``import-coupons`` (coupons from the mall's export) and ``import-template`` (headless, no Qt).

``import-coupons`` works like ``import-leads`` / ``import-orders``: one JSON
summary on stdout, the same ``--dry-run``, ``--team``, ``--map`` and
rejected-rows options (``cli_import``). ``import-template`` saves the .xlsx
template of an import kind, with its headers and one example row.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from operator_app import cli_import


def add_parsers(sub: Any) -> None:
    """Register the coupon import and the template command on the main parser."""
    coupons = sub.add_parser(
        "import-coupons", help="import coupons from the mall's export (CSV or .xlsx)"
    )
    coupons.add_argument("file", type=Path, metavar="FILE")
    cli_import._common(coupons)  # the same --dry-run, --team, --map and report options
    template = sub.add_parser(
        "import-template", help="save an .xlsx template for an import (headers and one example)"
    )
    template.add_argument("kind", choices=("leads", "orders", "coupons"))
    template.add_argument("path", type=Path, metavar="PATH", help="file or folder to save to")


def cmd_import_coupons(args: argparse.Namespace) -> int:
    from operator_app.cli_cancel import interruptible
    from operator_app.core.import_coupons import prepare_coupons
    from operator_app.data.importing_coupons import import_coupons
    from operator_app.data.types import utcnow

    mapping = cli_import.parse_map(args.map)
    engine = cli_import._open(args)
    try:
        team, settings = cli_import._team_and_settings(engine, args)
        now = utcnow()
        with interruptible() as state:  # Ctrl+C: rolled back, cli.main says so
            coupons = prepare_coupons(
                args.file, tz=settings.timezone, now=now, mapping=mapping, state=state
            )
            result = import_coupons(
                engine, coupons, team_id=team.id, dry_run=args.dry_run, state=state, now=now
            )
    finally:
        engine.dispose()
    report = cli_import._report(args, coupons.table, result.reported)
    print(json.dumps(result.summary(report), ensure_ascii=False))
    return 0


def cmd_import_template(args: argparse.Namespace) -> int:
    from operator_app.core.import_templates import FILE_NAMES, write_template

    path: Path = args.path
    if path.is_dir():
        path = path / FILE_NAMES[args.kind]
    saved = write_template(args.kind, path)
    print(json.dumps({"kind": args.kind, "path": str(saved)}, ensure_ascii=False))
    return 0


COMMANDS = {"import-coupons": cmd_import_coupons, "import-template": cmd_import_template}
