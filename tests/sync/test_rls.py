"""Row-level security on PostgreSQL, tried by real login roles (sync-notes test 7).

One team (华东一组) with a team lead and three operators, another team with
one operator; each operator owns leads with events, orders, coupons and
tags. Every statement below runs as the person's own login, the way a
desktop client that holds its own connection could run it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, insert, text
from sqlalchemy.exc import DBAPIError

from operator_app.data import lead_moves
from operator_app.data import models as m
from operator_app.sync.roles import add_person, disable_person
from operator_app.sync.server_sql import GROUP_ROLES
from tests.sync.pg_people import PgDatabase, migrated_pg, unique_login

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
EAST, WEST = "华东一组", "华南一组"
# person key -> (team, role); "a" and "b" are the two operators the tests set against each other.
PEOPLE = {
    "lead": (EAST, "team_lead"),
    "a": (EAST, "operator"),
    "b": (EAST, "operator"),
    "d": (EAST, "operator"),
    "c": (WEST, "operator"),
}
# lead key -> owner key (None: the team's pool)
LEADS = {
    "a1": "a",
    "a2": "a",
    "a_move": "a",
    "b1": "b",
    "d1": "d",
    "pool": None,
    "c1": "c",
}
WITH_ORDERS = ("a1", "b1", "c1")


def t(model: type) -> Any:
    return model.__table__  # type: ignore[attr-defined]


@dataclass
class World:
    db: PgDatabase
    teams: dict[str, uuid.UUID] = field(default_factory=dict)
    logins: dict[str, str] = field(default_factory=dict)
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    leads: dict[str, uuid.UUID] = field(default_factory=dict)
    tags: dict[str, uuid.UUID] = field(default_factory=dict)

    def engine(self, who: str) -> Engine:
        return self.db.engine_as(self.logins[who])

    def team_of_lead(self, key: str) -> uuid.UUID:
        owner = LEADS[key]
        return self.teams[PEOPLE[owner][0] if owner else EAST]

    def keys(self, lead_ids: set[uuid.UUID]) -> set[str]:
        names = {v: k for k, v in self.leads.items()}
        return {names[i] for i in lead_ids}


def _seed_teams(w: World) -> None:
    with w.db.admin.begin() as conn:
        for name in (EAST, WEST):
            w.teams[name] = uuid.uuid4()
            w.tags[name] = uuid.uuid4()
            conn.execute(insert(t(m.Team)).values(id=w.teams[name], name=name))
            conn.execute(
                insert(t(m.Tag)).values(id=w.tags[name], team_id=w.teams[name], name="高意向")
            )
            conn.execute(
                insert(t(m.Setting)).values(
                    team_id=w.teams[name], key="timezone", value="Asia/Shanghai"
                )
            )


def _seed_people(w: World) -> None:
    for key, (team, role) in PEOPLE.items():
        login = w.db.track(unique_login(key))
        w.logins[key] = login
        w.ids[key] = add_person(w.db.admin, login, key.upper(), role, team).operator_id


def _seed_leads(w: World) -> None:
    with w.db.admin.begin() as conn:
        for n, (key, owner) in enumerate(LEADS.items()):
            lead_id = w.leads[key] = uuid.uuid4()
            team_id = w.team_of_lead(key)
            owner_id = w.ids[owner] if owner else None
            conn.execute(
                insert(t(m.Lead)).values(
                    id=lead_id,
                    team_id=team_id,
                    owner_id=owner_id,
                    name=key,
                    phone=f"+86138000000{n:02d}",
                )
            )
            conn.execute(
                insert(t(m.ContactEvent)).values(
                    team_id=team_id,
                    lead_id=lead_id,
                    operator_id=owner_id,
                    kind="note",
                    occurred_at=NOW,
                    payload={},
                )
            )
            if key in WITH_ORDERS:
                _seed_lead_extras(conn, w, key)


def _seed_lead_extras(conn: Any, w: World, key: str) -> None:
    lead_id, team_id = w.leads[key], w.team_of_lead(key)
    team_name = EAST if team_id == w.teams[EAST] else WEST
    conn.execute(
        insert(t(m.SalesOrder)).values(team_id=team_id, lead_id=lead_id, order_no=f"NO-{key}")
    )
    conn.execute(insert(t(m.Coupon)).values(lead_id=lead_id, expires_at=NOW + timedelta(days=7)))
    conn.execute(insert(t(m.LeadTag)).values(lead_id=lead_id, tag_id=w.tags[team_name]))


@pytest.fixture
def world(pg_available: None) -> Iterator[World]:
    with migrated_pg("opdesk_rls") as db:
        w = World(db)
        _seed_teams(w)
        _seed_people(w)
        _seed_leads(w)
        yield w


# -- helpers ------------------------------------------------------------------------------------


def ids(engine: Engine, sql: str, **params: Any) -> set[uuid.UUID]:
    with engine.connect() as conn:
        return set(conn.execute(text(sql), params).scalars())


def leads_seen(w: World, who: str) -> set[str]:
    return w.keys(ids(w.engine(who), "SELECT id FROM lead"))


def children_seen(w: World, who: str, table: str) -> set[str]:
    return w.keys(ids(w.engine(who), f"SELECT lead_id FROM {table}"))


def changed(engine: Engine, sql: str, **params: Any) -> int:
    """Rows the statement changed (committed)."""
    with engine.begin() as conn:
        return conn.execute(text(sql), params).rowcount


def refused(engine: Engine, sql: str, **params: Any) -> str:
    """Assert the database refuses the statement for lack of privilege; its message."""
    with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
        conn.execute(text(sql), params)
    assert isinstance(caught.value.orig, psycopg.errors.InsufficientPrivilege), caught.value
    return str(caught.value.orig)


def add_event_sql() -> str:
    return (
        "INSERT INTO contact_event (id, version, updated_at, team_id, lead_id, operator_id, "
        "kind, occurred_at, body, payload, device_id) VALUES (gen_random_uuid(), 1, now(), "
        ":team, :lead, :op, 'note', now(), '', '{}', 'pc')"
    )


def as_admin(w: World, sql: str, **params: Any) -> Any:
    with w.db.admin.connect() as conn:
        return conn.execute(text(sql), params).scalar()


# -- an operator and the others' rows -----------------------------------------------------------


def test_an_operator_reads_only_their_own_leads_and_what_hangs_off_them(world: World) -> None:
    mine = {"a1", "a2", "a_move"}
    assert leads_seen(world, "a") == mine
    assert children_seen(world, "a", "contact_event") == mine
    for table in ("sales_order", "coupon", "lead_tag"):
        assert children_seen(world, "a", table) == {"a1"}, table
    # Asking for B's rows by id finds nothing either.
    a = world.engine("a")
    for table, column in (("lead", "id"), ("contact_event", "lead_id"), ("sales_order", "lead_id")):
        assert (
            ids(a, f"SELECT {column} FROM {table} WHERE {column} = :b1", b1=world.leads["b1"])
            == set()
        )
    assert ids(a, "SELECT id FROM operator") == {world.ids[k] for k in ("lead", "a", "b", "d")}


def test_an_operator_logs_events_only_as_themselves_in_their_own_team(world: World) -> None:
    a, east, west = world.engine("a"), world.teams[EAST], world.teams[WEST]
    lead, me, other = world.leads, world.ids["a"], world.ids["b"]
    assert changed(a, add_event_sql(), team=east, lead=lead["a1"], op=me) == 1
    refused(a, add_event_sql(), team=east, lead=lead["b1"], op=other)  # for B, as B
    refused(a, add_event_sql(), team=east, lead=lead["a1"], op=other)  # on my lead, as B
    refused(a, add_event_sql(), team=east, lead=lead["a1"], op=None)  # as nobody
    refused(a, add_event_sql(), team=west, lead=lead["c1"], op=me)  # another team's lead
    refused(a, add_event_sql(), team=east, lead=lead["c1"], op=me)  # ... under my team's id
    refused(a, add_event_sql(), team=east, lead=lead["b1"], op=me)  # a teammate's lead, as me
    refused(
        a,
        "INSERT INTO lead_tag (id, version, updated_at, lead_id, tag_id, source) "
        "VALUES (gen_random_uuid(), 1, now(), :lead, :tag, 'manual')",
        lead=lead["a1"],
        tag=world.tags[WEST],  # my lead, another team's tag
    )
    refused(
        a,
        "INSERT INTO lead_tag (id, version, updated_at, lead_id, tag_id, source) "
        "VALUES (gen_random_uuid(), 1, now(), :lead, :tag, 'manual')",
        lead=lead["b1"],
        tag=world.tags[EAST],
    )
    refused(
        a,
        "INSERT INTO sales_order (id, version, updated_at, team_id, lead_id, order_no, amount, "
        "status, is_first_order, ordered_at) VALUES (gen_random_uuid(), 1, now(), :team, :lead, "
        "'X', 0, 'pending_shipment', false, now())",
        team=east,
        lead=lead["a1"],
    )
    refused(
        a,
        "INSERT INTO sync_applied (mutation_id, login, outcome) "
        "VALUES (gen_random_uuid(), :l, 'applied')",
        l=world.logins["b"],
    )


def test_an_operator_cannot_change_another_operators_lead(world: World) -> None:
    a, b1 = world.engine("a"), world.leads["b1"]
    assert changed(a, "UPDATE lead SET notes = 'mine now' WHERE id = :b1", b1=b1) == 0
    assert changed(a, "UPDATE lead_tag SET deleted_at = now() WHERE lead_id = :b1", b1=b1) == 0
    assert as_admin(world, "SELECT notes FROM lead WHERE id = :b1", b1=b1) == ""
    assert as_admin(world, "SELECT count(*) FROM lead_tag WHERE deleted_at IS NOT NULL") == 0
    # Their own lead's working fields they may change.
    assert changed(a, "UPDATE lead SET notes = 'called' WHERE id = :a1", a1=world.leads["a1"]) == 1


def test_only_team_leads_reassign_or_create_leads(world: World) -> None:
    a, a1 = world.engine("a"), world.leads["a1"]
    for assignment in ("owner_id = :b", "team_id = :west", "friend_status = 'accepted'"):
        message = refused(
            a,
            f"UPDATE lead SET {assignment} WHERE id = :a1",
            b=world.ids["b"],
            west=world.teams[WEST],
            a1=a1,
        )
        assert "permission denied" in message
    refused(
        a,
        "INSERT INTO lead (id, version, updated_at, team_id, owner_id, name, phone, "
        "friend_status, notes, created_at) VALUES (gen_random_uuid(), 1, now(), :team, :me, "
        "'new', '+8613900000000', 'not_sent', '', now())",
        team=world.teams[EAST],
        me=world.ids["a"],
    )
    refused(a, "UPDATE operator SET role = 'team_lead' WHERE id = :me", me=world.ids["a"])
    assert as_admin(world, "SELECT owner_id FROM lead WHERE id = :a1", a1=a1) == world.ids["a"]


# -- spoofing -----------------------------------------------------------------------------------


def test_session_settings_and_set_role_grant_nothing(world: World) -> None:
    with world.db.connect_as(world.logins["a"]) as conn:
        conn.autocommit = True
        b, lead_login = str(world.ids["b"]), world.logins["lead"]
        conn.execute(f"SET app.user_id = '{b}'")
        conn.execute("SELECT set_config('app.user_id', %s, false)", (b,))
        conn.execute("SELECT set_config('app.role', 'admin', false)")
        for target in (GROUP_ROLES["team_lead"], GROUP_ROLES["admin"], lead_login):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(psycopg.sql.SQL("SET ROLE {}").format(psycopg.sql.Identifier(target)))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                psycopg.sql.SQL("SET SESSION AUTHORIZATION {}").format(
                    psycopg.sql.Identifier(lead_login)
                )
            )
        conn.execute(f"SET ROLE {GROUP_ROLES['operator']}")  # allowed, and changes nothing
        seen = {row[0] for row in conn.execute("SELECT id FROM lead")}
        me = conn.execute("SELECT od_me(), od_my_role()").fetchone()
        events = {row[0] for row in conn.execute("SELECT lead_id FROM contact_event")}
    assert world.keys(seen) == world.keys(events) == {"a1", "a2", "a_move"}
    assert me == (world.ids["a"], "operator")


def test_a_disabled_person_is_locked_out_even_in_an_open_session(world: World) -> None:
    with world.db.connect_as(world.logins["d"]) as open_session:
        assert world.keys({r[0] for r in open_session.execute("SELECT id FROM lead")}) == {"d1"}
        open_session.rollback()
        disable_person(world.db.admin, world.logins["d"])
        assert open_session.execute("SELECT id FROM lead").fetchall() == []
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        world.db.connect_as(world.logins["d"])


# -- team leads and reassignment ----------------------------------------------------------------


def test_the_team_lead_sees_the_whole_team_and_nothing_else(world: World) -> None:
    east = {"a1", "a2", "a_move", "b1", "d1", "pool"}
    assert leads_seen(world, "lead") == east
    assert children_seen(world, "lead", "contact_event") == east
    assert children_seen(world, "lead", "sales_order") == {"a1", "b1"}
    boss = world.engine("lead")
    c1 = world.leads["c1"]
    assert changed(boss, "UPDATE lead SET notes = 'x' WHERE id = :c1", c1=c1) == 0
    message = refused(
        boss,
        "UPDATE lead SET team_id = :west WHERE id = :a1",
        west=world.teams[WEST],
        a1=world.leads["a1"],
    )
    assert "row-level security" in message
    # Nor hand a lead of their team to another team's operator (it would vanish for everyone).
    message = refused(
        boss, "UPDATE lead SET owner_id = :c WHERE id = :a1", c=world.ids["c"], a1=world.leads["a1"]
    )
    assert "row-level security" in message


def test_reassignment_moves_the_lead_and_its_history_and_logs_the_scope_change(
    world: World,
) -> None:
    moving = world.leads["a_move"]
    moved = lead_moves.reassign_leads(
        world.engine("lead"), [moving], world.ids["b"], actor_id=world.ids["lead"]
    )
    assert moved == [moving]
    assert "a_move" not in leads_seen(world, "a")
    assert "a_move" not in children_seen(world, "a", "contact_event")
    assert {"a_move", "b1"} <= leads_seen(world, "b")
    assert children_seen(world, "b", "contact_event") == {"a_move", "b1"}
    scope = "SELECT lead_id FROM lead_scope_change"
    for who, sees in (("a", True), ("b", True), ("lead", True), ("d", False), ("c", False)):
        assert (ids(world.engine(who), scope) == {moving}) is sees, who
    # A, offline while it moved, still delivers their own history for it; never as someone else.
    a, east = world.engine("a"), world.teams[EAST]
    assert changed(a, add_event_sql(), team=east, lead=moving, op=world.ids["a"]) == 1
    refused(a, add_event_sql(), team=east, lead=moving, op=world.ids["b"])


def test_another_team_sees_nothing_of_this_team(world: World) -> None:
    lead_moves.reassign_leads(world.db.admin, [world.leads["a_move"]], world.ids["b"])
    c = world.engine("c")
    assert leads_seen(world, "c") == {"c1"}
    for table in ("contact_event", "sales_order", "coupon", "lead_tag"):
        assert children_seen(world, "c", table) == {"c1"}, table
    assert ids(c, "SELECT id FROM operator") == {world.ids["c"]}
    assert ids(c, "SELECT id FROM team") == {world.teams[WEST]}
    assert ids(c, "SELECT team_id FROM tag UNION SELECT team_id FROM setting") == {
        world.teams[WEST]
    }
    assert ids(c, "SELECT lead_id FROM lead_scope_change") == set()


def test_a_team_lead_manages_people_but_cannot_promote_anyone_or_add_logins(
    world: World,
) -> None:
    boss, me = world.engine("lead"), world.ids["lead"]
    # Everyday team management works through the app's own code...
    lead_moves.operator_leaves(boss, world.ids["d"], world.ids["b"], actor_id=me)
    assert as_admin(world, "SELECT active FROM operator WHERE id = :d", d=world.ids["d"]) is False
    assert changed(boss, "UPDATE operator SET capacity = 300 WHERE id = :a", a=world.ids["a"]) == 1
    # ...but what decides who someone is, or what they may do, is the admin's.
    refused(boss, "UPDATE operator SET role = 'admin' WHERE id = :me", me=me)
    refused(
        boss, "UPDATE operator SET login = :l WHERE id = :a", l=world.logins["c"], a=world.ids["a"]
    )
    refused(
        boss,
        "INSERT INTO operator (id, version, updated_at, team_id, login, name, role, capacity, "
        "active) VALUES (gen_random_uuid(), 1, now(), :team, 'postgres', 'x', 'admin', 1, true)",
        team=world.teams[EAST],
    )
    assert as_admin(world, "SELECT role FROM operator WHERE id = :me", me=me) == "team_lead"


def test_people_cannot_create_objects_beside_the_schema(world: World) -> None:
    """A table or function someone adds could shadow a name a later migration creates."""
    for who in ("a", "lead"):
        engine = world.engine(who)
        refused(engine, "CREATE TABLE public.od_squat (id int)")
        refused(engine, "CREATE FUNCTION public.od_squat() RETURNS int LANGUAGE sql AS 'SELECT 1'")


# -- what an operator's own writes imply (migration 0004) ---------------------------------------


def friend_request_sql() -> str:
    return (
        "INSERT INTO contact_event (id, version, updated_at, team_id, lead_id, operator_id, "
        "kind, occurred_at, body, payload, device_id) VALUES (gen_random_uuid(), 1, :at, "
        ":team, :lead, :op, 'friend_request_sent', :at, '', '{}', 'pc')"
    )


def friend_state(w: World, key: str) -> tuple[Any, ...]:
    with w.db.admin.connect() as conn:
        return tuple(
            conn.execute(
                text("SELECT friend_status, friend_requested_at, version FROM lead WHERE id = :l"),
                {"l": w.leads[key]},
            ).one()
        )


def test_an_operators_friend_request_marks_their_lead_pending_once(world: World) -> None:
    a, east, me = world.engine("a"), world.teams[EAST], world.ids["a"]
    assert friend_state(world, "a1") == ("not_sent", None, 1)
    sent_at = NOW - timedelta(hours=5)

    assert changed(a, friend_request_sql(), team=east, lead=world.leads["a1"], op=me, at=sent_at)
    assert friend_state(world, "a1") == ("pending", sent_at, 2)
    # Stamped in the event's transaction, like any change: every PC's next pull carries it.
    same_stamp = (
        "SELECT l.change_xid = e.change_xid FROM lead l JOIN contact_event e ON e.lead_id = l.id "
        "WHERE l.id = :a1 AND e.kind = 'friend_request_sent'"
    )
    assert as_admin(world, same_stamp, a1=world.leads["a1"]) is True
    # A resend (later) keeps the first request as the clock, and the row as it is.
    assert changed(a, friend_request_sql(), team=east, lead=world.leads["a1"], op=me, at=NOW)
    assert friend_state(world, "a1") == ("pending", sent_at, 2)
    # Still no right to write the status itself, either way.
    for status in ("pending", "accepted", "not_sent"):
        refused(
            a, f"UPDATE lead SET friend_status = '{status}' WHERE id = :a1", a1=world.leads["a1"]
        )
    refused(a, "UPDATE lead SET friend_requested_at = now() WHERE id = :a1", a1=world.leads["a1"])


def test_a_former_owners_friend_request_does_not_touch_the_new_owners_lead(world: World) -> None:
    moving = world.leads["a_move"]
    lead_moves.reassign_leads(world.db.admin, [moving], world.ids["b"], now=NOW)
    before = friend_state(world, "a_move")
    a, east = world.engine("a"), world.teams[EAST]
    # A may still deliver their offline history, but their WeCom request is not B's.
    assert changed(a, friend_request_sql(), team=east, lead=moving, op=world.ids["a"], at=NOW)
    assert friend_state(world, "a_move") == before
    assert before[0] == "not_sent"


def tag_sql(rule: str = "NULL", deleted: str = "NULL") -> str:
    return (
        "INSERT INTO tag (id, version, updated_at, deleted_at, team_id, name, color, rule) "
        f"VALUES (:id, 1, now(), {deleted}, :team, :name, '#808080', {rule})"
    )


def test_an_operator_adds_manual_tags_to_their_own_team_only(world: World) -> None:
    a, east, west = world.engine("a"), world.teams[EAST], world.teams[WEST]
    new = uuid.uuid4()
    assert changed(a, tag_sql(), id=new, team=east, name="要发票") == 1
    for who, sees in (("a", True), ("b", True), ("lead", True), ("c", False)):
        assert (new in ids(world.engine(who), "SELECT id FROM tag")) is sees, who
    # ...and may tag their lead with it.
    assert changed(
        a,
        "INSERT INTO lead_tag (id, version, updated_at, lead_id, tag_id, source) "
        "VALUES (gen_random_uuid(), 1, now(), :lead, :tag, 'manual')",
        lead=world.leads["a1"],
        tag=new,
    )

    def no(sql: str, **params: Any) -> None:
        assert "row-level security" in refused(a, sql, **params)

    no(tag_sql(), id=uuid.uuid4(), team=west, name="别组的")  # another team
    rule = """'{"match": "all", "conditions": []}'"""
    no(tag_sql(rule=rule), id=uuid.uuid4(), team=east, name="规则")  # a rule tag
    no(tag_sql(rule="'null'"), id=uuid.uuid4(), team=east, name="空规则")  # JSON null is a rule
    no(tag_sql(deleted="now()"), id=uuid.uuid4(), team=east, name="已删除")
    for sql in (
        "UPDATE tag SET name = 'x' WHERE id = :id",
        "UPDATE tag SET deleted_at = now() WHERE id = :id",
        "DELETE FROM tag WHERE id = :id",
    ):
        for target in (new, world.tags[EAST]):
            assert "permission denied" in refused(a, sql, id=target)
    assert as_admin(world, "SELECT count(*) FROM tag") == 3
    # The team lead keeps the whole say over tags.
    boss = world.engine("lead")
    assert changed(boss, "UPDATE tag SET color = '#ff0000' WHERE id = :id", id=new) == 1
    assert changed(boss, tag_sql(rule=rule), id=uuid.uuid4(), team=east, name="规则") == 1
