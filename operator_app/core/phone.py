"""Phone numbers: stored as E.164, shown masked (138****5678)."""

from __future__ import annotations


def national_digits(e164: str | None) -> str:
    """The digits an operator dials or types: '+8613812345678' -> '13812345678'
    (other countries keep their code, without the '+')."""
    if not e164:
        return ""
    return e164[3:] if e164.startswith("+86") else e164.lstrip("+")


def mask_phone(e164: str | None) -> str:
    """Mask a stored phone for display: '+8613812345678' -> '138****5678'.

    Numbers that are not Chinese mobiles keep their first three and last
    four digits too, so masking never reveals more than it hides.
    """
    digits = national_digits(e164)
    if len(digits) <= 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"
