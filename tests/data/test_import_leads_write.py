"""Lead imports written to the shared database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import DBAPIError

from operator_app.core.importing import LeadRows, prepare_leads
from operator_app.core.progress import Cancelled, TaskState
from operator_app.data import import_base, migrate
from operator_app.data import importing as writes
from operator_app.data import models as m
from operator_app.data.db import make_engine
from operator_app.errors import KnownError
from operator_app.sync.roles import add_person
from tests.data.import_fixtures import NOW, add_lead, make_team, rows
from tests.sync.pg_people import migrated_pg, unique_login

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
    monkeypatch.setattr(import_base, "INSERT_BATCH", 3)
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


def test_the_bulk_path_stores_exactly_what_sqlalchemy_stores(shared_engine: Engine) -> None:
    """Leads go in through bulk_insert (values spelled once, then executemany or COPY);
    a row written that way must be the row Core's insert() writes, value for value
    (on SQLite: the very text stored), however odd the text or the time zone."""
    team = make_team(shared_engine)
    shanghai = dt.timezone(dt.timedelta(hours=8))
    odd_text = "tab\there\nnew\\line\r\"quoted\" 'single' 😀 \\N \\. " + "长" * 5000
    values: dict[str, object] = {
        "version": 3,
        "updated_at": dt.datetime(2026, 5, 1, 12, 30, 15, 123456, tzinfo=shanghai),
        "team_id": team.id,
        "owner_id": team.ops["wangfang"],
        "stage_id": None,
        "friend_status": "not_sent",
        "name": odd_text,
        "channel": None,
        "birthday": dt.date(1990, 5, 1),
        "city": "",
        "notes": odd_text[::-1],
        "created_at": dt.datetime(2026, 5, 1, 0, 0, tzinfo=dt.UTC),
    }
    core_id, bulk_id = uuid.uuid4(), uuid.uuid4()
    with shared_engine.begin() as conn:
        conn.execute(insert(m.Lead), [{**values, "id": core_id, "phone": "+8613800000001"}])
        columns = {k: [v] for k, v in values.items() if k not in ("version", "friend_status")}
        fixed = {"version": 3, "friend_status": "not_sent"}
        import_base.bulk_insert(
            conn,
            import_base.LEAD,
            fixed,
            {**columns, "id": [bulk_id.hex], "phone": ["+8613800000002"]},
        )
    names = [c for c in values if c != "phone"]
    if shared_engine.dialect.name == "sqlite":  # raw SQL: the stored text, no conversion
        sql = f"SELECT {', '.join(names)} FROM lead WHERE id = ?"
        with shared_engine.connect() as conn:
            core = conn.exec_driver_sql(sql, (core_id.hex,)).one()
            bulk = conn.exec_driver_sql(sql, (bulk_id.hex,)).one()
    else:
        core = rows_of(shared_engine, core_id, names)
        bulk = rows_of(shared_engine, bulk_id, names)
    assert bulk == core
    assert rows_of(shared_engine, bulk_id, ["name", "updated_at"]) == (
        odd_text,
        dt.datetime(2026, 5, 1, 4, 30, 15, 123456, tzinfo=dt.UTC),
    )


def rows_of(engine: Engine, lead_id: uuid.UUID, names: list[str]) -> tuple[object, ...]:
    lead = import_base.LEAD
    with engine.connect() as conn:
        row = conn.execute(select(*(lead.c[n] for n in names)).where(lead.c.id == lead_id)).one()
    return tuple(row)


def test_new_ids_are_random_version_4_uuids_in_order() -> None:
    ids = import_base.new_ids(1000)
    parsed = [uuid.UUID(i) for i in ids]
    assert ids == sorted(ids) and len(set(ids)) == 1000
    assert all(u.version == 4 and u.variant == uuid.RFC_4122 and u.hex == i
               for u, i in zip(parsed, ids, strict=True))  # fmt: skip
    assert import_base.new_ids(0) == []


@pytest.mark.postgres
def test_a_team_lead_login_imports_under_row_security(pg_available: None, tmp_path: Path) -> None:
    """A team lead signs in as their own PostgreSQL role, which row security governs
    (COPY straight into a table is refused there): the import still writes every lead
    and tag, and an operator's login can add none."""
    with migrated_pg("opdesk_import_rls") as db:
        team = make_team(db.admin)
        lead_login = db.track(unique_login("lead"))
        operator_login = db.track(unique_login("op"))
        add_person(db.admin, lead_login, "组长", "team_lead", "鲜到家一组")
        add_person(db.admin, operator_login, "运营", "operator", "鲜到家一组")
        leads = ten_leads(tmp_path)
        with pytest.raises(DBAPIError) as refused:
            writes.import_leads(db.engine_as(operator_login), leads, team_id=team.id, now=NOW)
        assert isinstance(refused.value.orig, psycopg.errors.InsufficientPrivilege)
        result = writes.import_leads(
            db.engine_as(lead_login), leads, team_id=team.id, distribute_to=["wangfang"], now=NOW
        )
        assert (result.imported, result.assigned) == (10, {"wangfang": 10})
        assert lead_count(db.admin) == 10
        assert len(rows(db.admin, m.LeadTag, "id")) == 10


