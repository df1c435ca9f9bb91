"""Script lines with placeholders, rendered safely.

A placeholder is a plain name in single braces — ``{name}``. It is looked up
in a dict of strings and nothing else: no attribute access, no indexing, no
format specs, so a template can never reach into objects or run code
(``{name.__class__}`` is an invalid placeholder, shown as an error marker).
``{{`` and ``}}`` are literal braces. The result is a list of segments so the
UI can highlight a missing value instead of showing a raw ``{…}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

SegmentKind = Literal["text", "value", "missing", "invalid"]

# The names templates may use, with what the operator sees when one is missing.
PLACEHOLDERS: dict[str, str] = {
    "name": "客户称呼",
    "operator": "运营名字",
    "brand": "品牌",
    "product": "商品",
    "coupon_amount": "优惠券金额",
    "coupon_expires": "优惠券到期日",
    "order_no": "订单号",
    "days_left": "剩余天数",
}

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|\{|\}")
_PLAIN_NAME = re.compile(r"[a-z_][a-z0-9_]*\Z")


@dataclass(frozen=True)
class Segment:
    text: str  # what to show: literal text, the value, or a marker label
    kind: SegmentKind
    placeholder: str = ""  # the name inside the braces, for value/missing/invalid


def _placeholder(inner: str, values: dict[str, str]) -> Segment:
    name = inner.strip()
    if not _PLAIN_NAME.match(name) or name not in PLACEHOLDERS:
        return Segment(f"无效占位符「{inner}」", "invalid", inner)
    value = values.get(name, "")
    if not value:
        return Segment(f"缺：{PLACEHOLDERS[name]}", "missing", name)
    return Segment(value, "value", name)


def render_line(text: str, values: dict[str, str]) -> list[Segment]:
    """Split a line into segments with placeholders filled from ``values``."""
    segments: list[Segment] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            segments.append(Segment(text[pos : match.start()], "text"))
        token = match.group(0)
        if token in ("{{", "}}"):
            segments.append(Segment(token[0], "text"))
        elif token in ("{", "}"):
            segments.append(Segment(f"无效占位符「{token}」", "invalid", token))
        else:
            segments.append(_placeholder(match.group(1), values))
        pos = match.end()
    if pos < len(text):
        segments.append(Segment(text[pos:], "text"))
    return _merge_text(segments)


def _merge_text(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for seg in segments:
        if merged and seg.kind == "text" and merged[-1].kind == "text":
            merged[-1] = Segment(merged[-1].text + seg.text, "text")
        else:
            merged.append(seg)
    return merged


def plain_text(segments: list[Segment]) -> str:
    """The line as it would be sent (markers included, so nothing is silently dropped)."""
    return "".join(s.text for s in segments)


def is_complete(segments: list[Segment]) -> bool:
    """True when every placeholder was filled: safe to send as is."""
    return all(s.kind in ("text", "value") for s in segments)
