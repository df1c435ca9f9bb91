"""A coupon an operator gives a customer: cache, outbox, push, and the server's rules (0006).

On both backends through the app's sync; on PostgreSQL also through real
per-person logins: an operator may insert a new unused coupon on a lead they
own, not on a colleague's lead, and may not change a coupon afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, select

from operator_app.data import models as m
from operator_app.data.cache import outbox, prepare_cache
from operator_app.data.db import make_engine
from operator_app.data.queries import OperatorInfo, find_operator
from operator_app.data.seed import seed_demo
from operator_app.data.workspace import Workspace
from operator_app.errors import KnownError
from operator_app.sync.roles import add_person
from operator_app.sync.snapshot import load_scope
from tests.sync.conftest import NOW, open_workspace, synced
from tests.sync.pg_people import PgDatabase, migrated_pg, unique_login

COUPON = m.Coupon.__table__  # type: ignore[attr-defined]
LEAD = m.Lead.__table__  # type: ignore[attr-defined]


def coupons_of(engine: Engine, lead_id: uuid.UUID) -> list[tuple]:
    stmt = select(
        COUPON.c.id, COUPON.c.amount, COUPON.c.issued_at, COUPON.c.expires_at, COUPON.c.used_at
    ).where(COUPON.c.lead_id == lead_id)
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(stmt)]


def first_lead(ws: Workspace) -> uuid.UUID:
    return ws.queue().rows[0].lead_id


def test_a_coupon_given_on_a_pc_reaches_the_server_and_fills_the_script(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    cache = make_cache("wf")
    ws = open_workspace(seeded, cache, "wangfang")
    lead_id = first_lead(ws)
    before = coupons_of(cache, lead_id)
    assert ws.coupon_defaults() == (10.0, 30)  # domain.md: ¥10 no-threshold, 30 days

    changes = ws.issue_coupon(lead_id, 15.0, 20)

    assert changes.lead_ids == {lead_id}
    new = [c for c in coupons_of(cache, lead_id) if c not in before]
    assert [(c[1], c[2], c[3], c[4]) for c in new] == [(15.0, NOW, NOW + timedelta(days=20), None)]
    with cache.connect() as conn:
        entry = conn.execute(
            select(outbox.c.op, outbox.c.table_name).where(outbox.c.row_id == new[0][0])
        ).one()
    assert tuple(entry) == ("insert", "coupon")
    values = ws.placeholder_values(lead_id)
    # the soonest-expiring open coupon fills the script: ours unless the demo's expires sooner
    open_before = [c for c in before if c[4] is None and c[3] > NOW]
    if not open_before or min(c[3] for c in open_before) > NOW + timedelta(days=20):
        assert values["coupon_amount"] == "15"

    summary = synced(seeded, cache, ws.person, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected) == (1, 0), summary.rejections
    assert new[0] in coupons_of(seeded, lead_id)


def test_a_coupon_no_real_shop_gives_is_refused(
    seeded: Engine, make_cache: Callable[[str], Engine]
) -> None:
    ws = open_workspace(seeded, make_cache("wf"), "wangfang")
    lead_id = first_lead(ws)
    for amount, days in ((0, 30), (-5, 30), (10, 0), (10, 400), (20000, 30)):
        with pytest.raises(KnownError):
            ws.issue_coupon(lead_id, amount, days)


# -- real per-person PostgreSQL logins -----------------------------------------------------


@dataclass
class Pair:
    db: PgDatabase
    a: OperatorInfo
    b: OperatorInfo


@pytest.fixture
def pair(pg_available: None) -> Iterator[Pair]:
    with migrated_pg("opdesk_coupons") as db:
        seed_demo(db.admin, leads=40, days=10, seed=3, now=NOW)
        people = {}
        for key, demo in (("a", "wangfang"), ("b", "lijing")):
            login = db.track(unique_login(f"coupon_{key}"))
            add_person(db.admin, login, key, "operator", "华东一组")
            found = find_operator(db.admin, login)
            owner = find_operator(db.admin, demo)
            assert found is not None and owner is not None
            with db.admin.begin() as conn:
                conn.execute(
                    LEAD.update().where(LEAD.c.owner_id == owner.id).values(owner_id=found.id)
                )
            people[key] = found
        yield Pair(db, people["a"], people["b"])


@pytest.mark.postgres
def test_an_operators_login_inserts_a_coupon_on_their_own_lead_only(
    pair: Pair, tmp_path: Path
) -> None:
    shared = pair.db.engine_as(pair.a.login)
    cache = make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    prepare_cache(cache)
    load_scope(shared, cache, pair.a)
    ws = Workspace(cache, pair.a, "pc-a", clock=lambda: NOW)
    ws.refresh_suggestions()
    lead_id = first_lead(ws)
    ws.issue_coupon(lead_id, 10.0, 30)

    summary = synced(shared, cache, pair.a, clock=lambda: NOW)

    assert (summary.pushed, summary.rejected) == (1, 0), summary.rejections
    mine = [c for c in coupons_of(pair.db.admin, lead_id) if c[2] == NOW]
    assert [(c[1], c[3]) for c in mine] == [(10.0, NOW + timedelta(days=30))]

    with pair.db.admin.connect() as conn:
        colleague_lead = conn.execute(
            select(LEAD.c.id).where(LEAD.c.owner_id == pair.b.id).limit(1)
        ).scalar_one()
    insert = (
        "INSERT INTO coupon (id, version, updated_at, lead_id, amount, reason, issued_at, "
        "expires_at, used_at) VALUES (%s, %s, now(), %s, 10, 'x', now(), now() + interval "
        "'30 days', %s)"
    )
    with pair.db.connect_as(pair.a.login) as conn:
        for values in (
            (uuid.uuid4(), 1, colleague_lead, None),  # a colleague's customer
            (uuid.uuid4(), 1, lead_id, NOW),  # "already used": that comes from the mall
            (uuid.uuid4(), 5, lead_id, None),  # not a new row
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(insert, values)
            conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE coupon SET used_at = now() WHERE id = %s", (mine[0][0],))


@pytest.mark.postgres
def test_0006_comes_off_and_back_on(pg_available: None) -> None:
    from sqlalchemy import text

    from operator_app.data import migrate

    def objects(engine: Engine) -> set[str]:
        with engine.connect() as conn:
            found = set(conn.execute(text("SELECT policyname FROM pg_policies")).scalars())
            grants = text(
                "SELECT 'grant:' || privilege_type FROM information_schema.role_table_grants "
                "WHERE table_name = 'coupon' AND grantee = 'operator_desk_operator'"
            )
            found |= set(conn.execute(grants).scalars())
        return found & {"coupon_insert_by_owner", "grant:INSERT"}

    with migrated_pg("opdesk_0006") as db:
        assert objects(db.admin) == {"coupon_insert_by_owner", "grant:INSERT"}
        migrate.downgrade_to(db.admin, "0005")
        assert objects(db.admin) == set()
        migrate.upgrade_to_head(db.admin)
        assert objects(db.admin) == {"coupon_insert_by_owner", "grant:INSERT"}


@pytest.mark.postgres
def test_a_team_leads_login_imports_coupons_for_the_team_under_row_security(
    pair: Pair, tmp_path: Path
) -> None:
    from zoneinfo import ZoneInfo

    from operator_app.core.import_coupons import prepare_coupons
    from operator_app.data.importing_coupons import import_coupons

    boss = pair.db.track(unique_login("coupon_boss"))
    add_person(pair.db.admin, boss, "boss", "team_lead", "华东一组")
    with pair.db.admin.connect() as conn:
        phone = conn.execute(
            select(LEAD.c.phone).where(LEAD.c.owner_id == pair.a.id).limit(1)
        ).scalar_one()
    path = tmp_path / "coupons.csv"
    path.write_text(
        f"手机号,面额,到期时间,使用时间\n{phone[3:]},10,2099-01-31,\n", encoding="utf-8"
    )
    tz = ZoneInfo("Asia/Shanghai")
    lead_login = pair.db.engine_as(boss)
    team_id = pair.a.team_id

    first = import_coupons(
        lead_login, prepare_coupons(path, tz=tz, now=NOW), team_id=team_id, now=NOW
    )
    path.write_text(
        f"手机号,面额,到期时间,使用时间\n{phone[3:]},10,2099-01-31,2098-12-01 10:00\n",
        encoding="utf-8",
    )
    used = import_coupons(
        lead_login, prepare_coupons(path, tz=tz, now=NOW), team_id=team_id, now=NOW
    )

    assert (first.created, used.created, used.updated) == (1, 0, 1)
    with pair.db.admin.connect() as conn:
        stored = conn.execute(
            select(COUPON.c.used_at, COUPON.c.version).where(COUPON.c.reason == "import")
        ).all()
    assert len(stored) == 1 and stored[0].used_at is not None and stored[0].version == 2
