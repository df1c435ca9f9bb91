"""Silent install and uninstall of the Windows installer under 64-bit wine.

Used by scripts/package_check.py (--installer); on its own:
    .venv/bin/python scripts/package_wine.py build/dist/OperatorDesk-setup-0.1.0.exe

Checks what the NSIS script promises: per-user files under
%LOCALAPPDATA%\\Programs\\OperatorDesk, the Start-menu shortcut, the uninstall
key under HKCU, a clean removal that keeps the user's data folder, and
/DELETEDATA removing it. Needs `wine64` (Debian: apt-get install wine64); says
it skipped when it is missing. The app itself is not started (the bundle
built here is the Linux one).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\OperatorDesk"
Ok = Callable[[bool, str, object], bool]


def wine() -> str | None:
    # Debian's wine64 package puts its loader outside PATH without the `wine` package.
    for candidate in ("wine64", "wine", "/usr/lib/wine/wine64"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


def _run(prefix: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all",
           "WINEDLLOVERRIDES": "mscoree,mshtml=", "DISPLAY": ""}
    return subprocess.run([wine() or "wine64", *args], capture_output=True, text=True,
                          env=env, timeout=timeout, check=False)


def _wait_gone(path: Path, seconds: int = 120) -> bool:
    """The NSIS uninstaller copies itself away and returns at once: wait for it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not path.exists():
            return True
        time.sleep(1)
    return False


def check_installer(ok: Ok, installer: Path) -> None:
    if not wine():
        print("skip Windows installer under wine: wine64 not installed (apt-get install wine64)")
        return
    prefix = Path(tempfile.mkdtemp(prefix="package-wine-"))
    try:
        _check(ok, installer, prefix)
    finally:
        _run(prefix, "wineboot", "--shutdown", timeout=60)
        shutil.rmtree(prefix, ignore_errors=True)


def _check(ok: Ok, installer: Path, prefix: Path) -> None:
    _run(prefix, "wineboot", "--init")
    users = prefix / "drive_c" / "users"
    homes = [p for p in users.iterdir() if p.name != "Public"] if users.is_dir() else []
    home = homes[0] if homes else None
    if not ok(home is not None, "wine prefix created", users):
        return
    assert home is not None
    local = home / "AppData" / "Local"
    app = local / "Programs" / "OperatorDesk"
    programs = home / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    data = local / "OperatorDesk" / "OperatorDesk"

    began = time.perf_counter()
    result = _run(prefix, str(installer), "/S")
    ok(result.returncode == 0 and (app / "uninstall.exe").is_file()
       and (app / "_internal").is_dir(),
       f"silent install into %LOCALAPPDATA%\\Programs\\OperatorDesk "
       f"({time.perf_counter() - began:.0f} s)", result.stderr[-300:])
    shortcuts = sorted(p.name for p in programs.glob("*.lnk")) if programs.is_dir() else []
    ok(bool(shortcuts), f"Start-menu shortcut {shortcuts}", "none")
    key = _run(prefix, "reg", "query", KEY)
    ok(key.returncode == 0 and "UninstallString" in key.stdout, "uninstall key under HKCU",
       key.stdout[-300:] + key.stderr[-300:])

    data.mkdir(parents=True, exist_ok=True)
    (data / "cache.sqlite3").write_bytes(b"unsent work")
    _run(prefix, str(app / "uninstall.exe"), "/S")
    ok(_wait_gone(app), "silent uninstall removes the program folder",
       sorted(p.name for p in app.iterdir()) if app.exists() else "")
    key = _run(prefix, "reg", "query", KEY)
    ok(key.returncode != 0, "uninstall key removed", key.stdout[-300:])
    ok(not any(programs.glob("*.lnk")), "shortcut removed", list(programs.glob("*.lnk")))
    ok((data / "cache.sqlite3").is_file(), "data folder kept by default", "deleted")

    _run(prefix, str(installer), "/S")
    _run(prefix, str(app / "uninstall.exe"), "/S", "/DELETEDATA")
    ok(_wait_gone(data), "uninstall /DELETEDATA removes the data folder", "still there")


def main() -> int:
    failures: list[str] = []

    def ok(condition: bool, what: str, seen: object = "") -> bool:
        print(f"{'ok  ' if condition else 'FAIL'} {what}" + ("" if condition else f": {seen}"))
        if not condition:
            failures.append(what)
        return condition

    check_installer(ok, Path(sys.argv[1]).resolve())
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
