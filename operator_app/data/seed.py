"""Seeding: the team's reference data from resources/seed, and the demo team.

Reference data (stages, hooks, templates with their three-question answers,
tags, team settings) lives in JSON files under resources/seed so a team can
read and change it without touching code. Bulk rows go in with Core
``insert()`` over lists of dicts, chunked, inside one transaction: a seed
either lands whole or not at all.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, func, insert, inspect, select
from sqlalchemy import text as sql_text

from operator_app.core.demo import DemoOperator, DemoRows, DemoSimulator, DemoTemplate, DemoWorld
from operator_app.core.domain import Role, tag_id
from operator_app.core.progress import TaskState
from operator_app.data import models as m
from operator_app.data.queries import DEMO_SETTING
from operator_app.data.types import utcnow
from operator_app.errors import KnownError, translatable
from operator_app.paths import resource_path

INSERT_BATCH = 5000


def load_seed_file(name: str) -> Any:
    with resource_path("seed", name).open(encoding="utf-8") as fh:
        return json.load(fh)


@dataclass
class SeedSummary:
    team: str
    operators: int
    leads: int
    orders: int
    coupons: int
    events: int
    lead_tags: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _table(model: type) -> Table:
    return model.__table__  # type: ignore[attr-defined]


def _synced(now: datetime) -> dict[str, Any]:
    return {"id": uuid.uuid4(), "version": 1, "updated_at": now, "deleted_at": None}


def insert_rows(conn: Connection, model: type, rows: list[dict[str, Any]]) -> None:
    """Executemany in batches: one statement per batch, not one object per row."""
    table = _table(model)
    for start in range(0, len(rows), INSERT_BATCH):
        conn.execute(insert(table), rows[start : start + INSERT_BATCH])


@dataclass
class ReferenceIds:
    stage_ids: dict[str, uuid.UUID]
    hook_ids: dict[str, uuid.UUID]
    templates: dict[str, list[DemoTemplate]]
    tag_ids: dict[str, uuid.UUID]
    manual_tag_ids: list[uuid.UUID]
    settings: dict[str, Any]


def seed_reference_data(conn: Connection, team_id: uuid.UUID, now: datetime) -> ReferenceIds:
    """Insert the default stages, hooks, templates, tags and settings for a team.

    Hooks are shared by all teams: existing hook keys are reused.
    """
    stages = [{**_synced(now), "team_id": team_id, **s} for s in load_seed_file("stages.json")]
    insert_rows(conn, m.LifecycleStage, stages)

    hook_table = _table(m.Hook)
    hook_ids = {k: i for k, i in conn.execute(select(hook_table.c.key, hook_table.c.id))}
    new_hooks = [
        {**_synced(now), "position": pos, **h}
        for pos, h in enumerate(load_seed_file("hooks.json"), start=1)
        if h["key"] not in hook_ids
    ]
    insert_rows(conn, m.Hook, new_hooks)
    hook_ids.update({h["key"]: h["id"] for h in new_hooks})

    templates, lines, by_hook = [], [], {}  # type: ignore[var-annotated]
    for spec in load_seed_file("templates.json"):
        row = {
            **_synced(now),
            "team_id": team_id,
            "hook_id": hook_ids[spec["hook_key"]],
            "active": True,
            **{k: spec[k] for k in ("key", "title", "purpose", "customer_thinks", "desired_reply")},
        }
        templates.append(row)
        for line_no, text in enumerate(spec["lines"], start=1):
            lines.append(
                {**_synced(now), "template_id": row["id"], "line_no": line_no, "text": text}
            )
        by_hook.setdefault(spec["hook_key"], []).append(
            DemoTemplate(row["id"], spec["key"], spec["hook_key"], len(spec["lines"]))
        )
    insert_rows(conn, m.Template, templates)
    insert_rows(conn, m.TemplateLine, lines)

    tags = [
        {**_synced(now), "id": tag_id(team_id, t["name"]), "team_id": team_id, **t}
        for t in load_seed_file("tags.json")
    ]
    insert_rows(conn, m.Tag, tags)

    settings = load_seed_file("settings.json")
    insert_rows(conn, m.Setting, [{**_synced(now), "team_id": team_id, **s} for s in settings])
    return ReferenceIds(
        stage_ids={s["key"]: s["id"] for s in stages},
        hook_ids=hook_ids,
        templates=by_hook,
        tag_ids={t["name"]: t["id"] for t in tags},
        manual_tag_ids=[t["id"] for t in tags if t["rule"] is None],
        settings={s["key"]: s["value"] for s in settings},
    )


def _has_data(conn: Connection) -> bool:
    return bool(conn.execute(select(func.count()).select_from(_table(m.Team))).scalar_one())


def _wipe(conn: Connection) -> None:
    """Delete every row, children first (only ever used to replace a demo).

    Hard deletes are invisible to incremental pulls, so the server's sync
    epoch changes too: every PC's cache then reloads in full.
    """
    for model in reversed(m.SYNCED_TABLES):
        conn.execute(delete(_table(model)))
    if "sync_server" in inspect(conn).get_table_names():
        conn.execute(sql_text("UPDATE sync_server SET epoch = :epoch"), {"epoch": uuid.uuid4().hex})


def _seed_people(
    conn: Connection, params: dict[str, Any], team_id: uuid.UUID, now: datetime, rng_seed: int
) -> list[DemoOperator]:
    lead = params["team_lead"]
    rows = [
        {
            **_synced(now),
            "team_id": team_id,
            "login": lead["login"],
            "name": lead["name"],
            "role": Role.TEAM_LEAD.value,
            "capacity": 0,
            "active": True,
        }
    ]
    operators = []
    for i, spec in enumerate(params["operators"]):
        row = {
            **_synced(now),
            "team_id": team_id,
            "login": spec["login"],
            "name": spec["name"],
            "role": Role.OPERATOR.value,
            "capacity": int(spec["capacity"]),
            "active": True,
        }
        rows.append(row)
        device = uuid.UUID(int=(rng_seed * 1000 + i) % (1 << 128)).hex
        operators.append(
            DemoOperator(
                row["id"],
                spec["login"],
                spec["name"],
                row["capacity"],
                float(spec["skill"]),
                device,
            )
        )
    insert_rows(conn, m.Operator, rows)
    return operators


def seed_demo(
    engine: Engine,
    *,
    leads: int = 2000,
    days: int = 60,
    seed: int = 7,
    replace: bool = False,
    state: TaskState | None = None,
    now: datetime | None = None,
    chunk_size: int = 5000,
) -> SeedSummary:
    """Fill an empty shared database with the demo team and its history.

    Refuses a database that already holds a team unless ``replace`` is set.
    Runs in one transaction: cancelled or failed, nothing is left behind.
    """
    state = state or TaskState()
    now = (now or utcnow()).astimezone(UTC).replace(microsecond=0)
    params = load_seed_file("demo.json")
    summary = SeedSummary(params["team_name"], len(params["operators"]) + 1, 0, 0, 0, 0, 0)
    with engine.begin() as conn:
        if _has_data(conn):
            if not replace:
                raise KnownError(
                    translatable("The shared database already holds a team."),
                    translatable(
                        "Seed the demo into an empty folder (--data-dir), or add --replace."
                    ),
                )
            _wipe(conn)
        team_id = uuid.uuid4()
        insert_rows(conn, m.Team, [{**_synced(now), "id": team_id, "name": params["team_name"]}])
        ref = seed_reference_data(conn, team_id, now)
        # Marks the made-up team, so every screen can say it shows demo data.
        demo_flag = {"key": DEMO_SETTING, "value": True, "description": "演示数据（虚构客户）"}
        insert_rows(conn, m.Setting, [{**_synced(now), "team_id": team_id, **demo_flag}])
        world = DemoWorld(
            team_id=team_id,
            operators=_seed_people(conn, params, team_id, now, seed),
            stage_ids=ref.stage_ids,
            templates=ref.templates,
            manual_tag_ids=ref.manual_tag_ids,
            params=params,
            settings=ref.settings,
        )
        sim = DemoSimulator(world, seed=seed, now=now, days=days)
        for rows in sim.chunks(leads, chunk_size):
            _insert_demo_rows(conn, rows)
            summary.leads += len(rows.leads)
            summary.orders += len(rows.orders)
            summary.coupons += len(rows.coupons)
            summary.events += len(rows.events)
            summary.lead_tags += len(rows.lead_tags)
            state.advance(summary.leads, leads, "leads")
    return summary


def _insert_demo_rows(conn: Connection, rows: DemoRows) -> None:
    insert_rows(conn, m.Lead, rows.leads)
    insert_rows(conn, m.SalesOrder, rows.orders)
    insert_rows(conn, m.Coupon, rows.coupons)
    insert_rows(conn, m.LeadTag, rows.lead_tags)
    insert_rows(conn, m.ContactEvent, rows.events)
