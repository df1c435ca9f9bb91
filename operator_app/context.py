"""Opening the databases an app session works with (no Qt here).

The local cache is always available: it is this PC's own file. The shared
database may be down or unconfigured; the app still opens and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from operator_app.config import AppConfig
from operator_app.core.progress import TaskState
from operator_app.data import migrate
from operator_app.data.cache import prepare_cache
from operator_app.data.db import check_connection, make_engine
from operator_app.data.queries import OperatorInfo, find_operator, list_operators
from operator_app.data.workspace import Workspace
from operator_app.errors import KnownError, translatable
from operator_app.sync.engine import sync_once
from operator_app.sync.snapshot import LoadSummary, load_scope, loaded_person


@dataclass
class AppContext:
    config: AppConfig
    cache_engine: Engine
    shared_engine: Engine | None = None
    shared_error: KnownError | None = None
    operator: OperatorInfo | None = None
    # The full load prepare_workspace did on first use, until a caller reports it
    # (``operator-app sync --once`` counts it as that cycle's pull).
    first_load: LoadSummary | None = None

    @property
    def shared_online(self) -> bool:
        return self.shared_engine is not None and self.shared_error is None

    def dispose(self) -> None:
        self.cache_engine.dispose()
        if self.shared_engine is not None:
            self.shared_engine.dispose()


def open_shared(config: AppConfig, *, upgrade: bool) -> Engine:
    """Connect to the shared database and make sure this app can use its schema.

    ``upgrade`` creates or upgrades the schema (embedded default, admins,
    seeding); otherwise a database without our schema is a clear error.
    """
    engine = make_engine(config.effective_shared_url)
    try:
        check_connection(engine)
        if upgrade:
            migrate.upgrade_to_head(engine)
        elif migrate.check_compatible(engine) is None:
            raise KnownError(
                translatable("The shared database has no Operator Desk tables yet."),
                translatable("Ask your admin to run: operator-app migrate"),
            )
    except BaseException:
        engine.dispose()
        raise
    return engine


def unknown_login(login: str) -> KnownError:
    return KnownError(
        translatable("Nobody with the login '{login}' is in the team's database."),
        translatable("Check the spelling, or ask your team lead for your login."),
        login=login,
    )


def signed_in_person(engine: Engine, login: str) -> OperatorInfo | None:
    """The person ``login`` names; None without a login (an admin at the server).

    A login nobody has is an error on every backend: taken as "nobody", it
    would act with an admin's reach (import, a whole team's report).
    """
    if not login:
        return None
    person = find_operator(engine, login)
    if person is None:
        raise unknown_login(login)
    return person


def require_known_operator(ctx: AppContext) -> None:
    """Refuse a context whose configured login matched nobody.

    Offline, a login the cache does not know may still be someone's: then the
    truth is that the shared database cannot be reached.
    """
    if not ctx.config.operator_login or ctx.operator is not None:
        return
    if ctx.shared_error is not None:
        raise ctx.shared_error
    raise unknown_login(ctx.config.operator_login)


def open_context(config: AppConfig) -> AppContext:
    """Open the cache (always) and the shared database (when reachable)."""
    cache = make_engine(config.cache_url)
    prepare_cache(cache)
    ctx = AppContext(config=config, cache_engine=cache)
    try:
        ctx.shared_engine = open_shared(config, upgrade=config.is_embedded)
    except KnownError as err:
        ctx.shared_error = err
    if config.operator_login:
        # Offline, the cache still knows the people of the team it was loaded for.
        source = ctx.shared_engine if ctx.shared_online else cache
        assert source is not None
        ctx.operator = find_operator(source, config.operator_login)
    return ctx


def prepare_workspace(ctx: AppContext, state: TaskState | None = None) -> Workspace:
    """The signed-in person's workspace, their data loaded into the cache on first use.

    Works offline once loaded. Suggestions are computed here only the first
    time; afterwards the window shows the stored queue at once and calls
    ``Workspace.refresh_if_stale`` in the background (a 100k-lead recompute
    takes seconds).
    """
    person = ctx.operator
    if person is None and ctx.config.operator_login:
        require_known_operator(ctx)
    if person is None:
        raise KnownError(
            translatable("No one is signed in on this PC."),
            translatable("Choose who you are with --operator LOGIN (or in the app)."),
        )
    if loaded_person(ctx.cache_engine) != person.id:
        if not ctx.shared_online or ctx.shared_engine is None:
            raise KnownError(
                translatable(
                    "This PC has no data for {login} yet and the shared database is offline."
                ),
                translatable("Connect to the network and start again."),
                login=person.login,
            )
        _send_previous_persons_work(ctx)
        loaded = load_scope(ctx.shared_engine, ctx.cache_engine, person, state)
        if not loaded.skipped:
            ctx.first_load = loaded
        if loaded_person(ctx.cache_engine) != person.id:
            raise KnownError(
                translatable("This PC's cache holds work of another person not yet sent."),
                translatable(
                    "Sign in once as that person while the shared database is reachable, so "
                    "their work is sent; or give {login} a data folder of their own (--data-dir)."
                ),
                login=person.login,
            )
    workspace = Workspace(ctx.cache_engine, person, ctx.config.device_id)
    if workspace.suggestions_computed_at() is None:
        workspace.refresh_suggestions(state=state)
    return workspace


def _send_previous_persons_work(ctx: AppContext) -> None:
    """Before the cache changes hands, deliver what its previous person logged.

    Best effort: on PostgreSQL only that person's own login may send it; when
    this cannot happen now, the caller refuses to switch and says why.
    """
    previous_id = loaded_person(ctx.cache_engine)
    if previous_id is None or ctx.shared_engine is None:
        return
    previous = next(
        (p for p in list_operators(ctx.cache_engine, include_inactive=True) if p.id == previous_id),
        None,
    )
    if previous is None:
        return
    try:
        sync_once(ctx.shared_engine, ctx.cache_engine, previous)
    except KnownError:
        return
