"""The 导入 page's third kind, 优惠券: the mall's coupon export walked like a team lead
(GBK CSV and .xlsx), and the template button of every kind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from operator_app.core.import_templates import FILE_NAMES
from operator_app.data import migrate
from operator_app.data import models as m
from operator_app.data.db import make_engine
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.import_flow import Kind
from operator_app.ui.import_page import MAPPING, RESULT, SHARE, ImportPage, ImportSource
from operator_app.ui.runner import SyncRunner
from operator_app.ui.save_dialog import documents_folder, remembered_in
from tests.data.import_fixtures import NOW, Team, add_lead, make_team, rows
from tests.ui.test_import_page import lead_person, write_csv, write_xlsx

HEADER = ["券码", "会员手机号", "关联订单", "券面额", "领取时间", "有效期至", "使用状态"]
COUPONS = [
    ["Q1", "13812340001", "", "10", "2026-04-28 10:00", "2026-05-28 10:00", "未使用"],
    ["Q2", "13812340002", "", "20元", "2026-04-29", "2026-05-29", "已使用"],
    ["Q3", "13700000000", "", "10", "2026-04-28", "2026-05-28", "未使用"],  # not a customer
    ["Q4", "13812340001", "", "abc", "2026-04-28", "2026-05-28", ""],
    ["Q1", "13812340001", "", "10", "2026-04-28 10:00", "2026-05-28 10:00", "未使用"],
]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    shared = make_engine(f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    migrate.upgrade_to_head(shared)
    yield shared
    shared.dispose()


@pytest.fixture
def team(engine: Engine) -> Team:
    team = make_team(engine)
    add_lead(engine, team, "+8613812340001", name="张三", owner_id=team.ops["wangfang"])
    add_lead(engine, team, "+8613812340002", name="李四", owner_id=team.ops["lijing"])
    return team


@pytest.fixture
def page(qtbot: QtBot, zh_cn: object, engine: Engine, team: Team) -> ImportPage:
    source = ImportSource(lambda: engine, lead_person(team), lambda: "", lambda: NOW)
    shown = ImportPage(source, SyncRunner(), ErrorReporter(interactive=False))
    qtbot.addWidget(shown)
    shown.resize(1198, 600)
    shown.show()
    return shown


def figures(page: ImportPage) -> dict[str, Any]:
    return page.mapping_step.summary_model.as_dict()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_coupon_export_is_checked_imported_and_twice_adds_nothing(
    qtbot: QtBot, page: ImportPage, engine: Engine, tmp_path: Path, kind: str
) -> None:
    if kind == "csv":
        path = write_csv(tmp_path / "优惠券.csv", [HEADER, *COUPONS])  # GBK
    else:
        path = write_xlsx(tmp_path / "优惠券.xlsx", [["商城优惠券导出"], HEADER, *COUPONS])

    # The kind is chosen with its radio button, as the team lead does.
    page.file_step.coupons_radio.setChecked(True)
    page.choose_file(path)

    assert page.step() == MAPPING
    combos = page.mapping_step.combos
    assert combos["phone"].currentText() == "会员手机号"
    assert combos["amount"].currentText() == "券面额"
    assert combos["expires_at"].currentText() == "有效期至"
    assert combos["used"].currentText() == "使用状态"
    result = page.checked.result if page.checked else None
    assert result is not None
    assert (result.rows, result.created, result.unknown_buyer) == (5, 2, 1)
    assert result.rejected_by_reason == {"bad_coupon_amount": 1, "unknown_coupon_buyer": 1}
    assert rows(engine, m.Coupon, "amount") == []  # nothing written yet
    preview = page.mapping_step.preview_model
    assert preview.index(3, 0).data()  # 13700000000: the row says why it is left out

    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.step() == SHARE
    assert not page.share_step.table.isVisible()
    assert not page.share_step.create_unknown.isVisible()
    with qtbot.waitSignal(page.import_finished):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)

    assert page.step() == RESULT
    assert sorted(rows(engine, m.Coupon, "amount", "used_at")) == [
        (10.0, None),
        (20.0, NOW),  # used, the file does not say when: by the import at the latest
    ]
    assert page.result_step.save_button.isVisible()  # two rows to fix

    # The same file again: nothing new to import.
    page.start_over()
    page.choose_file(path)
    again = page.checked.result if page.checked else None
    assert again is not None and (again.created, again.updated, again.already_known) == (0, 0, 2)
    assert not page.next_button.isEnabled()
    assert len(rows(engine, m.Coupon, "id")) == 2


@pytest.mark.parametrize("kind", [Kind.LEADS, Kind.ORDERS, Kind.COUPONS])
def test_the_template_of_each_kind_is_saved_where_asked(
    qtbot: QtBot, page: ImportPage, tmp_path: Path, kind: Kind
) -> None:
    page.file_step.set_kind(kind)
    with remembered_in(tmp_path / "settings.ini"):
        # The dialog starts in Documents, never in the working directory.
        start = page.templates.default_path(kind.value)
        assert start == documents_folder() / FILE_NAMES[kind.value]
        with qtbot.waitSignal(page.template_saved) as saved:
            page.templates.save(page.file_step.kind().value, tmp_path / "模板")
        path = Path(saved.args[0])
        assert path == tmp_path / "模板.xlsx"
        sheet = openpyxl.load_workbook(path).worksheets[0]
        assert sheet.max_row == 2  # the headers and one example row
        assert page.templates.default_path(kind.value).parent == tmp_path  # remembered
    assert page.status_label.text()


def test_a_template_that_cannot_be_saved_says_so(
    qtbot: QtBot, page: ImportPage, tmp_path: Path
) -> None:
    with remembered_in(tmp_path / "settings.ini"), qtbot.waitSignal(page.templates.failed):
        page.templates.save("coupons", tmp_path / "no such folder" / "t.xlsx")
    assert page.status_label.text()
