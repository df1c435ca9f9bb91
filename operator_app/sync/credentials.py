"""A person's database password, kept in the OS keyring (no Qt).

Never in the settings file, a URL or a log: the keyring holds it under the
service "Operator Desk" and the user name ``login@host:port/database``, and
engines of a password-less PostgreSQL URL fetch it when they open a
connection (``use_stored_passwords``), so no message quoting the URL can
contain it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import keyring
import keyring.errors
import psycopg
from sqlalchemy import Engine, event
from sqlalchemy.engine import URL, make_url

from operator_app.errors import KnownError, translatable

log = logging.getLogger(__name__)

SERVICE = "Operator Desk"
DEFAULT_PORT = 5432
CHECK_TIMEOUT_S = 5


def keyring_user(url: str | URL, login: str) -> str:
    """The keyring's user name for ``login`` on the database of ``url``."""
    u = make_url(url)
    return f"{login}@{u.host or 'localhost'}:{u.port or DEFAULT_PORT}/{u.database or ''}"


@contextmanager
def _keyring_errors() -> Iterator[None]:
    """Keyring failures as something the person can act on."""
    try:
        yield
    except keyring.errors.NoKeyringError as exc:
        raise KnownError(
            translatable("This computer has no password store (keyring) Operator Desk can use."),
            translatable(
                "Windows and macOS have one built in; on Linux install and unlock GNOME "
                "Keyring or KWallet, then run operator-app remember-password again."
            ),
        ) from exc
    except keyring.errors.KeyringError as exc:
        raise KnownError(
            translatable("The password store (keyring) refused the request ({reason})."),
            translatable("Unlock your keyring (sign in to the desktop session) and try again."),
            reason=str(exc) or exc.__class__.__name__,
        ) from exc


def remember_password(url: str | URL, login: str, password: str) -> None:
    """Store ``login``'s password for the database of ``url``."""
    with _keyring_errors():
        keyring.set_password(SERVICE, keyring_user(url, login), password)


def stored_password(url: str | URL, login: str) -> str | None:
    """The stored password, or None when none is stored."""
    with _keyring_errors():
        return keyring.get_password(SERVICE, keyring_user(url, login))


def forget_password(url: str | URL, login: str) -> None:
    """Remove the stored password (nothing stored is fine)."""
    with _keyring_errors(), suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, keyring_user(url, login))


def check_password(url: str | URL, login: str, password: str) -> None:
    """Sign in once as ``login``; a KnownError with the server's reason when refused."""
    u = make_url(url)
    params: dict[str, Any] = {
        "connect_timeout": CHECK_TIMEOUT_S,
        **u.query,
        **u.translate_connect_args(username="user", database="dbname"),
        "user": login,
        "password": password,
    }
    try:
        with psycopg.connect(**params):
            pass
    except psycopg.OperationalError as exc:
        # libpq's messages name the user and server, never the password.
        raise KnownError(
            translatable("Could not sign in to the shared database as {login}: {reason}"),
            translatable("Check the password with your admin, and that the server is reachable."),
            login=login,
            reason=str(exc).strip().splitlines()[0] if str(exc).strip() else "",
        ) from exc


def use_stored_passwords(engine: Engine) -> None:
    """Connections of ``engine`` sign in with the keyring's password for their login.

    Without a keyring, or with nothing stored, connections go ahead without
    one (trust or certificate authentication still works; otherwise the
    server's refusal says what is missing).
    """
    url = engine.url

    @event.listens_for(engine, "do_connect")
    def _fill_password(_dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
        login = cparams.get("user")
        if not login or cparams.get("password"):
            return
        try:
            password = stored_password(url, login)
        except KnownError as err:
            log.debug("no stored password for %s: %s", login, err.message)
            return
        if password:
            cparams["password"] = password
