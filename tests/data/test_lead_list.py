"""The customer list's queries: who sees what, filters and order in SQL, rows on demand."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

from operator_app.data import lead_list as ll
from operator_app.data import models as m
from operator_app.data.cache import prepare_cache
from operator_app.data.db import make_engine
from operator_app.data.lead_list import LeadFilter, SortKey
from operator_app.data.queries import OperatorInfo
from operator_app.errors import KnownError
from tests.data.import_fixtures import NOW, Team, add_event, add_lead, make_team, synced

DAY = dt.timedelta(days=1)


def person(team: Team, login: str | None, role: str = "operator") -> OperatorInfo:
    op_id = team.ops[login] if login else uuid.uuid4()
    return OperatorInfo(op_id, login or "boss", login or "老板", role, team.id, "一组", True)


def boss(team: Team) -> OperatorInfo:
    return person(team, None, "team_lead")


def tag(engine: Engine, team: Team, name: str, *leads: uuid.UUID, deleted: bool = False) -> None:
    tag_row = synced(team_id=team.id, name=name, color="#808080", rule=None)
    with engine.begin() as conn:
        conn.execute(insert(m.Tag), [tag_row])
        for lead in leads:
            conn.execute(
                insert(m.LeadTag),
                [
                    synced(
                        lead_id=lead,
                        tag_id=tag_row["id"],
                        source="manual",
                        deleted_at=NOW if deleted else None,
                    )
                ],
            )


def world(engine: Engine) -> tuple[Team, dict[str, uuid.UUID]]:
    team = make_team(engine)
    other = make_team(engine, "二组", login_suffix="-2")
    li, wang = team.ops["lijing"], team.ops["wangfang"]
    ids = {
        "zhang": add_lead(engine, team, "+8613800001234", name="张三", owner_id=li, channel="抖音"),
        "li": add_lead(
            engine,
            team,
            "+8613900005678",
            name="李四",
            owner_id=li,
            channel="门店",
            stage_id=team.stage_id,
        ),
        "wang": add_lead(engine, team, "+8613700009999", name="王五", owner_id=wang),
        "pool": add_lead(engine, team, "+8613600001234", name="赵六", channel="抖音"),
        "percent": add_lead(engine, team, "+8613500000000", name="100%满意", owner_id=li),
        "gone": add_lead(engine, team, "+8613400000000", name="删掉", owner_id=li, deleted_at=NOW),
        "stranger": add_lead(engine, other, "+8613300000000", name="外人"),
    }
    tag(engine, team, "高意向", ids["zhang"], ids["pool"])
    tag(engine, team, "已取消", ids["li"], deleted=True)
    return team, ids


def names(engine: Engine, who: OperatorInfo, flt: LeadFilter = LeadFilter(), **kw: object):  # noqa: B008
    with engine.connect() as conn:
        ids = ll.lead_ids(conn, who, flt, **kw)  # type: ignore[arg-type]
        return [r.name for r in ll.lead_rows(conn, ids)]


def test_an_operator_sees_their_own_and_a_team_lead_the_team_and_the_pool(
    shared_engine: Engine,
) -> None:
    team, _ids = world(shared_engine)
    assert names(shared_engine, person(team, "lijing")) == ["100%满意", "张三", "李四"]
    assert sorted(names(shared_engine, boss(team))) == sorted(
        ["100%满意", "张三", "李四", "王五", "赵六"]
    )
    assert names(shared_engine, person(team, "zhouhao")) == []


def test_filters_narrow_the_list_in_sql(shared_engine: Engine) -> None:
    team, _ids = world(shared_engine)
    lead = boss(team)
    assert names(shared_engine, lead, LeadFilter(pool=True)) == ["赵六"]
    assert names(shared_engine, lead, LeadFilter(owner=team.ops["wangfang"])) == ["王五"]
    assert names(shared_engine, lead, LeadFilter(channel="抖音")) == ["张三", "赵六"]
    assert names(shared_engine, lead, LeadFilter(stage="new")) == ["李四"]
    assert names(shared_engine, lead, LeadFilter(tag="高意向")) == ["张三", "赵六"]
    assert names(shared_engine, lead, LeadFilter(tag="已取消")) == []  # the tag was removed
    both = LeadFilter(tag="高意向", pool=True)
    assert names(shared_engine, lead, both) == ["赵六"]


def test_search_by_name_or_the_last_digits(shared_engine: Engine) -> None:
    team, _ids = world(shared_engine)
    lead = boss(team)
    assert names(shared_engine, lead, LeadFilter(search="四")) == ["李四"]
    assert names(shared_engine, lead, LeadFilter(search="1234")) == ["张三", "赵六"]
    assert names(shared_engine, lead, LeadFilter(search="5678")) == ["李四"]
    assert names(shared_engine, lead, LeadFilter(search="0000")) == ["100%满意"]
    # middle digits are not an "ends with" match
    assert names(shared_engine, lead, LeadFilter(search="139")) == []
    # a % typed is a character, not a wildcard
    assert names(shared_engine, lead, LeadFilter(search="%")) == ["100%满意"]
    assert names(shared_engine, lead, LeadFilter(search="_")) == []


def test_order_in_sql_with_never_contacted_last(shared_engine: Engine) -> None:
    team, ids = world(shared_engine)
    li = team.ops["lijing"]
    add_event(shared_engine, team, ids["li"], "sent_line", NOW - 3 * DAY, li)
    add_event(shared_engine, team, ids["zhang"], "sent_line", NOW - DAY, li)
    add_event(shared_engine, team, ids["zhang"], "note", NOW, li)  # a note is not a contact
    me = person(team, "lijing")
    by_contact = names(shared_engine, me, sort=SortKey.LAST_CONTACT)
    assert by_contact == ["李四", "张三", "100%满意"]
    newest = names(shared_engine, me, sort=SortKey.LAST_CONTACT, descending=True)
    assert newest == ["张三", "李四", "100%满意"]
    assert names(shared_engine, me, sort=SortKey.NAME, descending=True) == [
        "李四",
        "张三",
        "100%满意",
    ]
    by_owner = names(shared_engine, boss(team), sort=SortKey.OWNER)
    # the pool (no owner) first, then 李静's, then 王芳's
    assert by_owner[0] == "赵六" and by_owner[-1] == "王五"


def test_rows_carry_what_the_list_shows(shared_engine: Engine) -> None:
    team, ids = world(shared_engine)
    add_event(shared_engine, team, ids["zhang"], "sent_line", NOW - DAY, team.ops["lijing"])
    with shared_engine.connect() as conn:
        got = ll.lead_rows(conn, [ids["pool"], ids["zhang"], uuid.uuid4(), ids["gone"]])
    assert [r.name for r in got] == ["赵六", "张三"]  # the asked order; unknown and deleted gone
    pool, zhang = got
    assert (pool.owner_id, pool.owner_name, pool.tags) == (None, "", ("高意向",))
    assert zhang.phone_masked == "138****1234"
    assert (zhang.owner_name, zhang.channel, zhang.friend_status) == ("李静", "抖音", "not_sent")
    assert zhang.last_contact_at == NOW - DAY and pool.last_contact_at is None


def test_the_filter_choices_and_counts(shared_engine: Engine) -> None:
    team, _ids = world(shared_engine)
    with shared_engine.connect() as conn:
        options = ll.list_options(conn, boss(team))
        mine = ll.list_options(conn, person(team, "wangfang"))
    assert options.pool == 1
    assert options.channels == ["抖音", "门店"]
    assert options.stages == [("new", "新客户")]
    assert sorted(options.tags) == ["已取消", "高意向"]
    assert [(o.login, o.leads) for o in options.owners] == [
        ("lijing", 3),
        ("wangfang", 1),
        ("zhouhao", 0),
    ]
    # an operator gets no owners and no pool: those are the team lead's
    assert (mine.owners, mine.pool, mine.channels) == ([], 0, [])


@pytest.fixture
def cache_engine(tmp_path: Path) -> Iterator[Engine]:
    """A local cache (the detail needs its derived tables): the list's real home."""
    engine = make_engine(f"sqlite:///{tmp_path / 'cache.db'}")
    prepare_cache(engine)
    yield engine
    engine.dispose()


