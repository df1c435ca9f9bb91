"""The import commands' contract: JSON summaries, dry runs, plain errors (real subprocess)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run_cli

LEAD_KEYS = {
    "rows",
    "imported",
    "already_known",
    "duplicate_in_file",
    "rejected",
    "rejected_by_reason",
    "assigned",
    "report",
}
ORDER_KEYS = {
    "rows",
    "orders",
    "created",
    "updated",
    "matched",
    "unknown_buyer",
    "rejected",
    "rejected_by_reason",
}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose embedded shared database holds the demo team."""
    folder = tmp_path_factory.mktemp("demo")
    result = run_cli("seed-demo", "--leads", "10", data_dir=folder)
    assert result.returncode == 0, result.stderr
    return folder


def copy_of(demo_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    target.mkdir()
    for item in demo_dir.iterdir():
        if item.is_file():
            (target / item.name).write_bytes(item.read_bytes())
    return target


LEADS = (
    "客户名称,手机号,备注\n"
    "甲,13800000001,\n"
    "乙,13800000002,\n"
    "丙,13800000003,\n"
    "甲again,13800000001,\n"
    "坏号,1.38123E+10,\n"
)


def test_import_leads_prints_the_summary_and_is_idempotent(demo_dir: Path, tmp_path: Path) -> None:
    data = copy_of(demo_dir, tmp_path)
    path = tmp_path / "leads.csv"
    path.write_text(LEADS, encoding="utf-8-sig")
    dry = run_cli("import-leads", str(path), "--dry-run", "--distribute", "wangfang", data_dir=data)
    assert dry.returncode == 0, dry.stderr
    summary = json.loads(dry.stdout)
    assert set(summary) >= LEAD_KEYS and summary["dry_run"] is True
    rejects = tmp_path / "to-fix.csv"
    first = json.loads(
        run_cli(
            "import-leads",
            str(path),
            "--distribute",
            "wangfang,lijing",
            "--rejects",
            str(rejects),
            data_dir=data,
        ).stdout
    )
    assert {k: first[k] for k in LEAD_KEYS - {"report"}} == {
        "rows": 5,
        "imported": 3,
        "already_known": 0,
        "duplicate_in_file": 1,
        "rejected": 1,
        "rejected_by_reason": {"phone_scientific": 1},
        # capacities 750 : 680 of 3 leads: quotas 1.57 and 1.43, the one left to wangfang
        "assigned": {"lijing": 1, "wangfang": 2},
    }
    assert first["report"] == str(rejects)
    assert "坏号" in rejects.read_text(encoding="utf-8-sig")
    again = json.loads(run_cli("import-leads", str(path), data_dir=data).stdout)
    assert (again["imported"], again["already_known"]) == (0, 3)


def _folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.iterdir() if p.is_file()}


@pytest.mark.parametrize("command", ["import-leads", "import-orders"])
def test_rows_to_fix_are_saved_only_when_asked(
    demo_dir: Path, tmp_path: Path, command: str
) -> None:
    data = copy_of(demo_dir, tmp_path)
    files = tmp_path / "files"
    files.mkdir()
    path = files / "in.csv"
    content = LEADS if command == "import-leads" else "订单号,手机号,实付金额\nN9,13800000001,abc\n"
    path.write_text(content, encoding="utf-8")
    data_before, files_before = _folder(data), _folder(files)

    for extra in (["--dry-run"], ["--dry-run"], []):
        result = run_cli(command, str(path), *extra, data_dir=data)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["report"] is None
        assert _folder(files) == files_before  # no rejected-rows file appears unasked
        if extra:  # a dry run leaves the shared database (and all else) as it was
            assert _folder(data) == data_before

    # Asked for, under the option's new name or its old one: written where asked.
    for option in ("--rejects", "--report"):
        target = tmp_path / f"fix{option}.csv"
        result = run_cli(command, str(path), "--dry-run", option, str(target), data_dir=data)
        assert json.loads(result.stdout)["report"] == str(target)
        assert "abc" in target.read_text(encoding="utf-8-sig") or "坏号" in target.read_text(
            encoding="utf-8-sig"
        )
    assert "--rejects PATH" in run_cli(command, "--help", data_dir=data).stdout


