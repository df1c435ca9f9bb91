"""Child process for test_startup_freeze: start-up, over and over, under load.

Run as ``python -m tests.ui.startup_stress_child DATA_ROOT STARTS HANDOFFS``.
It does, in one process:

* STARTS real first starts (two CPU-bound processes running beside them):
  the real ``StartupFlow`` on a real thread pool,
  on a fresh data folder each time — seed with its progress dialog, close
  it, load the person's workspace with its progress dialog, close it, show
  the window, close the window;
* HANDOFFS bare hand-offs (two threads of ours spinning beside them) of the
  same shape (progress dialog whose cancel
  reaches a job's ``TaskState``, job on the pool, dialog closed when the job
  is done), which hit the race far more often per second.

A freeze shows as this process never printing ``done``; the parent's
timeout turns it into a failure instead of a hung CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QProgressDialog  # noqa: E402

from operator_app.config import load_config  # noqa: E402
from operator_app.core.progress import TaskState  # noqa: E402
from operator_app.data.queries import find_operator  # noqa: E402
from operator_app.data.seed import seed_demo  # noqa: E402
from operator_app.ui import startup  # noqa: E402
from operator_app.ui.errors import ErrorReporter  # noqa: E402
from operator_app.ui.runner import ThreadRunner  # noqa: E402

SMALL_TEAM = {"leads": 30, "days": 5}
PERSON = "wangfang"


def _small_seed(engine, login, state):  # type: ignore[no-untyped-def]
    # The real seeding code, a small team: the race is in the hand-off, not the size.
    seed_demo(engine, state=state, **SMALL_TEAM)
    return find_operator(engine, login) if login else None


def _spin(stop: threading.Event) -> None:
    x = 0
    while not stop.is_set():
        x += 1


def one_start(app: QApplication, runner: ThreadRunner, folder: Path) -> float:
    """One real first start; returns seconds until the window was loaded."""
    config = load_config(folder, shared_url="", operator=PERSON)
    flow = startup.StartupFlow(config, startup.StartOptions(), runner, ErrorReporter())
    loop = QEventLoop()
    began = time.monotonic()
    loaded_at: list[float] = []
    codes: list[int] = []

    def on_finished(code: int) -> None:
        codes.append(code)
        loop.quit()

    def watch_window() -> None:
        window = flow.window
        if window is None:
            QTimer.singleShot(10, watch_window)
            return
        window.loaded.connect(lambda: (loaded_at.append(time.monotonic()), window.close()))

    flow.finished.connect(on_finished)
    flow.start()
    watch_window()
    loop.exec()
    runner.wait_for_done()
    flow.shutdown()
    app.processEvents()
    if codes != [0] or not loaded_at:
        raise SystemExit(f"start in {folder} ended with {codes}, window loaded: {bool(loaded_at)}")
    return loaded_at[0] - began


def handoffs(app: QApplication, runner: ThreadRunner, count: int) -> None:
    loop = QEventLoop()
    done = [0]

    def one() -> None:
        state = TaskState()
        dialog = QProgressDialog("…", "Cancel", 0, 100)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(state.cancel)  # the connection that used to freeze
        dialog.setValue(0)

        def op() -> int:
            state.check()
            return sum(range(500))

        def finished(_result: object) -> None:
            dialog.close()
            dialog.deleteLater()
            done[0] += 1
            if done[0] >= count:
                loop.quit()
            else:
                QTimer.singleShot(0, one)

        runner.run_op(op, finished, lambda exc: loop.exit(1))

    QTimer.singleShot(0, one)
    if loop.exec() != 0:
        raise SystemExit("a hand-off failed")


def main(root: Path, starts: int, count: int) -> None:
    startup.seed_and_find = _small_seed  # type: ignore[assignment]
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    runner = ThreadRunner()
    # Real starts under load from other processes (the cores busy, as on an
    # office PC), not from threads of ours: those would make every GIL hand-off
    # of the start-up's database work wait its turn and time nothing real.
    hogs = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)
    ]
    try:
        for i in range(starts):
            seconds = one_start(app, runner, root / f"start-{i}")
            print(f"start {i + 1}: window in {seconds:.2f} s", flush=True)
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    # The hand-offs with threads spinning beside them: GIL pressure is what
    # brings the two threads of the old deadlock together within seconds.
    # A short switch interval: the GUI thread takes the GIL for every Python
    # override Qt calls, and would wait 5 ms each time behind the spinners.
    sys.setswitchinterval(0.0002)
    stop = threading.Event()
    spinners = [threading.Thread(target=_spin, args=(stop,), daemon=True) for _ in range(2)]
    for spinner in spinners:
        spinner.start()
    try:
        handoffs(app, runner, count)
        print(f"hand-offs: {count}", flush=True)
    finally:
        stop.set()
    print("done", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
