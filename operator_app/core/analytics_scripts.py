"""Which script line customers stop replying after, and how each hook does.

Per template line, from counts the data layer aggregated per (operator,
template, line) — see ``data/analytics_queries.py``:

``sent``      customers o sent this line in P (sending it twice to the same
              customer is one send).
``replied``   of those, customers who replied to this line before the next
              one: a ``replied`` event logged against this line at or after
              it was sent (the app ties a reply to the last line sent).
``stopped``   of those, customers who stopped at this line: they answered
              the line before it (or it is the first line), got this line,
              and answered neither it nor any later line of the template.

reply rate = replied ÷ sent; drop-off = stopped ÷ sent.

No verdict on a handful of sends
--------------------------------
A line is judged only with at least ``MIN_LINE_SAMPLE`` sends ("few data"
otherwise). A judged line is *clearly low* when even the top of the 95 %
Wilson interval of its reply rate is ``LOW_MARGIN`` (10 points) or more
below the pooled reply rate of the other judged lines in the same scope: not
noise, and big enough to be worth rewriting. The *worst* line is the clearly
low line with the largest drop-off. No clearly low line, no worst line: the
app never calls a line worse because of noise or a small difference.

Per hook, the unit of ``data.queries.hook_counts``: a script = the lines of
one hook sent to one customer (first line in P); reply rate = scripts
answered ÷ scripts sent; conversion = scripts followed by a valid order
within ``ORDER_WINDOW_DAYS`` of the first line ÷ scripts sent.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

import pandas as pd

from operator_app.core.analytics import ratio

MIN_LINE_SAMPLE = 30
LOW_MARGIN = 0.10
ORDER_WINDOW_DAYS = 7
Z_95 = 1.959964

Verdict = Literal["few", "ok", "low", "worst"]


def wilson(successes: float, n: float, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval of successes/n (None without trials)."""
    if n <= 0:
        return None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # The ends are exact at 0 and n; rounding must not push the rate outside.
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= n else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class LineStat:
    template_id: uuid.UUID
    template_key: str
    template_title: str
    hook_key: str
    line_no: int
    text: str
    sent: int
    replied: int
    stopped: int
    verdict: Verdict
    interval: tuple[float, float] | None  # 95 % Wilson interval of the reply rate

    @property
    def reply_rate(self) -> float | None:
        return ratio(self.replied, self.sent)

    @property
    def drop_off(self) -> float | None:
        return ratio(self.stopped, self.sent)


@dataclass(frozen=True)
class TemplateStat:
    """A script as a whole: customers who got its first line, and who answered its last."""

    template_id: uuid.UUID
    key: str
    title: str
    hook_key: str
    hook_name: str
    started: int
    completed: int
    lines: tuple[LineStat, ...]

    @property
    def completion(self) -> float | None:
        return ratio(self.completed, self.started)


@dataclass(frozen=True)
class HookStat:
    hook_key: str
    name: str
    scripts: int
    answered: int
    converted: int

    @property
    def reply_rate(self) -> float | None:
        return ratio(self.answered, self.scripts)

    @property
    def conversion(self) -> float | None:
        return ratio(self.converted, self.scripts)

    @property
    def few_data(self) -> bool:
        return self.scripts < MIN_LINE_SAMPLE


@dataclass(frozen=True)
class Catalog:
    """Names and texts: templates (template_id, key, title, hook_key, line_count),
    lines (template_id, line_no, text), hooks (hook_key, name, position)."""

    templates: pd.DataFrame
    lines: pd.DataFrame
    hooks: pd.DataFrame

    @cached_property
    def hook_names(self) -> dict[str, str]:
        return {str(r.hook_key): str(r.name) for r in self.hooks.itertuples(index=False)}

    @cached_property
    def hook_positions(self) -> dict[str, int]:
        return {str(r.hook_key): int(r.position) for r in self.hooks.itertuples(index=False)}

    @cached_property
    def template_rows(self) -> list[Any]:
        """The templates as plain tuples, read once for every scope of a report."""
        return list(self.templates.itertuples(index=False))

    @cached_property
    def line_texts(self) -> dict[tuple[uuid.UUID, int], str]:
        rows = self.lines.itertuples(index=False)
        return {(r.template_id, int(r.line_no)): str(r.text) for r in rows}

    def hook_name(self, key: str) -> str:
        return self.hook_names.get(key, key)


Scope = uuid.UUID | None  # an operator, or None for the team
LineCounts = dict[tuple[uuid.UUID, int], list[int]]  # (template, line) -> sent, replied, stopped


def _line_counts(lines: pd.DataFrame, scopes: Iterable[Scope]) -> dict[Scope, LineCounts]:
    """One pass over the (operator, template, line) rows: sums for the team and each scope."""
    wanted = set(scopes)
    out: dict[Scope, LineCounts] = {s: {} for s in wanted}
    cols = ["operator_id", "template_id", "line_no", "sent", "replied", "stopped"]
    for op, template, line, sent, replied, stopped in lines[cols].itertuples(index=False):
        # Every row counts for the team; the pool's (no operator) for nobody else.
        for scope in {None, op} & wanted:
            counts = out[scope].setdefault((template, int(line)), [0, 0, 0])
            counts[0] += int(sent)
            counts[1] += int(replied)
            counts[2] += int(stopped)
    return out


