"""TeamSettings: every seed key typed, defaults as in resources/seed/settings.json."""

from __future__ import annotations

import dataclasses
import json
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from operator_app.core.team_settings import TeamSettings

SEED = Path(__file__).resolve().parents[2] / "resources" / "seed" / "settings.json"


def _seed_values() -> dict[str, object]:
    return {row["key"]: row["value"] for row in json.loads(SEED.read_text(encoding="utf-8"))}


def test_every_seed_key_is_a_field_and_nothing_else() -> None:
    fields = {f.name for f in dataclasses.fields(TeamSettings)}
    assert fields == set(_seed_values())


def test_defaults_are_the_seed_values() -> None:
    assert TeamSettings.from_mapping(_seed_values()) == TeamSettings()


def test_defaults_by_hand() -> None:
    s = TeamSettings()
    assert s.timezone == ZoneInfo("Asia/Shanghai")
    assert s.quiet_hours_start == time(21, 0)
    assert s.quiet_hours_end == time(9, 0)
    assert s.max_touches_per_7_days == 3
    assert s.friend_request_recycle_days == 7
    assert s.wechat_coupon_amount == 10
    assert s.wechat_coupon_valid_days == 30
    assert s.coupon_reminder_days_before == 3
    assert s.experience_followup_days == 3
    assert s.recipe_guide_days == 7
    assert s.birthday_care_days_before == 3
    assert (s.winback_min_orders, s.winback_min_days, s.winback_max_days) == (3, 30, 60)
    assert s.winback_min_spend == 500
    assert s.reply_rate_prior_strength == 20
    assert s.brand == "鲜到家"


def test_values_are_parsed_into_their_types() -> None:
    s = TeamSettings.from_mapping(
        {
            "timezone": "Europe/Berlin",
            "quiet_hours_start": "22:30",
            "quiet_hours_end": "7:05",
            "max_touches_per_7_days": "5",
            "winback_min_spend": 299.5,
            "recipe_guide_days": 10.0,
        }
    )
    assert s.timezone == ZoneInfo("Europe/Berlin")
    assert s.quiet_hours_start == time(22, 30)
    assert s.quiet_hours_end == time(7, 5)
    assert s.max_touches_per_7_days == 5
    assert s.winback_min_spend == 299.5
    assert s.recipe_guide_days == 10


def test_unknown_keys_are_ignored_and_missing_or_null_keys_keep_defaults() -> None:
    s = TeamSettings.from_mapping({"colour_scheme": "dark", "brand": None})
    assert s == TeamSettings()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("timezone", "Mars/Olympus_Mons"),
        ("timezone", ""),
        ("timezone", 8),
        ("quiet_hours_start", "25:00"),
        ("quiet_hours_start", "9pm"),
        ("quiet_hours_end", "09:60"),
        ("quiet_hours_end", 9),
        ("max_touches_per_7_days", 0),
        ("max_touches_per_7_days", "three"),
        ("max_touches_per_7_days", True),
        ("friend_request_recycle_days", -1),
        ("recipe_guide_days", 2.5),
        ("wechat_coupon_amount", -10),
        ("winback_min_spend", "lots"),
        ("reply_rate_prior_strength", -1),
        ("brand", 42),
    ],
)
def test_malformed_value_names_its_key(key: str, value: object) -> None:
    with pytest.raises(ValueError, match=key):
        TeamSettings.from_mapping({key: value})


def test_winback_window_must_not_be_reversed() -> None:
    with pytest.raises(ValueError, match="winback_min_days"):
        TeamSettings.from_mapping({"winback_min_days": 61, "winback_max_days": 60})


def test_direct_construction_is_checked_too() -> None:
    with pytest.raises(ValueError, match="max_touches_per_7_days"):
        TeamSettings(max_touches_per_7_days=0)


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        TeamSettings().brand = "x"  # type: ignore[misc]
