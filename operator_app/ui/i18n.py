"""Loading the interface language and translating KnownError messages.

English is the source language; Simplified Chinese ships as a compiled .qm.
KnownError templates are marked with ``translatable()`` in Qt-free modules
and live in the .ts under the context ``KnownError``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from operator_app.errors import KnownError
from operator_app.paths import resource_path

log = logging.getLogger(__name__)

KNOWN_ERROR_CONTEXT = "KnownError"
QM_TEMPLATE = "operator_desk_{language}.qm"
QT_QM_TEMPLATE = "qtbase_{language}"  # Qt's own strings: OK, Cancel, the file dialog…
# Qt's own strings its catalogue leaves out (the file dialog's "Folder"), ours.
QT_GAPS_TEMPLATE = "qt_gaps_{language}.qm"
SOURCE_LANGUAGE = "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install our translation for ``language`` and Qt's own (dialog buttons).

    Returns what was installed, for removal. A missing .qm is not fatal: the
    app is fully usable in English.
    """
    if language in ("", SOURCE_LANGUAGE) or language.startswith(SOURCE_LANGUAGE + "_"):
        return []
    try:
        path = resource_path("i18n", QM_TEMPLATE.format(language=language))
    except FileNotFoundError as exc:
        log.warning("no translation for %s, continuing in English: %s", language, exc)
        return []
    ours = QTranslator(app)
    if not ours.load(str(path)):
        log.warning("cannot load translation %s, continuing in English", path)
        return []
    installed = [ours, *_qt_translators(app, language)]
    for translator in installed:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(language))
    return installed


def _qt_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Qt's own translation for its dialogs (from PySide6's translations folder),
    then ours for the strings it lacks. Either may be missing: Qt's dialogs then
    show those strings in English."""
    found = []
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(QT_QM_TEMPLATE.format(language=language), qt_dir):
        found.append(qt_own)
    else:
        log.info("no Qt translation for %s in %s; standard buttons stay English", language, qt_dir)
    gaps = QTranslator(app)
    try:
        path = resource_path("i18n", QT_GAPS_TEMPLATE.format(language=language))
    except FileNotFoundError:
        log.info("no %s; the file dialog's types stay English", QT_GAPS_TEMPLATE)
        return found
    if gaps.load(str(path)):
        found.append(gaps)
    return found


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate knows)
    """Mark ``text`` for lupdate under ``context``; it is translated where shown.

    PySide6's own QT_TRANSLATE_NOOP is typed as returning ``object``.
    """
    return text


def translate_known(text: str) -> str:
    """Translate one KnownError template (message or hint)."""
    return QCoreApplication.translate(KNOWN_ERROR_CONTEXT, text)


def _fill(template: str, english: str, params: dict[str, object]) -> str:
    # A translation whose {fields} do not match must not turn a plain error
    # into a crash: fall back to the English sentence.
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        log.warning("translation of %r has bad fields; showing English", english)
        return english.format(**params)


def known_error_parts(err: KnownError) -> tuple[str, str]:
    """The translated message and hint (hint may be empty), fields filled in."""
    message = _fill(translate_known(err.message), err.message, err.params)
    hint = _fill(translate_known(err.hint), err.hint, err.params) if err.hint else ""
    return message, hint


def known_error_text(err: KnownError) -> str:
    """Message and hint on two lines, as ``err.render`` would, but translated."""
    message, hint = known_error_parts(err)
    return f"{message}\n{hint}" if hint else message
