"""The CLI under a windowed (frozen GUI) executable, which has no stdout at all."""

from __future__ import annotations

import sys

import pytest

from operator_app import cli


def _pipe_closed(args: object) -> int:
    raise BrokenPipeError


def test_broken_pipe_without_stdout_ends_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(cli.COMMANDS, "status", _pipe_closed)
    monkeypatch.setattr(sys, "stdout", None)
    assert cli.main(["status"]) == 0


def test_version_without_stdout_does_not_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
