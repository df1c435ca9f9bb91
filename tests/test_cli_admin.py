"""``operator-app admin add-operator`` / ``disable-operator`` (run as a real subprocess)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from operator_app.data import models as m
from operator_app.data.db import make_engine
from tests.sync.pg_people import migrated_pg, unique_login
from tests.sync.test_roles import TEAM, add_team, operator_row, role_facts
from tests.test_cli import run_cli


def add_args(login: str, role: str = "operator", team: str = TEAM) -> list[str]:
    return ["admin", "add-operator", login, "--name", "王芳", "--role", role, "--team", team]


@pytest.mark.postgres
def test_add_and_disable_on_postgresql(pg_available: None, tmp_path: Path) -> None:
    with migrated_pg("opdesk_cli_admin") as db:
        add_team(db.admin)
        login = db.track(unique_login("王芳"))
        result = run_cli("--shared-url", db.url, *add_args(login), data_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        out = json.loads(result.stdout)
        password = out.pop("password")
        assert out == {
            "login": login,
            "name": "王芳",
            "role": "operator",
            "team": TEAM,
            "database_role": True,
        }
        assert len(password) >= 20 and password not in result.stderr
        given = run_cli(
            "--shared-url",
            db.url,
            *add_args(login, "team_lead"),
            "--password-stdin",
            data_dir=tmp_path,
            stdin="handed over\n",
        )
        assert given.returncode == 0, given.stderr
        assert json.loads(given.stdout)["password"] is None
        assert role_facts(db, login)["groups"] == ["operator_desk_team_lead"]
        gone = run_cli(
            "--shared-url", db.url, "admin", "disable-operator", login, data_dir=tmp_path
        )
        assert gone.returncode == 0, gone.stderr
        assert json.loads(gone.stdout) == {"login": login, "active": False, "database_role": True}
        assert not role_facts(db, login)["rolcanlogin"]


def test_on_sqlite_the_person_is_added_without_a_login(tmp_path: Path) -> None:
    shared = tmp_path / "team.sqlite3"
    engine = make_engine(f"sqlite:///{shared}")
    assert (
        run_cli("--shared-url", f"sqlite:///{shared}", "migrate", data_dir=tmp_path).returncode == 0
    )
    add_team(engine)
    url = f"sqlite:///{shared}"
    result = run_cli("--shared-url", url, *add_args("wangfang"), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["database_role"], out["password"]) == (False, None)
    assert "no per-person logins" in result.stderr
    assert operator_row(engine, "wangfang")["active"] is True
    engine.dispose()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (add_args("wangfang", team="没有这个组"), "There is no team named"),
        (["admin", "disable-operator", "nobody"], "Nobody with the login 'nobody'"),
    ],
)
def test_admin_mistakes_get_a_plain_message(tmp_path: Path, args: list[str], message: str) -> None:
    shared = tmp_path / "team.sqlite3"
    url = f"sqlite:///{shared}"
    assert run_cli("--shared-url", url, "migrate", data_dir=tmp_path).returncode == 0
    engine = make_engine(url)
    add_team(engine)
    result = run_cli("--shared-url", url, *args, data_dir=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    with engine.connect() as conn:
        assert conn.execute(select(m.Operator.__table__.c.login)).all() == []  # type: ignore[attr-defined]
    engine.dispose()
