"""The CLI contract admins and later issues rely on (run as a real subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run_cli(
    *args: str, data_dir: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "operator_app", "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_seed_demo_prints_a_json_summary_and_status_sees_it(tmp_path: Path) -> None:
    result = run_cli("seed-demo", "--leads", "120", "--seed", "5", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["leads"] == 120 and summary["operators"] == 5
    assert summary["events"] > 120
    status = json.loads(run_cli("status", data_dir=tmp_path).stdout)
    assert status["embedded"] is True and status["shared_online"] is True
    assert status["counts"]["leads"] == 120
    assert status["schema"]


def test_seeding_twice_is_refused_with_a_hint(tmp_path: Path) -> None:
    assert run_cli("seed-demo", "--leads", "10", data_dir=tmp_path).returncode == 0
    again = run_cli("seed-demo", "--leads", "10", data_dir=tmp_path)
    assert again.returncode == 2
    assert "--replace" in again.stderr and "Traceback" not in again.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://root@localhost/x", "not supported"),
        ("::::", "not a valid URL"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/none", "Cannot reach the shared database"),
    ],
)
def test_bad_shared_urls_get_a_plain_message(tmp_path: Path, url: str, expected: str) -> None:
    result = run_cli("--shared-url", url, "migrate", data_dir=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_migrate_creates_the_shared_schema(tmp_path: Path) -> None:
    shared = tmp_path / "team.sqlite3"
    result = run_cli("--shared-url", f"sqlite:///{shared}", "migrate", data_dir=tmp_path / "d")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"]
    assert shared.exists()


@pytest.mark.postgres
def test_migrate_and_seed_on_postgresql(pg_available: None, tmp_path: Path) -> None:
    from tests.conftest import throwaway_pg_database

    with throwaway_pg_database("opdesk_cli") as url:
        assert run_cli("--shared-url", url, "migrate", data_dir=tmp_path).returncode == 0
        result = run_cli("--shared-url", url, "seed-demo", "--leads", "50", data_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["leads"] == 50


def test_invalid_counts_are_refused(tmp_path: Path) -> None:
    result = run_cli("seed-demo", "--leads", "0", data_dir=tmp_path)
    assert result.returncode == 2 and "at least 1" in result.stderr
