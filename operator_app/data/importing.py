"""Writing a lead import: the data-layer half of issue 5's lead import (no Qt).

A lead import takes rows validated by ``core.importing`` and writes them in
batches inside one transaction (``import_base.bulk_insert``): an import
lands whole or not at all, and one interrupted, failed or cancelled leaves
nothing behind. Phones already in the team are skipped, so importing the
same file twice adds nothing the second time. The order import lives in
``data.importing_orders``; moving leads between people in ``data.lead_moves``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.exc import IntegrityError

from operator_app.core.distribution import (
    AssignmentPlan,
    OperatorSlot,
    move_payload,
    plan_assignment,
)
from operator_app.core.domain import EventKind, FriendStatus, MoveReason, tag_id
from operator_app.core.importing import (
    LeadRows,
    RowIssue,
    count_reasons,
    reported_issues,
    row_issue,
)
from operator_app.core.progress import TaskState
from operator_app.core.team_settings import TeamSettings
from operator_app.data.import_base import (
    EVENT,
    LEAD,
    LEAD_TAG,
    LOOKUP_BATCH,
    OPERATOR,
    SETTING,
    TAG,
    TEAM,
    bulk_insert,
    chunks,
    concurrent_import,
    first_stage,
    insert_dicts,
    known_values,
    new_ids,
    now_utc,
    summary_json,
    synced,
)
from operator_app.errors import KnownError, translatable

__all__ = [
    "LeadImportResult",
    "TeamRef",
    "find_team",
    "import_leads",
    "load_team_settings",
    "team_slots",
]


# -- the team -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamRef:
    id: uuid.UUID
    name: str


def find_team(engine: Engine, name: str | None = None) -> TeamRef:
    """The team an import goes to: the only one, or the one named."""
    with engine.connect() as conn:
        teams = [
            TeamRef(i, n)
            for i, n in conn.execute(
                select(TEAM.c.id, TEAM.c.name).where(TEAM.c.deleted_at.is_(None)).order_by("name")
            )
        ]
    if name is not None:
        for team in teams:
            if team.name == name:
                return team
        raise KnownError(
            translatable("There is no team named '{name}'."),
            translatable("Teams in this database: {teams}."),
            name=name,
            teams=", ".join(t.name for t in teams) or "-",
        )
    if not teams:
        raise KnownError(
            translatable("The shared database has no team yet."),
            translatable("Create the team and its operators first (or run seed-demo to try)."),
        )
    if len(teams) > 1:
        raise KnownError(
            translatable("The shared database holds several teams."),
            translatable("Say which one with --team NAME: {teams}."),
            teams=", ".join(t.name for t in teams),
        )
    return teams[0]


def load_team_settings(conn: Connection, team_id: uuid.UUID) -> TeamSettings:
    stmt = select(SETTING.c.key, SETTING.c.value).where(
        SETTING.c.team_id == team_id, SETTING.c.deleted_at.is_(None)
    )
    try:
        return TeamSettings.from_mapping({key: value for key, value in conn.execute(stmt)})
    except ValueError as exc:
        raise KnownError(
            translatable("A team setting cannot be used: {reason}"),
            translatable("Correct it in the team settings."),
            reason=str(exc),
        ) from exc


def team_slots(conn: Connection, team_id: uuid.UUID) -> list[OperatorSlot]:
    """The team's active people, by login: who can own leads."""
    stmt = (
        select(OPERATOR.c.id, OPERATOR.c.login, OPERATOR.c.name, OPERATOR.c.capacity)
        .where(
            OPERATOR.c.team_id == team_id,
            OPERATOR.c.active.is_(True),
            OPERATOR.c.deleted_at.is_(None),
        )
        .order_by(OPERATOR.c.login)
    )
    return [OperatorSlot(*row) for row in conn.execute(stmt)]


# -- lead import ---------------------------------------------------------------------------


@dataclass
class LeadImportResult:
    """What a lead import did (or, dry run, would do)."""

    rows: int
    imported: int
    already_known: int
    duplicate_in_file: int
    rejected: int
    rejected_by_reason: dict[str, int]
    assigned: dict[str, int]
    pool: int
    unknown_owners: dict[str, int]
    warnings_by_reason: dict[str, int]
    mapping: dict[str, str]
    dry_run: bool
    issues: list[RowIssue] = field(default_factory=list, repr=False)
    lead_ids: list[uuid.UUID] = field(default_factory=list, repr=False)

    def summary(self, report: str | None = None) -> dict[str, Any]:
        """The CLI's JSON summary."""
        return summary_json(self, report, "lead_ids")

    @property
    def reported(self) -> list[RowIssue]:
        return reported_issues(self.issues)


