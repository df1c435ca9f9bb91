"""`import-leads` with --operator records who imported; the team's day names them."""

from __future__ import annotations

from pathlib import Path

from operator_app.config import load_config
from operator_app.data.db import make_engine
from operator_app.data.queries import find_operator
from operator_app.data.team_day import last_import
from tests.test_cli import run_cli


def test_the_importer_named_with_operator_is_recorded(tmp_path: Path) -> None:
    seeded = run_cli("seed-demo", "--leads", "10", data_dir=tmp_path)
    assert seeded.returncode == 0, seeded.stderr
    leads = tmp_path / "leads.csv"
    leads.write_text("姓名,手机号\n甲,13900007001\n乙,13900007002\n", encoding="utf-8")

    result = run_cli(
        "--operator",
        "zhaomin",
        "import-leads",
        str(leads),
        "--distribute",
        "wangfang",
        data_dir=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    engine = make_engine(load_config(tmp_path).effective_shared_url)
    try:
        team = find_operator(engine, "zhaomin")
        assert team is not None
        with engine.connect() as conn:
            last = last_import(conn, team.team_id)
    finally:
        engine.dispose()
    assert last is not None
    assert (last.by_name, last.assigned, last.operators) == ("赵敏", 2, 1)
