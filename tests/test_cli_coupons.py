"""The ``import-coupons`` and ``import-template`` commands, on a fresh data folder."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from operator_app.cli import main
from operator_app.config import AppConfig
from operator_app.context import open_shared
from operator_app.data import models as m
from operator_app.data.seed import seed_demo

LEAD = m.Lead.__table__  # type: ignore[attr-defined]
COUPON = m.Coupon.__table__  # type: ignore[attr-defined]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main([*args])
    out = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(out[-1]) if out else {}


def test_import_coupons_dry_run_then_for_real_then_again(
    tmp_config: AppConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = open_shared(tmp_config, upgrade=True)
    seed_demo(engine, leads=30, days=5)
    with engine.connect() as conn:
        phones = list(conn.execute(select(LEAD.c.phone).order_by(LEAD.c.phone).limit(2)).scalars())
        before = len(conn.execute(select(COUPON.c.id)).all())
    path = tmp_path / "coupons.csv"
    path.write_text(
        "手机号,面额,到期时间\n"
        + "".join(f"{p[3:]},10,2099-01-31\n" for p in phones)
        + "13700000000,10,2099-01-31\n",
        encoding="gbk",
    )
    data = ["--data-dir", str(tmp_config.data_dir)]

    code, dry = run(capsys, *data, "import-coupons", str(path), "--dry-run")
    assert code == 0 and dry["dry_run"] is True
    assert (dry["created"], dry["unknown_buyer"], dry["rejected"]) == (2, 1, 1)
    code, done = run(capsys, *data, "import-coupons", str(path))
    assert code == 0 and done["created"] == 2
    code, again = run(capsys, *data, "import-coupons", str(path))
    assert (again["created"], again["already_known"]) == (0, 2)
    with engine.connect() as conn:
        assert len(conn.execute(select(COUPON.c.id)).all()) == before + 2
    engine.dispose()


@pytest.mark.parametrize("kind", ["leads", "orders", "coupons"])
def test_import_template_saves_an_xlsx(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "import-template", kind, str(tmp_path))
    assert code == 0 and out["kind"] == kind
    sheet = openpyxl.load_workbook(out["path"]).worksheets[0]
    assert Path(out["path"]).parent == tmp_path
    assert sheet.max_row == 2


def test_import_template_into_a_missing_folder_is_a_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["import-template", "coupons", str(tmp_path / "nope" / "t.xlsx")])
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err
