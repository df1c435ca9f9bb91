"""Benchmark helpers: time a measured step and its floor in the same run, print the ratio."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Result:
    name: str
    measured_s: float
    floor_s: float
    floor_name: str
    extra: dict[str, object]

    @property
    def ratio(self) -> float:
        return self.measured_s / self.floor_s if self.floor_s else float("inf")

    def line(self) -> str:
        if not self.floor_s:
            return f"{self.name}: {self.measured_s:.3f} s  |  {json.dumps(self.extra)}"
        return (
            f"{self.name}: {self.measured_s:.3f} s  |  floor ({self.floor_name}): "
            f"{self.floor_s:.3f} s  |  ratio {self.ratio:.2f}x  |  {json.dumps(self.extra)}"
        )


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value
