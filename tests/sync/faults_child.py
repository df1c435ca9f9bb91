"""A syncing process that dies by SIGKILL where it is told (test_faults_kill.py).

Run with ``sys.executable tests/sync/faults_child.py serve``: the process
imports the app once, then for every JSON line on stdin forks a child that
opens the cache and the shared URL named in the line, records outcomes
through ``Workspace`` and runs ``sync_once`` — and is killed with SIGKILL
either at a named point inside the engine or after a random delay. It
answers each line with one JSON line: the child's pid and how it ended.
Forking from a warm process keeps a trial at a few tens of milliseconds
instead of a second of interpreter start-up; the child's death is real.

``ForkServer`` is the test side of that conversation (stdlib only here:
this file also runs as a script, outside the test package).

The child appends to the trial's log, unbuffered so SIGKILL loses nothing::

    intent <marker> | done <marker> <event id>       a note recorded
    intent-fu <lead> <iso> | done-fu <lead> <iso>    a follow-up time set
    sync | synced                                     a sync cycle started / ended
    kill <point> <n>                                  about to die at that point
"""

from __future__ import annotations

import json
import os
import random
import select as io_select
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

# Where the child can be told to die; "random" means: when the server's timer fires.
POINTS = (
    "before_push",  # at the n-th push_batch call: outbox written, that batch not sent
    "mid_push",  # at the n-th entry applied inside the server transaction
    "after_commit",  # at the n-th _acknowledge: server committed, nothing acknowledged
    "during_ack",  # inside the n-th acknowledgement's SQLite transaction, before COMMIT
    "pull_upsert",  # after the n-th table upserted by a pull, before its COMMIT
    "pull_commit",  # after the pull's whole local apply, before its COMMIT
    "random",
)


