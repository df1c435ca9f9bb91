"""Lead imports written to the shared database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, update

from operator_app.core.importing import LeadRows, prepare_leads
from operator_app.core.progress import Cancelled, TaskState
from operator_app.data import importing as writes
from operator_app.data import migrate
from operator_app.data import models as m
from operator_app.data.db import make_engine
from operator_app.errors import KnownError
from tests.data.import_fixtures import NOW, add_lead, make_team, rows

TZ = ZoneInfo("Asia/Shanghai")


def lead_file(tmp_path: Path, body: list[str], header: str = "姓名,手机号,标签,生日,备注") -> Path:
    path = tmp_path / "leads.csv"
    path.write_text("\n".join([header, *body]) + "\n", encoding="utf-8-sig")
    return path


def ten_leads(tmp_path: Path) -> LeadRows:
    body = [f"客户{i},1381234{i:04d},爱水果,1990-05-0{i % 9 + 1},备注{i}" for i in range(10)]
    return prepare_leads(lead_file(tmp_path, body), tz=TZ, now=NOW)


def lead_count(engine: Engine) -> int:
    return len(rows(engine, m.Lead, "id"))


def test_new_leads_are_written_with_owners_by_capacity(
    shared_engine: Engine, tmp_path: Path
) -> None:
    team = make_team(shared_engine)
    result = writes.import_leads(
        shared_engine,
        ten_leads(tmp_path),
        team_id=team.id,
        distribute_to=["lijing", "wangfang", "zhouhao"],
        now=NOW,
    )
    # capacities 300 / 600 / 100 of 10 leads: exactly 3 / 6 / 1
    assert result.assigned == {"lijing": 3, "wangfang": 6, "zhouhao": 1}
    assert (result.rows, result.imported, result.already_known, result.rejected) == (10, 10, 0, 0)
    stored = rows(
        shared_engine,
        m.Lead,
        "phone",
        "name",
        "owner_id",
        "stage_id",
        "friend_status",
        "birthday",
        "notes",
        "created_at",
        order_by="phone",
    )
    assert [r[0] for r in stored] == [f"+861381234{i:04d}" for i in range(10)]
    first = stored[0]
    assert first[1:] == (
        "客户0",
        first[2],
        team.stage_id,
        "not_sent",
        dt.date(1990, 5, 1),
        "备注0",
        NOW,
    )
    by_owner = {login: sum(1 for r in stored if r[2] == op) for login, op in team.ops.items()}
    assert by_owner == {"lijing": 3, "wangfang": 6, "zhouhao": 1}
    tags = rows(shared_engine, m.Tag, "name", "rule")
    assert tags == [("爱水果", None)]
    assert len(rows(shared_engine, m.LeadTag, "lead_id")) == 10


def test_importing_the_same_file_twice_adds_nothing(shared_engine: Engine, tmp_path: Path) -> None:
    team = make_team(shared_engine)
    leads = ten_leads(tmp_path)
    writes.import_leads(shared_engine, leads, team_id=team.id, now=NOW)
    again = writes.import_leads(shared_engine, leads, team_id=team.id, now=NOW)
    assert (again.imported, again.already_known) == (0, 10)
    assert lead_count(shared_engine) == 10
    assert len(rows(shared_engine, m.LeadTag, "id")) == 10
    assert again.reported == []  # known phones are not rows to fix


def test_a_deleted_leads_phone_stays_taken(shared_engine: Engine, tmp_path: Path) -> None:
    team = make_team(shared_engine)
    add_lead(shared_engine, team, "+8613812340000", deleted_at=NOW)
    result = writes.import_leads(shared_engine, ten_leads(tmp_path), team_id=team.id, now=NOW)
    assert (result.imported, result.already_known) == (9, 1)


def test_dry_run_counts_and_writes_nothing(shared_engine: Engine, tmp_path: Path) -> None:
    team = make_team(shared_engine)
    result = writes.import_leads(
        shared_engine,
        ten_leads(tmp_path),
        team_id=team.id,
        distribute_to=["wangfang"],
        dry_run=True,
        now=NOW,
    )
    assert result.imported == 10 and result.assigned == {"wangfang": 10}
    assert lead_count(shared_engine) == 0


def test_a_failure_half_way_leaves_nothing_behind(
    shared_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = make_team(shared_engine)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(writes, "_write_tags", broken)  # after the leads went in
    with pytest.raises(RuntimeError):
        writes.import_leads(shared_engine, ten_leads(tmp_path), team_id=team.id, now=NOW)
    assert lead_count(shared_engine) == 0


def test_cancelling_rolls_everything_back(
    shared_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = make_team(shared_engine)
    monkeypatch.setattr(writes, "INSERT_BATCH", 3)
    state = TaskState(min_interval=0)
    seen: list[float] = []

    def on_progress(fraction: float, _message: str) -> None:
        seen.append(fraction)
        state.cancel()  # the user presses Cancel after the first batch

    state._on_progress = on_progress
    with pytest.raises(Cancelled):
        writes.import_leads(
            shared_engine, ten_leads(tmp_path), team_id=team.id, state=state, now=NOW
        )
    assert seen == [0.3]
    assert lead_count(shared_engine) == 0


def test_a_colleague_importing_the_same_phones_meanwhile_is_a_known_error(
    shared_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = make_team(shared_engine)
    add_lead(shared_engine, team, "+8613812340009")
    # as if the other import committed between our check and our insert
    monkeypatch.setattr(writes, "_existing_phones", lambda *a: set())
    with pytest.raises(KnownError, match="Nothing was imported"):
        writes.import_leads(shared_engine, ten_leads(tmp_path), team_id=team.id, now=NOW)
    assert lead_count(shared_engine) == 1


def test_owner_column_assigns_and_reports_unknown_names(
    shared_engine: Engine, tmp_path: Path
) -> None:
    team = make_team(shared_engine)
    body = [
        "甲,13812345670,李静",
        "乙,13812345671,wangfang",
        "丙,13812345672,小刘",
        "丁,13812345673,",
        "戊,13812345674,小刘",
    ]
    leads = prepare_leads(lead_file(tmp_path, body, "客户名称,手机号,负责人"), tz=TZ, now=NOW)
    result = writes.import_leads(
        shared_engine, leads, team_id=team.id, distribute_to=["zhouhao"], now=NOW
    )
    assert result.unknown_owners == {"小刘": 2}
    assert result.assigned == {"lijing": 1, "wangfang": 1, "zhouhao": 3}
    owners = dict(rows(shared_engine, m.Lead, "name", "owner_id"))
    assert owners["甲"] == team.ops["lijing"] and owners["丙"] == team.ops["zhouhao"]


def test_without_operators_chosen_unsettled_leads_go_to_the_pool(
    shared_engine: Engine, tmp_path: Path
) -> None:
    team = make_team(shared_engine)
    with shared_engine.begin() as conn:  # someone who left cannot receive leads
        conn.execute(update(m.Operator).where(m.Operator.login == "lijing").values(active=False))
    body = ["甲,13812345670,lijing", "乙,13812345671,wangfang"]
    leads = prepare_leads(lead_file(tmp_path, body, "客户名称,手机号,负责人"), tz=TZ, now=NOW)
    result = writes.import_leads(shared_engine, leads, team_id=team.id, now=NOW)
    assert result.unknown_owners == {"lijing": 1}
    assert (result.assigned, result.pool) == ({"wangfang": 1}, 1)


def test_text_is_stored_exactly_as_given(shared_engine: Engine, tmp_path: Path) -> None:
    team = make_team(shared_engine)
    long_note = "很长的备注😀" * 1000
    body = [
        '"小美🌸 ""VIP""",13812345670,,,"' + long_note + '"',
        '"Robert\'); DROP TABLE lead;--",13812345671,,,"=cmd|\' /C calc\'!A0"',
        '"a,b\nc",13812345672,,,"多行\n备注"',
    ]
    leads = prepare_leads(lead_file(tmp_path, body), tz=TZ, now=NOW)
    writes.import_leads(shared_engine, leads, team_id=team.id, now=NOW)
    stored = rows(shared_engine, m.Lead, "name", "notes", order_by="phone")
    assert stored == [
        ('小美🌸 "VIP"', long_note),
        ("Robert'); DROP TABLE lead;--", "=cmd|' /C calc'!A0"),
        ("a,b\nc", "多行\n备注"),
    ]


