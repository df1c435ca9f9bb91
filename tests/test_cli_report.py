"""`operator-app report`: the page's operator table from the command line (a real subprocess)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from operator_app.config import load_config
from operator_app.context import open_shared
from operator_app.core.analytics import METRICS, Period
from operator_app.core.analytics_json import report_json
from operator_app.data.analytics_queries import load_report
from operator_app.data.queries import find_operator
from operator_app.data.seed import seed_demo
from tests.test_cli import run_cli

SEEDED_AT = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)
DAYS = ("--from", "2026-11-01", "--to", "2026-11-20")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    engine = open_shared(load_config(folder), upgrade=True)
    seed_demo(engine, leads=400, seed=3, now=SEEDED_AT)
    with engine.begin() as conn:  # a name a spreadsheet would run as a formula
        conn.execute(text("UPDATE operator SET name = '=1+2' WHERE login = 'zhouhao'"))
    engine.dispose()
    return folder


def page_numbers(folder: Path) -> dict[str, dict[str, float | None]]:
    """What the 业绩 page computes for the same days (the same builder)."""
    engine = open_shared(load_config(folder), upgrade=False)
    try:
        lead = find_operator(engine, "zhaomin")
        assert lead is not None
        report = load_report(
            engine, lead.team_id, Period(date(2026, 11, 1), date(2026, 11, 20)), now=SEEDED_AT
        )
    finally:
        engine.dispose()
    out = {r.login: dict(r.values) for r in report.rows}
    out["average"] = dict(report.average.values)
    return out


def test_json_has_the_same_numbers_as_the_page(demo_dir: Path) -> None:
    result = run_cli("report", *DAYS, "--format", "json", data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["from"], out["to"], out["timezone"]) == (
        "2026-11-01",
        "2026-11-20",
        "Asia/Shanghai",
    )
    assert out["status"] == "ok"
    expected = page_numbers(demo_dir)
    assert {r["operator"] for r in out["rows"]} == set(expected) - {"average"}
    for row in out["rows"]:
        for m in METRICS:
            assert row[m.key] == pytest.approx(expected[row["operator"]][m.key]), m.key
    for m in METRICS:
        assert out["team_average"][m.key] == pytest.approx(expected["average"][m.key])


def test_table_is_tab_separated_with_dashes_not_nan(demo_dir: Path) -> None:
    result = run_cli("report", "--from", "2025-01-01", "--to", "2025-01-07", data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# 2025-01-01 .. 2025-01-07 (Asia/Shanghai), empty"
    assert lines[1].split("\t")[:3] == ["name", "leads_assigned", "leads_contacted"]
    assert lines[-1].startswith("team average\t0\t0\t0\t—")
    assert "nan" not in result.stdout.lower()


def test_csv_and_xlsx_files_are_neutralised(demo_dir: Path, tmp_path: Path) -> None:
    csv_path, xlsx_path = tmp_path / "r.csv", tmp_path / "r.xlsx"
    for fmt, path in (("csv", csv_path), ("xlsx", xlsx_path)):
        result = run_cli("report", *DAYS, "--format", fmt, "--output", str(path), data_dir=demo_dir)
        assert result.returncode == 0, result.stderr
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert "'=1+2" in [r[0] for r in rows]
    book = load_workbook(xlsx_path)
    assert book.sheetnames == [
        "operators",
        "funnel",
        "breakdown",
        "lines",
        "hooks",
        "trend",
        "reconciliation",
    ]
    sheet = book.active
    assert sheet is not None
    names = {c.value: c.data_type for (c,) in sheet.iter_rows(min_row=2, max_col=1)}
    assert names["'=1+2"] == "s" and "team average" in names


def test_csv_to_stdout_is_neutralised_too(demo_dir: Path) -> None:
    result = run_cli("report", *DAYS, "--format", "csv", data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    assert "\n'=1+2," in result.stdout


def test_an_operator_gets_their_own_row_and_the_average(demo_dir: Path) -> None:
    result = run_cli(
        "--operator", "liuyang", "report", *DAYS, "--format", "json", data_dir=demo_dir
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert [r["operator"] for r in out["rows"]] == ["liuyang"]
    assert out["team_average"]["reply_rate"] is not None


def test_a_future_period_is_reported_as_such(demo_dir: Path) -> None:
    result = run_cli(
        "report",
        "--from",
        "2030-01-01",
        "--to",
        "2030-01-31",
        "--format",
        "json",
        data_dir=demo_dir,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "future"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-13-01"), "--from takes a date like 2026-11-20"),
        (("--from", "2026-11-20", "--to", "2026-11-01"), "ends before it starts"),
        (("--format", "xlsx"), "needs --output"),
    ],
)
def test_bad_input_is_a_plain_error(demo_dir: Path, args: tuple[str, ...], message: str) -> None:
    result = run_cli("report", *args, data_dir=demo_dir)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_json_has_everything_and_it_adds_up_on_the_demo(demo_dir: Path) -> None:
    result = run_cli("report", *DAYS, "--format", "json", data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    for key in ("rows", "team_average", "team_total", "funnel", "breakdown", "lines", "hooks"):
        assert out[key], key
    # the funnel never widens, in every channel and for every operator
    funnels = [out["funnel"], *out["funnel"]["channels"]]
    funnels += [o["funnel"] for o in out["by_operator"].values()]
    for funnel in funnels:
        counts = [s["count"] for s in funnel["steps"]]
        assert counts == sorted(counts, reverse=True) and min(counts) >= 0, funnel["channel"]
    assert [s["step"] for s in out["funnel"]["steps"]] == [
        "friends",
        "first_buyers",
        "repurchasers",
    ]
    package = next(c for c in out["funnel"]["channels"] if c["channel"] == "包裹卡")
    assert package["steps"][0]["step"] == "packages"
    # repurchase: the same figure in the funnel and the table's total row
    assert out["funnel"]["steps"][-1]["rate"] == pytest.approx(out["team_total"]["repurchase_rate"])
    # the breakdown's contributions add up to the change, for the team and each operator
    for bd in [out["breakdown"], *(o["breakdown"] for o in out["by_operator"].values())]:
        assert sum(f["contribution"] for f in bd["factors"]) == pytest.approx(
            bd["change"], abs=0.01
        )
    # team sales = the operators' rows + the reconciliation line = every valid order placed
    rows_revenue = sum(r["revenue"] for r in out["rows"])
    assert out["team_total"]["revenue"] == pytest.approx(rows_revenue)
    extra = sum(r["difference"] for r in out["reconciliation"] if r["metric"] == "revenue")
    engine = open_shared(load_config(demo_dir), upgrade=False)
    try:
        with engine.connect() as conn:
            every = conn.execute(
                text(
                    "SELECT SUM(o.amount) FROM sales_order o JOIN lead l ON l.id = o.lead_id"
                    " WHERE o.status NOT IN ('refunded', 'closed') AND o.deleted_at IS NULL"
                    " AND l.deleted_at IS NULL"
                    " AND o.ordered_at >= '2026-10-31 16:00:00'"  # 1 Nov in Shanghai
                    " AND o.ordered_at < '2026-11-20 16:00:00'"
                )
            ).scalar_one()
        # the page's own report, built at (about) the same moment, has the same numbers
        lead = find_operator(engine, "zhaomin")
        assert lead is not None
        page = report_json(
            load_report(engine, lead.team_id, Period(date(2026, 11, 1), date(2026, 11, 20)))
        )
    finally:
        engine.dispose()
    assert rows_revenue + extra == pytest.approx(float(every))
    for key in ("team_total", "reconciliation", "funnel", "breakdown", "lines", "hooks"):
        assert page[key] == out[key], key