def test_a_team_lead_opens_any_customer_of_the_team_an_operator_only_theirs(
    cache_engine: Engine,
) -> None:
    team, ids = world(cache_engine)
    with cache_engine.connect() as conn:
        detail = ll.lead_detail(conn, boss(team), ids["wang"], NOW)
        assert (detail.name, detail.owner_name) == ("王五", "王芳")
        with pytest.raises(KnownError, match="no longer in your list"):
            ll.lead_detail(conn, person(team, "lijing"), ids["wang"], NOW)
        with pytest.raises(KnownError):
            ll.lead_detail(conn, boss(team), ids["stranger"], NOW)


def test_the_detail_offers_the_team_s_manual_tags(cache_engine: Engine) -> None:
    team, ids = world(cache_engine)
    other = make_team(cache_engine, "三组", login_suffix="-3")
    tag(cache_engine, other, "别组的")
    rule = {"match": "all", "conditions": []}
    rule_tag = synced(team_id=team.id, name="近30天下单", color="#808080", rule=rule)
    with cache_engine.begin() as conn:
        conn.execute(insert(m.Tag), [rule_tag])
        detail = ll.lead_detail(conn, boss(team), ids["wang"], NOW)
    # the team's manual tags, by name; not another team's, not a rule's
    assert detail.tag_choices == ("已取消", "高意向")


def test_ids_come_back_lazily_with_a_position_lookup(shared_engine: Engine) -> None:
    team, ids = world(shared_engine)
    with shared_engine.connect() as conn:
        got = ll.lead_ids(conn, boss(team), LeadFilter(channel="抖音"))
    assert len(got) == 2 and list(got) == [ids["zhang"], ids["pool"]]  # 张三, 赵六 by name
    assert got[1] == ids["pool"] and got[0:1] == [ids["zhang"]]
    assert (got.position(ids["pool"]), got.position(ids["wang"])) == (1, -1)
