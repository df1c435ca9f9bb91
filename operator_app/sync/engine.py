"""One sync cycle: push the outbox, then pull what changed; and the retry schedule.

Pushing first means a pull never has to rebase much: by the time the
server's rows arrive, this PC's edits are already among them. Everything
here is plain functions over two engines, run off the GUI thread by the
UI's sync controller or by ``operator-app sync --once``.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from operator_app.core.progress import TaskState
from operator_app.data import migrate
from operator_app.data.cache import get_meta, set_meta
from operator_app.data.db import describe_url, sqlite_transaction
from operator_app.data.queries import OperatorInfo
from operator_app.data.types import utcnow
from operator_app.errors import DatabaseUnavailable, KnownError, translatable
from operator_app.sync.pull import NeedsFullLoad, PullResult, pull
from operator_app.sync.push import Entry, ServerSchemaMismatch, pending_count, push_batch
from operator_app.sync.snapshot import load_scope

MAX_BATCHES = 200  # per cycle: 100,000 entries, then the next cycle goes on
LAST_SYNC_KEY = "last_sync_at"
FAILURES_KEY = "sync_failures"


@dataclass(frozen=True)
class Rejection:
    """An outbox entry the server refused for good, in words for the operator."""

    mutation_id: uuid.UUID
    what: str  # e.g. "contact_event insert"
    reason: str


@dataclass
class SyncSummary:
    pushed: int = 0
    pulled: int = 0
    rejected: int = 0
    removed_from_scope: int = 0
    pending: int = 0
    seconds: float = 0.0
    full_load: bool = False
    reference_changed: bool = False  # settings, hooks, scripts, stages or tags came in
    rejections: list[Rejection] = field(default_factory=list)
    removed_leads: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    touched_leads: set[uuid.UUID] = field(default_factory=set)

    def as_dict(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed,
            "pulled": self.pulled,
            "rejected": self.rejected,
            "removed_from_scope": self.removed_from_scope,
            "pending": self.pending,
            "seconds": round(self.seconds, 3),
            "full_load": self.full_load,
            "rejections": [
                {"mutation_id": str(r.mutation_id), "what": r.what, "reason": r.reason}
                for r in self.rejections
            ],
            "removed_leads": [name for _, name in self.removed_leads],
        }


def check_server(shared: Engine, person: OperatorInfo) -> None:
    """Refuse to sync with a server this app cannot talk to, saying what to do."""
    current = migrate.check_compatible(shared)  # SchemaTooNew: "install the latest"
    if current != migrate.head_revision():
        # Older than this app: what it writes may not fit yet. Nothing is sent
        # (and so nothing rejected) until the admin upgrades the server.
        raise _server_too_old(current or "none")
    if shared.dialect.name != "postgresql":
        return
    with shared.connect() as conn:
        login, superuser = conn.execute(
            text("SELECT session_user::text, rolsuper FROM pg_roles WHERE rolname = session_user")
        ).one()
    if not superuser and login != person.login:
        raise KnownError(
            translatable("This PC signs in to the database as '{login}' but works as '{person}'."),
            translatable(
                "Use your own database login in the shared URL (postgresql://{person}@…)."
            ),
            login=login,
            person=person.login,
        )


def _server_too_old(current: str) -> KnownError:
    return KnownError(
        translatable("The shared database is too old for sync (schema {current})."),
        translatable("Ask your admin to run: operator-app migrate"),
        current=current,
    )


def sync_once(
    shared: Engine,
    cache: Engine,
    person: OperatorInfo,
    *,
    clock: Callable[[], datetime] = utcnow,
    state: TaskState | None = None,
) -> SyncSummary:
    """Push every pending entry, then pull; raises DatabaseUnavailable when the server is away."""
    started = time.perf_counter()
    summary = SyncSummary()
    try:
        check_server(shared, person)
        _push_all(shared, cache, person, clock, summary)
        _pull(shared, cache, person, clock, summary, state)
    except ServerSchemaMismatch as exc:
        raise _server_too_old(str(exc)) from exc
    except DBAPIError as exc:
        # Lost connections, timeouts, a locked SQLite file: try again later.
        # Anything else is a bug and propagates with its traceback.
        if not (isinstance(exc, OperationalError | InterfaceError) or exc.connection_invalidated):
            raise
        _record_failure(cache)
        raise _unavailable(shared, exc) from exc
    summary.pending = pending_count(cache)
    summary.seconds = time.perf_counter() - started
    _record_success(cache, clock())
    return summary


def _push_all(
    shared: Engine,
    cache: Engine,
    person: OperatorInfo,
    clock: Callable[[], datetime],
    summary: SyncSummary,
) -> None:
    for _ in range(MAX_BATCHES):
        result = push_batch(shared, cache, person, clock())
        summary.pushed += result.pushed
        summary.rejections.extend(_rejection(entry, reason) for entry, reason in result.rejected)
        summary.rejected += len(result.rejected)
        if result.pushed + len(result.rejected) == 0:
            break


def _pull(
    shared: Engine,
    cache: Engine,
    person: OperatorInfo,
    clock: Callable[[], datetime],
    summary: SyncSummary,
    state: TaskState | None,
) -> None:
    try:
        result: PullResult = pull(shared, cache, person, clock())
    except NeedsFullLoad:
        loaded = load_scope(shared, cache, person, state, force=True)
        if loaded.skipped:  # unsent work: never reload over it; next cycle pushes it first
            return
        summary.full_load = True
        summary.reference_changed = True
        summary.pulled = loaded.rows
        return
    summary.pulled = result.pulled
    summary.removed_leads = result.removed
    summary.removed_from_scope = len(result.removed)
    summary.touched_leads = result.touched_leads
    summary.reference_changed = result.reference_changed


def _rejection(entry: Entry, reason: str) -> Rejection:
    return Rejection(entry.mutation_id, f"{entry.table_name} {entry.op}", reason)


def _unavailable(shared: Engine, exc: Exception) -> DatabaseUnavailable:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return DatabaseUnavailable(
        translatable("Cannot reach the shared database at {where}: {reason}"),
        translatable(
            "Check the network and that the server is running; "
            "your work stays in the local cache meanwhile."
        ),
        where=describe_url(shared.url),
        reason=lines[0] if lines else exc.__class__.__name__,
    )


# -- retry schedule --------------------------------------------------------------------
def _record_failure(cache: Engine) -> None:
    with sqlite_transaction(cache, "IMMEDIATE") as conn:
        set_meta(conn, FAILURES_KEY, int(get_meta(conn, FAILURES_KEY, 0)) + 1)


def _record_success(cache: Engine, now: datetime) -> None:
    with sqlite_transaction(cache, "IMMEDIATE") as conn:
        set_meta(conn, FAILURES_KEY, 0)
        set_meta(conn, LAST_SYNC_KEY, now.isoformat())


def last_sync_at(cache: Engine) -> datetime | None:
    with cache.connect() as conn:
        value = get_meta(conn, LAST_SYNC_KEY)
    return datetime.fromisoformat(value) if value else None


def consecutive_failures(cache: Engine) -> int:
    with cache.connect() as conn:
        return int(get_meta(conn, FAILURES_KEY, 0))


def retry_delay(failures: int, base: float = 5.0, cap: float = 300.0) -> timedelta:
    """Exponential backoff with jitter: 5 s, 10 s, 20 s … at most 5 minutes."""
    if failures <= 0:
        return timedelta(seconds=0)
    delay = min(cap, base * 2 ** (failures - 1))
    return timedelta(seconds=delay * random.uniform(0.8, 1.2))
