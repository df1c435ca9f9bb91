"""Typed settings registry, persisted as an INI file in the data folder.

Each setting is declared once with its key, default and description
(Picard's option registry). The file is plain INI so the CLI and the sync
engine read the same values as the GUI without importing Qt.
"""

from __future__ import annotations

import configparser
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from operator_app.errors import ConfigError, translatable
from operator_app.paths import default_data_dir

SETTINGS_FILE = "operator-desk.ini"
CACHE_FILE = "cache.sqlite3"
EMBEDDED_SHARED_FILE = "shared.sqlite3"


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: str
    description: str


SETTINGS: dict[str, SettingSpec] = {
    s.key: s
    for s in (
        SettingSpec("shared_url", "", "Shared database URL; empty means the embedded SQLite file."),
        SettingSpec("operator", "", "Login of the person using this PC."),
        SettingSpec("device_id", "", "Random id of this installation, stamped on its events."),
        SettingSpec("language", "zh_CN", "User-interface language (zh_CN or en)."),
        SettingSpec(
            "first_day_guide_shown", "", "Set once the demo's first-day guide has been shown."
        ),
        SettingSpec("save_folders", "", "Per kind of saved file, the folder saved to last (JSON)."),
    )
}


class SettingsStore:
    """Reads and writes the registry's settings in ``<data_dir>/operator-desk.ini``."""

    SECTION = "operator_desk"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._parser = configparser.ConfigParser(interpolation=None)
        if path.exists():
            self._parser.read(path, encoding="utf-8")
        if not self._parser.has_section(self.SECTION):
            self._parser.add_section(self.SECTION)

    def get(self, key: str) -> str:
        spec = SETTINGS[key]
        return self._parser.get(self.SECTION, key, fallback=spec.default)

    def set(self, key: str, value: str) -> None:
        if key not in SETTINGS:
            raise KeyError(key)
        self._parser.set(self.SECTION, key, value)
        tmp = self.path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            self._parser.write(fh)
        os.replace(tmp, self.path)  # never leave a half-written settings file


@dataclass
class AppConfig:
    """Where this installation keeps its data and which databases it uses."""

    data_dir: Path
    shared_url: str = ""
    operator_login: str = ""
    device_id: str = field(default="")

    @property
    def cache_path(self) -> Path:
        return self.data_dir / CACHE_FILE

    @property
    def cache_url(self) -> str:
        return f"sqlite:///{self.cache_path}"

    @property
    def embedded_shared_path(self) -> Path:
        return self.data_dir / EMBEDDED_SHARED_FILE

    @property
    def effective_shared_url(self) -> str:
        return self.shared_url or f"sqlite:///{self.embedded_shared_path}"

    @property
    def is_embedded(self) -> bool:
        return not self.shared_url


def ensure_writable_dir(path: Path) -> None:
    """Create the folder if needed and prove we can write there."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".write-test-{uuid.uuid4().hex}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(
            translatable("The data folder {path} cannot be written ({reason})."),
            translatable("Choose another folder with --data-dir, or fix its permissions."),
            path=str(path),
            reason=exc.strerror or exc.__class__.__name__,
        ) from exc


def remember_choices(config: AppConfig, shared_url: str | None) -> None:
    """Keep the shared database chosen on the command line for the next start.

    ``--operator`` is not kept: it is for one start (a colleague at this PC
    for a moment); the person this PC remembers changes only in the picker.
    A URL carrying a password is not stored: passwords belong in the OS
    keyring (the sync issue's per-person logins), never in an INI file.
    """
    if shared_url is not None and not _has_password(shared_url):
        SettingsStore(config.data_dir / SETTINGS_FILE).set("shared_url", shared_url)


def _has_password(url: str) -> bool:
    try:
        return make_url(url).password is not None
    except (ArgumentError, ValueError):
        return False  # not a URL at all: connecting will say so


def load_config(
    data_dir: Path | None = None, shared_url: str | None = None, operator: str | None = None
) -> AppConfig:
    """Resolve the configuration: explicit options win over the settings file.

    Creates the data folder and this installation's device id on first use.
    """
    folder = (data_dir or default_data_dir()).expanduser()
    ensure_writable_dir(folder)
    store = SettingsStore(folder / SETTINGS_FILE)
    device_id = store.get("device_id")
    if not device_id:
        device_id = uuid.uuid4().hex
        store.set("device_id", device_id)
    return AppConfig(
        data_dir=folder,
        shared_url=shared_url if shared_url is not None else store.get("shared_url"),
        operator_login=operator if operator is not None else store.get("operator"),
        device_id=device_id,
    )
