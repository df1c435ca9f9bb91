"""The status bar: shared-database connection, the person signed in, sync state;
and the notice bar for things the user should know without being stopped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStatusBar, QWidget

from operator_app.context import AppContext
from operator_app.data.db import describe_url
from operator_app.errors import KnownError
from operator_app.ui import phrases
from operator_app.ui.i18n import known_error_parts
from operator_app.ui.labels import role_label
from operator_app.ui.sync_controller import SyncPhase, SyncState

REASON_MAX_PX = 640  # keeps the offline reason from pushing the other labels away
OFFLINE_REASON_MAX_PX = 420  # narrower while sync also says offline beside it


@dataclass(frozen=True)
class Connection:
    """What the connection label shows; ``state`` is a style hook (online/offline/local)."""

    state: str
    text: str
    tooltip: str
    max_px: int = REASON_MAX_PX


class ShellStatusBar(QStatusBar):
    """Permanent labels, left to right: demo marker, connection, one-PC note, person, sync."""

    def __init__(self, ctx: AppContext, *, demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.demo_label = _label("demoBadge")
        self.connection_label = _label("connectionLabel")
        self.note_label = _label("onePcNote")
        self.operator_label = _label("operatorLabel")
        self.sync_label = _label("syncLabel")
        if demo:
            self.demo_label.setText(self.tr("Demo data"))
            self.demo_label.setToolTip(
                self.tr("This is a made-up demo team: none of these customers are real.")
            )
            self.addWidget(self.demo_label)
        for label in (
            self.connection_label,
            self.note_label,
            self.operator_label,
            self.sync_label,
        ):
            self.addPermanentWidget(label)
        self.show_connection(self.describe_connection(ctx))
        self._show_one_pc_note(ctx)
        self.show_operator(ctx)
        self.show_sync_off()

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

    def _offline(self, err: KnownError | None, max_px: int = REASON_MAX_PX) -> Connection:
        if err is None:
            return Connection("offline", self.tr("Shared database: offline"), "")
        message, hint = known_error_parts(err)
        text = self.tr("Shared database: offline — {reason}").format(reason=message)
        return Connection("offline", text, f"{message}\n{hint}".strip(), max_px)

    def _one_pc(self) -> str:
        return self.tr(
            "A shared SQLite file serves one PC only. For a team working together, ask your "
            "admin to set up a PostgreSQL shared database."
        )

    def _show_one_pc_note(self, ctx: AppContext) -> None:
        """SQLite shares nothing safely between PCs and knows no one: say so, visibly."""
        sqlite = ctx.config.effective_shared_url.startswith("sqlite")
        self.note_label.setVisible(sqlite)
        if not sqlite:
            return
        self.note_label.setText(self.tr("This PC only · no per-person security"))
        self.note_label.setToolTip(
            self._one_pc()
            + "\n"
            + self.tr(
                "It has no per-person security: whoever uses this PC can see every customer "
                "in it."
            )
        )

    def show_connection(self, conn: Connection) -> None:
        label = self.connection_label
        label.setProperty("state", conn.state)
        label.setText(
            label.fontMetrics().elidedText(conn.text, Qt.TextElideMode.ElideMiddle, conn.max_px)
        )
        label.setToolTip(conn.tooltip)
        label.setAccessibleName(conn.text)
        _restyle(label)

    # -- sync ---------------------------------------------------------------------------

    def show_sync_off(self) -> None:
        """No sync in this session: nobody's customers are on this PC yet."""
        self.sync_label.setProperty("state", "off")
        self.sync_label.setText(self.tr("Sync: off"))
        self.sync_label.setToolTip(
            self.tr("Sync starts once your customers are on this PC (choose who you are).")
        )

    def show_sync(self, state: SyncState, ctx: AppContext, shortcut: str = "") -> None:
        """The sync label, and the connection label when sync learnt the server's state."""
        text = self._sync_text(state)
        tips = [self._sync_detail(state)]
        if shortcut:
            tips.append(self.tr("Sync now: {keys}").format(keys=shortcut))
        label = self.sync_label
        label.setProperty("state", state.phase.value)
        label.setText(text)
        label.setToolTip("\n".join(t for t in tips if t))
        label.setAccessibleName(text)
        _restyle(label)
        if state.phase == SyncPhase.OFFLINE and isinstance(state.error, KnownError):
            self.show_connection(self._offline(state.error, OFFLINE_REASON_MAX_PX))
        elif state.phase == SyncPhase.ONLINE:
            self.show_connection(self.describe_connection(ctx))

    def _sync_text(self, state: SyncState) -> str:
        phase, n = state.phase, state.pending
        if phase == SyncPhase.STARTING:
            return self.tr("Sync: starting…")
        if phase == SyncPhase.SYNCING:
            return self.tr("Syncing…")
        if phase == SyncPhase.ONLINE:
            when = _when(state.last_sync)
            if n:
                return self.tr("Synced {time} · %n waiting", "", n).format(time=when)
            return self.tr("Synced {time}").format(time=when)
        if phase == SyncPhase.OFFLINE:
            return self.tr("Offline — %n waiting to sync", "", n)
        if phase == SyncPhase.STOPPED:
            return self.tr("Sync paused — %n waiting", "", n)
        return self.tr("Sync failed — %n waiting", "", n)

    def _sync_detail(self, state: SyncState) -> str:
        lines: list[str] = []
        err = state.error
        if state.phase in (SyncPhase.OFFLINE, SyncPhase.STOPPED) and isinstance(err, KnownError):
            message, hint = known_error_parts(err)
            lines += [message, hint]
        elif state.phase == SyncPhase.FAILED:
            lines.append(
                self.tr(
                    "Sync stopped on an error inside Operator Desk (a bug); the details are in "
                    "the log. Your work stays on this PC."
                )
            )
        if state.last_sync is not None:
            lines.append(
                self.tr("Last synced: {when}").format(when=phrases.full_date_time(state.last_sync))
            )
        else:
            lines.append(self.tr("Not synced yet."))
        if state.pending and state.phase != SyncPhase.SYNCING:
            lines.append(
                self.tr(
                    "%n record(s) of your work wait on this PC; they are sent when the shared "
                    "database can be reached.",
                    "",
                    state.pending,
                )
            )
        if state.next_try is not None and state.phase != SyncPhase.ONLINE:
            lines.append(self.tr("Next try: {time}").format(time=phrases.clock(state.next_try)))
        elif state.phase == SyncPhase.ONLINE:
            lines.append(
                self.tr(
                    "Your work is sent and your colleagues' changes are fetched every minute, "
                    "and a few seconds after each change you make."
                )
            )
        return "\n".join(line for line in lines if line)

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


