"""Engines, URLs and the local cache's SQLite settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from operator_app.config import load_config
from operator_app.data.db import check_connection, make_engine, parse_url
from operator_app.errors import ConfigError, DatabaseUnavailable


def test_sqlite_files_use_wal_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


@pytest.mark.parametrize(
    "raw", ["not a url", "mysql://root@localhost/x", "sqlite://", "sqlite:///:memory:"]
)
def test_unusable_urls_say_what_to_use(raw: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_url(raw)
    assert "sqlite:///" in str(info.value)


def test_plain_postgresql_url_uses_psycopg() -> None:
    assert parse_url("postgresql://ops@db.local/team").drivername == "postgresql+psycopg"


def test_sqlite_in_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        make_engine(f"sqlite:///{tmp_path / 'nope' / 'shared.sqlite3'}")


def test_unreachable_server_is_reported_plainly() -> None:
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailable) as info:
        check_connection(engine)
    text_ = str(info.value)
    assert "127.0.0.1:1" in text_ and "local cache" in text_


def test_password_never_appears_in_messages() -> None:
    engine = make_engine("postgresql+psycopg://ops:s3cret@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailable) as info:
        check_connection(engine)
    assert "s3cret" not in str(info.value)


@pytest.mark.skipif(
    os.geteuid() == 0 if hasattr(os, "geteuid") else True,
    reason="root can write anywhere; permissions cannot be tested as root",
)
def test_unwritable_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    with pytest.raises(ConfigError, match="cannot be written"):
        load_config(locked / "data")


def test_data_folder_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="cannot be written"):
        load_config(blocker)


def test_config_keeps_device_id_and_defaults_to_embedded(tmp_path: Path) -> None:
    first = load_config(tmp_path)
    second = load_config(tmp_path)
    assert first.device_id and first.device_id == second.device_id
    assert first.is_embedded
    assert first.effective_shared_url.endswith("shared.sqlite3")
    assert load_config(tmp_path, shared_url="postgresql://x@h/db").is_embedded is False


def test_choices_are_remembered_but_never_a_password(tmp_path: Path) -> None:
    from operator_app.config import remember_choices

    config = load_config(tmp_path)
    remember_choices(config, "postgresql://wangfang@db.local/team")
    again = load_config(tmp_path)
    assert again.shared_url == "postgresql://wangfang@db.local/team"
    assert again.operator_login == ""  # --operator is for one start; the picker remembers
    remember_choices(config, "postgresql://wangfang:s3cret@db.local/other")
    assert load_config(tmp_path).shared_url == "postgresql://wangfang@db.local/team"
    assert "s3cret" not in (tmp_path / "operator-desk.ini").read_text(encoding="utf-8")
