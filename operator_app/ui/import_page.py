"""The 导入 page: a team lead brings customers, orders or coupons in from a spreadsheet.

Four steps, nothing written before the last: choose the file (read off the
GUI thread); check the columns, where every change of the mapping re-runs a
dry run against the shared database and the figures follow; share the new
customers among operators (or, for orders, decide about unknown buyers) with
the counts per operator shown before anything is written; then the import
itself, all or nothing, with progress and a cancel button, and the rows to
fix saved as a file. The work is ``import_flow`` over the import back end,
the same steps as the ``import-leads`` / ``import-orders`` / ``import-coupons``
commands. Each kind has an .xlsx template to fill (``import_template``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from operator_app.core.importing import report_path_for
from operator_app.core.progress import Cancelled, TaskState
from operator_app.data.importing import LeadImportResult
from operator_app.data.importing_coupons import CouponImportResult
from operator_app.errors import KnownError
from operator_app.ui import import_flow as flow
from operator_app.ui.errors import ErrorReporter
from operator_app.ui.i18n import QT_TRANSLATE_NOOP, known_error_text
from operator_app.ui.import_file_step import FileStep
from operator_app.ui.import_flow import Check, Kind, LoadedFile
from operator_app.ui.import_source import ImportSource
from operator_app.ui.import_steps import MappingStep, ResultStep, ShareStep, make_label
from operator_app.ui.import_summary import coupon_rows, field_label, lead_rows, order_rows
from operator_app.ui.import_template import TemplateSaver
from operator_app.ui.runner import Runner
from operator_app.ui.save_dialog import ask_save_path

FILE, MAPPING, SHARE, RESULT = range(4)
STEP_TITLES = (
    QT_TRANSLATE_NOOP("ImportPage", "1 Choose a file"),
    QT_TRANSLATE_NOOP("ImportPage", "2 Check the columns"),
    QT_TRANSLATE_NOOP("ImportPage", "3 Share out"),
    QT_TRANSLATE_NOOP("ImportPage", "4 Import"),
)
ORDERS_STEP_3 = QT_TRANSLATE_NOOP("ImportPage", "3 Unknown buyers")
COUPONS_STEP_3 = QT_TRANSLATE_NOOP("ImportPage", "3 Confirm")
FILE_FILTER = QT_TRANSLATE_NOOP("ImportPage", "Spreadsheets (*.csv *.xlsx *.txt);;All files (*)")
# A mapping edit waits this long for the next one before the dry run starts:
# choosing a column with the arrow keys passes over several on the way.
CHECK_DELAY_MS = 300

__all__ = ["FILE", "MAPPING", "RESULT", "SHARE", "ImportPage", "ImportSource"]


class ImportPage(QWidget):
    """The import wizard. ``imported(result)`` fires after an import is written."""

    file_loaded = Signal()
    read_failed = Signal(str)  # what the page says about the file that could not be read
    check_shown = Signal()
    import_finished = Signal()
    imported = Signal(object)
    rejected_saved = Signal(str)
    template_saved = Signal(str)
    progress = Signal(float)  # of the import being written, 0..1 (from the worker)

    def __init__(
        self,
        source: ImportSource,
        runner: Runner,
        reporter: ErrorReporter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_import")
        self.source = source
        self.loaded: LoadedFile | None = None
        self.checked: Check | None = None
        self.result: flow.ImportResult | None = None
        self._runner = runner
        self._reporter = reporter
        self._generation = 0
        self._reading: TaskState | None = None
        self._checking: TaskState | None = None
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._writing: TaskState | None = None
        self._path: Path | None = None
        self._plan_ok = True  # the operators ticked can take the new customers
        # The last imported mapping per kind and header row: next month's export
        # of the same shape needs no correcting again.
        self._remembered: dict[tuple[Kind, tuple[str, ...]], dict[str, str]] = {}
        self.templates = TemplateSaver(runner, self)
        self._build()
        self._connect()
        self.progress.connect(self.result_step.show_progress)
        self._check_timer.timeout.connect(self.check_now)
        self._go(FILE)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.file_step, self.mapping_step = FileStep(), MappingStep()
        self.share_step, self.result_step = ShareStep(), ResultStep()
        self.steps = QStackedWidget()
        for step in (self.file_step, self.mapping_step, self.share_step, self.result_step):
            self.steps.addWidget(step)
        self.notice = make_label("importNotice")
        self.notice.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 10, 16, 8)
        column.setSpacing(6)
        column.addLayout(self._build_heading())
        column.addWidget(self.notice)
        column.addWidget(self.steps, 1)
        column.addLayout(self._build_buttons())
        self.browse_action = QAction(self.tr("Choose a file"), self)
        self.browse_action.setShortcut(QKeySequence.StandardKey.Open)
        self.browse_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.browse_action)

    def _build_heading(self) -> QHBoxLayout:
        heading = make_label(
            "pageHeading", self.tr("Import customers, orders or coupons"), wrap=False
        )
        row = QHBoxLayout()
        row.addWidget(heading)
        row.addStretch(1)
        self.step_labels: list[QLabel] = []
        for i, title in enumerate(STEP_TITLES):
            if i:
                row.addWidget(make_label("importStepArrow", "›", wrap=False))
            label = make_label("importStep", self.tr(title), wrap=False)
            self.step_labels.append(label)
            row.addWidget(label)
        return row

    def _build_buttons(self) -> QHBoxLayout:
        self.status_label = make_label("importStatus")
        self.back_button = QPushButton(self.tr("&Back"))
        self.next_button = QPushButton(self.tr("&Next"))
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setObjectName("importButton")
        row = QHBoxLayout()
        row.addWidget(self.status_label, 1)
        for button in (self.back_button, self.next_button, self.import_button):
            row.addWidget(button)
        return row

    def _connect(self) -> None:
        self.file_step.browse_button.clicked.connect(self._on_browse_clicked)
        self.browse_action.triggered.connect(self._on_browse_clicked)
        self.file_step.kind_changed.connect(self._on_kind_changed)
        self.file_step.cancel_read_button.clicked.connect(self.cancel_reading)
        self.mapping_step.mapping_edited.connect(self._on_mapping_edited)
        self.share_step.share_model.dataChanged.connect(self._on_share_changed)
        self.share_step.all_button.clicked.connect(self._on_select_all)
        self.share_step.none_button.clicked.connect(self._on_select_none)
        self.share_step.create_unknown.toggled.connect(self._on_create_unknown_toggled)
        self.back_button.clicked.connect(self._on_back_clicked)
        self.next_button.clicked.connect(self._on_next_clicked)
        self.import_button.clicked.connect(self.start_import)
        self.result_step.cancel_button.clicked.connect(self.cancel_import)
        self.result_step.save_button.clicked.connect(self._on_save_clicked)
        self.result_step.again_button.clicked.connect(self.start_over)
        self.file_step.template_button.clicked.connect(
            lambda: self.templates.ask_and_save(self.file_step.kind().value)
        )
        self.templates.saved.connect(self._on_template_saved)
        self.templates.failed.connect(self.status_label.setText)

    # -- moving between steps ------------------------------------------------------------

    def step(self) -> int:
        return self.steps.currentIndex()

    def _go(self, step: int) -> None:
        self.status_label.clear()
        self.steps.setCurrentIndex(step)
        for i, label in enumerate(self.step_labels):
            label.setProperty("current", "true" if i == step else "false")
            label.style().unpolish(label)
            label.style().polish(label)
        self._update_buttons()

    def _update_buttons(self) -> None:
        step, busy = self.step(), self._writing is not None
        self.back_button.setVisible(step in (MAPPING, SHARE))
        self.next_button.setVisible(step in (FILE, MAPPING))
        self.import_button.setVisible(step == SHARE)
        self.back_button.setEnabled(not busy)
        if step == FILE:
            self.next_button.setEnabled(self.loaded is not None and self._reading is None)
        elif step == MAPPING:
            self.next_button.setEnabled(self._can_import())
        self.import_button.setEnabled(self._can_import() and self._plan_ok)

    def _can_import(self) -> bool:
        check = self.checked
        if check is None or self.source.target() is None:
            return False
        result = check.result
        if isinstance(result, LeadImportResult):
            return result.imported > 0
        if isinstance(result, CouponImportResult):
            return result.created + result.updated > 0
        return result.created + result.updated + result.leads_created > 0

    @Slot()
    def _on_back_clicked(self) -> None:
        self._go(max(FILE, self.step() - 1))

    @Slot()
    def _on_next_clicked(self) -> None:
        if self.step() == FILE and self.loaded is not None:
            self._go(MAPPING)
        elif self.step() == MAPPING and self._can_import():
            self._show_share()
            self._go(SHARE)
            self.share_step.table.setFocus()

    @Slot()
    def start_over(self) -> None:
        """Back to step 1 for another file. The last one stays chosen and is checked
        again: the import just written changed what it would do."""
        self.result = None
        self._forget_check()
        self._go(FILE)
        self.file_step.browse_button.setFocus()
        self.check_now()

    # -- step 1: the file ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._show_connection()

    def _show_connection(self) -> bool:
        """Say plainly when importing cannot work now; True when it can."""
        online = self.source.target() is not None
        if online:
            self.notice.hide()
        else:
            reason = self.source.offline_reason()
            text = self.tr(
                "Importing needs the connection to the shared database, which is offline now."
            )
            self.notice.setText(f"{text}\n{reason}" if reason else text)
            self.notice.show()
        self.file_step.browse_button.setEnabled(online)
        self.browse_action.setEnabled(online)
        self._update_buttons()
        return online

    @Slot()
    def _on_browse_clicked(self) -> None:
        start = str(self._path.parent) if self._path else ""
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the file to import"), start, self.tr(FILE_FILTER)
        )
        if path:
            self.choose_file(path)

    def choose_file(self, path: Path | str, kind: Kind | None = None) -> None:
        """Read ``path`` as ``kind`` (default: as chosen on the page) in the background."""
        if self._writing is not None:
            return  # one thing at a time: the import under way keeps the file it has
        if kind is not None:
            self.file_step.set_kind(kind)
        self._path = Path(path)
        self.file_step.path_edit.setText(str(self._path))
        self._read()

    @Slot()
    def _on_kind_changed(self) -> None:
        self.file_step.show_help()
        if self._path is not None:
            self._read()  # which row is the header depends on the fields looked for

    def _read(self) -> None:
        target = self.source.target()
        if not self._show_connection() or target is None or self._path is None:
            return
        if self._reading is not None:
            self._reading.cancel()
        self._drop_check()
        generation, path, kind = self._generation, self._path, self.file_step.kind()
        state = TaskState()
        self._reading = state
        self.loaded = self.checked = None
        self.file_step.show_error("")
        self.file_step.show_reading(True)
        self._go(FILE)
        self._runner.run_op(
            lambda: flow.load_file(target, path, kind, state),
            lambda loaded: self._on_loaded(generation, loaded),
            lambda exc: self._on_read_failed(generation, exc),
        )

    @Slot()
    def cancel_reading(self) -> None:
        """Stop waiting for the file: its result, when it comes, is dropped."""
        if self._reading is not None:
            self._reading.cancel()
            self._reading = None
            self._generation += 1
            self.file_step.show_reading(False)
            self._update_buttons()

    def _on_loaded(self, generation: int, loaded: LoadedFile) -> None:
        if generation != self._generation:
            return
        self._reading = None
        self.file_step.show_reading(False)
        self.loaded = loaded
        self._show_file(loaded)
        self._go(MAPPING)
        next(iter(self.mapping_step.combos.values())).setFocus()
        self.file_loaded.emit()
        self.check_now()

    def _show_file(self, loaded: LoadedFile) -> None:
        table = loaded.table
        self.mapping_step.preview_model.set_table(table)
        mapping = self._remembered.get((loaded.kind, tuple(table.headers)), loaded.guess)
        self.mapping_step.set_fields(loaded.kind, table.headers, mapping, flow.samples(loaded))
        self.mapping_step.preview_label.setText(
            self.tr("{name}: %n row(s) of data, header on row {row}", "", len(table)).format(
                name=loaded.path.name, row=table.header_row
            )
        )
        self.share_step.share_model.set_slots(loaded.slots)
        self.share_step.show_kind(loaded.kind)
        third = {Kind.LEADS: STEP_TITLES[SHARE], Kind.ORDERS: ORDERS_STEP_3}.get(
            loaded.kind, COUPONS_STEP_3
        )
        self.step_labels[SHARE].setText(self.tr(third))
        self.share_step.create_unknown.blockSignals(True)
        self.share_step.create_unknown.setChecked(False)
        self.share_step.create_unknown.blockSignals(False)

    def _on_read_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation or isinstance(exc, Cancelled):
            return
        self._reading = None
        self.file_step.show_reading(False)
        self._go(FILE)
        text = self._error_text(exc, self.tr("The file could not be read."))
        self.file_step.show_error(text)
        self.read_failed.emit(text)

    def _error_text(self, exc: Exception, bug_text: str) -> str:
        if isinstance(exc, KnownError):
            return known_error_text(exc)
        self._reporter.report(exc, self)
        return bug_text

    # -- step 2: the columns and the check -------------------------------------------------

    def set_mapping(self, key: str, header: str | None) -> None:
        """Choose ``header`` (None: do not import) for field ``key``, as the user would."""
        self.mapping_step.choose(key, header)

    @Slot(str)
    def _on_mapping_edited(self, key: str) -> None:
        chosen = self.mapping_step.combos[key].currentData()
        if chosen is not None:
            # One column fills one field: the field that had it lets go.
            for other, combo in self.mapping_step.combos.items():
                if other != key and combo.currentData() == chosen:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self._schedule_check()

    def _schedule_check(self) -> None:
        """Check a moment after the last edit; what the last check found is stale now."""
        self._drop_check()
        if self.loaded is not None:
            self.mapping_step.show_status(self.tr("Checking…"), "")
            self._check_timer.start()
        self._update_buttons()

    def _drop_check(self) -> None:
        """Forget the check shown and stop the one under way: its result is dropped."""
        self._check_timer.stop()
        if self._checking is not None:
            self._checking.cancel()
            self._checking = None
        self._generation += 1
        self.checked = None

    def _forget_check(self) -> None:
        """Clear what the last check found from the screen as well."""
        self._drop_check()
        self.mapping_step.show_status("", "")
        self.mapping_step.summary_model.set_rows([])
        self.share_step.summary_model.set_rows([])
        self.mapping_step.preview_model.set_check({}, {})

    @Slot()
    def check_now(self) -> None:
        """Dry-run the import with the mapping shown (nothing is written)."""
        target, loaded = self.source.target(), self.loaded
        if loaded is None or target is None:
            return
        self._drop_check()
        state = TaskState()
        self._checking = state
        generation, mapping = self._generation, self.mapping_step.mapping()
        create_unknown = self.share_step.create_unknown.isChecked()
        now = self.source.clock()
        self.mapping_step.show_status(self.tr("Checking…"), "")
        self._update_buttons()
        self._runner.run_op(
            lambda: flow.check(
                target, loaded, mapping, create_unknown=create_unknown, state=state, now=now
            ),
            lambda checked: self._on_checked(generation, checked),
            lambda exc: self._on_check_failed(generation, exc),
        )

    def _on_checked(self, generation: int, checked: Check) -> None:
        if generation != self._generation or self.loaded is None:
            return
        self._checking = None
        self.checked = checked
        loaded = self.loaded
        labels = {spec.key: field_label(loaded.kind.value, spec) for spec in loaded.kind.fields}
        fields = {header: labels[key] for key, header in checked.mapping.items()}
        self.mapping_step.preview_model.set_check(checked.issues_by_index, fields)
        self.mapping_step.fit_columns()
        rows = self._summary_rows(checked.result, done=False)
        self.mapping_step.summary_model.set_rows(rows)
        self.share_step.summary_model.set_rows(rows)
        self.mapping_step.show_check(
            can_import=self._can_import(),
            leads=isinstance(checked.result, LeadImportResult),
            coupons=isinstance(checked.result, CouponImportResult),
        )
        if self.step() == SHARE:
            self._show_share()
        self._update_buttons()
        self.check_shown.emit()

    def _summary_rows(self, result: flow.ImportResult, *, done: bool) -> list[Any]:
        if isinstance(result, LeadImportResult):
            slots = self.loaded.slots if self.loaded else ()
            return lead_rows(result, slots, done=done)
        if isinstance(result, CouponImportResult):
            return coupon_rows(result, done=done)
        return order_rows(result, done=done)

    def _on_check_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation or isinstance(exc, Cancelled):
            return
        self._checking = None
        text = self._error_text(exc, self.tr("The file could not be checked."))
        self.mapping_step.show_status(text, "error")
        self.mapping_step.summary_model.set_rows([])
        self.share_step.summary_model.set_rows([])
        self.mapping_step.preview_model.set_check({}, {})
        self._update_buttons()
        self.check_shown.emit()

    # -- step 3: sharing out / unknown buyers --------------------------------------------------

    def choose_operators(self, logins: list[str]) -> None:
        """Tick exactly these operators, as the user would."""
        self.share_step.share_model.set_chosen(logins)
        self._show_share()

    @Slot()
    def _on_select_all(self) -> None:
        self.choose_operators([s.login for s in self.loaded.slots] if self.loaded else [])

    @Slot()
    def _on_select_none(self) -> None:
        self.choose_operators([])

    @Slot(QModelIndex, QModelIndex, list)
    def _on_share_changed(self, _first: QModelIndex, _last: QModelIndex, roles: list) -> None:
        if Qt.ItemDataRole.CheckStateRole in roles:
            self._show_share()

    @Slot(bool)
    def _on_create_unknown_toggled(self, _on: bool) -> None:
        self.check_now()

    def _show_share(self) -> None:
        loaded, checked = self.loaded, self.checked
        leads = loaded is not None and checked is not None and loaded.kind is Kind.LEADS
        if leads and loaded is not None and checked is not None:
            self._plan_ok = self.share_step.show_distribution(loaded, checked)
        else:
            self._plan_ok = True
            self.share_step.clear_plan()
        self._update_buttons()

    # -- step 4: the import ----------------------------------------------------------------

    @Slot()
    def start_import(self) -> None:
        """Write the checked import, all or nothing, in the background."""
        target, loaded, checked = self.source.target(), self.loaded, self.checked
        if target is None or loaded is None or checked is None or not self._can_import():
            return
        chosen = self.share_step.share_model.chosen()
        create_unknown = self.share_step.create_unknown.isChecked()
        mapping, now = dict(checked.mapping), self.source.clock()
        state = TaskState(on_progress=lambda fraction, _msg: self.progress.emit(fraction))
        self._writing = state
        self.result = None
        self.result_step.show_writing()
        self._go(RESULT)
        self._runner.run_op(
            lambda: flow.commit(
                target,
                loaded,
                mapping,
                chosen=chosen,
                create_unknown=create_unknown,
                state=state,
                now=now,
            ),
            self._on_import_done,
            self._on_import_failed,
        )

    @Slot()
    def cancel_import(self) -> None:
        if self._writing is not None:
            self._writing.cancel()
            self.result_step.show_cancelling()

    def _on_import_done(self, result: flow.ImportResult) -> None:
        self._writing = None
        self.result = result
        if self.loaded is not None:
            key = (self.loaded.kind, tuple(self.loaded.table.headers))
            self._remembered[key] = dict(result.mapping)
        self.result_step.show_done(
            self._summary_rows(result, done=True),
            leads=isinstance(result, LeadImportResult),
            reported=bool(result.reported),
            coupons=isinstance(result, CouponImportResult),
        )
        self.checked = None  # what it checked is written now; a new check starts afresh
        self._update_buttons()
        self.imported.emit(result)
        self.import_finished.emit()

    def _on_import_failed(self, exc: Exception) -> None:
        self._writing = None
        self.result_step.show_stopped()
        if isinstance(exc, Cancelled):
            text = self.tr("The import was cancelled. Nothing was written.")
        else:
            text = self._error_text(exc, self.tr("The import failed. Nothing was written."))
        self._go(SHARE)
        self.status_label.setText(text)
        self.import_finished.emit()

    # -- the rows to fix ------------------------------------------------------------------------

    @Slot()
    def _on_save_clicked(self) -> None:
        if self.loaded is None:
            return
        path = ask_save_path(
            self,
            "rejects",
            self.tr("Save the rows to fix"),
            report_path_for(self.loaded.path).name,
            self.tr("CSV for Excel (*.csv)"),
        )
        if path:
            self.save_rejected(path)

    def save_rejected(self, path: Path | str) -> None:
        """Save the rows that were not imported, with the reason, to ``path``."""
        loaded, result = self.loaded, self.result
        if loaded is None or result is None:
            return
        target = Path(path)
        self._runner.run_op(
            lambda: flow.save_rejected(target, loaded, result),
            self._on_saved,
            self._on_save_failed,
        )

    def _on_saved(self, path: Path) -> None:
        self.result_step.show_saved(path)
        self.rejected_saved.emit(str(path))

    def _on_save_failed(self, exc: Exception) -> None:
        if isinstance(exc, OSError):
            text = self.tr("The file could not be saved ({reason}). Choose another place.").format(
                reason=exc.strerror or type(exc).__name__
            )
        else:
            text = self._error_text(exc, self.tr("The file could not be saved."))
        self.result_step.note.setText(text)

    # -- the template ---------------------------------------------------------------------------

    @Slot(str)
    def _on_template_saved(self, path: str) -> None:
        self.status_label.setText(
            self.tr("Template saved: {path}. Fill it in, then choose it here.").format(path=path)
        )
        self.template_saved.emit(path)