def _restyle(widget: QWidget) -> None:
    """A changed ``state`` property takes effect in the style sheet only when re-polished."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def _when(at: datetime | None) -> str:
    """HH:MM today, else the date too."""
    if at is None:
        return "—"
    if phrases.local(at).date() == phrases.local(datetime.now(at.tzinfo)).date():
        return phrases.clock(at)
    return phrases.date_time(at)


class NoticeBar(QFrame):
    """A strip above the pages for news that needs no answer: it never blocks work.

    Each ``kind`` keeps its latest notice; the close button dismisses them all.
    """

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._notices: dict[str, str] = {}
        self.text_label = QLabel()
        self.text_label.setObjectName("noticeText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton(self.tr("Dismiss"))
        self.close_button.setObjectName("noticeDismiss")
        self.close_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 8, 6)
        row.addWidget(self.text_label, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_notice(self, kind: str, text: str, tooltip: str = "") -> None:
        self._notices.pop(kind, None)
        self._notices[kind] = text  # the newest last
        self.text_label.setText("\n".join(self._notices.values()))
        self.text_label.setToolTip(tooltip)
        self.setAccessibleDescription(self.text_label.text())
        self.show()

    def texts(self) -> list[str]:
        return list(self._notices.values())

    @Slot()
    def dismiss(self) -> None:
        self._notices.clear()
        self.text_label.clear()
        self.hide()
        self.dismissed.emit()


def names_phrase(names: list[str], limit: int = 5) -> str:
    """张三、李四、王五…: the first few names, then an ellipsis."""
    shown = phrases.join_list(names[:limit])
    return shown + "…" if len(names) > limit else shown
