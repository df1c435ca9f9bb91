"""`operator-app queue`: the day's list, end to end through a real subprocess."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from operator_app.config import load_config
from operator_app.context import open_shared
from operator_app.data.seed import seed_demo
from tests.test_cli import run_cli

SEEDED_AT = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # fixed, so --at is always "later"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("queue")
    engine = open_shared(load_config(folder), upgrade=True)
    seed_demo(engine, leads=200, seed=9, now=SEEDED_AT)
    engine.dispose()
    return folder


def test_queue_json_lists_todays_hooks_with_reason_and_rate(demo_dir: Path) -> None:
    result = run_cli(
        "--operator",
        "wangfang",
        "queue",
        "--at",
        "2026-11-23 10:00",
        "--format",
        "json",
        data_dir=demo_dir,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["operator"] == "wangfang" and out["at"].startswith("2026-11-23T10:00")
    assert out["rows"], "the demo operator has something to do"
    for row in out["rows"]:
        assert row["hook"] and row["reason"] and "****" in row["phone"]
        assert 0 < row["rate"] < 1 and row["n"] >= 0
        # Today's list: overdue, or due before the end of 2026-11-23.
        assert row["overdue"] or row["due"] < "2026-11-24"
    counts = out["counts"]
    assert counts["overdue"] == sum(r["overdue"] for r in out["rows"])


def test_queue_at_night_moves_sending_to_the_morning(demo_dir: Path) -> None:
    result = run_cli(
        "--operator",
        "wangfang",
        "queue",
        "--at",
        "2026-11-23 22:30",
        "--format",
        "json",
        data_dir=demo_dir,
    )
    rows = json.loads(result.stdout)["rows"]
    assert rows
    assert all(r["due"] >= "2026-11-24 09:00" for r in rows)  # quiet hours 21:00-09:00
    assert all("免打扰" in r["pacing_note"] or "次" in r["pacing_note"] for r in rows)


def test_queue_table_format_and_bad_time(demo_dir: Path) -> None:
    table = run_cli(
        "--operator", "wangfang", "queue", "--at", "2026-11-23 10:00", data_dir=demo_dir
    )
    assert table.stdout.splitlines()[0].split("\t")[:4] == ["lead_id", "name", "phone", "hook"]
    bad = run_cli("--operator", "wangfang", "queue", "--at", "tomorrow", data_dir=demo_dir)
    assert bad.returncode == 2 and "2026-11-20 09:30" in bad.stderr


def test_queue_without_an_operator_says_how_to_choose(demo_dir: Path) -> None:
    result = run_cli("queue", data_dir=demo_dir)
    assert result.returncode == 2 and "--operator" in result.stderr