def test_rows_out_of_phone_order_keep_their_own_owner_tags_and_ids(
    shared_engine: Engine, tmp_path: Path
) -> None:
    """Leads are written in phone order; each still gets the owner, tags and
    values of its own row, and lead_ids follow the file's order."""
    team = make_team(shared_engine)
    body = [
        "甲,13900000003,周浩,新客",
        "乙,13900000001,李静,",
        "丙,13900000004,,复购、新客",
        "丁,13900000002,王芳,复购",
    ]
    path = lead_file(tmp_path, body, "客户名称,手机号,负责人,标签")
    leads = prepare_leads(path, tz=TZ, now=NOW)
    result = writes.import_leads(
        shared_engine, leads, team_id=team.id, distribute_to=["lijing"], now=NOW
    )
    stored = {r[0]: r[1:] for r in rows(shared_engine, m.Lead, "id", "name", "phone", "owner_id")}
    assert [stored[i][:2] for i in result.lead_ids] == [
        ("甲", "+8613900000003"),
        ("乙", "+8613900000001"),
        ("丙", "+8613900000004"),
        ("丁", "+8613900000002"),
    ]
    assert [stored[i][2] for i in result.lead_ids] == [
        team.ops["zhouhao"],
        team.ops["lijing"],
        team.ops["lijing"],  # no owner in the file: distributed
        team.ops["wangfang"],
    ]
    tag_names = dict(rows(shared_engine, m.Tag, "id", "name"))
    links = rows(shared_engine, m.LeadTag, "lead_id", "tag_id")
    by_lead = {stored[lead][0]: set() for lead in result.lead_ids}
    for lead, tag in links:
        by_lead[stored[lead][0]].add(tag_names[tag])
    assert by_lead == {"甲": {"新客"}, "乙": set(), "丙": {"复购", "新客"}, "丁": {"复购"}}


def test_each_assigned_lead_logs_its_import_as_a_move_to_its_owner(
    shared_engine: Engine, tmp_path: Path
) -> None:
    """A lead the import gives an owner carries a ``reassigned`` event at the time
    of the import (reason "import", from nobody); a lead left in the pool none."""
    team = make_team(shared_engine)
    body = ["甲,13812345670,wangfang", "乙,13812345671,", "丙,13812345672,lijing"]
    leads = prepare_leads(lead_file(tmp_path, body, "客户名称,手机号,负责人"), tz=TZ, now=NOW)
    result = writes.import_leads(shared_engine, leads, team_id=team.id, now=NOW)
    assert (result.assigned, result.pool) == ({"lijing": 1, "wangfang": 1}, 1)

    names = dict(rows(shared_engine, m.Lead, "id", "name"))
    events = rows(
        shared_engine,
        m.ContactEvent,
        "lead_id",
        "kind",
        "operator_id",
        "occurred_at",
        "payload",
        "team_id",
    )
    by_name = {names[e[0]]: e[1:] for e in events}
    assert by_name == {
        "甲": (
            "reassigned",
            None,
            NOW,
            {"from": None, "to": str(team.ops["wangfang"]), "reason": "import"},
            team.id,
        ),
        "丙": (
            "reassigned",
            None,
            NOW,
            {"from": None, "to": str(team.ops["lijing"]), "reason": "import"},
            team.id,
        ),
    }