def _existing_phones(conn: Connection, team_id: uuid.UUID, phones: Sequence[str]) -> set[str]:
    """Phones of the team's leads, deleted ones included (the phone stays taken)."""
    return known_values(conn, LEAD, "phone", team_id, phones)


def import_leads(
    engine: Engine,
    leads: LeadRows,
    *,
    team_id: uuid.UUID,
    distribute_to: Sequence[str] = (),
    dry_run: bool = False,
    state: TaskState | None = None,
    now: datetime | None = None,
    actor_id: uuid.UUID | None = None,
) -> LeadImportResult:
    """Add the file's new leads to the team, with owners, in one transaction.

    Phones the team already has are skipped. Owners come from the file's
    owner column where it names an active operator; the other leads are
    spread over ``distribute_to`` (logins) by capacity, or stay in the pool.
    ``dry_run`` checks and counts without writing. ``actor_id``, who imports,
    is stamped on the assignment events (as on a move: who did it).
    """
    now = now_utc(now)
    try:
        with engine.begin() as conn:
            known = _existing_phones(conn, team_id, leads.valid["phone"].tolist())
            is_known = leads.valid["phone"].isin(known)
            new = leads.valid[~is_known]
            owners = new["owner"] if "owner" in leads.mapping else None
            plan = plan_assignment(
                len(new), team_slots(conn, team_id), chosen=distribute_to, owner_names=owners
            )
            result = _lead_result(leads, is_known, plan, dry_run)
            if not dry_run and len(new):
                actor = _known_person(conn, actor_id)
                result.lead_ids = _write_leads(conn, team_id, new, plan, now, state, actor)
    except IntegrityError as exc:
        raise concurrent_import(exc) from exc
    return result


def _known_person(conn: Connection, person_id: uuid.UUID | None) -> uuid.UUID | None:
    """``person_id`` when the database has them: who imported is for information,
    and an importer it does not know (a script's made-up person) stops nothing."""
    if person_id is None:
        return None
    found = conn.execute(select(OPERATOR.c.id).where(OPERATOR.c.id == person_id)).first()
    return person_id if found is not None else None


def _lead_result(
    leads: LeadRows, is_known: pd.Series, plan: AssignmentPlan, dry_run: bool
) -> LeadImportResult:
    numbers = leads.table.row_numbers
    known_issues = [
        row_issue(int(i), int(numbers[int(i)]), "already_known") for i in is_known[is_known].index
    ]
    rejected = leads.rejected
    return LeadImportResult(
        rows=leads.rows,
        imported=int((~is_known).sum()),
        already_known=len(known_issues),
        duplicate_in_file=leads.duplicate_in_file,
        rejected=len(rejected),
        rejected_by_reason=count_reasons(rejected),
        assigned=plan.counts(),
        pool=plan.pool,
        unknown_owners=plan.unknown_owners,
        warnings_by_reason=count_reasons(leads.issues, fatal=False),
        mapping=dict(leads.mapping),
        dry_run=dry_run,
        issues=sorted([*leads.issues, *known_issues], key=lambda i: i.index),
    )


def _write_leads(
    conn: Connection,
    team_id: uuid.UUID,
    new: pd.DataFrame,
    plan: AssignmentPlan,
    now: datetime,
    state: TaskState | None,
    actor_id: uuid.UUID | None = None,
) -> list[uuid.UUID]:
    """Insert the new leads and their tags; their ids, in the order of ``new``."""
    # Written in phone order with ascending ids: the unique phone index and
    # the primary key then grow at their ends, not at random places.
    order = np.argsort(new["phone"].to_numpy(dtype=object), kind="stable")
    rows = new.iloc[order]
    owners = plan.owner_ids()
    ids = new_ids(len(new))
    fixed = {
        "version": 1,
        "updated_at": now,
        "team_id": team_id,
        "stage_id": first_stage(conn, team_id),
    }
    texts = ("phone", "name", "channel", "birthday", "city", "notes", "created_at")
    columns = {
        "id": ids,
        "owner_id": [owners[i] for i in order.tolist()],
        **{c: rows[c].tolist() for c in texts},
        **_friend_columns(rows),
    }
    # Progress runs over the leads and their import events together.
    total = len(ids) + sum(1 for o in columns["owner_id"] if o)
    bulk_insert(conn, LEAD, fixed, columns, state, progress=(0, total))
    _write_tags(conn, team_id, ids, rows["tags"].tolist(), now)
    _log_assignments(conn, team_id, ids, columns["owner_id"], now, state, actor_id)
    in_file_order: list[str] = [""] * len(ids)
    for lead_id, position in zip(ids, order.tolist(), strict=True):
        in_file_order[position] = lead_id
    return [uuid.UUID(i) for i in in_file_order]


