"""Two small charts: a funnel (horizontal bars) and a daily trend (lines).

QtCharts rather than pyqtgraph: it ships inside PySide6 (no new dependency
for the installer to carry, and nothing numpy-specific to freeze), draws
with the app's fonts and style so Chinese labels and the light theme come
for free, and our data is tiny — six funnel bars, at most a few hundred
daily points — so pyqtgraph's strength, streaming large arrays fast, buys
nothing here. Both widgets know nothing of the app: they take labels and
numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

ACCENT = QColor("#1664ff")
SECOND = QColor("#f08c00")
GRID = QColor("#eef0f3")
MUTED = QColor("#646a73")
LINE_WIDTH = 2


def _chart() -> QChart:
    chart = QChart()
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setVisible(False)
    return chart


def _value_axis(font: QFont) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setGridLineColor(GRID)
    axis.setLabelsColor(MUTED)
    axis.setLabelsFont(font)
    return axis


def _nice_max(value: float) -> float:
    """An axis end a little above the largest value, so labels fit beside the bars."""
    return max(1.0, value * 1.25)


class FunnelChart(QChartView):
    """Horizontal bars, first step on top; each category label carries its caption.

    The series and axes are made once and refilled: QtCharts leaves the old
    labels painted when axes are removed and added again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_chart(), parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(180)
        self._labels: list[str] = []
        self._values: list[int] = []
        chart = self.chart()
        font = QFont(self.font())
        self._bars = QBarSet("")
        self._bars.setColor(ACCENT)
        self._bars.setBorderColor(ACCENT)
        self._bars.setLabelColor(QColor("#1f2329"))
        self._series = QHorizontalBarSeries()
        self._series.append(self._bars)
        self._series.setBarWidth(0.62)
        self._series.setLabelsVisible(True)
        self._series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        self._series.setLabelsFormat("@value")
        chart.addSeries(self._series)
        self._categories = QBarCategoryAxis()
        self._categories.setLabelsFont(font)
        self._categories.setGridLineVisible(False)
        self._categories.setTruncateLabels(False)  # "加好友 33.2%" cut to "…" says nothing
        chart.addAxis(self._categories, Qt.AlignmentFlag.AlignLeft)
        self._series.attachAxis(self._categories)
        self._counts = _value_axis(font)
        self._counts.setVisible(False)
        chart.addAxis(self._counts, Qt.AlignmentFlag.AlignBottom)
        self._series.attachAxis(self._counts)

    def set_steps(self, labels: Sequence[str], values: Sequence[int]) -> None:
        """``labels[i]`` names bar i (top to bottom) with its rate; ``values[i]`` its count."""
        self._labels, self._values = list(labels), list(values)
        self._bars.remove(0, self._bars.count())
        # Qt draws the first category at the bottom; a funnel reads top-down.
        self._bars.append([float(v) for v in reversed(self._values)])
        self._categories.setCategories(list(reversed(self._labels)))
        self._counts.setRange(0, _nice_max(max(self._values, default=0)))

    def steps(self) -> list[tuple[str, int]]:
        """What the chart shows, top to bottom (for tests and screen readers)."""
        return list(zip(self._labels, self._values, strict=True))


class TrendChart(QChartView):
    """Daily lines sharing one count axis, with a legend on top (axes made once)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_chart(), parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(160)
        chart = self.chart()
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        font = QFont(self.font())
        self._x = QDateTimeAxis()
        self._x.setFormat("MM-dd")
        self._x.setLabelsFont(font)
        self._x.setLabelsColor(MUTED)
        self._x.setGridLineColor(GRID)
        self._y = _value_axis(font)
        chart.addAxis(self._x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._y, Qt.AlignmentFlag.AlignLeft)
        self._series: dict[str, list[tuple[date, float]]] = {}

    def set_series(
        self, days: Sequence[date], lines: Sequence[tuple[str, Sequence[float]]]
    ) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        self._series = {}
        self._x.setTickCount(min(8, max(2, len(days))))
        top = 0.0
        for (name, values), color in zip(lines, (ACCENT, SECOND), strict=False):
            series = QLineSeries()
            series.setName(name)
            series.setPen(QPen(color, LINE_WIDTH))
            series.setPointsVisible(len(days) <= 31)
            for day, value in zip(days, values, strict=True):
                series.append(_msecs(day), float(value))
                top = max(top, float(value))
            chart.addSeries(series)
            series.attachAxis(self._x)
            series.attachAxis(self._y)
            self._series[name] = list(zip(days, map(float, values), strict=True))
        if days:
            # One day alone would be a zero-width axis: stretch it to the day's end.
            self._x.setRange(_qt_time(days[0]), _qt_time(days[-1], end=len(days) == 1))
        self._y.setRange(0, _nice_max(top))
        self._y.applyNiceNumbers()

    def points(self, name: str) -> list[tuple[date, float]]:
        return list(self._series.get(name, []))


def _msecs(day: date, *, end: bool = False) -> float:
    return datetime.combine(day, time(23, 59) if end else time(0)).timestamp() * 1000


def _qt_time(day: date, *, end: bool = False) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(_msecs(day, end=end)))
