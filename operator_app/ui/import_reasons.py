"""Why a row of an import is left out (or imported with a gap), as the import
page says it: the back end's stable reason keys (core/import_rows.REASONS, which
also holds the Chinese text of the rejected-rows file) with translatable texts,
short ones for the summary's counts and full ones, with the row's details, for
the preview's check column. A test holds the keys and their details equal to
the back end's.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from operator_app.core import import_coupons  # noqa: F401 (registers the coupon reasons)
from operator_app.core.importing import RowIssue
from operator_app.ui.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

CONTEXT = "ImportReasons"

# Per reason key: a short label for the summary's counts.
REASON_LABELS = {
    "missing_phone": QT_TRANSLATE_NOOP("ImportReasons", "No phone number"),
    "invalid_phone": QT_TRANSLATE_NOOP("ImportReasons", "Phone number not valid"),
    "not_mobile": QT_TRANSLATE_NOOP("ImportReasons", "Not a mobile number (a landline?)"),
    "phone_scientific": QT_TRANSLATE_NOOP(
        "ImportReasons", "Phone number turned into scientific notation (cannot be recovered)"
    ),
    "duplicate_in_file": QT_TRANSLATE_NOOP("ImportReasons", "Repeated in the file"),
    "already_known": QT_TRANSLATE_NOOP("ImportReasons", "Already a customer"),
    "missing_order_no": QT_TRANSLATE_NOOP("ImportReasons", "No order number"),
    "order_no_scientific": QT_TRANSLATE_NOOP(
        "ImportReasons", "Order number turned into scientific notation (cannot be recovered)"
    ),
    "bad_amount": QT_TRANSLATE_NOOP("ImportReasons", "Amount not recognised"),
    "unknown_status": QT_TRANSLATE_NOOP("ImportReasons", "Order status not recognised"),
    "unpaid": QT_TRANSLATE_NOOP("ImportReasons", "Unpaid order"),
    "bad_order_time": QT_TRANSLATE_NOOP("ImportReasons", "Order time not recognised"),
    "order_line_rejected": QT_TRANSLATE_NOOP(
        "ImportReasons", "Another line of the same order has an error"
    ),
    "order_no_other_buyer": QT_TRANSLATE_NOOP(
        "ImportReasons", "Order number used by another buyer in the file"
    ),
    "order_no_taken": QT_TRANSLATE_NOOP(
        "ImportReasons", "Order number already belongs to another customer"
    ),
    "unknown_buyer": QT_TRANSLATE_NOOP("ImportReasons", "No customer with this phone"),
    "bad_birthday": QT_TRANSLATE_NOOP("ImportReasons", "Birthday not recognised (left empty)"),
    "bad_added_at": QT_TRANSLATE_NOOP(
        "ImportReasons", "Added time not recognised (the import time is used)"
    ),
    "missing_buyer": QT_TRANSLATE_NOOP("ImportReasons", "No phone or order number"),
    "bad_coupon_amount": QT_TRANSLATE_NOOP("ImportReasons", "Coupon amount not recognised"),
    "bad_expiry": QT_TRANSLATE_NOOP("ImportReasons", "Expiry not recognised"),
    "missing_expiry": QT_TRANSLATE_NOOP("ImportReasons", "No expiry"),
    "bad_issued_at": QT_TRANSLATE_NOOP("ImportReasons", "Issue time not recognised"),
    "expiry_before_issue": QT_TRANSLATE_NOOP("ImportReasons", "Expires before it was issued"),
    "bad_used": QT_TRANSLATE_NOOP("ImportReasons", "Used state not recognised"),
    "duplicate_coupon": QT_TRANSLATE_NOOP("ImportReasons", "Same coupon twice in the file"),
    "unknown_coupon_buyer": QT_TRANSLATE_NOOP(
        "ImportReasons", "No customer with this phone or order"
    ),
}

# Per reason key: what the check column says about one row, with its details.
ROW_TEXTS = {
    "missing_phone": QT_TRANSLATE_NOOP("ImportReasons", "No phone number"),
    "invalid_phone": QT_TRANSLATE_NOOP("ImportReasons", "Phone number not valid"),
    "not_mobile": QT_TRANSLATE_NOOP(
        "ImportReasons", "Not a mobile number (a landline?): no friend request can be sent"
    ),
    "phone_scientific": QT_TRANSLATE_NOOP(
        "ImportReasons",
        "The spreadsheet turned the phone number into scientific notation (like "
        "1.38123E+10) and its last digits are lost. Set the column to text in the original "
        "sheet and export it again.",
    ),
    "duplicate_in_file": QT_TRANSLATE_NOOP("ImportReasons", "Same phone number as row {first}"),
    "already_known": QT_TRANSLATE_NOOP("ImportReasons", "A customer with this phone exists"),
    "missing_order_no": QT_TRANSLATE_NOOP("ImportReasons", "No order number"),
    "order_no_scientific": QT_TRANSLATE_NOOP(
        "ImportReasons",
        "The spreadsheet turned the order number into scientific notation and its last "
        "digits are lost.",
    ),
    "bad_amount": QT_TRANSLATE_NOOP("ImportReasons", "Amount not recognised: {value}"),
    "unknown_status": QT_TRANSLATE_NOOP("ImportReasons", "Order status not recognised: {value}"),
    "unpaid": QT_TRANSLATE_NOOP("ImportReasons", "Unpaid orders are not imported"),
    "bad_order_time": QT_TRANSLATE_NOOP("ImportReasons", "Order time not recognised: {value}"),
    "order_line_rejected": QT_TRANSLATE_NOOP(
        "ImportReasons",
        "Another line of the same order ({order_no}) has an error: the whole order is left out",
    ),
    "order_no_other_buyer": QT_TRANSLATE_NOOP(
        "ImportReasons",
        "Order number {order_no} belongs to another buyer in row {first}: this row is left "
        "out. Check the order number and the phone.",
    ),
    "order_no_taken": QT_TRANSLATE_NOOP(
        "ImportReasons",
        "Order number {order_no} is already another customer's order: this row is left out. "
        "Check the order number and the phone.",
    ),
    "unknown_buyer": QT_TRANSLATE_NOOP(
        "ImportReasons",
        "No customer with this phone: the order is left out (import the customers first, or "
        "create unknown buyers)",
    ),
    "bad_birthday": QT_TRANSLATE_NOOP(
        "ImportReasons", "Birthday not recognised, left empty: {value}"
    ),
    "bad_added_at": QT_TRANSLATE_NOOP(
        "ImportReasons", "Added time not recognised, the import time is used: {value}"
    ),
    "missing_buyer": QT_TRANSLATE_NOOP("ImportReasons", "No phone number or order number"),
    "bad_coupon_amount": QT_TRANSLATE_NOOP(
        "ImportReasons", "Coupon amount not recognised or not above 0: {value}"
    ),
    "bad_expiry": QT_TRANSLATE_NOOP("ImportReasons", "Expiry not recognised: {value}"),
    "missing_expiry": QT_TRANSLATE_NOOP("ImportReasons", "No expiry date"),
    "bad_issued_at": QT_TRANSLATE_NOOP("ImportReasons", "Issue time not recognised: {value}"),
    "expiry_before_issue": QT_TRANSLATE_NOOP(
        "ImportReasons", "The coupon expires before it was issued"
    ),
    "bad_used": QT_TRANSLATE_NOOP("ImportReasons", "Used state not recognised: {value}"),
    "duplicate_coupon": QT_TRANSLATE_NOOP("ImportReasons", "The same coupon as row {first}"),
    "unknown_coupon_buyer": QT_TRANSLATE_NOOP(
        "ImportReasons",
        "No customer with this phone or order number: the coupon is left out (import the "
        "customers or orders first)",
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def reason_label(reason: str) -> str:
    """The summary's label for a reason key (the key itself for one not known here)."""
    source = REASON_LABELS.get(reason)
    return _tr(source) if source else reason


def issue_text(issue: RowIssue) -> str:
    """What the check column says about the row of ``issue``, in the interface's language."""
    source = ROW_TEXTS.get(issue.reason)
    if source is None:
        return issue.text
    # A translation whose {fields} do not match must not break the preview:
    # the back end's own text says the same.
    try:
        return _tr(source).format(**dict(issue.params))
    except (KeyError, IndexError, ValueError):
        log.warning("text of %r does not take the fields %r", source, issue.params)
        return issue.text
