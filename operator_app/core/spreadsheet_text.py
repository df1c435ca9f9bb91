"""Text that a spreadsheet shows instead of running it as a formula (no Qt, no I/O).

Excel, WPS and LibreOffice evaluate a cell whose text starts with ``=``,
``+``, ``-`` or ``@`` ("CSV injection"): a customer named
``=HYPERLINK(...)`` would run when a team lead opens the file. They also
skip leading spaces, a tab, a carriage return or a line feed before such a
sign, and WPS reads the full-width forms (``＝ ＋ － ＠``, typed by Chinese
input methods) as the ASCII ones. Every cell and header the app writes to a
spreadsheet or CSV goes through :func:`neutralise`, which puts the OWASP
apostrophe in front; re-importing such a file takes it off again
(:func:`unneutralise`).
"""

from __future__ import annotations

import re

# ASCII signs, their full-width and small forms (U+FF1D U+FF0B U+FF0D U+FF20,
# U+FE66 U+FE62 U+FE63 U+FE6B).
SIGNS = "=+-@＝＋－＠﹦﹢﹣﹫"
# What a spreadsheet skips before the sign; a tab, CR or LF first is a trigger by itself.
LEADING = " \t\r\n\u00a0\u3000"
FORMULA_TRIGGERS = tuple(SIGNS) + ("\t", "\r", "\n")
# The apostrophe neutralise adds: before exactly what starts_a_formula finds.
_GUARDED = re.compile(f"^'(?=[\t\r\n]|[{re.escape(LEADING)}]*[{re.escape(SIGNS)}])")


def starts_a_formula(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    return text.startswith(FORMULA_TRIGGERS) or text.lstrip(LEADING).startswith(tuple(SIGNS))


def neutralise(text: str) -> str:
    """The text, prefixed with an apostrophe when a spreadsheet could read a formula."""
    return "'" + text if starts_a_formula(text) else text


def unneutralise(text: str) -> str:
    """The text :func:`neutralise` was given (the apostrophe it added taken off)."""
    return _GUARDED.sub("", text, count=1)


GUARD_PATTERN = _GUARDED.pattern  # for vectorised pandas .str.replace
