"""`operator-app recycle`: expired friend requests back to the pool (a real subprocess)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from operator_app.config import load_config
from operator_app.context import open_shared
from operator_app.data import models as m
from tests.data.import_fixtures import Team, add_lead, make_team, rows
from tests.test_cli import run_cli

DAY = timedelta(days=1)


def _world(folder: Path) -> tuple[Team, dict[str, uuid.UUID]]:
    """Pending requests (recycle after 7 days) as of the real clock: the CLI uses it."""
    now = datetime.now(UTC)
    engine = open_shared(load_config(folder), upgrade=True)
    try:
        team = make_team(engine, recycle_days=7)

        def pending(phone: str, owner: str, asked: datetime) -> uuid.UUID:
            return add_lead(
                engine,
                team,
                phone,
                name=owner + phone[-2:],
                owner_id=team.ops[owner],
                friend_status="pending",
                friend_requested_at=asked,
            )

        ids = {
            "li_old": pending("+8613800000001", "lijing", now - 10 * DAY),
            "wang_old": pending("+8613800000002", "wangfang", now - 8 * DAY),
            "li_new": pending("+8613800000003", "lijing", now - 2 * DAY),
        }
    finally:
        engine.dispose()
    return team, ids


def _shared(folder: Path) -> Engine:
    return open_shared(load_config(folder), upgrade=False)


def test_dry_run_names_the_leads_and_changes_nothing(tmp_path: Path) -> None:
    team, ids = _world(tmp_path)
    engine = _shared(tmp_path)
    before = rows(engine, m.Lead, "id", "owner_id", "friend_status", "version")
    engine.dispose()

    result = run_cli("recycle", "--dry-run", data_dir=tmp_path)

    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["dry_run"] is True and out["returned"] == 2
    assert out["by_owner"] == {"lijing": 1, "wangfang": 1}
    assert out["by_team"] == {"鲜到家一组": 2}
    assert sorted(lead["id"] for lead in out["leads"]) == sorted(
        str(ids[k]) for k in ("li_old", "wang_old")
    )
    engine = _shared(tmp_path)
    try:
        assert rows(engine, m.Lead, "id", "owner_id", "friend_status", "version") == before
        assert rows(engine, m.ContactEvent, "id") == []
    finally:
        engine.dispose()


def test_a_real_run_returns_them_with_an_event_each_and_a_second_finds_none(
    tmp_path: Path,
) -> None:
    team, ids = _world(tmp_path)

    result = run_cli("recycle", data_dir=tmp_path)

    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["dry_run"], out["returned"]) == (False, 2)
    assert out["by_owner"] == {"lijing": 1, "wangfang": 1}
    engine = _shared(tmp_path)
    try:
        owners = dict(rows(engine, m.Lead, "id", "owner_id"))
        assert owners[ids["li_old"]] is None and owners[ids["wang_old"]] is None
        assert owners[ids["li_new"]] == team.ops["lijing"]
        events = rows(engine, m.ContactEvent, "lead_id", "kind", "operator_id", "payload")
    finally:
        engine.dispose()
    assert sorted(str(e[0]) for e in events) == sorted(str(ids[k]) for k in ("li_old", "wang_old"))
    for _lead, kind, operator, payload in events:
        assert (kind, operator, payload["reason"], payload["to"]) == (
            "reassigned",
            None,
            "friend_request_expired",
            None,
        )
        assert payload["recycle_days"] == 7

    again = json.loads(run_cli("recycle", data_dir=tmp_path).stdout)
    assert (again["returned"], again["leads"]) == (0, [])


def test_an_operator_may_not_recycle(tmp_path: Path) -> None:
    _world(tmp_path)
    result = run_cli("--operator", "wangfang", "recycle", data_dir=tmp_path)
    assert result.returncode == 2
    assert "team leads" in result.stderr
