"""Passwords in the OS keyring: stored, found by engines, never in a URL, file or output."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail
from sqlalchemy import event, text

from operator_app.cli import main
from operator_app.data.db import describe_url, make_engine
from operator_app.errors import KnownError
from operator_app.sync.credentials import (
    SERVICE,
    forget_password,
    keyring_user,
    remember_password,
    stored_password,
)
from operator_app.sync.roles import add_person, disable_person
from tests.conftest import pg_url
from tests.sync.pg_people import PgDatabase, migrated_pg, unique_login
from tests.sync.test_roles import TEAM, add_team


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring in a dict; never chosen by keyring's own detection, only set by the tests."""

    @keyring.backend.properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("only for tests, set with keyring.set_keyring")

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("the collection is locked")


@pytest.fixture
def use_keyring() -> Iterator[Any]:
    """``use_keyring(backend)`` for the test; the previous keyring afterwards."""
    previous = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(previous)


@pytest.fixture
def memory(use_keyring: Any) -> MemoryKeyring:
    backend = MemoryKeyring()
    use_keyring(backend)
    return backend


def test_a_password_is_kept_per_login_server_and_database(memory: MemoryKeyring) -> None:
    url = "postgresql://王芳@db.example/operator_desk"
    remember_password(url, "王芳", "s3cret")
    assert memory.items == {(SERVICE, "王芳@db.example:5432/operator_desk"): "s3cret"}
    assert stored_password(url, "王芳") == "s3cret"
    assert stored_password("postgresql://王芳@db.example:5433/operator_desk", "王芳") is None
    assert stored_password(url, "李静") is None
    forget_password(url, "王芳")
    forget_password(url, "王芳")  # nothing stored: fine
    assert stored_password(url, "王芳") is None


@pytest.mark.parametrize(
    ("backend", "message"),
    [(fail.Keyring(), "no password store"), (LockedKeyring(), "refused the request")],
)
def test_keyring_failures_are_plain_errors(use_keyring: Any, backend: Any, message: str) -> None:
    use_keyring(backend)
    url = "postgresql://wangfang@db.example/operator_desk"
    with pytest.raises(KnownError, match=message):
        remember_password(url, "wangfang", "pw")
    with pytest.raises(KnownError, match=message):
        stored_password(url, "wangfang")


def _record_connect_params(engine: Any) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    # Registered after make_engine's own listener, so it sees what that one filled in.
    event.listen(engine, "do_connect", lambda _d, _r, _a, cparams: seen.append(dict(cparams)))
    return seen


@pytest.mark.postgres
def test_engines_sign_in_with_the_stored_password_without_it_in_the_url(
    pg_available: None, memory: MemoryKeyring
) -> None:
    url = pg_url("postgres")
    remember_password(url, "postgres", "kept-in-keyring")
    engine = make_engine(url)
    seen = _record_connect_params(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()
    assert seen[0]["password"] == "kept-in-keyring"
    assert "kept-in-keyring" not in describe_url(engine.url) + repr(engine.url) + str(engine)


@pytest.mark.postgres
def test_without_a_stored_password_or_a_keyring_engines_still_connect(
    pg_available: None, use_keyring: Any
) -> None:
    for backend in (MemoryKeyring(), fail.Keyring()):
        use_keyring(backend)
        engine = make_engine(pg_url("postgres"))
        seen = _record_connect_params(engine)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
        engine.dispose()
        assert "password" not in seen[0]


# -- operator-app remember-password -------------------------------------------------------------


@pytest.fixture
def pg(pg_available: None) -> Iterator[PgDatabase]:
    with migrated_pg("opdesk_cred") as db:
        add_team(db.admin)
        yield db


def remember(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str, login: str, password: str
) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    argv = ["--data-dir", str(tmp_path), "--shared-url", url, "--operator", login]
    return main([*argv, "remember-password", "--stdin"])


@pytest.mark.postgres
def test_remember_password_checks_the_login_and_keeps_it_in_the_keyring_only(
    pg: PgDatabase,
    memory: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    login = pg.track(unique_login("王芳"))
    password = add_person(pg.admin, login, "王芳", "operator", TEAM).password
    assert password
    assert remember(monkeypatch, tmp_path, pg.url_as(login), login, password) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == {"stored": True}
    assert list(memory.items.values()) == [password]
    assert list(memory.items) == [(SERVICE, keyring_user(pg.url, login))]
    written = "".join(p.read_text(errors="replace") for p in tmp_path.rglob("*") if p.is_file())
    assert password not in out + err + written


@pytest.mark.postgres
def test_remember_password_refuses_what_it_cannot_use(
    pg: PgDatabase,
    use_keyring: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    login = pg.track(unique_login("leaver"))
    add_person(pg.admin, login, "离职", "operator", TEAM)
    use_keyring(fail.Keyring())
    assert remember(monkeypatch, tmp_path, pg.url_as(login), login, "pw") == 2
    assert "no password store" in capsys.readouterr().err
    use_keyring(MemoryKeyring())
    cases = [
        (pg.url_as(login), "someone_else", "must sign in with your own login"),
        (f"sqlite:///{tmp_path / 'shared.sqlite3'}", login, "Only a PostgreSQL"),
        (pg.url_as(login), login, "No password was given"),
    ]
    for url, who, message in cases:
        password = "" if "No password" in message else "pw"
        assert remember(monkeypatch, tmp_path, url, who, password) == 2
        assert message in capsys.readouterr().err
    disable_person(pg.admin, login)
    assert remember(monkeypatch, tmp_path, pg.url_as(login), login, "pw") == 2
    err = capsys.readouterr().err
    assert "Could not sign in" in err and "not permitted to log in" in err
    assert "Traceback" not in err
