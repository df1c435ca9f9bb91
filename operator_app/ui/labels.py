"""Translated labels for domain values (roles) shown in several widgets."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from operator_app.core.domain import Role
from operator_app.ui.i18n import QT_TRANSLATE_NOOP

ROLE_CONTEXT = "Roles"

_ROLE_LABELS: dict[str, str] = {
    Role.OPERATOR.value: QT_TRANSLATE_NOOP("Roles", "Operator"),
    Role.TEAM_LEAD.value: QT_TRANSLATE_NOOP("Roles", "Team lead"),
    Role.ADMIN.value: QT_TRANSLATE_NOOP("Roles", "Admin"),
}


def role_label(role: str) -> str:
    """运营 / 组长 / 管理员 in Chinese; an unknown key is shown as stored."""
    source = _ROLE_LABELS.get(role)
    return QCoreApplication.translate(ROLE_CONTEXT, source) if source else role


def can_manage_team(role: str | None) -> bool:
    """Team leads and admins see performance and import."""
    return role in (Role.TEAM_LEAD.value, Role.ADMIN.value)
