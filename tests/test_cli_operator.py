"""An unknown --operator is an error on every backend and every command that takes it.

Before, the SQLite backend took a login nobody has as "nobody", which is an
admin's reach: it imported, and printed a whole team's report.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from operator_app.data import migrate
from operator_app.data.db import make_engine
from operator_app.data.seed import seed_demo
from tests.conftest import throwaway_pg_database
from tests.test_cli import run_cli

LEADS = "客户名称,手机号\n甲,13800000001\n"
ORDERS = "订单号,手机号,实付金额\nN1,13800000001,10\n"
MESSAGE = "operator-app: Nobody with the login 'nobody' is in the team's database."


def _commands(files: Path) -> dict[str, list[str]]:
    (files / "leads.csv").write_text(LEADS, encoding="utf-8")
    (files / "orders.csv").write_text(ORDERS, encoding="utf-8")
    return {
        "import-leads": ["import-leads", str(files / "leads.csv")],
        "import-orders": ["import-orders", str(files / "orders.csv"), "--create-unknown"],
        "recycle": ["recycle"],
        "report": ["report", "--format", "json"],
        "queue": ["queue"],
        "sync": ["sync", "--once"],
        "status": ["status"],
    }


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A shared database holding the demo team, signed in to as an admin."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        engine = make_engine(url)
        migrate.upgrade_to_head(engine)
        seed_demo(engine, leads=20, days=5, seed=3)
        engine.dispose()
        yield url
        return
    request.getfixturevalue("pg_available")
    with throwaway_pg_database("opdesk_cli_operator") as url:
        engine = make_engine(url)
        migrate.upgrade_to_head(engine)
        seed_demo(engine, leads=20, days=5, seed=3)
        engine.dispose()
        yield url


def test_an_unknown_login_is_refused_by_every_command(shared_url: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    before = run_cli("--shared-url", shared_url, "status", data_dir=data)
    counts = json.loads(before.stdout)["counts"]

    for name, command in _commands(tmp_path).items():
        result = run_cli(
            "--shared-url", shared_url, "--operator", "nobody", *command, data_dir=data
        )
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        assert result.stderr.startswith(MESSAGE), (name, result.stderr)
        assert "Traceback" not in result.stderr and result.stdout == "", name

    after = run_cli("--shared-url", shared_url, "status", data_dir=data)
    assert json.loads(after.stdout)["counts"] == counts  # nothing imported, nothing moved
    # A known team lead still imports.
    allowed = run_cli(
        "--shared-url",
        shared_url,
        "--operator",
        "zhaomin",
        *_commands(tmp_path)["import-leads"],
        data_dir=data,
    )
    assert allowed.returncode == 0, allowed.stderr
    assert json.loads(allowed.stdout)["imported"] == 1


def test_offline_a_login_the_cache_does_not_know_is_not_called_unknown(tmp_path: Path) -> None:
    """The server may well know the person: say that it cannot be reached."""
    offline = ("--shared-url", "postgresql://nobody@127.0.0.1:1/none", "--operator", "wangfang")
    for command in (["queue"], ["sync", "--once"]):
        result = run_cli(*offline, *command, data_dir=tmp_path)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("operator-app: Cannot reach the shared database")
    status = run_cli(*offline, "status", data_dir=tmp_path)
    assert status.returncode == 0 and json.loads(status.stdout)["shared_online"] is False
