"""The status bar: shared-database connection, the person signed in, sync state."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from operator_app.context import AppContext
from operator_app.data.db import describe_url
from operator_app.errors import KnownError
from operator_app.ui.i18n import known_error_parts
from operator_app.ui.labels import role_label

REASON_MAX_PX = 640  # keeps the offline reason from pushing the other labels away


@dataclass(frozen=True)
class Connection:
    """What the connection label shows; ``state`` is a style hook (online/offline/local)."""

    state: str
    text: str
    tooltip: str


class ShellStatusBar(QStatusBar):
    """Permanent labels, left to right: demo marker, connection, person, sync."""

    def __init__(self, ctx: AppContext, *, demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.demo_label = _label("demoBadge")
        self.connection_label = _label("connectionLabel")
        self.operator_label = _label("operatorLabel")
        self.sync_label = _label("syncLabel")
        if demo:
            self.demo_label.setText(self.tr("Demo data"))
            self.demo_label.setToolTip(
                self.tr("This is a made-up demo team: none of these customers are real.")
            )
            self.addWidget(self.demo_label)
        for label in (self.connection_label, self.operator_label, self.sync_label):
            self.addPermanentWidget(label)
        self.show_connection(self.describe_connection(ctx))
        self.show_operator(ctx)
        self.sync_label.setText(self.tr("Sync: not available yet"))
        self.sync_label.setToolTip(
            self.tr(
                "Syncing this PC's local cache with the shared database arrives in a later version."
            )
        )

    def describe_connection(self, ctx: AppContext) -> Connection:
        if ctx.shared_error is not None or ctx.shared_engine is None:
            return self._offline(ctx.shared_error)
        if ctx.config.is_embedded:
            text = self.tr("Shared database: built-in (this PC)")
            return Connection("local", text, self._one_pc())
        where = describe_url(ctx.shared_engine.url)
        if ctx.shared_engine.url.get_backend_name() == "sqlite":
            text = self.tr("Shared database: online (SQLite file)")
            return Connection("online", text, where + "\n" + self._one_pc())
        return Connection("online", self.tr("Shared database: online"), where)

    def _offline(self, err: KnownError | None) -> Connection:
        if err is None:
            return Connection("offline", self.tr("Shared database: offline"), "")
        message, hint = known_error_parts(err)
        text = self.tr("Shared database: offline — {reason}").format(reason=message)
        return Connection("offline", text, f"{message}\n{hint}".strip())

    def _one_pc(self) -> str:
        return self.tr(
            "A shared SQLite file serves one PC only. For a team working together, ask your "
            "admin to set up a PostgreSQL shared database."
        )

    def show_connection(self, conn: Connection) -> None:
        label = self.connection_label
        label.setProperty("state", conn.state)
        label.setText(
            label.fontMetrics().elidedText(conn.text, Qt.TextElideMode.ElideMiddle, REASON_MAX_PX)
        )
        label.setToolTip(conn.tooltip)
        label.setAccessibleName(conn.text)

    def show_operator(self, ctx: AppContext) -> None:
        info = ctx.operator
        if info is not None:
            text = self.tr("Signed in: {name} ({role})").format(
                name=info.name, role=role_label(info.role)
            )
            self.operator_label.setToolTip(info.login)
        elif ctx.config.operator_login:
            text = self.tr("Signed in: {login}").format(login=ctx.config.operator_login)
        else:
            text = self.tr("Signed in: nobody")
        self.operator_label.setText(text)


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    return label
