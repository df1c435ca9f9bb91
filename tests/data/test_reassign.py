"""Reassignment, an operator leaving, the pool, and friend-request recycling."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import Engine, select

from operator_app.data import lead_moves as moves
from operator_app.data import models as m
from operator_app.errors import KnownError
from tests.data.import_fixtures import NOW, Team, add_event, add_lead, make_team, rows

DAY = dt.timedelta(days=1)


def owners(engine: Engine) -> dict[uuid.UUID, uuid.UUID | None]:
    return dict(rows(engine, m.Lead, "id", "owner_id"))


def moves_logged(engine: Engine) -> list[tuple]:
    found = rows(engine, m.ContactEvent, "lead_id", "operator_id", "kind", "payload")
    return [r for r in found if r[2] == "reassigned"]


def three_leads(engine: Engine, team: Team, owner: str = "lijing") -> list[uuid.UUID]:
    return [add_lead(engine, team, f"+861381234567{i}", owner_id=team.ops[owner]) for i in range(3)]


def test_selected_leads_move_with_one_event_each(shared_engine: Engine) -> None:
    team = make_team(shared_engine)
    leads = three_leads(shared_engine, team)
    already = add_lead(shared_engine, team, "+8613912345678", owner_id=team.ops["wangfang"])
    add_event(shared_engine, team, leads[0], "note", NOW - DAY, team.ops["lijing"])
    boss = team.ops["zhouhao"]
    moved = moves.reassign_leads(
        shared_engine, [*leads[:2], already], team.ops["wangfang"], actor_id=boss, now=NOW
    )
    assert sorted(moved, key=str) == sorted(leads[:2], key=str)  # `already` was skipped
    now_owned = owners(shared_engine)
    assert [now_owned[i] for i in leads] == [team.ops["wangfang"]] * 2 + [team.ops["lijing"]]
    payload = {"from": str(team.ops["lijing"]), "to": str(team.ops["wangfang"]), "reason": "manual"}
    assert sorted(moves_logged(shared_engine), key=lambda r: str(r[0])) == sorted(
        [(lead, boss, "reassigned", payload) for lead in leads[:2]], key=lambda r: str(r[0])
    )
    versions = dict(rows(shared_engine, m.Lead, "id", "version"))
    assert (versions[leads[0]], versions[leads[2]]) == (2, 1)
    # the history stays with the lead
    kinds = [
        r[2]
        for r in rows(shared_engine, m.ContactEvent, "lead_id", "id", "kind")
        if r[0] == leads[0]
    ]
    assert sorted(kinds) == ["note", "reassigned"]


def test_leads_only_go_to_an_active_operator_of_their_team(shared_engine: Engine) -> None:
    team = make_team(shared_engine)
    other = make_team(shared_engine, "二组", login_suffix="-2")
    leads = three_leads(shared_engine, team)
    with pytest.raises(KnownError, match="another team"):
        moves.reassign_leads(shared_engine, leads, other.ops["lijing"], now=NOW)
    with pytest.raises(KnownError, match="active operator"):
        moves.reassign_leads(shared_engine, leads, uuid.uuid4(), now=NOW)
    assert set(owners(shared_engine).values()) == {team.ops["lijing"]}
    assert moves_logged(shared_engine) == []


def test_a_pending_friend_request_does_not_follow_the_lead(shared_engine: Engine) -> None:
    team = make_team(shared_engine)
    lead = add_lead(
        shared_engine,
        team,
        "+8613812345670",
        owner_id=team.ops["lijing"],
        friend_status="pending",
        friend_requested_at=NOW - DAY,
    )
    moves.reassign_leads(shared_engine, [lead], team.ops["wangfang"], now=NOW)
    assert rows(shared_engine, m.Lead, "friend_status", "friend_requested_at") == [
        ("not_sent", None)
    ]
    assert moves_logged(shared_engine)[0][3]["friend_request_reset"] is True


def test_a_reassignment_remembers_the_former_owners_and_undoes_in_one_go(
    shared_engine: Engine,
) -> None:
    team = make_team(shared_engine)
    li, wang, boss = team.ops["lijing"], team.ops["wangfang"], team.ops["zhouhao"]
    hers = three_leads(shared_engine, team)
    asked = add_lead(
        shared_engine,
        team,
        "+8613912345670",
        owner_id=li,
        friend_status="pending",
        friend_requested_at=NOW - DAY,
    )
    pooled = add_lead(shared_engine, team, "+8613912345671")
    done = moves.reassign(shared_engine, [*hers, asked, pooled], wang, actor_id=boss, now=NOW)
    assert done.to == wang
    assert done.former == {hers[0]: li, hers[1]: li, hers[2]: li, asked: li, pooled: None}
    assert done.requests_reset == {asked}
    # meanwhile one of them went elsewhere: the undo leaves it there
    moves.reassign_leads(shared_engine, [hers[2]], boss, now=NOW + DAY)

    back = moves.restore_owners(shared_engine, done, actor_id=boss, now=NOW + 2 * DAY)
    assert sorted(back.lead_ids, key=str) == sorted([hers[0], hers[1], asked, pooled], key=str)
    assert (back.moved_since, back.requests_reset) == (1, 1)
    now_owned = owners(shared_engine)
    assert [now_owned[i] for i in [*hers, asked, pooled]] == [li, li, boss, li, None]
    # the friend request stays reset: it is sent again
    assert dict(rows(shared_engine, m.Lead, "id", "friend_status"))[asked] == "not_sent"
    undone = [
        r[0] for r in moves_logged(shared_engine) if r[1] == boss and r[3]["from"] == str(wang)
    ]
    assert sorted(undone, key=str) == sorted(
        back.lead_ids, key=str
    )  # one event each, by the team lead


def test_an_undo_to_someone_who_left_changes_nothing(shared_engine: Engine) -> None:
    team = make_team(shared_engine)
    li, wang = team.ops["lijing"], team.ops["wangfang"]
    hers = three_leads(shared_engine, team)
    pooled = add_lead(shared_engine, team, "+8613912345671")
    done = moves.reassign(shared_engine, [*hers, pooled], wang, now=NOW)
    with shared_engine.begin() as conn:
        op = m.Operator.__table__  # type: ignore[attr-defined]
        conn.execute(op.update().where(op.c.id == li).values(active=False))
    logged = len(moves_logged(shared_engine))
    with pytest.raises(KnownError, match="active operator"):
        moves.restore_owners(shared_engine, done, now=NOW + DAY)
    # all or nothing: the pool lead did not go back on its own either
    assert set(owners(shared_engine).values()) == {wang}
    assert len(moves_logged(shared_engine)) == logged


def test_an_operator_leaving_hands_over_every_lead(shared_engine: Engine) -> None:
    team = make_team(shared_engine)
    leads = three_leads(shared_engine, team)
    keep = add_lead(shared_engine, team, "+8613912345678", owner_id=team.ops["wangfang"])
    gone = add_lead(
        shared_engine, team, "+8613912345679", owner_id=team.ops["lijing"], deleted_at=NOW
    )
    moved = moves.operator_leaves(
        shared_engine,
        team.ops["lijing"],
        team.ops["zhouhao"],
        actor_id=team.ops["wangfang"],
        now=NOW,
    )
    assert sorted(moved, key=str) == sorted(leads, key=str)
    now_owned = owners(shared_engine)
    assert {now_owned[i] for i in leads} == {team.ops["zhouhao"]}
    assert now_owned[keep] == team.ops["wangfang"] and now_owned[gone] == team.ops["lijing"]
    assert {r[3]["reason"] for r in moves_logged(shared_engine)} == {"operator_left"}
    active = dict(rows(shared_engine, m.Operator, "login", "active"))
    assert active == {"lijing": False, "wangfang": True, "zhouhao": True}
    with pytest.raises(KnownError, match="someone else"):
        moves.operator_leaves(shared_engine, team.ops["zhouhao"], team.ops["zhouhao"], now=NOW)


def test_leaving_to_the_pool_and_the_pool_query(shared_engine: Engine) -> None:
    team = make_team(shared_engine)
    leads = three_leads(shared_engine, team)
    moves.operator_leaves(shared_engine, team.ops["lijing"], None, now=NOW)
    pool = moves.pool_leads(shared_engine, team.id)
    assert sorted(p.id for p in pool) == sorted(leads)
    assert moves.count_pool(shared_engine, team.id) == 3
    assert len(moves.pool_leads(shared_engine, team.id, limit=2)) == 2
    assert moves_logged(shared_engine)[0][3] == {
        "from": str(team.ops["lijing"]),
        "to": None,
        "reason": "operator_left",
    }


def test_the_pool_is_distributed_by_capacity(shared_engine: Engine) -> None:
    team = make_team(shared_engine)
    pool = [add_lead(shared_engine, team, f"+86138123456{i:02d}") for i in range(9)]
    counts = moves.distribute_leads(
        shared_engine, pool, [team.ops["lijing"], team.ops["wangfang"]], now=NOW
    )
    # capacities 300 : 600 of 9 leads: exactly 3 and 6
    assert counts == {team.ops["lijing"]: 3, team.ops["wangfang"]: 6}
    assert moves.count_pool(shared_engine, team.id) == 0


# -- recycling -----------------------------------------------------------------------------


def pending(engine: Engine, team: Team, phone: str, requested: dt.datetime, **kw: object):
    return add_lead(
        engine,
        team,
        phone,
        owner_id=team.ops["lijing"],
        friend_status="pending",
        friend_requested_at=requested,
        **kw,
    )


def recycle_world(engine: Engine) -> tuple[Team, dict[str, uuid.UUID]]:
    """Leads whose friend request went out at various times (recycle_days = 7)."""
    team = make_team(engine, recycle_days=7)
    me, other = team.ops["lijing"], team.ops["wangfang"]
    asked = NOW - 8 * DAY
    ids = {
        "quiet": pending(engine, team, "+8613800000001", asked),
        "worked": pending(engine, team, "+8613800000002", asked),
        "colleague": pending(engine, team, "+8613800000003", asked),
        "peeked": pending(engine, team, "+8613800000004", asked),
        "before": pending(engine, team, "+8613800000005", asked),
        "fresh": pending(engine, team, "+8613800000006", NOW - 3 * DAY),
        "exact": pending(engine, team, "+8613800000007", NOW - 7 * DAY),
        "opted_out": pending(engine, team, "+8613800000008", asked, opted_out_at=NOW - DAY),
        "friend": add_lead(
            engine,
            team,
            "+8613800000009",
            owner_id=me,
            friend_status="accepted",
            friend_requested_at=asked,
        ),
    }
    add_event(engine, team, ids["worked"], "sent_line", NOW - 2 * DAY, me)
    add_event(engine, team, ids["colleague"], "note", NOW - 2 * DAY, other)
    add_event(engine, team, ids["peeked"], "phone_revealed", NOW - DAY, me)
    add_event(engine, team, ids["before"], "note", NOW - 9 * DAY, me)
    return team, ids


def test_the_countdown_list(shared_engine: Engine) -> None:
    team, ids = recycle_world(shared_engine)
    listed = moves.list_recycle_countdowns(shared_engine, team.id, now=NOW)
    assert listed.recycle_days == 7  # the team's setting, for the panel's note
    by_id = {c.lead_id: c for c in listed}
    name = {v: k for k, v in ids.items()}
    assert sorted(name[i] for i in by_id) == sorted(
        ["quiet", "worked", "colleague", "peeked", "before", "fresh", "exact"]
    )
    remaining = {name[c.lead_id]: c.remaining for c in listed}
    assert remaining == {
        "quiet": -DAY,  # asked 8 days ago, nothing since
        "colleague": -DAY,  # a colleague's note is not the owner working the lead
        "peeked": -DAY,  # looking up the number is not contact
        "before": -DAY,  # activity before the request does not count
        "exact": dt.timedelta(0),  # due right now
        "fresh": 4 * DAY,
        "worked": 5 * DAY,  # the owner sent a line 2 days ago: 7 days from then
    }
    worked = by_id[ids["worked"]]
    assert worked.last_activity_at == NOW - 2 * DAY and worked.owner_login == "lijing"
    assert listed[-1].lead_id == ids["worked"]  # soonest first


def test_expired_leads_return_to_the_pool_with_the_reason(shared_engine: Engine) -> None:
    team, ids = recycle_world(shared_engine)
    recycled = moves.recycle_expired_leads(shared_engine, team.id, now=NOW)
    expected = {ids[k] for k in ("quiet", "colleague", "peeked", "before", "exact")}
    assert set(recycled) == expected
    state = {r[0]: r[1:] for r in rows(shared_engine, m.Lead, "id", "owner_id", "friend_status")}
    assert all(state[i] == (None, "not_sent") for i in expected)
    assert state[ids["worked"]] == (team.ops["lijing"], "pending")
    assert state[ids["opted_out"]] == (team.ops["lijing"], "pending")
    logged = {r[0]: r for r in moves_logged(shared_engine)}
    quiet = logged[ids["quiet"]]
    assert quiet[1] is None  # the app did it, not a person
    assert quiet[3] == {
        "from": str(team.ops["lijing"]),
        "to": None,
        "reason": "friend_request_expired",
        "friend_request_reset": True,
        "friend_requested_at": (NOW - 8 * DAY).isoformat(),
        "last_activity_at": None,
        "recycle_days": 7,
    }
    assert logged[ids["before"]][3]["last_activity_at"] is None
    # a second run finds nothing: recycled leads are no longer pending
    assert moves.recycle_expired_leads(shared_engine, team.id, now=NOW) == []
    assert moves.count_pool(shared_engine, team.id) == 5


def test_the_recycled_lead_starts_fresh_with_its_next_owner(shared_engine: Engine) -> None:
    team, ids = recycle_world(shared_engine)
    moves.recycle_expired_leads(shared_engine, team.id, now=NOW)
    moves.reassign_leads(shared_engine, [ids["quiet"]], team.ops["zhouhao"], now=NOW)
    # not pending any more, so not on the list until the new owner sends a request
    listed = {c.lead_id for c in moves.list_recycle_countdowns(shared_engine, team.id, now=NOW)}
    assert ids["quiet"] not in listed
    with shared_engine.connect() as conn:
        lead = m.Lead.__table__  # type: ignore[attr-defined]
        owner = conn.execute(select(lead.c.owner_id).where(lead.c.id == ids["quiet"])).scalar()
    assert owner == team.ops["zhouhao"]


def test_a_leaver_s_leads_are_shared_among_colleagues_by_capacity(shared_engine: Engine) -> None:
    team = make_team(shared_engine)
    nine = [
        add_lead(shared_engine, team, f"+86138123456{i:02d}", owner_id=team.ops["lijing"])
        for i in range(9)
    ]
    boss = team.ops["zhouhao"]
    counts = moves.operator_leaves_spread(
        shared_engine,
        team.ops["lijing"],
        [team.ops["wangfang"], team.ops["zhouhao"]],
        actor_id=boss,
        now=NOW,
    )
    # capacities 600 : 100 of 9 leads; the import's exact shares give 8 and 1
    assert counts == {team.ops["wangfang"]: 8, team.ops["zhouhao"]: 1}
    now_owned = owners(shared_engine)
    assert sorted(str(now_owned[i]) for i in nine) == sorted(
        [str(team.ops["wangfang"])] * 8 + [str(team.ops["zhouhao"])]
    )
    logged = moves_logged(shared_engine)
    assert len(logged) == 9 and {r[3]["reason"] for r in logged} == {"operator_left"}
    assert {r[1] for r in logged} == {boss}
    assert dict(rows(shared_engine, m.Operator, "login", "active"))["lijing"] is False
    with pytest.raises(KnownError, match="someone else"):
        moves.operator_leaves_spread(shared_engine, boss, [boss], now=NOW)


def test_a_spread_leave_to_someone_who_left_changes_nothing(shared_engine: Engine) -> None:
    team = make_team(shared_engine)
    leads = three_leads(shared_engine, team)
    moves.operator_leaves(shared_engine, team.ops["zhouhao"], None, now=NOW)
    with pytest.raises(KnownError, match="active operator"):
        moves.operator_leaves_spread(
            shared_engine, team.ops["lijing"], [team.ops["wangfang"], team.ops["zhouhao"]], now=NOW
        )
    now_owned = owners(shared_engine)
    assert {now_owned[i] for i in leads} == {team.ops["lijing"]}
    assert dict(rows(shared_engine, m.Operator, "login", "active"))["lijing"] is True


def test_a_dry_run_says_what_would_return_and_changes_nothing(shared_engine: Engine) -> None:
    team, ids = recycle_world(shared_engine)
    before = rows(shared_engine, m.Lead, "id", "owner_id", "friend_status", "version")
    would = moves.recycle_expired(shared_engine, team.id, now=NOW, dry_run=True)
    assert {c.lead_id for c in would} == {
        ids[k] for k in ("quiet", "colleague", "peeked", "before", "exact")
    }
    assert {c.owner_login for c in would} == {"lijing"}
    assert rows(shared_engine, m.Lead, "id", "owner_id", "friend_status", "version") == before
    assert moves_logged(shared_engine) == []
    done = moves.recycle_expired(shared_engine, team.id, now=NOW)
    assert sorted(c.lead_id for c in done) == sorted(c.lead_id for c in would)
