"""run_op: work runs off the GUI thread; results and errors come back on it."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from operator_app.ui.runner import SyncRunner, ThreadRunner


def _unexpected_error(exc: Exception) -> None:
    pytest.fail(f"unexpected error: {exc!r}")


def _unexpected_result(result: object) -> None:
    pytest.fail(f"unexpected result: {result!r}")


def test_op_runs_on_a_worker_and_the_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = ThreadRunner()
    gui = threading.get_ident()
    seen: dict[str, Any] = {}

    def on_done(worker: int) -> None:
        seen["worker"], seen["callback"] = worker, threading.get_ident()

    runner.run_op(threading.get_ident, on_done, _unexpected_error)
    qtbot.waitUntil(lambda: "callback" in seen)

    assert seen["worker"] != gui
    assert seen["callback"] == gui


def test_an_exception_in_the_op_goes_to_on_error(qtbot: QtBot) -> None:
    runner = ThreadRunner()
    errors: list[Exception] = []

    def boom() -> None:
        raise ValueError("no")

    runner.run_op(boom, _unexpected_result, errors.append)
    qtbot.waitUntil(lambda: bool(errors))

    assert isinstance(errors[0], ValueError)


def test_ops_run_one_after_another_in_order(qtbot: QtBot) -> None:
    runner = ThreadRunner()
    order: list[int] = []
    for i in range(5):
        runner.run_op(lambda i=i: i, order.append, _unexpected_error)  # type: ignore[misc]
    qtbot.waitUntil(lambda: len(order) == 5)

    assert order == [0, 1, 2, 3, 4]


def test_a_failing_callback_is_reported_as_a_bug(qtbot: QtBot) -> None:
    bugs: list[Exception] = []
    runner = ThreadRunner(on_bug=bugs.append)

    def broken(_result: object) -> None:
        raise KeyError("bug")

    runner.run_op(lambda: 1, broken, _unexpected_error)
    qtbot.waitUntil(lambda: bool(bugs))

    assert isinstance(bugs[0], KeyError)


def test_discarded_callbacks_never_run(qtbot: QtBot) -> None:
    runner = ThreadRunner()
    done: list[int] = []
    runner.run_op(lambda: 1, done.append, _unexpected_error)
    runner.wait_for_done()
    runner.discard_pending()
    qtbot.wait(20)

    assert done == []


class _Witness:
    """Records the thread that destroys it."""

    def __init__(self, deaths: list[int]) -> None:
        self._deaths = deaths

    def __del__(self) -> None:
        self._deaths.append(threading.get_ident())


@pytest.mark.parametrize("fails", [False, True], ids=["result", "error"])
def test_the_op_and_its_outcome_are_destroyed_on_the_gui_thread(
    qtbot: QtBot, fails: bool
) -> None:
    # Destroying an object a Qt signal is connected to on a pool thread
    # deadlocked start-up; nothing an op captured or returned may die there.
    runner = ThreadRunner()
    deaths: list[int] = []
    finished: list[object] = []

    def submit() -> None:
        captured = _Witness(deaths)

        def op() -> _Witness:
            assert captured is not None
            if fails:
                raise ValueError(_Witness(deaths))
            return _Witness(deaths)

        runner.run_op(op, lambda r: finished.append(type(r)), finished.append)

    submit()
    qtbot.waitUntil(lambda: len(finished) == 1)
    runner.wait_for_done()
    finished.clear()  # the error (and what it holds) goes here
    qtbot.waitUntil(lambda: len(deaths) == 2)

    assert set(deaths) == {threading.get_ident()}


def test_sync_runner_runs_at_once_and_raises_bugs_in_tests() -> None:
    results: list[int] = []
    SyncRunner().run_op(lambda: 2, results.append, _unexpected_error)
    assert results == [2]

    def broken(_result: object) -> None:
        raise KeyError("bug")

    with pytest.raises(KeyError):
        SyncRunner().run_op(lambda: 1, broken, _unexpected_error)
