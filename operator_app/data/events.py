"""One shape for a new contact event row, whoever writes it (workspace, moves, sync)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from operator_app.core.domain import EventKind


def event_row(
    *,
    team_id: uuid.UUID,
    lead_id: uuid.UUID,
    operator_id: uuid.UUID | None,
    kind: EventKind,
    now: datetime,
    device_id: str = "",
    **fields: Any,
) -> dict[str, Any]:
    """Every column of a new ``contact_event`` row; ``fields`` fill the optional ones.

    The id is made here, by whoever logs the event, so a retried upload is
    recognised everywhere it travels.
    """
    row: dict[str, Any] = {
        "id": uuid.uuid4(),
        "version": 1,
        "updated_at": now,
        "deleted_at": None,
        "team_id": team_id,
        "lead_id": lead_id,
        "operator_id": operator_id,
        "kind": kind.value,
        "occurred_at": now,
        "hook_key": None,
        "template_id": None,
        "line_no": None,
        "body": "",
        "payload": {},
        "device_id": device_id,
    }
    unknown = set(fields) - set(row)
    if unknown:
        raise TypeError(f"not contact_event columns: {sorted(unknown)}")
    row.update(fields)
    return row
