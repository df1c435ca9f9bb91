"""Create and upgrade a database's schema with Alembic, and check compatibility.

The same migrations serve the local cache and the shared database. The
shared database records its version in ``alembic_version``; a version this
app does not know means a newer app upgraded it, and we refuse to touch it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command, op
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from operator_app.errors import SchemaTooNew, translatable

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


@functools.cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_compatible(engine: Engine) -> str | None:
    """Return the database's revision; raise SchemaTooNew if this app cannot use it."""
    current = current_revision(engine)
    if current is None:
        return None
    if current not in accepted_client_revisions():  # every revision this app ships
        raise SchemaTooNew(
            translatable(
                "The database was upgraded by a newer version of Operator Desk "
                "(schema {current}; this app knows up to {head})."
            ),
            translatable("Install the latest Operator Desk; nothing was changed in the database."),
            current=current,
            head=head_revision(),
        )
    return current


SHARED = "shared"
CACHE = "cache"


def migrating_cache() -> bool:
    """Inside a migration: whether this run upgrades a local cache, which gets the
    business tables only, none of the shared database's own objects."""
    config = op.get_context().config
    return config is not None and config.attributes.get("target") == CACHE


def upgrade_to_head(engine: Engine, target: str = SHARED) -> str:
    """Bring the schema up to this app's version (create it on an empty database).

    ``target`` says which kind of database this is: the shared database also
    gets the sync layer's objects (change stamps, receipts, row security);
    a local cache holds only the business tables.
    """
    check_compatible(engine)
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        cfg.attributes["target"] = target
        command.upgrade(cfg, "head")
    return head_revision()


def downgrade_to(engine: Engine, revision: str, target: str = SHARED) -> None:
    """Take the schema back to ``revision`` (an admin's way back; data rows stay)."""
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        cfg.attributes["target"] = target
        command.downgrade(cfg, revision)


@functools.cache
def accepted_client_revisions() -> frozenset[str]:
    """Schema versions whose outbox entries this app still delivers: every one it knows.

    An operator may upgrade the app (even by several versions) with unsent
    work; server changes are additive, so older entries apply as they are.
    """
    script = ScriptDirectory.from_config(_config())
    return frozenset(rev.revision for rev in script.walk_revisions())
