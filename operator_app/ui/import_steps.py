"""The steps of the import page after the file (``import_file_step``), as
widgets: check the columns, share out (or, for orders, the unknown buyers;
for coupons, confirm), and the outcome.

They only lay out controls and say what they are shown; the page runs the
work and moves between them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from operator_app.core.import_files import FieldSpec
from operator_app.data.importing import LeadImportResult
from operator_app.errors import KnownError
from operator_app.ui.i18n import known_error_text
from operator_app.ui.import_flow import Check, Kind, LoadedFile, distribution
from operator_app.ui.import_models import (
    OperatorShareModel,
    PreviewModel,
    SummaryModel,
    SummaryRow,
)
from operator_app.ui.import_summary import field_label

ROW_HEIGHT = 26
MAPPING_WIDTH = 500
PREVIEW_COLUMN_MAX = 220
SAMPLE_FIT_ROWS = 50  # rows looked at to fit a column (a file may have 100k)
SHARE_TABLE_WIDTH = 600
SUMMARY_WIDTH = 560
FIT_OPERATORS = 12
SUMMARY_ROW_HEIGHT = 23
RESULT_MAX_HEIGHT = 440  # what fits under the heading at 768 px; more rows scroll
NOT_IMPORTED = None  # a combo's data for "do not import"


def make_label(name: str, text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    # File names, cells and server messages are shown as written, never as markup.
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def make_table(model: object, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(ROW_HEIGHT)
    return view


def make_summary_table(model: object, name: str) -> QTableView:
    view = make_table(model, name)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(SUMMARY_ROW_HEIGHT)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


def make_progress(name: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setObjectName(name)
    bar.setRange(0, 0)
    bar.setFixedWidth(280)
    bar.hide()
    return bar


class MappingStep(QWidget):
    """Step 2: which column fills which field, the file's rows, and what the check found."""

    mapping_edited = Signal(str)  # the field whose column was changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview_model = PreviewModel(self)
        self.summary_model = SummaryModel(self)
        self.combos: dict[str, QComboBox] = {}
        self.mapping_box = QGroupBox(self.tr("Columns"))
        self.mapping_grid = QGridLayout(self.mapping_box)
        self.mapping_grid.setColumnStretch(1, 1)
        self.mapping_grid.setColumnStretch(3, 1)
        self.summary_view = make_summary_table(self.summary_model, "importSummary")
        self.summary_view.setAccessibleName(self.tr("What the check found"))
        self.check_label = make_label("importCheckStatus")
        left = QWidget()
        left.setMinimumWidth(MAPPING_WIDTH)
        left.setMaximumWidth(MAPPING_WIDTH + 60)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.mapping_box)
        left_column.addWidget(self.check_label)
        left_column.addWidget(self.summary_view, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(self._build_preview())
        split.setStretchFactor(1, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(split, 1)

    def _build_preview(self) -> QWidget:
        self.preview_label = make_label("pageIntro", wrap=False)
        self.problems_only = QCheckBox(self.tr("Only rows with a &problem"))
        self.problems_only.toggled.connect(self.preview_model.set_problems_only)
        head = QHBoxLayout()
        head.addWidget(self.preview_label, 1)
        head.addWidget(self.problems_only)
        self.preview_view = make_table(self.preview_model, "importPreview")
        self.preview_view.setAccessibleName(self.tr("The file's rows"))
        header = self.preview_view.horizontalHeader()
        header.setDefaultSectionSize(120)
        header.setMaximumSectionSize(PREVIEW_COLUMN_MAX)
        header.setResizeContentsPrecision(SAMPLE_FIT_ROWS)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.preview_view, 1)
        return box

    def set_fields(
        self, kind: Kind, headers: list[str], mapping: dict[str, str], samples: dict[str, str]
    ) -> None:
        """One combo per field, the file's columns in it, the guess chosen."""
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # out of sight now; gone at the next turn of the event loop
                widget.deleteLater()
        self.combos = {}
        for i, spec in enumerate(kind.fields):
            combo = self._combo(spec, headers, samples)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(spec.key, NOT_IMPORTED))))
            combo.currentIndexChanged.connect(
                lambda _i, key=spec.key: self.mapping_edited.emit(key)
            )
            self.combos[spec.key] = combo
            # Two fields a row: the whole mapping fits above the figures at 768 px.
            label = self._field_label(kind, spec)
            label.setBuddy(combo)
            row, column = divmod(i, 2)
            self.mapping_grid.addWidget(label, row, column * 2, Qt.AlignmentFlag.AlignRight)
            self.mapping_grid.addWidget(combo, row, column * 2 + 1)
        self.problems_only.setChecked(False)
        self._chain_tabs()

    def _chain_tabs(self) -> None:
        """Tab goes through the fields in reading order, then the figures and the rows
        (the combos are made after the views, which would otherwise come first)."""
        chain = [
            *self.combos.values(),
            self.summary_view,
            self.problems_only,
            self.preview_view,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _combo(self, spec: FieldSpec, headers: list[str], samples: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"map_{spec.key}")
        combo.addItem(self.tr("(do not import)"), NOT_IMPORTED)
        for header in headers:
            combo.addItem(header, header)
            sample = samples.get(header, "")
            if sample:
                tip = self.tr("For example: {sample}").format(sample=sample)
                combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        return combo

    def _field_label(self, kind: Kind, spec: FieldSpec) -> QLabel:
        text = field_label(kind.value, spec)
        label = QLabel(f"{text} *" if spec.required else text)
        if spec.required:
            label.setToolTip(self.tr("Required"))
        return label

    def show_status(self, text: str, state: str) -> None:
        """What the check says: "ok", "warn", "error" or "" (working)."""
        self.check_label.setText(text)
        self.check_label.setProperty("state", state)
        self.check_label.style().polish(self.check_label)

    def show_check(self, *, can_import: bool, leads: bool, coupons: bool = False) -> None:
        """What a finished check means for the import."""
        if can_import:
            text = self.tr("Checked against the shared database. Nothing is written yet.")
        elif leads:
            text = self.tr(
                "There is nothing new to import: every row is a customer already or "
                "cannot be imported."
            )
        elif coupons:
            text = self.tr("There is nothing to import: no new coupons and none newly used.")
        else:
            text = self.tr("There is nothing to import: no new or changed orders.")
        self.show_status(text, "ok" if can_import else "warn")

    def fit_columns(self) -> None:
        """Columns as wide as their header and first rows, up to a limit."""
        self.preview_view.resizeColumnsToContents()

    def mapping(self) -> dict[str, str]:
        """Field -> column as chosen now (fields set to "do not import" left out)."""
        return {
            key: str(combo.currentData())
            for key, combo in self.combos.items()
            if combo.currentData() is not NOT_IMPORTED
        }

    def choose(self, key: str, header: str | None) -> None:
        combo = self.combos[key]
        combo.setCurrentIndex(max(0, combo.findData(header)))


class ShareStep(QWidget):
    """Step 3 for leads: who gets the new customers; for orders: unknown buyers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.share_model = OperatorShareModel(self)
        self.intro = make_label("pageIntro")
        self.table = make_table(self.share_model, "importOperators")
        self.table.setAccessibleName(self.tr("Operators who share the new customers"))
        self.table.verticalHeader().setVisible(False)
        self.table.setMaximumWidth(SHARE_TABLE_WIDTH)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.share_model.modelReset.connect(self._fit_table)
        self.all_button = QPushButton(self.tr("Select &all"))
        self.none_button = QPushButton(self.tr("Select n&one"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        self.plan_label = make_label("importPlan")
        self.unknown_label = make_label("importPlan")
        self.unknown_label.hide()
        self.create_unknown = QCheckBox(
            self.tr("&Create customers for unknown buyers (unassigned, in the pool)")
        )
        self.summary_model = SummaryModel(self)
        self.summary_view = make_summary_table(self.summary_model, "importShareSummary")
        self.summary_view.setMaximumWidth(SUMMARY_WIDTH)
        self.summary_view.setAccessibleName(self.tr("What the import will do"))
        left = QVBoxLayout()
        left.addWidget(self.table)
        left.addLayout(buttons)
        left.addWidget(self.create_unknown)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.plan_label)
        right.addWidget(self.unknown_label)
        right.addWidget(self.summary_view, 1)
        self._row = QHBoxLayout()
        self._row.addLayout(left, 3)
        self._row.addLayout(right, 2)
        self._row.addStretch(0)  # takes the room the choices leave, when there are none
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(self.intro)
        column.addLayout(self._row, 1)

    def show_distribution(self, loaded: LoadedFile, checked: Check) -> bool:
        """Counts per operator for the ticked ones; False when they cannot take the
        leads (every capacity 0), said in the plan."""
        model = self.share_model
        try:
            from_file, total, pool = distribution(loaded, checked, model.chosen())
        except KnownError as exc:
            model.set_counts({}, {})
            self.plan_label.setText(known_error_text(exc))
            self.unknown_label.hide()
            return False
        model.set_counts(from_file, total)
        result = checked.result
        unknown = result.unknown_owners if isinstance(result, LeadImportResult) else {}
        by_file = None if checked.from_file is None else from_file
        self.show_plan(checked.new_leads, by_file, total, pool, unknown)
        return True

    def show_plan(
        self,
        new: int,
        from_file: dict[str, int] | None,
        total: dict[str, int],
        pool: int,
        unknown: dict[str, int],
    ) -> None:
        """Where the new customers go, before anything is written
        (``from_file`` None: the file has no owner column)."""
        by_file = sum(from_file.values()) if from_file else 0
        shared = sum(total.values()) - by_file
        if from_file is None:
            text = self.tr(
                "%n new customer(s): {shared} shared among the ticked operators, {pool} left "
                "in the pool.",
                "",
                new,
            ).format(shared=shared, pool=pool)
        else:
            text = self.tr(
                "%n new customer(s): {by_file} by the file's owner column, {shared} shared "
                "among the ticked operators, {pool} left in the pool.",
                "",
                new,
            ).format(by_file=by_file, shared=shared, pool=pool)
        self.plan_label.setText(text)
        self.show_unknown_owners(unknown)

    def show_unknown_owners(self, unknown: dict[str, int]) -> None:
        """Owner names in the file that are no active operator, with their rows."""
        names = QLocale().createSeparatedList(
            [self.tr("{name} ({rows})").format(name=name, rows=n) for name, n in unknown.items()]
        )
        self.unknown_label.setText(
            self.tr(
                "These owners in the file are not active operators of the team; their "
                "customers are shared out as above: {names}"
            ).format(names=names)
        )
        self.unknown_label.setVisible(bool(unknown))

    def clear_plan(self) -> None:
        self.plan_label.clear()
        self.unknown_label.hide()

    def _fit_table(self) -> None:
        """As tall as the team, up to FIT_OPERATORS rows (a bigger team scrolls)."""
        rows = max(1, min(self.share_model.rowCount(), FIT_OPERATORS))
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + rows * ROW_HEIGHT + 2 * self.table.frameWidth() + 2)

    def show_kind(self, kind: Kind) -> None:
        leads = kind is Kind.LEADS
        for widget in (self.table, self.all_button, self.none_button):
            widget.setVisible(leads)
        self.create_unknown.setVisible(kind is Kind.ORDERS)
        self.plan_label.setVisible(leads)
        self.unknown_label.hide()
        # Coupons have nothing to decide here: the figures take the place of the choices.
        self._row.setStretch(0, 0 if kind is Kind.COUPONS else 3)
        self._row.setStretch(2, 1 if kind is Kind.COUPONS else 0)
        if leads:
            self.intro.setText(
                self.tr(
                    "Tick the operators who share the new customers, by capacity. Rows whose "
                    "owner column names an operator of the team go to that operator. With "
                    "nobody ticked, the rest stay in the pool."
                )
            )
        elif kind is Kind.COUPONS:
            self.intro.setText(
                self.tr(
                    "Coupons are matched to customers by phone, or by the order they came "
                    "with. Coupons of people who are not customers are left out. Each "
                    "customer's owner sees the coupon, and the reminder before it expires, "
                    "after their next sync."
                )
            )
        else:
            self.intro.setText(
                self.tr(
                    "Orders are matched to customers by the buyer's phone. Orders from buyers "
                    "who are not customers yet are left out, unless you create them as new "
                    "customers in the pool."
                )
            )


class ResultStep(QWidget):
    """Step 4: progress while writing, then what the import did."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = make_label("pageHeading")
        self.progress = make_progress("importProgress")
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_button.hide()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress)
        progress_row.addWidget(self.cancel_button)
        progress_row.addStretch(1)
        self.summary_model = SummaryModel(self)
        self.summary_view = make_summary_table(self.summary_model, "importResult")
        self.summary_view.setMaximumWidth(SUMMARY_WIDTH)
        self.note = make_label("pageIntro")
        self.save_button = QPushButton(self.tr("&Save rows to fix…"))
        self.again_button = QPushButton(self.tr("Import &another file"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(self.heading)
        column.addLayout(progress_row)
        column.addWidget(self.summary_view)
        column.addWidget(self.note)
        column.addLayout(buttons)
        column.addStretch(1)

    def show_writing(self) -> None:
        """The import under way: a busy bar until the first batch is written, and Cancel."""
        self.heading.setText(self.tr("Importing…"))
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Writing… %p%"))
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.summary_model.set_rows([])
        self.summary_view.hide()
        self.note.clear()
        self.save_button.hide()
        self.again_button.hide()
        self.cancel_button.setFocus()

    def show_progress(self, fraction: float) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(round(fraction * 100))

    def show_cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.heading.setText(self.tr("Cancelling…"))

    def show_stopped(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def show_done(
        self, rows: Sequence[SummaryRow], *, leads: bool, reported: bool, coupons: bool = False
    ) -> None:
        """What the import wrote; ``reported``: there are rows to fix to save."""
        self.show_stopped()
        self.heading.setText(self.tr("Import finished"))
        self.summary_model.set_rows(rows)
        self.fit_summary()
        self.summary_view.show()
        if leads:
            note = self.tr(
                "Everything above is in the shared database. Operators see their new "
                "customers after their next sync."
            )
        elif coupons:
            note = self.tr(
                "Everything above is in the shared database. Scripts fill in the coupons, "
                "and coupon reminders come due, after each operator's next sync."
            )
        else:
            note = self.tr(
                "Everything above is in the shared database. The suggested hooks follow the "
                "orders after each operator's next sync."
            )
        self.note.setText(note)
        self.save_button.setVisible(reported)
        self.again_button.show()
        (self.save_button if reported else self.again_button).setFocus()

    def show_saved(self, path: Path) -> None:
        self.note.setText(
            self.tr(
                "The rows to fix are saved in {path}, with the reason in the last column. "
                "Correct them and import that file."
            ).format(path=str(path))
        )

    def fit_summary(self) -> None:
        """The figures as tall as they are: the buttons sit right under them."""
        view = self.summary_view
        header = view.horizontalHeader().sizeHint().height()
        rows = self.summary_model.rowCount() * SUMMARY_ROW_HEIGHT
        view.setFixedHeight(min(RESULT_MAX_HEIGHT, header + rows + 2 * view.frameWidth() + 2))
