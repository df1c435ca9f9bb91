"""发优惠券: record the coupon the operator gives a customer (入个微's ¥10, 30 days).

The amount and validity start at the team's settings and may be changed
for this one coupon. Saving runs in the background; the dialog closes
once the coupon is stored, and stays open with the values (and the
reason) when it was not.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QWidget

from operator_app.data.workspace_coupons import MAX_AMOUNT, MAX_VALID_DAYS
from operator_app.ui.custom_message_dialog import Done, Failed, _SavingDialog
from operator_app.ui.workspace_ops import WorkspaceOps

CouponSubmit = Callable[[float, int, Done, Failed], None]


class CouponDialog(_SavingDialog):
    """Amount (¥) and days valid of a coupon for one customer; Save records it."""

    def __init__(
        self,
        customer: str,
        submit: CouponSubmit,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] | None = None,
        timezone: ZoneInfo | None = None,
    ) -> None:
        super().__init__(self.tr("Give a coupon to {name}").format(name=customer), parent)
        self._submit = submit
        self._now = now or (lambda: datetime.now().astimezone())
        self._tz = timezone
        self.amount = QDoubleSpinBox()
        self.amount.setObjectName("couponAmount")
        self.amount.setRange(0.0, MAX_AMOUNT)
        self.amount.setDecimals(2)
        self.amount.setPrefix("¥")
        self.amount.setAccessibleName(self.tr("Coupon amount"))
        self.days = QSpinBox()
        self.days.setObjectName("couponDays")
        self.days.setRange(1, MAX_VALID_DAYS)
        self.days.setSuffix(self.tr(" days"))
        self.days.setAccessibleName(self.tr("Days valid"))
        self.expires = QLabel()
        self.expires.setObjectName("couponExpires")
        form = QFormLayout()
        form.addRow(self.tr("&Amount"), self.amount)
        form.addRow(self.tr("&Valid for"), self.days)
        form.addRow(self.tr("Expires"), self.expires)
        hint = self.tr(
            "Record the no-threshold coupon you give this customer. Its amount and expiry "
            "fill the script's coupon placeholders, and a reminder comes before it expires."
        )
        self._finish_layout(form, hint)
        self.amount.valueChanged.connect(self._update_save)
        self.days.valueChanged.connect(self._on_days_changed)
        self.set_defaults(10.0, 30)
        self.amount.setFocus()

    def set_defaults(self, amount: float, days: int) -> None:
        """The team's coupon (team settings), as the starting values."""
        self.amount.setValue(amount)
        self.days.setValue(days)
        self._on_days_changed()
        self.amount.selectAll()

    def can_save(self) -> bool:
        return self.amount.value() > 0

    def start_save(self) -> None:
        self._submit(self.amount.value(), self.days.value(), self._on_saved, self._on_failed)

    @Slot()
    def _on_days_changed(self) -> None:
        now = self._now()
        end = (now + timedelta(days=self.days.value())).astimezone(self._tz)
        self.expires.setText(f"{end:%Y-%m-%d}")
        self._update_save()


def open_for_lead(
    ops: WorkspaceOps,
    lead_id: uuid.UUID,
    customer: str,
    parent: QWidget,
    *,
    now: Callable[[], datetime] | None = None,
    timezone: ZoneInfo | None = None,
) -> CouponDialog:
    """A coupon dialog for ``lead_id`` that records through ``ops`` (not yet shown);
    it starts at the team's coupon once the settings are read."""

    def submit(amount: float, days: int, done: Done, failed: Failed) -> None:
        ops.write(lambda ws: ws.issue_coupon(lead_id, amount, days), lambda _c: done(), failed)

    # The expiry shown as the team's calendar has it (the script's {coupon_expires}).
    zone = timezone or ops.workspace.timezone
    dialog = CouponDialog(customer, submit, parent, now=now, timezone=zone)
    ops.read(lambda ws: ws.coupon_defaults(), lambda d: dialog.set_defaults(*d))
    return dialog
