"""Two kinds of failure (qutebrowser's KnownError/BugError split).

A KnownError is something the user can act on: its English text is the
source string that the UI translates (Simplified Chinese ships in
resources/i18n) and the CLI prints as is. Anything else is a bug: logged
with its traceback and reported without losing the user's work.
"""

from __future__ import annotations

from collections.abc import Callable


def translatable(text: str) -> str:
    """Mark a message for translation without Qt (lupdate finds the calls)."""
    return text


class KnownError(Exception):
    """An error with a plain message and what to do about it.

    ``message`` and ``hint`` are English templates with ``{name}`` fields
    filled from ``params`` *after* translation, so translators see whole
    sentences, never glued fragments.
    """

    def __init__(self, message: str, hint: str = "", **params: object) -> None:
        self.message = message
        self.hint = hint
        self.params = params
        super().__init__(self.render())

    def render(self, translate: Callable[[str], str] | None = None) -> str:
        """The full text, optionally through a ``translate(text) -> text``."""
        tr = translate or (lambda s: s)
        text = tr(self.message).format(**self.params)
        if self.hint:
            text += "\n" + tr(self.hint).format(**self.params)
        return text


class ConfigError(KnownError):
    """A setting (URL, folder) that cannot be used as given."""


class DatabaseUnavailable(KnownError):
    """The shared database cannot be reached right now."""


class SchemaTooNew(KnownError):
    """The shared database was upgraded by a newer Operator Desk."""
