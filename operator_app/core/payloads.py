"""What an event's payload must look like before anything reads it (issue 12 H5).

The shared database takes a payload as any JSON a login may write: an
operator can log ``stage_change`` with ``[1, 2]`` on a lead of their own,
and it reaches every cache that sees the lead. Readers (the timeline, the
agreed follow-up note) go through ``readable_payload`` and treat a payload
of the wrong shape as unreadable instead of calling ``.get`` on a list.
"""

from __future__ import annotations

from typing import Any

from operator_app.core.domain import EventKind

_TEXT = (str, type(None))
# Per kind: the keys a reader uses, the types each may have, and which must be there.
# Keys a reader does not use may hold anything.
PAYLOAD_SHAPES: dict[str, tuple[dict[str, tuple[type, ...]], frozenset[str]]] = {
    EventKind.STAGE_CHANGE.value: ({"from": _TEXT, "to": _TEXT}, frozenset({"to"})),
    EventKind.REASSIGNED.value: (
        {"from": _TEXT, "to": _TEXT, "reason": _TEXT, "recycle_days": (int, str)},
        frozenset(),
    ),
    EventKind.CUSTOM_MESSAGE.value: ({"purpose": _TEXT}, frozenset()),
    EventKind.NOTE.value: ({"follow_up_at": _TEXT}, frozenset()),
}


def readable_payload(kind: str, payload: object) -> dict[str, Any] | None:
    """The payload as a dict when it has the shape ``kind`` writes; None when it does not.

    No payload at all (SQL or JSON null) reads as an empty one, as the app's own
    rows of kinds without a payload have.
    """
    if payload is None:
        return {}
    if not isinstance(payload, dict):
        return None
    types, required = PAYLOAD_SHAPES.get(kind, ({}, frozenset()))
    if payload and not required <= payload.keys():
        return None
    for key, allowed in types.items():
        if key in payload and not isinstance(payload[key], allowed):
            return None
    return payload