def test_find_team_and_settings(shared_engine: Engine) -> None:
    with pytest.raises(KnownError, match="no team yet"):
        writes.find_team(shared_engine)
    team = make_team(shared_engine, recycle_days=5)
    assert writes.find_team(shared_engine).id == team.id
    make_team(shared_engine, "二组", login_suffix="-2")
    with pytest.raises(KnownError, match="--team NAME: 二组, 鲜到家一组"):
        writes.find_team(shared_engine)
    assert writes.find_team(shared_engine, "二组").name == "二组"
    with shared_engine.connect() as conn:
        assert writes.load_team_settings(conn, team.id).friend_request_recycle_days == 5


def test_a_200000_row_file_imports_in_one_go(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'big.sqlite3'}")
    migrate.upgrade_to_head(engine)
    team = make_team(engine)
    path = tmp_path / "big.csv"
    lines = ["姓名,手机号"] + [f"客户{i},13{i % 10}{i:08d}" for i in range(200_000)]
    path.write_text("\n".join(lines), encoding="utf-8")
    leads = prepare_leads(path, tz=TZ, now=NOW)
    result = writes.import_leads(
        engine, leads, team_id=team.id, distribute_to=["lijing", "wangfang"], now=NOW
    )
    # 130… to 139… are all mobile prefixes: every row is valid and unique
    assert (result.imported, result.rejected) == (200_000, 0)
    # 300 : 600 of 200,000: quotas 66,666.67 and 133,333.33; the one left
    # over goes to the larger remainder (2/3 against 1/3)
    assert result.assigned == {"lijing": 66_667, "wangfang": 133_333}
    assert lead_count(engine) == result.imported
    engine.dispose()
