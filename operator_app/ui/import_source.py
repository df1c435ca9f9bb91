"""Where the import page writes to and who imports: asked at each step, as the
connection to the shared database may come and go while the app runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from operator_app.context import AppContext
from operator_app.data.queries import OperatorInfo
from operator_app.data.types import utcnow
from operator_app.ui.i18n import known_error_text
from operator_app.ui.import_flow import Target


@dataclass(frozen=True)
class ImportSource:
    """Where imports go (the shared database, None offline) and who imports."""

    engine: Callable[[], Engine | None]
    person: OperatorInfo
    offline_reason: Callable[[], str] = lambda: ""  # noqa: E731
    clock: Callable[[], datetime] = utcnow

    @classmethod
    def from_context(cls, ctx: AppContext, person: OperatorInfo) -> ImportSource:
        """Asked at each step: the connection may come back while the app runs."""
        return cls(
            lambda: ctx.shared_engine if ctx.shared_online else None,
            person,
            lambda: known_error_text(ctx.shared_error) if ctx.shared_error else "",
        )

    def target(self) -> Target | None:
        engine = self.engine()
        return None if engine is None else Target(engine, self.person.team_id, self.person.id)
