"""Start-up of the desktop app: Qt application, language, look, configuration, window.

The steps that touch a database run in :class:`operator_app.ui.startup.StartupFlow`,
off the GUI thread. This module only sets up and tears down the Qt side,
so the same process (and the tests' shared QApplication) is left as found.
"""

from __future__ import annotations

import configparser
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from operator_app import __version__
from operator_app.config import (
    SETTINGS_FILE,
    AppConfig,
    SettingsStore,
    load_config,
    remember_choices,
)
from operator_app.errors import KnownError
from operator_app.paths import APP_NAME, default_data_dir, resources_dir
from operator_app.ui import save_dialog
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.i18n import install_translators
from operator_app.ui.runner import ThreadRunner
from operator_app.ui.startup import (
    EXIT_KNOWN_ERROR,
    StartOptions,
    StartupFlow,
    wipe_demo_databases,
)
from operator_app.ui.theme import apply_fonts, load_style_sheet

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"
DEMO_FOLDER = "demo"
LOG_FILE = "operator-desk.log"
LOG_BYTES, LOG_BACKUPS = 1_000_000, 3


def run_app(
    *,
    data_dir: Path | None,
    shared_url: str | None,
    operator: str | None,
    demo: bool,
    screenshot: Path | None,
    page: str,
) -> int:
    """Run the window until it closes (or, with ``screenshot``, until the PNG is saved).

    Returns the process exit code: 0 ok, 1 failed, 2 a KnownError at start.
    """
    if not _display_available():
        if screenshot is None:
            print(
                "operator-app: no display found (DISPLAY / WAYLAND_DISPLAY are not set).\n"
                "Start it from a desktop session, or render a picture with --screenshot.",
                file=sys.stderr,
            )
            return EXIT_KNOWN_ERROR
        # A screenshot needs no screen: render offscreen rather than abort in Qt.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = _application()
    folder = (data_dir or default_data_dir()).expanduser()
    reporter = ErrorReporter(interactive=screenshot is None)
    stack = ExitStack()
    try:
        stack.enter_context(_qt_look(app, _language(folder)))
        stack.enter_context(_bug_hook(reporter))
        if demo:
            folder, shared_url = folder / DEMO_FOLDER, ""  # the demo is always embedded
        try:
            config = _load(folder, shared_url, operator, demo)
        except KnownError as err:
            reporter.report(err)
            return EXIT_KNOWN_ERROR
        reporter.log_file = stack.enter_context(_log_file(config.data_dir / LOG_FILE))
        stack.enter_context(save_dialog.remembered_in(config.data_dir / SETTINGS_FILE))
        flow = StartupFlow(
            config,
            StartOptions(demo=demo, screenshot=screenshot, page=page),
            ThreadRunner(on_bug=reporter.report),
            reporter,
        )
        return _run_flow(app, flow)
    finally:
        stack.close()


def _display_available() -> bool:
    """False on a Linux box with no screen, where Qt would abort the process."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing  # tests share one QApplication
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    # Window and taskbar icon; a missing file leaves Qt's default, never fails.
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "operator-desk.png")))
    app.setDesktopFileName("operator-desk")  # Wayland: the .deb's desktop entry
    return app


def _language(folder: Path) -> str:
    """The language setting, read before anything can fail so errors show translated."""
    try:
        return SettingsStore(folder / SETTINGS_FILE).get("language") or DEFAULT_LANGUAGE
    except (OSError, configparser.Error) as exc:
        log.warning("settings unreadable, using %s: %s", DEFAULT_LANGUAGE, exc)
        return DEFAULT_LANGUAGE


def _load(folder: Path, shared_url: str | None, operator: str | None, demo: bool) -> AppConfig:
    config = load_config(folder, shared_url, operator)
    if demo:
        wipe_demo_databases(config.data_dir)
    else:
        # The shared URL is remembered (README); --operator is for this start only:
        # the remembered person changes in the picker (文件 → 切换人员).
        remember_choices(config, shared_url)
    return config


def _run_flow(app: QApplication, flow: StartupFlow) -> int:
    runner = flow.runner
    flow.finished.connect(app.exit)
    # Windows open and close during start-up (progress, picker); the flow,
    # not the last closed window, decides when the app ends.
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    try:
        flow.start()
        code = app.exec() if flow.exit_code is None else flow.exit_code
        return flow.exit_code if flow.exit_code is not None else code
    finally:
        if isinstance(runner, ThreadRunner):
            runner.wait_for_done()
            runner.discard_pending()
        flow.shutdown()
        app.setQuitOnLastWindowClosed(quit_on_close)


@contextmanager
def _qt_look(app: QApplication, language: str) -> Iterator[None]:
    """Translation, fonts and style sheet; restored afterwards."""
    old_font, old_sheet, old_locale = app.font(), app.styleSheet(), QLocale()
    translators = install_translators(app, language)
    apply_fonts(app)
    app.setStyleSheet(load_style_sheet())
    try:
        yield
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
        app.setStyleSheet(old_sheet)
        app.setFont(old_font)
        QLocale.setDefault(old_locale)


@contextmanager
def _bug_hook(reporter: ErrorReporter) -> Iterator[None]:
    """An exception escaping a slot is a bug: report it, keep the app running."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        reporter.report(exc.with_traceback(tb))

    sys.excepthook = hook
    try:
        yield
    finally:
        sys.excepthook = previous


@contextmanager
def _log_file(path: Path) -> Iterator[Path | None]:
    """Warnings and bugs also go to a file in the data folder, for the admin."""
    try:
        handler = RotatingFileHandler(
            path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
        )
    except OSError as exc:
        log.warning("no log file at %s: %s", path, exc)
        yield None
        return
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        handler.close()
