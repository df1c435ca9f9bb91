"""Step 1 of the import page: what the file holds (customers, orders, coupons), the
file itself, and the template of each kind to fill in.

It only lays out controls and says what it is shown; the page reads the file.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from operator_app.ui.import_flow import Kind
from operator_app.ui.import_steps import make_label, make_progress


class FileStep(QWidget):
    """Step 1: leads, orders or coupons, and the file (or a template to fill)."""

    kind_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.leads_radio = QRadioButton(self.tr("&Customers (leads)"))
        self.orders_radio = QRadioButton(self.tr("&Orders"))
        self.coupons_radio = QRadioButton(self.tr("Co&upons"))
        self.leads_radio.setChecked(True)
        group = QButtonGroup(self)
        self._radios = {
            Kind.LEADS: self.leads_radio,
            Kind.ORDERS: self.orders_radio,
            Kind.COUPONS: self.coupons_radio,
        }
        kinds = QHBoxLayout()
        for radio in self._radios.values():
            group.addButton(radio)
            kinds.addWidget(radio)
        group.buttonToggled.connect(self._on_kind_toggled)
        self.template_button = QPushButton(self.tr("Save &template…"))
        self.template_button.setToolTip(
            self.tr("An empty .xlsx with the expected columns and one example row, to fill in")
        )
        kinds.addStretch(1)
        kinds.addWidget(self.template_button)
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("No file chosen yet"))
        self.path_edit.setAccessibleName(self.tr("File"))
        self.browse_button = QPushButton(self.tr("Choose &file…"))
        self.browse_button.setDefault(True)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("Import"), kinds)
        form.addRow(self.tr("File"), file_row)
        self.help_label = make_label("pageIntro")
        self.progress = make_progress("importProgress")
        self.progress.setFormat(self.tr("Reading the file…"))
        self.progress.setTextVisible(True)
        self.cancel_read_button = QPushButton(self.tr("Stop reading"))
        self.cancel_read_button.hide()
        reading = QHBoxLayout()
        reading.addWidget(self.progress)
        reading.addWidget(self.cancel_read_button)
        reading.addStretch(1)
        self.error_label = make_label("importError")
        self.error_label.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addLayout(form)
        column.addWidget(self.help_label)
        column.addLayout(reading)
        column.addWidget(self.error_label)
        column.addStretch(1)
        self.show_help()

    def _on_kind_toggled(self, _button: QRadioButton, on: bool) -> None:
        if on:  # the one switched on; the one switched off says nothing
            self.kind_changed.emit()

    def kind(self) -> Kind:
        return next(kind for kind, radio in self._radios.items() if radio.isChecked())

    def show_help(self) -> None:
        common = self.tr(
            "CSV (UTF-8, GBK or UTF-16) or Excel .xlsx. A title row above the header and a "
            "totals row (合计) below the data are skipped. Nothing is written until you "
            "confirm the last step."
        )
        if self.kind() is Kind.LEADS:
            what = self.tr(
                "A customer list needs a phone column; name, owner, channel, tags, birthday, "
                "notes, added time and city are taken when the file has them."
            )
        elif self.kind() is Kind.ORDERS:
            what = self.tr(
                "An order export needs the order number and the buyer's phone; one row per "
                "order line is fine. Orders are matched to customers by phone, and importing "
                "the file again updates their status."
            )
        else:
            what = self.tr(
                "A coupon export from the mall needs the customer's phone or the order "
                "number, the amount and the expiry; issue time, used state and coupon code "
                "are taken when the file has them. Importing the file again adds nothing, "
                "and marks coupons used when the file now says so."
            )
        self.help_label.setText(f"{what}\n{common}")

    def set_kind(self, kind: Kind) -> None:
        """Choose what the file holds without reading the file again."""
        group = self.leads_radio.group()
        group.blockSignals(True)
        self._radios[kind].setChecked(True)
        group.blockSignals(False)
        self.show_help()

    def show_reading(self, reading: bool) -> None:
        self.progress.setVisible(reading)
        self.cancel_read_button.setVisible(reading)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