# -- the test side ---------------------------------------------------------------------
class ForkServer:
    """Talks to ``faults_child.py serve``; one request at a time."""

    def __init__(self, stderr_path: Path) -> None:
        self._stderr = stderr_path.open("ab")
        self.stderr_path = stderr_path
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )

    def run(self, config: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(config) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(f"fork server died: {self.stderr_tail()}")
        return dict(json.loads(line))

    def stderr_tail(self, chars: int = 4000) -> str:
        self._stderr.flush()
        return self.stderr_path.read_text(errors="replace")[-chars:]

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._stderr.close()


# -- the server side -------------------------------------------------------------------
def serve(stdin: IO[str], stdout: IO[str]) -> None:
    _warm_up()
    for line in stdin:
        config = json.loads(line)
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(ready_r)
            os.dup2(2, 1)  # the child never writes into the answer pipe
            code = 0
            try:
                trial(config, ready=lambda fd=ready_w: os.write(fd, b"!"))
            except BaseException:
                traceback.print_exc()
                code = 3
            os._exit(code)
        os.close(ready_w)
        try:
            answer = _await(pid, ready_r, config.get("kill_after"))
        finally:
            os.close(ready_r)
        stdout.write(json.dumps(answer) + "\n")
        stdout.flush()


def _await(pid: int, ready: int, kill_after: float | None) -> dict[str, Any]:
    """The child's end; with ``kill_after``, SIGKILL that long after it starts its work.

    The clock starts when the child says it is ready (engines open, first
    write next), so a busy machine shifts the moment but not the phase hit.
    """
    if kill_after is not None:
        io_select.select([ready], [], [], 30)
        deadline = time.monotonic() + kill_after
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return _ended(pid, status)
            time.sleep(0.002)
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return _ended(pid, status)


def _ended(pid: int, status: int) -> dict[str, Any]:
    if os.WIFSIGNALED(status):
        return {"pid": pid, "signal": os.WTERMSIG(status), "exit": None}
    return {"pid": pid, "signal": None, "exit": os.WEXITSTATUS(status)}


def _warm_up() -> None:
    import keyring

    import operator_app.data.workspace  # noqa: F401
    import operator_app.sync.engine  # noqa: F401

    keyring.get_keyring()  # finding the backend takes 0.2 s: once here, not in every child


# -- one trial, in the forked child ----------------------------------------------------
class Log:
    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def write(self, *parts: object) -> None:
        os.write(self.fd, (" ".join(str(p) for p in parts) + "\n").encode())


def trial(config: dict[str, Any], ready: Callable[[], object] = lambda: None) -> None:
    """Open the engines, arm the kill point, then record and sync round after round."""
    from datetime import datetime

    from operator_app.data.db import make_engine
    from operator_app.data.queries import find_operator
    from operator_app.data.workspace import Workspace
    from operator_app.sync.engine import sync_once

    log = Log(config["log"])
    shared, cache = make_engine(config["shared"]), make_engine(config["cache"])
    person = find_operator(shared, config["login"])
    assert person is not None
    now = datetime.fromisoformat(config["now"])
    workspace = Workspace(cache, person, config["device"], clock=lambda: now)
    _arm(config["point"], int(config.get("at", 1)), int(config.get("batch", 3)), log)
    rng = random.Random(config.get("seed", 0))
    ready()
    for rnd in range(int(config.get("rounds", 1))):
        _record(workspace, config, rnd, rng, log)
        log.write("sync")
        sync_once(shared, cache, person, clock=lambda: now)
        log.write("synced")
    if config["point"] != "random":
        log.write("survived", config["point"])
        os._exit(4)  # the kill point was never reached: the test says so


def _record(workspace: Any, config: dict[str, Any], rnd: int, rng: random.Random,
            log: Log) -> None:
    """One round of writes: notes with unique bodies, then one follow-up time."""
    from datetime import timedelta
    from uuid import UUID

    from sqlalchemy import select

    from operator_app.core.domain import EventKind
    from operator_app.data import models as m

    event = m.ContactEvent.__table__  # type: ignore[attr-defined]
    leads = [UUID(x) for x in config["leads"]]
    for i in range(int(config.get("events", 5))):
        marker = f"{config['tag']}-r{rnd}-e{i}"
        log.write("intent", marker)
        workspace.record_outcome(rng.choice(leads), EventKind.NOTE, note=marker)
        with workspace.cache.connect() as conn:
            event_id = conn.execute(select(event.c.id).where(event.c.body == marker)).scalar_one()
        log.write("done", marker, event_id)
    lead = rng.choice(leads)
    at = workspace.clock() + timedelta(minutes=rng.randrange(1, 100_000))
    log.write("intent-fu", lead, at.isoformat())
    workspace.set_follow_up(lead, at)
    log.write("done-fu", lead, at.isoformat())


def _die(log: Log, point: str, n: int) -> None:
    log.write("kill", point, n)
    os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(30)


def _countdown(at: int, point: str, log: Log) -> Callable[[], None]:
    calls = [0]

    def tick() -> None:
        calls[0] += 1
        if calls[0] == at:
            _die(log, point, at)

    return tick


def _arm(point: str, at: int, batch: int, log: Log) -> None:
    """Wrap the engine function at ``point`` so its ``at``-th call kills this process."""
    from operator_app.sync import engine, pull, push

    real_pending = push.pending_entries
    push.pending_entries = lambda cache, limit=batch: real_pending(cache, limit)  # small batches
    if point == "random":
        return
    module, name, when = {
        "before_push": (engine, "push_batch", "before"),
        "mid_push": (push, "apply_entry", "after"),  # inside the server transaction
        "after_commit": (push, "_acknowledge", "before"),
        "during_ack": (push, "sqlite_transaction", "inside"),  # used by _acknowledge only
        "pull_upsert": (pull, "_upsert", "after"),
        "pull_commit": (pull, "_apply", "after"),
    }[point]
    setattr(module, name, _wrap(getattr(module, name), _countdown(at, point, log), when))


def _wrap(real: Callable[..., Any], tick: Callable[[], None], when: str) -> Callable[..., Any]:
    if when == "inside":

        @contextmanager
        def inside(*args: Any) -> Iterator[Any]:
            with real(*args) as conn:
                yield conn
                tick()  # the transaction's work is done, its COMMIT not yet sent

        return inside

    def wrapper(*args: Any) -> Any:
        if when == "before":
            tick()
        result = real(*args)
        if when == "after":
            tick()
        return result

    return wrapper


if __name__ == "__main__":
    if sys.argv[1:] == ["serve"]:
        serve(sys.stdin, sys.stdout)
    else:  # one trial in this very process: faults_child.py '<json config>'
        trial(json.loads(sys.argv[1]))
