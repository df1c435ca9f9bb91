"""The team's parameters (resources/seed/settings.json), typed and checked.

The shared database keeps each setting as a JSON value in the ``setting``
table; the data layer hands them here as a plain ``{key: value}`` mapping.
Defaults are the seed values, which are the numbers in domain.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")

# Fields that must be at least this much; every other number must be >= 0.
_MINIMUM = {"max_touches_per_7_days": 1}


@dataclass(frozen=True)
class TeamSettings:
    """Every team setting with its default. Build one from stored values with
    :meth:`from_mapping`; constructing directly is checked the same way."""

    timezone: ZoneInfo = ZoneInfo("Asia/Shanghai")
    quiet_hours_start: time = time(21, 0)
    quiet_hours_end: time = time(9, 0)  # equal to the start: no quiet hours
    max_touches_per_7_days: int = 3
    friend_request_recycle_days: int = 7
    wechat_coupon_amount: float = 10.0
    wechat_coupon_valid_days: int = 30
    coupon_reminder_days_before: int = 3
    experience_followup_days: int = 3
    recipe_guide_days: int = 7
    birthday_care_days_before: int = 3
    winback_min_orders: int = 3
    winback_min_days: int = 30
    winback_max_days: int = 60
    winback_min_spend: float = 500.0
    reply_rate_prior_strength: float = 20.0
    brand: str = "鲜到家"
    # "Right after" chain steps (first order, address, WeChat, group invite) go
    # stale: a week after the moment, the reason to write has passed.
    chain_step_expiry_days: int = 7

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int | float) and value < _MINIMUM.get(f.name, 0):
                raise ValueError(
                    f"team setting {f.name!r} must be at least {_MINIMUM.get(f.name, 0)}, "
                    f"got {value!r}"
                )
        if self.winback_min_days > self.winback_max_days:
            raise ValueError(
                "team settings 'winback_min_days' and 'winback_max_days': the window is "
                f"reversed ({self.winback_min_days} > {self.winback_max_days})"
            )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> TeamSettings:
        """Parse stored values. Unknown keys are ignored; a missing or null key
        keeps its default; a malformed value raises ValueError naming its key."""
        parsed: dict[str, Any] = {}
        for key, parse in _PARSERS.items():
            raw = values.get(key)
            if raw is None:
                continue
            try:
                parsed[key] = parse(raw)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"team setting {key!r}: {exc} (got {raw!r})") from None
        return cls(**parsed)


def _zone(raw: Any) -> ZoneInfo:
    if isinstance(raw, ZoneInfo):
        return raw
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError("expected an IANA time-zone name such as 'Asia/Shanghai'")
    try:
        return ZoneInfo(raw.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("unknown time zone") from None


def _clock(raw: Any) -> time:
    if isinstance(raw, time):
        return raw
    match = _CLOCK.match(raw) if isinstance(raw, str) else None
    if match is None:
        raise ValueError("expected a time of day as 'HH:MM'")
    return time(int(match[1]), int(match[2]))  # out of range: ValueError from time()


def _whole(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError("expected a whole number")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        return int(raw.strip())
    raise ValueError("expected a whole number")


def _number(raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise ValueError("expected a number")
    value = float(raw)  # a non-numeric string raises ValueError here
    if not math.isfinite(value):
        raise ValueError("expected a finite number")
    return value


def _text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError("expected text")
    return raw


def _parsers() -> dict[str, Callable[[Any], Any]]:
    by_type: dict[Any, Callable[[Any], Any]] = {
        "ZoneInfo": _zone,
        "time": _clock,
        "int": _whole,
        "float": _number,
        "str": _text,
    }
    # Annotations are strings under ``from __future__ import annotations``.
    return {f.name: by_type[f.type] for f in fields(TeamSettings)}


_PARSERS = _parsers()