def _friend_columns(rows: pd.DataFrame) -> dict[str, list[Any]]:
    """A lead the file marks as a WeCom friend already (是否好友 / 添加状态) is
    accepted since its 添加时间 (else the import): no friend request to send, never
    recycled, and 首单转化 comes next. The others start not sent."""
    accepted = (
        rows["friend_accepted"].tolist() if "friend_accepted" in rows else [False] * len(rows)
    )
    added = [at if ok else None for ok, at in zip(accepted, rows["created_at"], strict=True)]
    return {
        "friend_status": [
            (FriendStatus.ACCEPTED if ok else FriendStatus.NOT_SENT).value for ok in accepted
        ],
        "friend_added_at": added,
        "friend_requested_at": added,
    }


def _log_assignments(
    conn: Connection,
    team_id: uuid.UUID,
    lead_ids: Sequence[str],
    owners: Sequence[uuid.UUID | None],
    now: datetime,
    state: TaskState | None = None,
    actor_id: uuid.UUID | None = None,
) -> None:
    """One ``reassigned`` event (from nobody, reason "import") per lead given an
    owner: the owner's 发送好友申请 counts from the import, not from the
    file's 添加时间, and the lead's history says how it came to them."""
    given = [(lead, owner) for lead, owner in zip(lead_ids, owners, strict=True) if owner]
    if not given:
        return
    # One payload object per owner: the bulk writer spells each object once.
    payloads = {o: move_payload(None, o, MoveReason.IMPORT) for o in {o for _, o in given}}
    fixed = {
        "version": 1,
        "updated_at": now,
        "team_id": team_id,
        "kind": EventKind.REASSIGNED.value,
        "occurred_at": now,
        "body": "",
        "device_id": "",
    }
    if actor_id is not None:
        fixed["operator_id"] = actor_id  # who imported (the team's day shows it)
    columns: dict[str, Sequence[Any]] = {
        "id": new_ids(len(given)),
        "lead_id": [lead for lead, _ in given],
        "payload": [payloads[owner] for _, owner in given],
    }
    # Continues the leads' progress: the leads came first, their events follow.
    progress = (len(lead_ids), len(lead_ids) + len(given))
    bulk_insert(conn, EVENT, fixed, columns, state, progress=progress)


def _write_tags(
    conn: Connection,
    team_id: uuid.UUID,
    lead_ids: Sequence[str],
    tags: Sequence[tuple[str, ...]],
    now: datetime,
) -> None:
    """Attach the file's tags, creating manual tags the team does not have yet."""
    names = sorted({name for row in tags for name in row})
    if not names:
        return
    tag_ids = _tag_ids(conn, team_id, names, now)
    leads = [lead_id for lead_id, row in zip(lead_ids, tags, strict=True) for _name in row]
    links = [tag_ids[name] for row in tags for name in row]
    fixed = {"version": 1, "updated_at": now, "source": "manual"}
    columns: dict[str, Sequence[Any]] = {
        "id": new_ids(len(links)),
        "lead_id": leads,
        "tag_id": links,
    }
    bulk_insert(conn, LEAD_TAG, fixed, columns)


def _tag_ids(
    conn: Connection, team_id: uuid.UUID, names: Sequence[str], now: datetime
) -> dict[str, uuid.UUID]:
    found: dict[str, uuid.UUID] = {}
    revive: list[uuid.UUID] = []
    for batch in chunks(names, LOOKUP_BATCH):
        stmt = select(TAG.c.name, TAG.c.id, TAG.c.deleted_at).where(
            TAG.c.team_id == team_id, TAG.c.name.in_(batch)
        )
        for name, found_id, deleted_at in conn.execute(stmt):
            found[name] = found_id
            if deleted_at is not None:  # the name is taken: bring the tag back
                revive.append(found_id)
    if revive:
        conn.execute(
            update(TAG)
            .where(TAG.c.id.in_(revive))
            .values(deleted_at=None, version=TAG.c.version + 1, updated_at=now)
        )
    missing = [
        {**synced(now), "id": tag_id(team_id, n), "team_id": team_id, "name": n}
        | {"color": "#808080", "rule": None}
        for n in names
        if n not in found
    ]
    insert_dicts(conn, TAG, missing)
    found.update({row["name"]: row["id"] for row in missing})
    return found
