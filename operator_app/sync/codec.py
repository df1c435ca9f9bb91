"""Outbox payloads are JSON; turn their values back into what each column holds."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Table, Uuid

from operator_app.data.types import UTCDateTime


def decode_value(table: Table, column: str, value: Any) -> Any:
    """One JSON value as the Python value of ``table.column`` (unknown columns: KeyError)."""
    if value is None:
        return None
    col_type = table.c[column].type
    if isinstance(col_type, Uuid):
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    if isinstance(col_type, UTCDateTime):
        return value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if isinstance(col_type, Date):
        return value if isinstance(value, date) else date.fromisoformat(value)
    return value


def decode_row(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """Every known column of ``values`` decoded; unknown keys raise KeyError."""
    return {k: decode_value(table, k, v) for k, v in values.items()}
