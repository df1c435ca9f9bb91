"""Wrap the PyInstaller bundle into a Debian package (`make package` runs it).

    .venv/bin/python scripts/package_deb.py [--dist build/dist/OperatorDesk] [--out build/dist]

The bundle goes to /opt/operator-desk (it is self-contained, with its own
Python and Qt); /usr/bin/operator-desk (the window) and /usr/bin/operator-app
(the commands) are relative links into it, so the package also runs when
unpacked into a temporary root. A desktop entry and the icon make it show in
the desktop's menu and taskbar. Depends: lists the Debian packages of the
system libraries the bundle links to but does not ship (found with readelf
and dpkg on the build machine). The user's data stays in ~/.local/share.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "operator-desk"
INSTALL_DIR = Path("opt") / PACKAGE
DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Name=Operator Desk
Name[zh_CN]=私域工作台
GenericName=Operator workspace
GenericName[zh_CN]=私域运营工作台
Comment=Today's follow-ups, leads and scripts for private-domain operators
Comment[zh_CN]=私域运营的今日跟进、线索与话术
Exec=operator-desk
Icon=operator-desk
Terminal=false
Categories=Office;
StartupWMClass=OperatorDesk
"""
# Always there on a desktop; never worth naming.
IMPLIED = {"libc6", "libgcc-s1", "libstdc++6"}
# Needed by Qt's Wayland plugins; a build machine without a desktop may lack them.
KNOWN_SONAMES = {
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libwayland-client.so.0": "libwayland-client0",
}


def version() -> str:
    text = (ROOT / "operator_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not match:
        raise SystemExit("no __version__ in operator_app/__init__.py")
    return match.group(1)


def elf_files(folder: Path) -> Iterable[Path]:
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    yield path


def needed_sonames(path: Path) -> set[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True,
                         check=False).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out))


def system_packages(bundle: Path) -> list[str]:
    """Debian packages of the libraries the bundle needs and does not carry."""
    files = list(elf_files(bundle))
    shipped = {p.name for p in bundle.rglob("*")}
    missing: set[str] = set()
    for path in files:
        missing |= needed_sonames(path) - shipped
    known = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True,
                           check=False).stdout
    packages: set[str] = set()
    for soname in sorted(missing):
        match = re.search(rf"^\s+{re.escape(soname)} \(libc6,x86-64[^)]*\) => (\S+)", known,
                          re.M)
        if not match and soname in KNOWN_SONAMES:
            packages.add(KNOWN_SONAMES[soname])
            continue
        if not match:
            print(f"package_deb: {soname} is needed but not on this machine; not in Depends",
                  file=sys.stderr)
            continue
        owner = subprocess.run(["dpkg-query", "-S", str(Path(match.group(1)).resolve())],
                               capture_output=True, text=True, check=False).stdout
        if not owner:  # the link's own path is what dpkg knows for some libraries
            owner = subprocess.run(["dpkg-query", "-S", match.group(1)], capture_output=True,
                                   text=True, check=False).stdout
        if owner:
            packages.add(owner.split(":", 1)[0].strip())
    return sorted(packages - IMPLIED)


def control(bundle: Path, size_kb: int) -> str:
    depends = ", ".join(["libc6 (>= 2.31)", *system_packages(bundle)])
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version()}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Architecture: amd64\n"
        f"Depends: {depends}\n"
        f"Installed-Size: {size_kb}\n"
        "Maintainer: Operator Desk <operator-desk@localhost>\n"
        "Description: Operator Desk (私域工作台) for private-domain operators\n"
        " Today's follow-ups, leads, scripts and the team's figures, offline first,\n"
        " shared through the team's PostgreSQL. Includes the operator-app command.\n"
    )


def stage(bundle: Path, staging: Path) -> None:
    if staging.exists():
        shutil.rmtree(staging)
    target = staging / INSTALL_DIR
    shutil.copytree(bundle, target, symlinks=True)
    bin_dir = staging / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    # Relative links: they resolve inside any root the package is unpacked into.
    (bin_dir / "operator-desk").symlink_to(Path("../..") / INSTALL_DIR / "OperatorDesk")
    (bin_dir / "operator-app").symlink_to(Path("../..") / INSTALL_DIR / "operator-app")
    share = staging / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{PACKAGE}.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    icons = ROOT / "resources" / "icons"
    for size_dir, name in (("256x256", "operator-desk.png"), ("scalable", "operator-desk.svg")):
        dest = share / "icons" / "hicolor" / size_dir / "apps"
        dest.mkdir(parents=True)
        shutil.copy2(icons / name, dest / f"{PACKAGE}{Path(name).suffix}")
    size_kb = sum(p.stat().st_size for p in staging.rglob("*") if p.is_file()) // 1024
    (staging / "DEBIAN").mkdir()
    (staging / "DEBIAN" / "control").write_text(control(bundle, size_kb), encoding="utf-8")
    for path in staging.rglob("*"):  # dpkg wants 0755 folders whatever the umask
        if path.is_dir():
            path.chmod(0o755)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "build/dist/OperatorDesk")
    parser.add_argument("--out", type=Path, default=ROOT / "build/dist")
    args = parser.parse_args()
    if not shutil.which("dpkg-deb"):
        print("package_deb: dpkg-deb not found (not a Debian system): no .deb built")
        return 0
    if not (args.dist / "OperatorDesk").is_file():
        print(f"package_deb: no bundle at {args.dist}: run `make package`", file=sys.stderr)
        return 2
    staging = ROOT / "build" / "deb" / PACKAGE
    stage(args.dist, staging)
    deb = args.out / f"{PACKAGE}_{version()}_amd64.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(staging), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(staging)
    print(f"package_deb: {deb} ({deb.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