def test_import_orders(demo_dir: Path, tmp_path: Path) -> None:
    data = copy_of(demo_dir, tmp_path)
    leads = tmp_path / "leads.csv"
    leads.write_text(LEADS, encoding="utf-8")
    assert run_cli("import-leads", str(leads), data_dir=data).returncode == 0
    orders = tmp_path / "orders.xlsx"
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [
        ["订单导出 2024-05"],
        ["订单号", "手机号", "实付金额", "订单状态"],
        ["N1", 13800000001, "¥1,299.50", "已发货"],
        ["N1", None, 100, "已发货"],
        ["N2", 13900000009, 50, "待发货"],
        ["N3", 13800000002, "abc", "待发货"],
        ["合计", None, 1449.5, None],
    ]:
        sheet.append(row)
    book.save(orders)
    result = run_cli("import-orders", str(orders), "--create-unknown", data_dir=data)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert {k: summary[k] for k in ORDER_KEYS} == {
        "rows": 4,
        "orders": 2,
        "created": 2,
        "updated": 0,
        "matched": 1,
        "unknown_buyer": 1,
        "rejected": 1,
        "rejected_by_reason": {"bad_amount": 1},
    }
    again = json.loads(run_cli("import-orders", str(orders), data_dir=data).stdout)
    assert (again["created"], again["updated"], again["unknown_buyer"]) == (0, 0, 0)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "is empty"),
        ("客户名称,手机号\n".encode(), "header.csv", "no data rows"),
        (bytes(range(256)) * 20, "garbage.csv", "neither a readable CSV"),
        ("姓名,微信\n张三,zs\n".encode(), "nophone.csv", "recognised as '手机号'"),
    ],
)
def test_bad_files_get_a_plain_message_and_write_nothing(
    demo_dir: Path, tmp_path: Path, content: bytes, name: str, message: str
) -> None:
    data = copy_of(demo_dir, tmp_path)
    path = tmp_path / name
    path.write_bytes(content)
    result = run_cli("import-leads", str(path), data_dir=data)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    status = json.loads(run_cli("status", data_dir=data).stdout)
    assert status["counts"]["leads"] == 10


def test_unknown_logins_and_mapping_errors_are_plain(demo_dir: Path, tmp_path: Path) -> None:
    data = copy_of(demo_dir, tmp_path)
    path = tmp_path / "leads.csv"
    path.write_text(LEADS, encoding="utf-8")
    bad_login = run_cli("import-leads", str(path), "--distribute", "nobody", data_dir=data)
    assert bad_login.returncode == 2 and "login nobody" in bad_login.stderr
    bad_map = run_cli("import-leads", str(path), "--map", "phone=微信", data_dir=data)
    assert bad_map.returncode == 2 and "no column named '微信'" in bad_map.stderr
    remap = run_cli("import-leads", str(path), "--map", "notes=", "--dry-run", data_dir=data)
    assert "notes" not in json.loads(remap.stdout)["mapping"]


def test_several_teams_need_team(tmp_path: Path) -> None:
    from operator_app.data import migrate
    from operator_app.data.db import make_engine
    from tests.data.import_fixtures import make_team

    shared = tmp_path / "team.sqlite3"
    engine = make_engine(f"sqlite:///{shared}")
    migrate.upgrade_to_head(engine)
    make_team(engine, "一组")
    make_team(engine, "二组", login_suffix="-2")
    engine.dispose()
    path = tmp_path / "leads.csv"
    path.write_text(LEADS, encoding="utf-8")
    url = f"sqlite:///{shared}"
    args = ("--shared-url", url, "import-leads", str(path))
    refused = run_cli(*args, data_dir=tmp_path / "d")
    assert refused.returncode == 2 and "--team NAME" in refused.stderr
    chosen = run_cli(*args, "--team", "二组", "--distribute", "lijing-2", data_dir=tmp_path / "d")
    assert chosen.returncode == 0, chosen.stderr
    assert json.loads(chosen.stdout)["assigned"] == {"lijing-2": 3}


def test_operators_cannot_import(tmp_path: Path) -> None:
    assert run_cli("seed-demo", "--leads", "5", data_dir=tmp_path).returncode == 0
    csv = tmp_path / "leads.csv"
    csv.write_text("姓名,手机号\n张三,13812345678\n", encoding="utf-8")
    refused = run_cli("--operator", "wangfang", "import-leads", str(csv), data_dir=tmp_path)
    assert refused.returncode == 2 and "team leads" in refused.stderr
    allowed = run_cli("--operator", "zhaomin", "import-leads", str(csv), data_dir=tmp_path)
    assert allowed.returncode == 0, allowed.stderr
