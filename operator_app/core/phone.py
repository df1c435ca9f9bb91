"""Phone numbers: stored as E.164, shown masked (138****5678)."""

from __future__ import annotations


def mask_phone(e164: str | None) -> str:
    """Mask a stored phone for display: '+8613812345678' -> '138****5678'.

    Numbers that are not Chinese mobiles keep their first three and last
    four digits too, so masking never reveals more than it hides.
    """
    if not e164:
        return ""
    digits = e164[3:] if e164.startswith("+86") else e164.lstrip("+")
    if len(digits) <= 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"
