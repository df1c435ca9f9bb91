"""A WeCom export's friend column (是否好友 / 添加状态) on lead import, both backends:
a customer already a friend is imported accepted since the file's 添加时间."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Engine

from operator_app.core.import_files import LEAD_FIELDS, guess_mapping
from operator_app.core.importing import prepare_leads
from operator_app.data import importing as writes
from operator_app.data import models as m
from tests.data.import_fixtures import NOW, make_team, rows
from tests.data.test_import_leads_write import TZ, lead_file


def test_the_friend_column_is_recognised_by_its_wecom_names() -> None:
    for header in ("添加状态", "是否好友", "好友状态"):
        mapping = guess_mapping(["客户名称", "手机号", "添加时间", header], LEAD_FIELDS)
        assert mapping["friend"] == header and mapping["added_at"] == "添加时间"


def test_friends_in_the_file_are_imported_accepted_and_the_others_not_sent(
    shared_engine: Engine, tmp_path: Path
) -> None:
    team = make_team(shared_engine)
    body = [
        "甲,13812345670,已添加,2026-11-01 09:30",
        "乙,13812345671,已通过,",
        "丙,13812345672,是,2026-11-02 10:00",
        "丁,13812345673,TRUE,2026-11-03 10:00",
        "戊,13812345674,待通过,2026-11-04 10:00",
        "己,13812345675,否,2026-11-05 10:00",
        "庚,13812345676,,2026-11-06 10:00",
    ]
    leads = prepare_leads(
        lead_file(tmp_path, body, "客户名称,手机号,添加状态,添加时间"), tz=TZ, now=NOW
    )
    result = writes.import_leads(
        shared_engine, leads, team_id=team.id, distribute_to=["wangfang"], now=NOW
    )
    assert result.imported == 7
    got = {
        name: (status, added)
        for name, status, added in rows(
            shared_engine, m.Lead, "name", "friend_status", "friend_added_at"
        )
    }
    local = dt.timezone(dt.timedelta(hours=8))

    def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(2026, 11, day, hour, minute, tzinfo=local)

    assert got == {
        "甲": ("accepted", at(1, 9, 30)),
        "乙": ("accepted", NOW),  # no 添加时间: since the import
        "丙": ("accepted", at(2, 10)),
        "丁": ("accepted", at(3, 10)),
        "戊": ("not_sent", None),
        "己": ("not_sent", None),
        "庚": ("not_sent", None),
    }
