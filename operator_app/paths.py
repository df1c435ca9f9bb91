"""Where files live: per-user data folder and the bundled resources.

resources/ sits at the project's top level (the design card fixes it
there), outside the Python package, so importlib.resources cannot reach it
from a source checkout. We resolve it beside the package in a checkout or
editable install, and under PyInstaller's bundle folder in the frozen app
(build.spec copies it there).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "OperatorDesk"
APP_AUTHOR = "OperatorDesk"


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled resource missing: {path}")
    return path


def default_data_dir() -> Path:
    """The per-user data folder (never the install folder)."""
    override = os.environ.get("OPERATOR_DESK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
