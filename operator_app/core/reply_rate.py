"""Expected reply rates: the team's observed rate, shrunk towards the prior.

Each hook has a prior reply rate from domain.md (address confirmation
replies > 90 %, …; ``hook.prior_reply_rate``). The team's own history
moves the estimate away from it as evidence accumulates: a Beta-Binomial
posterior mean with the prior worth ``prior_strength`` virtual sends
(team setting ``reply_rate_prior_strength``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from operator_app.core.domain import EventKind


class HookEvent(Protocol):
    """What counting needs from a contact event (``hooks.EventFacts`` fits)."""

    @property
    def kind(self) -> str: ...
    @property
    def occurred_at(self) -> datetime: ...
    @property
    def hook_key(self) -> str | None: ...


@dataclass(frozen=True)
class RateEstimate:
    """A reply rate and the number of real observations behind it."""

    rate: float
    sample_size: int


@dataclass(frozen=True)
class HookCounts:
    """Scripts of one hook sent, and how many of them got any reply."""

    replies: int
    sends: int


def learned_rate(
    prior_rate: float, prior_strength: float, replies: int, sends: int
) -> RateEstimate:
    """(replies + prior × strength) / (sends + strength); the prior itself with no data."""
    if not 0.0 <= prior_rate <= 1.0:
        raise ValueError(f"prior reply rate must be within 0..1, got {prior_rate!r}")
    if prior_strength < 0:
        raise ValueError(f"prior strength must be >= 0, got {prior_strength!r}")
    if not 0 <= replies <= sends:
        raise ValueError(f"need 0 <= replies <= sends, got {replies} of {sends}")
    if sends == 0:
        return RateEstimate(prior_rate, 0)
    rate = (replies + prior_rate * prior_strength) / (sends + prior_strength)
    return RateEstimate(rate, sends)


def observed_counts(histories: Iterable[Iterable[HookEvent]]) -> dict[str, HookCounts]:
    """Per hook, from each lead's contact history (one iterable per lead).

    The unit is the script, not the line: a lead who was sent any line of a
    hook counts as one send, and as one reply if a ``replied`` event for that
    hook came at or after the first line. That is the unit of the domain.md
    priors (address confirmation: > 90 % of customers reply), so observed
    and prior rates mean the same thing. Per-line rates are the
    "which line do customers stop after" analysis, which is a different
    question. A hook sent to the same lead again later (next year's
    birthday) still counts once for that lead.
    """
    sends: dict[str, int] = {}
    replies: dict[str, int] = {}
    for history in histories:
        first_sent: dict[str, datetime] = {}
        reply_times: dict[str, list[datetime]] = {}
        for e in history:
            if e.hook_key is None:
                continue
            if e.kind == EventKind.SENT_LINE:
                seen = first_sent.get(e.hook_key)
                first_sent[e.hook_key] = e.occurred_at if seen is None else min(seen, e.occurred_at)
            elif e.kind == EventKind.REPLIED:
                reply_times.setdefault(e.hook_key, []).append(e.occurred_at)
        for hook, first in first_sent.items():
            sends[hook] = sends.get(hook, 0) + 1
            answered = any(t >= first for t in reply_times.get(hook, ()))
            replies[hook] = replies.get(hook, 0) + int(answered)
    return {hook: HookCounts(replies[hook], n) for hook, n in sends.items()}


def estimate_rates(
    priors: Mapping[str, float], counts: Mapping[str, HookCounts], strength: float
) -> dict[str, RateEstimate]:
    """A learned rate for every hook that has a prior (hooks never sent get the prior)."""
    estimates = {}
    for hook, prior in priors.items():
        seen = counts.get(hook, HookCounts(0, 0))
        estimates[hook] = learned_rate(prior, strength, seen.replies, seen.sends)
    return estimates
