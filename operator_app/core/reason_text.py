"""The wording of the reason codes the hook engine returns (hooks.py, next_step.py).

The newer rules say *why* as a code with parameters (``Suggestion.reason_code``
and ``reason_params``); this table is the one place that words them, so that
moving the wording to the UI's translations later is a change of one file.
It stays here for now because the reason travels as text through the cache's
queue table to the Today list and to the headless ``queue`` command (no Qt).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

# code -> the Chinese sentence, with {params}. Dates are ``date`` values, worded below.
TEXTS: dict[str, str] = {
    "just_assigned": "刚分到你名下，尚未发送好友申请",
    "follow_up_agreed": "约定 {when} 跟进：{note}",
    "first_order_retry": (
        "已发过 {tries} 次首单话术（上次 {days_since_text}），仍未下单："
        "第 {next_try} 次跟进（共 {of} 次）"
    ),
    # Parked: nothing to send before {until}; why, and until when.
    "parked_in_pool": "在公海，等待组长分配",
    "parked_awaiting_friend": "好友申请已再次发送，等待客户通过",
    "parked_awaiting_friend_recycle": (
        "好友申请已再次发送，等待客户通过；{until} 仍未通过将退回公海"
    ),
    "parked_recycle_due": "好友申请未通过，已到回收时间，等待退回公海",
    "parked_order_unshipped": "已下单，等待发货；{until} 再看物流",
    "parked_order_shipping": "已发货，等待到达同城；{until} 再看物流",
    "parked_first_order_tries": "首单话术已跟进 {tries} 次仍未下单，先不打扰；{until} 再问候",
    "parked_nothing_open": "暂无新钩子，先不打扰；{until} 问候一下，保持联系",
    # A check-in whose day has come.
    "check_in_quiet": "已 {days} 天没联系，暂无其他钩子：问候一下，保持联系",
    "check_in_after_first_order": (
        "首单话术跟进 {tries} 次未下单，已 {days} 天没联系：轻轻问候，不推销"
    ),
}


def _word(value: object) -> object:
    if isinstance(value, datetime):  # a moment: month-day and clock (team time)
        return f"{value:%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value.month}月{value.day}日"
    return value


def render(code: str, params: Mapping[str, object]) -> str:
    """The sentence for ``code`` (the code itself for one not in the table)."""
    source = TEXTS.get(code)
    if source is None:
        return code
    words = {k: _word(v) for k, v in params.items()}
    if "days_since" in params:
        days = int(params["days_since"])  # type: ignore[call-overload]
        words["days_since_text"] = "今天" if days == 0 else f"{days} 天前"
    return source.format(**words)
