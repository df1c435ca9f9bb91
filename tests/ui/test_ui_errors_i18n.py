"""Error messages and translations: KnownError in plain Chinese, bugs as bugs."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from operator_app.errors import DatabaseUnavailable, KnownError
from operator_app.paths import resources_dir
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.i18n import KNOWN_ERROR_CONTEXT, known_error_parts
from operator_app.ui.i18n_tool import translatable_strings

PACKAGE = Path(__file__).resolve().parents[2] / "operator_app"
TS_FILE = resources_dir() / "i18n" / "operator_desk_zh_CN.ts"
FIELD = re.compile(r"\{(\w*)\}")


def _messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS_FILE).getroot()
    return [
        (ctx.findtext("name") or "", msg.findtext("source") or "", msg)
        for ctx in root.findall("context")
        for msg in ctx.findall("message")
    ]


def test_every_string_is_translated_with_the_same_fields() -> None:
    problems = []
    for context, source, message in _messages():
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            continue  # vanished ones are checked below; unfinished reported here
        # A plural (%n) keeps its text in <numerusform> children; Chinese has one form.
        text = (translation.text or "").strip() or "".join(
            form.text or "" for form in translation.findall("numerusform")
        )
        if not text:
            problems.append((context, source, "empty"))
        elif sorted(FIELD.findall(source)) != sorted(FIELD.findall(text)):
            problems.append((context, source, "fields differ"))
    unfinished = [
        (c, s)
        for c, s, m in _messages()
        if m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert problems == [] and unfinished == []


def test_every_known_error_template_is_in_the_ts_file() -> None:
    known = {source for context, source, _ in _messages() if context == KNOWN_ERROR_CONTEXT}
    missing = translatable_strings(PACKAGE) - known
    assert missing == set(), "run lupdate and the i18n_tool (see operator_app/ui/i18n_tool.py)"


def test_the_compiled_translation_is_shipped() -> None:
    assert (resources_dir() / "i18n" / "operator_desk_zh_CN.qm").stat().st_size > 0


def test_known_error_is_shown_translated_with_its_hint(
    zh_cn: object, message_boxes: list[Any]
) -> None:
    err = DatabaseUnavailable(
        "Cannot reach the shared database at {where}: {reason}",
        "Check the network and that the server is running; "
        "your work stays in the local cache meanwhile.",
        where="db.example:5432",
        reason="timeout",
    )
    ErrorReporter().report(err)

    box = message_boxes[0]
    assert box.icon == QMessageBox.Icon.Warning
    assert box.text == "无法连接共享数据库 db.example:5432：timeout"
    assert box.informative.startswith("请检查网络")


def test_an_unknown_message_stays_english() -> None:
    message, hint = known_error_parts(KnownError("Something {x} new.", x=1))
    assert (message, hint) == ("Something 1 new.", "")


def test_a_bug_is_logged_with_its_traceback_and_called_a_bug(
    zh_cn: object, message_boxes: list[Any], caplog: pytest.LogCaptureFixture
) -> None:
    try:
        raise RuntimeError("unexpected")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR):
            ErrorReporter(log_file=Path("/x/operator-desk.log")).report(exc)

    assert caplog.records[0].exc_info is not None
    box = message_boxes[0]
    assert box.icon == QMessageBox.Icon.Critical
    assert "程序的缺陷" in box.text
    assert "/x/operator-desk.log" in box.informative and "RuntimeError" in box.informative


def test_not_interactive_reports_go_to_stderr(
    message_boxes: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    ErrorReporter(interactive=False).report(KnownError("Plain {x}.", "Do this.", x="fact"))

    assert message_boxes == []
    assert capsys.readouterr().err == "operator-app: Plain fact.\nDo this.\n"


def test_a_translation_with_wrong_fields_falls_back_to_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("operator_app.ui.i18n.translate_known", lambda text: "坏 {nope}")

    message, _ = known_error_parts(KnownError("Folder {path} is full.", path="/d"))

    assert message == "Folder /d is full."
