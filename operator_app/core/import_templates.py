"""Import templates: an .xlsx per import kind with the headers the import expects (no Qt).

A team lead who has no export yet fills the template; its headers are the
first wording of each field (what ``guess_mapping`` matches exactly) and
one example row shows the formats that are read. Phones and order numbers
are written as text so that Excel never turns them into 1.38E+10.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from operator_app.core.import_coupons import COUPON_FIELDS
from operator_app.core.import_files import LEAD_FIELDS, ORDER_FIELDS, FieldSpec
from operator_app.errors import KnownError, translatable

KINDS = ("leads", "orders", "coupons")

# The example row per kind, by field key (every field of the kind has one).
_EXAMPLES: dict[str, dict[str, str]] = {
    "leads": {
        "name": "张三",
        "phone": "13812345678",
        "owner": "wangfang",
        "channel": "包裹卡",
        "tags": "爱水果，高复购",
        "birthday": "1990-05-01",
        "notes": "喜欢牛排",
        "added_at": "2026-05-01 10:00",
        "city": "上海",
        "friend": "已通过",
    },
    "orders": {
        "order_no": "A20260501001",
        "phone": "13812345678",
        "name": "张三",
        "amount": "128.50",
        "status": "已发货",
        "product": "冻品礼盒",
        "ordered_at": "2026-05-01 10:00",
        "shipped_at": "2026-05-02 09:00",
        "signed_at": "",
    },
    "coupons": {
        "phone": "13812345678",
        "order_no": "A20260501001",
        "amount": "10",
        "issued_at": "2026-05-01 10:00",
        "expires_at": "2026-05-31 23:59",
        "used_at": "",
        "used": "未使用",
        "code": "Q20260501001",
    },
}
# Written as text cells: digits a spreadsheet would otherwise turn into a number.
_TEXT_FIELDS = frozenset({"phone", "order_no", "code"})
# The file names offered (the dialog's default; the user may change them).
FILE_NAMES = {"leads": "客户名单模板.xlsx", "orders": "订单模板.xlsx", "coupons": "优惠券模板.xlsx"}


def template_fields(kind: str) -> tuple[FieldSpec, ...]:
    if kind == "leads":
        return LEAD_FIELDS
    if kind == "orders":
        return ORDER_FIELDS
    if kind == "coupons":
        return COUPON_FIELDS
    raise KnownError(
        translatable("There is no import template for '{kind}'."),
        translatable("Use one of: {kinds}."),
        kind=kind,
        kinds=", ".join(KINDS),
    )


def template_rows(kind: str) -> tuple[list[str], list[str]]:
    """(headers, example row) of ``kind``'s template: each field's first wording,
    a required field marked with * (the import reads past the star)."""
    fields = template_fields(kind)
    headers = [spec.synonyms[0] + ("*" if spec.required else "") for spec in fields]
    example = [_EXAMPLES[kind].get(spec.key, "") for spec in fields]  # a new field: empty
    return headers, example


def write_template(kind: str, path: Path | str) -> Path:
    """Save ``kind``'s template as .xlsx at ``path`` (through a temporary file,
    so a failure leaves nothing half-written)."""
    import openpyxl  # only saving a template pays for it
    from openpyxl.styles import Font

    path = Path(path)
    headers, example = template_rows(kind)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "导入模板"
    sheet.append(headers)
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for col, spec in enumerate(template_fields(kind), start=1):
        letter = sheet.cell(row=1, column=col).column_letter
        sheet.column_dimensions[letter].width = max(14, len(headers[col - 1]) * 2 + 4)
        if spec.key in _TEXT_FIELDS:
            sheet.cell(row=2, column=col).number_format = "@"
    try:
        fd, tmp = tempfile.mkstemp(prefix=".template-", suffix=".xlsx", dir=path.parent)
        os.close(fd)
        try:
            book.save(tmp)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise KnownError(
            translatable("The template could not be saved to {path} ({reason})."),
            translatable("Choose another folder, or close the file if it is open in Excel."),
            path=str(path),
            reason=exc.strerror or exc.__class__.__name__,
        ) from exc
    return path
