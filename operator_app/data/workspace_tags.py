"""Manual tags on a lead: add, remove, and new tag names typed by the operator.

A tag name is the operator's own words: trimmed and length-limited, stored
as typed, never read as markup, a placeholder or a rule. Rule tags follow
their rules, not clicks.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from operator_app.core import domain
from operator_app.core.domain import TagSource
from operator_app.data import models as m
from operator_app.data.workspace_facts import table
from operator_app.data.workspace_read import OutboxWriter
from operator_app.errors import KnownError, translatable

MAX_TAG_LENGTH = 20  # a chip, not a note: longer text belongs in 备注
NEW_TAG_COLOR = "#808080"  # the model's default; team leads recolour in the tag settings


def clean_tag_name(name: str) -> str:
    """The name as it will be stored: trimmed; refused when empty or too long."""
    cleaned = name.strip()
    if not cleaned:
        raise KnownError(
            translatable("A tag needs a name."),
            translatable("Type the tag, then press Enter."),
        )
    if len(cleaned) > MAX_TAG_LENGTH:
        raise KnownError(
            translatable("A tag can be at most {limit} characters long."),
            translatable("Shorten it; longer remarks belong in a note."),
            limit=MAX_TAG_LENGTH,
        )
    return cleaned


def set_manual_tag(
    conn: Connection,
    lead_id: uuid.UUID,
    team_id: uuid.UUID,
    tag_name: str,
    on: bool,
    now: datetime,
    write_outbox: OutboxWriter,
) -> None:
    """Tag or untag a lead; a new name becomes a new manual tag of the team."""
    name = clean_tag_name(tag_name)
    tag = _tag(conn, team_id, name)
    if tag is None:
        if not on:
            return
        tag_id = _new_tag(conn, team_id, name, now, write_outbox)
    else:
        tag_id = tag.id
    lt = table(m.LeadTag).c
    existing = conn.execute(
        select(lt.id, lt.version, lt.deleted_at).where(lt.lead_id == lead_id, lt.tag_id == tag_id)
    ).first()
    if existing is None:
        if on:
            _insert_lead_tag(conn, lead_id, tag_id, now, write_outbox)
        return
    if (existing.deleted_at is None) == on:
        return  # already as asked
    changes = {"deleted_at": None if on else now}
    conn.execute(
        update(table(m.LeadTag))
        .where(lt.id == existing.id)
        .values(**changes, version=existing.version + 1, updated_at=now)
    )
    write_outbox(
        conn,
        "update",
        "lead_tag",
        existing.id,
        {
            "changes": changes,
            "base_version": existing.version,
            "base_values": {"deleted_at": existing.deleted_at},
        },
    )


def _tag(conn: Connection, team_id: uuid.UUID, name: str) -> Any:
    """The team's tag of that name; refuses rule tags and tags the team lead removed."""
    t = table(m.Tag).c
    tag = conn.execute(
        select(t.id, t.rule, t.deleted_at).where(t.team_id == team_id, t.name == name)
    ).first()
    if tag is not None and tag.rule is not None:
        raise KnownError(
            translatable("“{name}” is a rule tag: the team's rule sets it."),
            translatable("Choose another name for your own tag."),
            name=name,
        )
    if tag is not None and tag.deleted_at is not None:
        raise KnownError(
            translatable("The tag “{name}” was removed by your team lead."),
            translatable("Choose another name, or ask your team lead to restore it."),
            name=name,
        )
    return tag


def _new_tag(
    conn: Connection, team_id: uuid.UUID, name: str, now: datetime, write_outbox: OutboxWriter
) -> uuid.UUID:
    # One id per (team, name) everywhere (core.domain.tag_id): the same new
    # tag typed on two PCs offline is one tag, not a clash on the unique name.
    new_id = domain.tag_id(team_id, name)
    row: dict[str, Any] = {
        "id": new_id,
        "version": 1,
        "updated_at": now,
        "deleted_at": None,
        "team_id": team_id,
        "name": name,
        "color": NEW_TAG_COLOR,
        "rule": None,
    }
    conn.execute(insert(table(m.Tag)), [row])
    write_outbox(conn, "insert", "tag", new_id, row)
    return new_id


def _insert_lead_tag(
    conn: Connection,
    lead_id: uuid.UUID,
    tag_id: uuid.UUID,
    now: datetime,
    write_outbox: OutboxWriter,
) -> None:
    # One id per (customer, tag) on every PC: the same tag set on two
    # PCs offline is one row, and later edits from either find it.
    row_id = uuid.uuid5(uuid.NAMESPACE_URL, f"operator-desk:lead-tag:{lead_id}:{tag_id}")
    row: dict[str, Any] = {
        "id": row_id,
        "version": 1,
        "updated_at": now,
        "deleted_at": None,
        "lead_id": lead_id,
        "tag_id": tag_id,
        "source": TagSource.MANUAL.value,
    }
    conn.execute(insert(table(m.LeadTag)), [row])
    write_outbox(conn, "insert", "lead_tag", row_id, row)
