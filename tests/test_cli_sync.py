"""`operator-app sync --once`: one cycle through a real subprocess, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from operator_app.config import load_config
from operator_app.context import open_shared
from operator_app.data import models as m
from operator_app.data.db import make_engine
from operator_app.data.seed import seed_demo
from tests.conftest import throwaway_pg_database
from tests.test_cli import run_cli

EVENT = m.ContactEvent.__table__  # type: ignore[attr-defined]
KEYS = {"pushed", "pulled", "rejected", "removed_from_scope", "pending", "seconds"}


def _sync(data_dir: Path, *extra: str) -> dict[str, object]:
    result = run_cli(*extra, "--operator", "wangfang", "sync", "--once", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    out: dict[str, object] = json.loads(result.stdout)
    assert set(out) >= KEYS
    return out


def test_sync_once_on_the_embedded_database_prints_the_summary(tmp_path: Path) -> None:
    engine = open_shared(load_config(tmp_path), upgrade=True)
    seed_demo(engine, leads=80, days=10, seed=4)
    engine.dispose()

    first = _sync(tmp_path)  # first use loads the person's data, then syncs
    second = _sync(tmp_path)

    assert first["pending"] == 0 and first["rejected"] == 0
    assert (second["pushed"], second["pulled"], second["removed_from_scope"]) == (0, 0, 0)
    assert (first["full_load"], second["full_load"]) == (True, False)


def test_a_fresh_pc_reports_its_first_load_as_the_pull(tmp_path: Path) -> None:
    engine = open_shared(load_config(tmp_path), upgrade=True)
    seed_demo(engine, leads=30, days=5, seed=2)
    engine.dispose()

    first = _sync(tmp_path)

    # Every row now in the cache's synced tables came with that first load.
    cache = make_engine(load_config(tmp_path).cache_url)
    with cache.connect() as conn:
        in_cache = sum(
            conn.execute(select(func.count()).select_from(t.__table__)).scalar_one()  # type: ignore[attr-defined]
            for t in m.SYNCED_TABLES
        )
    cache.dispose()
    assert first["full_load"] is True
    assert first["pulled"] == in_cache > 30


@pytest.mark.postgres
def test_sync_once_against_postgresql_delivers_the_outbox(
    tmp_path: Path, pg_available: None
) -> None:
    with throwaway_pg_database("opdesk_cli_sync") as url:
        assert run_cli("--shared-url", url, "migrate", data_dir=tmp_path).returncode == 0
        engine = make_engine(url)
        seed_demo(engine, leads=60, days=10, seed=4)
        _sync(tmp_path, "--shared-url", url)
        # An outcome logged offline through the CLI's own cache reaches the server.
        from operator_app.context import open_context, prepare_workspace
        from operator_app.core.domain import EventKind

        ctx = open_context(load_config(tmp_path, url, "wangfang"))
        ws = prepare_workspace(ctx)
        ws.record_outcome(ws.queue().rows[0].lead_id, EventKind.REPLIED)
        ctx.dispose()

        out = _sync(tmp_path, "--shared-url", url)

        assert (out["pushed"], out["pending"]) == (1, 0)
        with engine.connect() as conn:
            stmt = select(func.count()).where(EVENT.c.device_id == ctx.config.device_id)
            assert conn.execute(stmt).scalar_one() == 1
        engine.dispose()


def test_sync_once_offline_says_so_and_exits_2(tmp_path: Path) -> None:
    result = run_cli(
        "--shared-url",
        "postgresql://nobody@127.0.0.1:1/none",
        "--operator",
        "wangfang",
        "sync",
        "--once",
        data_dir=tmp_path,
    )
    assert result.returncode == 2
    assert "Cannot reach the shared database" in result.stderr
    assert "Traceback" not in result.stderr
