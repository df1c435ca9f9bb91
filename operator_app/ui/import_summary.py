"""What the import page says about a check or an import: translated field names
and the summary rows (the CLI's JSON figures, for people)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication

from operator_app.core.distribution import OperatorSlot
from operator_app.core.import_files import FieldSpec
from operator_app.data.importing import LeadImportResult
from operator_app.data.importing_coupons import CouponImportResult
from operator_app.data.importing_orders import OrderImportResult
from operator_app.ui.i18n import QT_TRANSLATE_NOOP
from operator_app.ui.import_models import SummaryRow
from operator_app.ui.import_reasons import reason_label

CONTEXT = "ImportSummary"

FIELD_LABELS = {
    ("leads", "name"): QT_TRANSLATE_NOOP("ImportSummary", "Customer name"),
    ("leads", "phone"): QT_TRANSLATE_NOOP("ImportSummary", "Phone"),
    ("leads", "owner"): QT_TRANSLATE_NOOP("ImportSummary", "Owner"),
    ("leads", "channel"): QT_TRANSLATE_NOOP("ImportSummary", "Channel"),
    ("leads", "tags"): QT_TRANSLATE_NOOP("ImportSummary", "Tags"),
    ("leads", "birthday"): QT_TRANSLATE_NOOP("ImportSummary", "Birthday"),
    ("leads", "notes"): QT_TRANSLATE_NOOP("ImportSummary", "Notes"),
    ("leads", "added_at"): QT_TRANSLATE_NOOP("ImportSummary", "Added at"),
    ("leads", "city"): QT_TRANSLATE_NOOP("ImportSummary", "City"),
    ("orders", "order_no"): QT_TRANSLATE_NOOP("ImportSummary", "Order number"),
    ("orders", "phone"): QT_TRANSLATE_NOOP("ImportSummary", "Buyer phone"),
    ("orders", "name"): QT_TRANSLATE_NOOP("ImportSummary", "Buyer name"),
    ("orders", "amount"): QT_TRANSLATE_NOOP("ImportSummary", "Amount"),
    ("orders", "status"): QT_TRANSLATE_NOOP("ImportSummary", "Order status"),
    ("orders", "product"): QT_TRANSLATE_NOOP("ImportSummary", "Product"),
    ("orders", "ordered_at"): QT_TRANSLATE_NOOP("ImportSummary", "Ordered at"),
    ("orders", "shipped_at"): QT_TRANSLATE_NOOP("ImportSummary", "Shipped at"),
    ("orders", "signed_at"): QT_TRANSLATE_NOOP("ImportSummary", "Signed at"),
    ("coupons", "phone"): QT_TRANSLATE_NOOP("ImportSummary", "Phone"),
    ("coupons", "order_no"): QT_TRANSLATE_NOOP("ImportSummary", "Order number"),
    ("coupons", "amount"): QT_TRANSLATE_NOOP("ImportSummary", "Coupon amount"),
    ("coupons", "issued_at"): QT_TRANSLATE_NOOP("ImportSummary", "Issued at"),
    ("coupons", "expires_at"): QT_TRANSLATE_NOOP("ImportSummary", "Expires at"),
    ("coupons", "used_at"): QT_TRANSLATE_NOOP("ImportSummary", "Used at"),
    ("coupons", "used"): QT_TRANSLATE_NOOP("ImportSummary", "Used?"),
    ("coupons", "code"): QT_TRANSLATE_NOOP("ImportSummary", "Coupon code"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def field_label(kind: str, spec: FieldSpec) -> str:
    source = FIELD_LABELS.get((kind, spec.key))
    return _tr(source) if source else spec.label


def _by_reason(counts: Mapping[str, int], tone: str) -> list[SummaryRow]:
    return [
        SummaryRow(reason_label(key), str(n), tone, indent=True)
        for key, n in sorted(counts.items(), key=lambda kv: -kv[1])
    ]


def _rejected(counts: Mapping[str, int], total: int) -> list[SummaryRow]:
    head = SummaryRow(
        QCoreApplication.translate("ImportSummary", "Rows that cannot be imported"),
        str(total),
        "error" if total else "",
    )
    return [head, *_by_reason(counts, "error")]


def lead_rows(
    result: LeadImportResult, slots: Sequence[OperatorSlot] = (), *, done: bool = False
) -> list[SummaryRow]:
    """A lead check (or, ``done``, the import) in the CLI summary's terms."""
    rows = [
        *_lead_counts(result, done=done),
        *_rejected(result.rejected_by_reason, result.rejected),
        *_warning_rows(result.warnings_by_reason),
        *_unknown_owner_rows(result.unknown_owners),
    ]
    if done:
        rows += _assigned_rows(result, slots)
    return rows


