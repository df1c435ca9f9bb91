"""People and passwords on the command line (headless, no Qt).

``admin add-operator`` / ``admin disable-operator`` run with the global
``--shared-url`` as the admin's connection. ``remember-password`` is for the
person on this PC: it checks their password against the shared database and
keeps it in the OS keyring. A password is printed at most once (the one
generated for the admin to hand over) and never logged or written to a file.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from operator_app.core.domain import Role
from operator_app.errors import KnownError, translatable


def add_parsers(sub: Any) -> None:
    """Register ``admin …`` and ``remember-password`` on the main parser's subparsers."""
    admin = sub.add_parser("admin", help="add and disable people (an admin's connection)")
    actions = admin.add_subparsers(dest="admin_command", metavar="ACTION", required=True)
    add = actions.add_parser("add-operator", help="create or update a person and their login")
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--name", required=True, help="the person's name as the team sees it")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--team", required=True, metavar="TEAM", help="the team's name")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of generating one",
    )
    disable = actions.add_parser("disable-operator", help="stop a person from signing in")
    disable.add_argument("login", metavar="LOGIN")
    remember = sub.add_parser(
        "remember-password", help="check your database password and keep it in the OS keyring"
    )
    remember.add_argument(
        "--stdin", action="store_true", help="read the password from standard input"
    )


def _read_password(from_stdin: bool, prompt: str) -> str:
    """One line from stdin, or asked for without echo; never empty."""
    try:
        text = sys.stdin.readline().rstrip("\r\n") if from_stdin else getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        text = ""
    if not text:
        raise KnownError(
            translatable("No password was given."),
            translatable("Type it when asked, or give it on standard input."),
        )
    return text


def _admin_engine(args: argparse.Namespace) -> Any:
    from operator_app.config import load_config
    from operator_app.context import open_shared

    return open_shared(load_config(args.data_dir, args.shared_url, args.operator), upgrade=False)


def cmd_add_operator(args: argparse.Namespace) -> int:
    from operator_app.sync.roles import add_person

    password = _read_password(True, "") if args.password_stdin else None
    engine = _admin_engine(args)
    try:
        added = add_person(engine, args.login, args.name, args.role, args.team, password)
    finally:
        engine.dispose()
    if not added.database_role:
        print(
            "operator-app: this shared database is SQLite: it has no per-person logins or "
            "row security; the person was added to the team only.",
            file=sys.stderr,
        )
    print(json.dumps(added.summary(), ensure_ascii=False))
    return 0


def cmd_disable_operator(args: argparse.Namespace) -> int:
    from operator_app.sync.roles import disable_person

    engine = _admin_engine(args)
    try:
        done = disable_person(engine, args.login)
    finally:
        engine.dispose()
    out = {"login": done.login, "active": False, "database_role": done.database_role}
    print(json.dumps(out, ensure_ascii=False))
    return 0


def cmd_admin(args: argparse.Namespace) -> int:
    actions = {"add-operator": cmd_add_operator, "disable-operator": cmd_disable_operator}
    return actions[args.admin_command](args)


def _personal_url(args: argparse.Namespace) -> tuple[Any, str]:
    """The shared URL and login of the person on this PC (PostgreSQL, login in the URL)."""
    from operator_app.config import load_config
    from operator_app.data.db import parse_url

    config = load_config(args.data_dir, args.shared_url, args.operator)
    url = parse_url(config.effective_shared_url)
    login = config.operator_login
    if url.get_backend_name() != "postgresql":
        raise KnownError(
            translatable("Only a PostgreSQL shared database has personal passwords."),
            translatable("This PC uses an SQLite shared database: there is nothing to remember."),
        )
    if not login or url.username != login:
        raise KnownError(
            translatable("The shared URL must sign in with your own login."),
            translatable(
                "Use --operator LOGIN with --shared-url postgresql://LOGIN@server:5432/database."
            ),
        )
    return url.set(password=None), login


def cmd_remember_password(args: argparse.Namespace) -> int:
    from operator_app.sync.credentials import check_password, remember_password, stored_password

    url, login = _personal_url(args)
    stored_password(url, login)  # no usable keyring: say so before asking for the password
    password = _read_password(args.stdin, f"Password for {login}: ")
    check_password(url, login, password)
    remember_password(url, login, password)
    print(json.dumps({"stored": True}))
    return 0


COMMANDS = {"admin": cmd_admin, "remember-password": cmd_remember_password}