def test_an_imported_leads_friend_request_is_due_from_the_import_not_the_files_date(
    shared_engine: Engine, tmp_path: Path
) -> None:
    """添加时间 three months back is when the customer was first seen, not when
    the operator got them: 发送好友申请 is due from the import."""
    from operator_app.data.workspace_facts import EngineInputs, suggest_for

    team = make_team(shared_engine)
    body = ["甲,13812345670,wangfang,2026-02-01 09:00"]
    header = "客户名称,手机号,负责人,添加时间"
    leads = prepare_leads(lead_file(tmp_path, body, header), tz=TZ, now=NOW)
    writes.import_leads(shared_engine, leads, team_id=team.id, now=NOW)

    later = NOW + dt.timedelta(hours=2)
    lead_t, event_t = m.Lead.__table__, m.ContactEvent.__table__  # type: ignore[attr-defined]
    with shared_engine.connect() as conn:
        lead = conn.execute(select(lead_t)).one()
        events = conn.execute(select(event_t)).all()
        inputs = EngineInputs(writes.load_team_settings(conn, team.id), {}, {}, {})
        found, _ = suggest_for(lead, [], [], events, inputs, later)
    assert lead.created_at == dt.datetime(2026, 2, 1, 1, 0, tzinfo=dt.UTC)  # 09:00 Shanghai
    request = next(s for s in found if s.hook_key == "send_friend_request")
    assert request.original_due_at == NOW
    assert request.reason == "分到你名下已 2 小时，尚未发送好友申请"


def test_every_new_tag_gets_the_id_its_team_and_name_give(
    shared_engine: Engine, tmp_path: Path
) -> None:
    """The same id the workspace gives a name typed on a lead (one tag, not a clash)."""
    team = make_team(shared_engine)
    writes.import_leads(shared_engine, ten_leads(tmp_path), team_id=team.id, now=NOW)
    expected = uuid.uuid5(uuid.NAMESPACE_URL, f"operator-desk:tag:{team.id}:爱水果")
    assert rows(shared_engine, m.Tag, "id", "name") == [(expected, "爱水果")]


def test_progress_runs_over_the_leads_and_their_events_and_cancels_in_either(
    shared_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """10 assigned leads, batches of 5: leads at 5/20 and 10/20, then their 10
    import events at 15/20 and 20/20 (one bar, no restart); a cancel while the
    events go in still leaves nothing behind."""
    team = make_team(shared_engine)
    monkeypatch.setattr(import_base, "INSERT_BATCH", 5)
    leads = ten_leads(tmp_path)

    def run(cancel_at: float | None) -> list[float]:
        state = TaskState(min_interval=0)
        seen: list[float] = []

        def on_progress(fraction: float, _message: str) -> None:
            seen.append(fraction)
            if fraction == cancel_at:
                state.cancel()

        state._on_progress = on_progress
        writes.import_leads(
            shared_engine, leads, team_id=team.id, distribute_to=["wangfang"], state=state, now=NOW
        )
        return seen

    with pytest.raises(Cancelled):
        run(cancel_at=0.75)
    assert lead_count(shared_engine) == 0
    assert rows(shared_engine, m.ContactEvent, "id") == []
    assert run(cancel_at=None) == [0.25, 0.5, 0.75, 1.0]
    assert len(rows(shared_engine, m.ContactEvent, "id")) == 10
