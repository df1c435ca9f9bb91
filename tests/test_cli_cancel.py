"""Ctrl+C during an import: one line, exit code 130, nothing written (a real subprocess)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.test_cli import run_cli

ROWS = 200_000  # the write takes seconds: long enough to be interrupted in the middle


def _lead_file(path: Path) -> None:
    lines = [f"客户{i},139{i:08d}" for i in range(ROWS)]
    path.write_text("客户名称,手机号\n" + "\n".join(lines) + "\n", encoding="utf-8")


def _wait_for_the_write(wal: Path, proc: subprocess.Popen[str]) -> None:
    """Until the import's transaction has pages in the shared database's WAL.

    A deadline only guards against a hang; nothing is asserted on speed.
    """
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 0:
            return
        time.sleep(0.01)
    raise AssertionError(f"the import never started writing (exit code {proc.poll()})")


def test_ctrl_c_mid_import_ends_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_cli("seed-demo", "--leads", "10", data_dir=data).returncode == 0
    source = tmp_path / "big.csv"
    _lead_file(source)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "operator_app",
            "--data-dir",
            str(data),
            "import-leads",
            str(source),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        _wait_for_the_write(data / "shared.sqlite3-wal", proc)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=240)
    finally:
        if proc.poll() is None:
            proc.kill()

    assert proc.returncode == 130, stderr
    assert stderr == "operator-app: cancelled; nothing was written\n"
    assert stdout == ""
    status = json.loads(run_cli("status", data_dir=data).stdout)
    assert status["counts"]["leads"] == 10  # the demo's, and not one of the file's