def _lead_counts(result: LeadImportResult, *, done: bool) -> list[SummaryRow]:
    new = (
        QCoreApplication.translate("ImportSummary", "New customers imported")
        if done
        else QCoreApplication.translate("ImportSummary", "New customers to import")
    )
    return [
        SummaryRow(
            QCoreApplication.translate("ImportSummary", "Rows in the file"),
            str(result.rows),
            "strong",
        ),
        SummaryRow(new, str(result.imported), "strong"),
        SummaryRow(
            QCoreApplication.translate("ImportSummary", "Already customers (skipped)"),
            str(result.already_known),
            "muted",
        ),
        SummaryRow(
            QCoreApplication.translate("ImportSummary", "Repeated in the file (first one kept)"),
            str(result.duplicate_in_file),
            "muted",
        ),
    ]


def _warning_rows(counts: Mapping[str, int]) -> list[SummaryRow]:
    total = sum(counts.values())
    if not total:
        return []
    head = SummaryRow(
        QCoreApplication.translate("ImportSummary", "Imported with a value left out"),
        str(total),
        "warning",
    )
    return [head, *_by_reason(counts, "warning")]


def _unknown_owner_rows(unknown: Mapping[str, int]) -> list[SummaryRow]:
    if not unknown:
        return []
    head = SummaryRow(
        QCoreApplication.translate("ImportSummary", "Owner not in the team"),
        str(sum(unknown.values())),
        "warning",
    )
    names = [SummaryRow(name, str(n), "warning", indent=True) for name, n in unknown.items()]
    return [head, *names]


def _assigned_rows(result: LeadImportResult, slots: Sequence[OperatorSlot]) -> list[SummaryRow]:
    names = {s.login: s.name for s in slots}
    heading = QCoreApplication.translate("ImportSummary", "Where the new customers went")
    rows = [SummaryRow(heading, "")]
    rows += [
        SummaryRow(
            QCoreApplication.translate("ImportSummary", "Given to {name}").format(
                name=names.get(login, login)
            ),
            str(n),
            indent=True,
        )
        for login, n in result.assigned.items()
    ]
    rows.append(
        SummaryRow(
            QCoreApplication.translate("ImportSummary", "Left in the pool"),
            str(result.pool),
            indent=True,
        )
    )
    return rows


def order_rows(result: OrderImportResult, *, done: bool = False) -> list[SummaryRow]:
    """An order check (or, ``done``, the import) in the CLI summary's terms."""
    created = (
        QCoreApplication.translate("ImportSummary", "Orders added")
        if done
        else QCoreApplication.translate("ImportSummary", "New orders to add")
    )
    updated = (
        QCoreApplication.translate("ImportSummary", "Known orders updated")
        if done
        else QCoreApplication.translate("ImportSummary", "Known orders to update")
    )
    unknown_tone = "warning" if result.unknown_buyer > result.leads_created else ""
    rows = [
        SummaryRow(
            QCoreApplication.translate("ImportSummary", "Rows in the file"),
            str(result.rows),
            "strong",
        ),
        SummaryRow(
            QCoreApplication.translate("ImportSummary", "Orders in the file"), str(result.orders)
        ),
        SummaryRow(created, str(result.created), "strong"),
        SummaryRow(updated, str(result.updated)),
        SummaryRow(
            QCoreApplication.translate("ImportSummary", "Orders of known customers"),
            str(result.matched),
        ),
        SummaryRow(
            QCoreApplication.translate("ImportSummary", "Orders from unknown buyers"),
            str(result.unknown_buyer),
            unknown_tone,
        ),
    ]
    if result.leads_created:
        label = (
            QCoreApplication.translate("ImportSummary", "New customers created")
            if done
            else QCoreApplication.translate("ImportSummary", "New customers to create")
        )
        rows.append(SummaryRow(label, str(result.leads_created), indent=True))
    rows += _rejected(result.rejected_by_reason, result.rejected)
    return rows


def coupon_rows(result: CouponImportResult, *, done: bool = False) -> list[SummaryRow]:
    """A coupon check (or, ``done``, the import) in the CLI summary's terms."""
    created = (
        QCoreApplication.translate("ImportSummary", "Coupons added")
        if done
        else QCoreApplication.translate("ImportSummary", "New coupons to add")
    )
    updated = (
        QCoreApplication.translate("ImportSummary", "Known coupons marked used")
        if done
        else QCoreApplication.translate("ImportSummary", "Known coupons to mark used")
    )
    return [
        SummaryRow(
            QCoreApplication.translate("ImportSummary", "Rows in the file"),
            str(result.rows),
            "strong",
        ),
        SummaryRow(created, str(result.created), "strong"),
        SummaryRow(updated, str(result.updated)),
        SummaryRow(
            QCoreApplication.translate("ImportSummary", "Already imported (skipped)"),
            str(result.already_known),
            "muted",
        ),
        SummaryRow(
            QCoreApplication.translate("ImportSummary", "Repeated in the file (first one kept)"),
            str(result.duplicate_in_file),
            "muted",
        ),
        *_rejected(result.rejected_by_reason, result.rejected),
    ]
