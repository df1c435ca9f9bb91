"""`operator-app recycle`: leads whose friend request was never accepted go back to the pool.

The same rule and function as the team lead's app runs hourly
(data.lead_moves.recycle_expired): pending for the team's
``friend_request_recycle_days`` since the request or the owner's last
activity on the lead. Prints one JSON summary; ``--dry-run`` says what it
would return and changes nothing. Without ``--team`` (and without a signed-in
person) every team is recycled, so one scheduled job serves a whole server.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import Any

from operator_app.errors import KnownError, translatable


def add_parser(sub: Any) -> None:
    recycle = sub.add_parser(
        "recycle", help="return leads whose friend request expired to the unassigned pool"
    )
    recycle.add_argument(
        "--dry-run", action="store_true", help="say what would return, change nothing"
    )
    recycle.add_argument("--team", metavar="NAME", help="only this team (default: every team)")


def _teams(engine: Any, args: argparse.Namespace, login: str) -> list[Any]:
    from sqlalchemy import select

    from operator_app.context import signed_in_person
    from operator_app.core.domain import Role
    from operator_app.data import models as m
    from operator_app.data.importing import TeamRef, find_team

    person = signed_in_person(engine, login)
    if person is not None and person.role == Role.OPERATOR.value:
        raise KnownError(
            translatable("Only team leads and admins return customers to the pool."),
            translatable("Ask your team lead, or sign in with --operator as a team lead."),
        )
    if args.team is not None:
        return [find_team(engine, args.team)]
    if person is not None:
        return [TeamRef(person.team_id, person.team_name)]
    team = m.Team.__table__  # type: ignore[attr-defined]
    with engine.connect() as conn:
        stmt = select(team.c.id, team.c.name).where(team.c.deleted_at.is_(None))
        return [TeamRef(i, n) for i, n in conn.execute(stmt.order_by(team.c.name))]


def _lead_json(item: Any, team: str) -> dict[str, Any]:
    return {
        "id": str(item.lead_id),
        "name": item.name,
        "team": team,
        "former_owner": item.owner_login,
        "friend_requested_at": item.friend_requested_at.isoformat(),
        "last_activity_at": item.last_activity_at.isoformat() if item.last_activity_at else None,
        "due_at": item.due_at.isoformat(),
    }


def cmd_recycle(args: argparse.Namespace) -> int:
    from operator_app.config import load_config
    from operator_app.context import open_shared
    from operator_app.data.lead_moves import recycle_expired

    config = load_config(args.data_dir, args.shared_url, args.operator)
    engine = open_shared(config, upgrade=False)
    try:
        leads: list[dict[str, Any]] = []
        per_team: dict[str, int] = {}
        for team in _teams(engine, args, config.operator_login):
            done = recycle_expired(engine, team.id, dry_run=args.dry_run)
            per_team[team.name] = len(done)
            leads += [_lead_json(item, team.name) for item in done]
    finally:
        engine.dispose()
    by_owner = Counter(lead["former_owner"] for lead in leads)
    summary = {
        "dry_run": bool(args.dry_run),
        "returned": len(leads),
        "by_owner": dict(sorted(by_owner.items())),
        "by_team": per_team,
        "leads": leads,
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


COMMANDS = {"recycle": cmd_recycle}
