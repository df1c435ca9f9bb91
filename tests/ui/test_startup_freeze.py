"""First starts never freeze: the real start-up, many times in one process, under load.

The freeze was a lock-order deadlock between the GUI thread closing a
progress dialog and a pool thread destroying the job's ``TaskState`` (whose
method the dialog's ``canceled`` was connected to). It needs the two threads
to meet within microseconds, so one start rarely shows it; hundreds of
hand-offs with the CPU busy show it within seconds on the old runner. The
child runs in its own process so a freeze fails this test instead of
hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STARTS = 6
HANDOFFS = 1500
# Far above a healthy run (about 1 s a start and 20 s of hand-offs on two busy
# cores); only a freeze gets near it.
LIMIT_S = 300


def test_repeated_first_starts_and_handoffs_under_load_never_freeze(tmp_path: Path) -> None:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    try:
        child = subprocess.run(
            [sys.executable, "-m", "tests.ui.startup_stress_child", str(tmp_path),
             str(STARTS), str(HANDOFFS)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=LIMIT_S,
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        raise AssertionError(f"start-up froze; progress so far:\n{out}") from None

    lines = child.stdout.splitlines()
    assert child.returncode == 0, child.stderr[-2000:]
    assert [line.split(":")[0] for line in lines] == [
        *(f"start {i}" for i in range(1, STARTS + 1)),
        "hand-offs",
        "done",
    ]
