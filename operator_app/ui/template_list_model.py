"""The templates the script panel offers, as a list model filtered in Python.

There are tens of templates, not thousands; filtering is a plain pass over
the loaded list. With a suggested hook, its templates come first and, unless
the operator asks for all, are the only ones listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from operator_app.data.workspace_types import TemplateView

ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the TemplateView
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SUGGESTED_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


def template_matches(template: TemplateView, needle: str) -> bool:
    """Search in the title, the hook's name, the lines and the three questions."""
    if not needle:
        return True
    fields = (
        template.title,
        template.hook_name,
        template.purpose,
        template.customer_thinks,
        template.desired_reply,
        *(line.text for line in template.lines),
    )
    return any(needle in field.casefold() for field in fields)


class TemplateListModel(QAbstractListModel):
    """Templates as "hook · title"; ``ROW_ROLE`` gives the :class:`TemplateView`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[TemplateView] = []
        self._shown: list[TemplateView] = []
        self._hook_key: str | None = None
        self._all_hooks = True
        self._search = ""
        self._keep_id: object = None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._shown):
            return None
        template = self._shown[index.row()]
        suggested = template.hook_key == self._hook_key
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("{hook} · {title}").format(hook=template.hook_name, title=template.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return template.purpose
        if role == ROW_ROLE:
            return template
        if role == SUGGESTED_ROLE:
            return suggested
        if role == SORT_ROLE:
            return (not suggested, template.hook_name, template.title)
        return None

    # -- what the panel uses --------------------------------------------------------

    def set_templates(self, templates: Sequence[TemplateView]) -> None:
        self._all = list(templates)
        self._refilter()

    def set_scope(
        self, hook_key: str | None, *, all_hooks: bool, search: str, keep_id: object = None
    ) -> None:
        """The suggested hook (or None), whether to list every hook, the search text,
        and a template to keep listed whatever the filter (the one in use)."""
        self._keep_id = keep_id
        self._hook_key = hook_key
        self._all_hooks = all_hooks
        self._search = search.strip().casefold()
        self._refilter()

    def template_at(self, row: int) -> TemplateView | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_of(self, template_id: object) -> int:
        for row, template in enumerate(self._shown):
            if template.id == template_id:
                return row
        return -1

    def _refilter(self) -> None:
        only_hook = self._hook_key if (self._hook_key and not self._all_hooks) else None
        shown = [
            t
            for t in self._all
            if t.id == self._keep_id
            or (
                (only_hook is None or t.hook_key == only_hook) and template_matches(t, self._search)
            )
        ]
        # The suggested hook's templates first; otherwise keep the library's order.
        shown.sort(key=lambda t: t.hook_key != self._hook_key)
        self.beginResetModel()
        self._shown = shown
        self.endResetModel()
