"""Start the real app on a fresh data folder, many times, under a real X server.

    python scripts/start_check.py [--starts 20] [--timeout 240]
    make start-check

Each start: a new empty data folder, the real ``operator-app`` process on an
Xvfb screen of 1366×768. Every other start goes through the person picker
(Return picks the pre-selected person), the others name the person with
``--operator``. A start passes when the main window appears and the app
still answers Ctrl+Q by exiting with code 0. A start that shows no window
within the time limit is a freeze: the script says so, prints the threads'
stacks when gdb is there, and fails.

Installs Xvfb, xdotool and the CJK fonts with apt-get when they are missing
and it runs as root (as on CI and the developers' machines).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREEN = "1366x768x24"
DISPLAY = ":77"
APT_PACKAGES = [
    "xvfb", "xdotool", "x11-utils", "fonts-noto-cjk", "gdb",
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
    "libxcb-render-util0", "libxkbcommon-x11-0", "libegl1", "libgl1",
]
MAIN_TITLES = ("Operator Desk", "私域工作台")
PICKER_TITLES = ("Who is using this PC?", "谁在使用这台电脑")
MAIN_MIN_WIDTH = 1000
POLL_S = 0.2
QUIT_LIMIT_S = 30
PICKER_RETRY_S = 2.0


@dataclass
class Result:
    start: int
    mode: str
    window_s: float | None = None
    quit_s: float | None = None
    problem: str = ""


def ensure_tools() -> None:
    if shutil.which("Xvfb") and shutil.which("xdotool"):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit("start_check: needs Xvfb and xdotool (apt-get install xvfb xdotool)")
    print("start_check: installing", " ".join(APT_PACKAGES), flush=True)
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *APT_PACKAGES], check=True, env=env)


def xdotool(*args: str) -> str:
    done = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=20)
    return done.stdout.strip()


@dataclass
class Window:
    wid: str
    name: str
    width: int


def windows_of(pid: int) -> list[Window]:
    found = []
    for wid in xdotool("search", "--all", "--onlyvisible", "--pid", str(pid), "--name", "").split():
        name = xdotool("getwindowname", wid)
        geometry = xdotool("getwindowgeometry", "--shell", wid)
        width = next(
            (int(line[6:]) for line in geometry.splitlines() if line.startswith("WIDTH=")), 0
        )
        found.append(Window(wid, name, width))
    return found


def main_window(windows: list[Window]) -> Window | None:
    return next(
        (w for w in windows if w.width >= MAIN_MIN_WIDTH and w.name.startswith(MAIN_TITLES)),
        None,
    )


def press(window: Window, key: str) -> None:
    xdotool("windowfocus", "--sync", window.wid)
    xdotool("key", "--clearmodifiers", key)


def stacks(pid: int) -> str:
    if not shutil.which("gdb"):
        return "(no gdb for stacks)"
    done = subprocess.run(
        ["gdb", "-p", str(pid), "-batch", "-ex", "thread apply all bt 12"],
        capture_output=True, text=True, timeout=120,
    )
    return "\n".join(line for line in done.stdout.splitlines() if line.startswith(("#", "Thread")))


def one_start(number: int, folder: Path, env: dict[str, str], limit: float) -> Result:
    use_picker = number % 2 == 0
    result = Result(number, "picker" if use_picker else "--operator")
    command = [sys.executable, "-m", "operator_app", "--data-dir", str(folder)]
    if not use_picker:
        command += ["--operator", "wangfang"]
    log = (folder.parent / f"start-{number}.log").open("w")
    began = time.monotonic()
    app = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        window = wait_for_window(app, began, limit)
        if window is None:
            alive = app.poll() is None
            result.problem = "froze: no window" if alive else f"exited {app.returncode}"
            if alive:
                print(stacks(app.pid), flush=True)
            return result
        result.window_s = time.monotonic() - began
        quit_began = time.monotonic()
        dismiss_dialogs(app.pid, window)
        press(window, "ctrl+q")
        code = app.wait(timeout=QUIT_LIMIT_S)
        result.quit_s = time.monotonic() - quit_began
        if code != 0:
            result.problem = f"Ctrl+Q ended with code {code}"
    except subprocess.TimeoutExpired:
        result.problem = "does not answer Ctrl+Q"
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        log.close()
    return result


def wait_for_window(app: subprocess.Popen[bytes], began: float, limit: float) -> Window | None:
    pressed_at = 0.0
    while time.monotonic() - began < limit and app.poll() is None:
        windows = windows_of(app.pid)
        found = main_window(windows)
        if found is not None:
            return found
        picker = next((w for w in windows if w.name.startswith(PICKER_TITLES)), None)
        # The list of people loads off the GUI thread: until it has, Return does
        # nothing, so press again now and then while the picker is up.
        if picker is not None and time.monotonic() - pressed_at > PICKER_RETRY_S:
            press(picker, "Return")
            pressed_at = time.monotonic()
        time.sleep(POLL_S)
    return None


def dismiss_dialogs(pid: int, main: Window) -> None:
    """A first-day guide or a notice may sit over the window: Escape closes it."""
    time.sleep(1.0)
    for window in windows_of(pid):
        if window.wid != main.wid:
            press(window, "Escape")


def run(starts: int, limit: float) -> int:
    ensure_tools()
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", SCREEN, "-nolisten", "tcp"])
    time.sleep(1.0)
    os.environ["DISPLAY"] = DISPLAY  # for xdotool
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env |= {"DISPLAY": DISPLAY, "QT_QPA_PLATFORM": "xcb", "LANG": "zh_CN.UTF-8"}
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="start-check-") as tmp:
            for number in range(1, starts + 1):
                result = one_start(number, Path(tmp) / f"data-{number}", env, limit)
                results.append(result)
                print(format_row(result), flush=True)
    finally:
        xvfb.terminate()
        xvfb.wait()
    return summarise(results)


def format_row(r: Result) -> str:
    window = f"{r.window_s:6.1f} s" if r.window_s is not None else "     —"
    quit_ = f"{r.quit_s:5.1f} s" if r.quit_s is not None else "    —"
    return f"start {r.start:2d}  {r.mode:10s}  window {window}  quit {quit_}  {r.problem or 'ok'}"


def summarise(results: list[Result]) -> int:
    failed = [r for r in results if r.problem]
    times = sorted(r.window_s for r in results if r.window_s is not None)
    if times:
        print(
            f"{len(results)} starts, {len(failed)} failed; window after "
            f"min {times[0]:.1f} s, median {times[len(times) // 2]:.1f} s, max {times[-1]:.1f} s"
        )
    return 1 if failed else 0


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--starts", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=240.0, help="seconds to wait for a window")
    return parser.parse_args()


if __name__ == "__main__":
    args = parse()
    sys.exit(run(args.starts, args.timeout))
