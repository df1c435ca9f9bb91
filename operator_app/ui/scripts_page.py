"""The 话术 page: the team's script library, searchable, with the three questions."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from operator_app.data.workspace_types import Changes, TemplateView
from operator_app.ui.script_panel import ScriptPanel
from operator_app.ui.workspace_ops import WorkspaceOps


class ScriptsPage(QWidget):
    """Every template with its lines and answers to the three questions (read-only)."""

    loaded = Signal()

    def __init__(self, ops: WorkspaceOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_scripts")
        self.ops = ops
        heading = QLabel(self.tr("Script library"))
        heading.setObjectName("pageHeading")
        intro = QLabel(
            self.tr(
                "Every script of your team. Placeholders such as the customer's name are filled "
                "in on the Today page, where you copy the lines."
            )
        )
        intro.setObjectName("pageIntro")
        intro.setWordWrap(True)
        self.panel = ScriptPanel(library=True)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 8)
        column.setSpacing(4)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addWidget(self.panel, 1)
        ops.changed.connect(self._on_changed)

    def start(self) -> None:
        self.ops.read(lambda ws: ws.templates(), self._on_templates)

    def _on_templates(self, templates: list[TemplateView]) -> None:
        self.panel.set_templates(templates)
        self.loaded.emit()

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.templates:
            self.start()