def _verdicts(counts: LineCounts) -> dict[tuple[uuid.UUID, int], Verdict]:
    """few / ok / low per line; then the worst of the clearly low ones."""
    judged = {k: c for k, c in counts.items() if c[0] >= MIN_LINE_SAMPLE}
    total_sent = sum(c[0] for c in judged.values())
    total_replied = sum(c[1] for c in judged.values())
    verdicts: dict[tuple[uuid.UUID, int], Verdict] = {}
    for key, (sent, replied, _stopped) in counts.items():
        if key not in judged:
            verdicts[key] = "few"
            continue
        others = ratio(total_replied - replied, total_sent - sent)
        interval = wilson(replied, sent)
        low = others is not None and interval is not None and interval[1] < others - LOW_MARGIN
        verdicts[key] = "low" if low else "ok"
    low_keys = [k for k, v in verdicts.items() if v == "low"]
    if low_keys:
        worst = max(low_keys, key=lambda k: (counts[k][2] / counts[k][0], -counts[k][1]))
        verdicts[worst] = "worst"
    return verdicts


def _templates(counts: LineCounts, catalog: Catalog) -> list[TemplateStat]:
    verdicts = _verdicts(counts)
    by_template: dict[uuid.UUID, list[tuple[int, list[int]]]] = {}
    for (t, line), c in counts.items():
        by_template.setdefault(t, []).append((line, c))
    out = []
    for tpl in catalog.template_rows:
        mine = sorted(by_template.get(tpl.template_id, []))
        stats = tuple(
            LineStat(
                tpl.template_id,
                str(tpl.key),
                str(tpl.title),
                str(tpl.hook_key),
                line,
                catalog.line_texts.get((tpl.template_id, line), ""),
                sent,
                replied,
                stopped,
                verdicts[(tpl.template_id, line)],
                wilson(replied, sent),
            )
            for line, (sent, replied, stopped) in mine
            if sent > 0
        )
        if not stats:
            continue
        last = [s for s in stats if s.line_no == int(tpl.line_count)]
        out.append(
            TemplateStat(
                tpl.template_id,
                str(tpl.key),
                str(tpl.title),
                str(tpl.hook_key),
                catalog.hook_name(str(tpl.hook_key)),
                stats[0].sent,
                last[0].replied if last else 0,
                stats,
            )
        )
    return out


def line_stats_by_scope(
    lines: pd.DataFrame, catalog: Catalog, scopes: Iterable[Scope]
) -> dict[Scope, list[TemplateStat]]:
    """Templates with their lines, for the team (None) and each operator, in library order.

    ``lines`` has columns operator_id, template_id, line_no, sent, replied,
    stopped. Lines never sent in the period are left out, and so are
    templates with none.
    """
    counts = _line_counts(lines, scopes)
    return {
        scope: _templates({k: c for k, c in mine.items() if c[0] > 0}, catalog)
        for scope, mine in counts.items()
    }


def line_stats(
    lines: pd.DataFrame, catalog: Catalog, operator_id: Scope = None
) -> list[TemplateStat]:
    """:func:`line_stats_by_scope` for one scope."""
    return line_stats_by_scope(lines, catalog, [operator_id])[operator_id]


def worst_line(templates: list[TemplateStat]) -> LineStat | None:
    return next((s for t in templates for s in t.lines if s.verdict == "worst"), None)


def hook_stats_by_scope(
    scripts: pd.DataFrame, catalog: Catalog, scopes: Iterable[Scope]
) -> dict[Scope, list[HookStat]]:
    """Per hook, in the hook chain's order, for the team (None) and each operator.

    ``scripts`` has columns operator_id, hook_key, scripts, answered, converted.
    """
    wanted = set(scopes)
    sums: dict[Scope, dict[str, list[int]]] = {s: {} for s in wanted}
    cols = ["operator_id", "hook_key", "scripts", "answered", "converted"]
    for op, hook, sent, answered, converted in scripts[cols].itertuples(index=False):
        for scope in {None, op} & wanted:
            counts = sums[scope].setdefault(str(hook), [0, 0, 0])
            counts[0] += int(sent)
            counts[1] += int(answered)
            counts[2] += int(converted)
    order = catalog.hook_positions
    return {
        scope: [
            HookStat(k, catalog.hook_name(k), *c)
            for k, c in sorted(mine.items(), key=lambda kv: (order.get(kv[0], 1_000), kv[0]))
            if c[0] > 0
        ]
        for scope, mine in sums.items()
    }


def hook_stats(
    scripts: pd.DataFrame, catalog: Catalog, operator_id: Scope = None
) -> list[HookStat]:
    """:func:`hook_stats_by_scope` for one scope."""
    return hook_stats_by_scope(scripts, catalog, [operator_id])[operator_id]
