"""The learned reply rate: a Beta-Binomial estimate shrunk towards the prior."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from operator_app.core.domain import EventKind
from operator_app.core.hooks import EventFacts
from operator_app.core.reply_rate import (
    HookCounts,
    RateEstimate,
    estimate_rates,
    learned_rate,
    observed_counts,
)

T0 = datetime(2024, 6, 3, 2, 0, tzinfo=UTC)


def ev(kind: EventKind, hours: float, hook: str | None = None) -> EventFacts:
    return EventFacts(kind=kind, occurred_at=T0 + timedelta(hours=hours), hook_key=hook)


def test_thin_data_is_shrunk_towards_the_prior() -> None:
    # (3 + 0.9 * 20) / (10 + 20) = 21 / 30 = 0.7
    est = learned_rate(0.9, 20, replies=3, sends=10)
    assert est.rate == pytest.approx(0.7)
    assert est.sample_size == 10


def test_no_data_gives_the_prior_with_sample_size_zero() -> None:
    assert learned_rate(0.45, 20, replies=0, sends=0) == RateEstimate(0.45, 0)


def test_plenty_of_data_approaches_the_observed_rate() -> None:
    # (600 + 0.9 * 20) / (1000 + 20) = 618 / 1020
    est = learned_rate(0.9, 20, replies=600, sends=1000)
    assert est.rate == pytest.approx(618 / 1020)
    assert est.sample_size == 1000


def test_zero_strength_is_the_raw_observed_rate() -> None:
    assert learned_rate(0.9, 0, replies=1, sends=4).rate == pytest.approx(0.25)
    assert learned_rate(0.9, 0, replies=0, sends=0) == RateEstimate(0.9, 0)


@pytest.mark.parametrize(
    ("prior", "strength", "replies", "sends"),
    [(1.2, 20, 0, 0), (-0.1, 20, 0, 0), (0.5, -1, 0, 0), (0.5, 20, 5, 4), (0.5, 20, -1, 3)],
)
def test_impossible_inputs_are_refused(
    prior: float, strength: float, replies: int, sends: int
) -> None:
    with pytest.raises(ValueError):
        learned_rate(prior, strength, replies, sends)


def test_counts_are_per_lead_and_hook_not_per_line() -> None:
    lead_a = [  # a two-line script, both lines answered: one send, one reply
        ev(EventKind.SENT_LINE, 0, "address_confirm"),
        ev(EventKind.REPLIED, 0.5, "address_confirm"),
        ev(EventKind.SENT_LINE, 1, "address_confirm"),
        ev(EventKind.REPLIED, 1.5, "address_confirm"),
    ]
    lead_b = [  # sent, silence
        ev(EventKind.SENT_LINE, 0, "address_confirm"),
        ev(EventKind.NO_REPLY, 24, "address_confirm"),
    ]
    lead_c = [  # the customer stopped after line 1 of 3: still a reply to the hook
        ev(EventKind.SENT_LINE, 0, "invite_wechat"),
        ev(EventKind.REPLIED, 1, "invite_wechat"),
        ev(EventKind.SENT_LINE, 2, "invite_wechat"),
        ev(EventKind.NO_REPLY, 26, "invite_wechat"),
    ]
    counts = observed_counts([lead_a, lead_b, lead_c])
    assert counts == {
        "address_confirm": HookCounts(replies=1, sends=2),
        "invite_wechat": HookCounts(replies=1, sends=1),
    }


def test_a_reply_without_a_send_or_before_it_is_not_counted() -> None:
    lead = [
        ev(EventKind.REPLIED, 0, "winback"),  # logged without its send
        ev(EventKind.REPLIED, 1, "coupon_expiry"),  # before the send (clock skew)
        ev(EventKind.SENT_LINE, 2, "coupon_expiry"),
        ev(EventKind.CUSTOM_MESSAGE, 3, None),
        ev(EventKind.REPLIED, 4, None),
    ]
    assert observed_counts([lead]) == {"coupon_expiry": HookCounts(replies=0, sends=1)}


def test_estimates_cover_every_hook_with_a_prior() -> None:
    rates = estimate_rates(
        {"address_confirm": 0.9, "winback": 0.35},
        {"address_confirm": HookCounts(replies=3, sends=10), "unknown": HookCounts(1, 1)},
        strength=20,
    )
    assert rates["address_confirm"].rate == pytest.approx(0.7)
    assert rates["address_confirm"].sample_size == 10
    assert rates["winback"] == RateEstimate(0.35, 0)
    assert "unknown" not in rates
