"""A TCP proxy on loopback that breaks connections on command (test_faults_proxy.py).

The shared URL points at the proxy's port; the proxy forwards to PostgreSQL
and can be told to

- cut every open connection now (``cut_all``), or refuse new ones (``refuse``);
- cut once a given number of bytes has passed in one direction (``cut_after``),
  splitting a protocol message wherever that falls;
- cut when the client sends a statement containing some bytes (``cut_on``):
  before the server sees it, a number of bytes later (``then_bytes``),
  after the server has answered part of it
  (``reply_bytes``), or after the server has executed it but before its
  answer gets back (``swallow_reply``: a COMMIT the client never hears of),
  or drop the client at once while the statement stays in the network
  until ``release_held`` delivers it (``hold``: a late COMMIT);
- count how often the client sent some bytes (``seen``/``wait_seen``), so
  another thread can cut at a moment it chooses.

Connections must be unencrypted (``sslmode=disable``) for the byte patterns
to be visible. psycopg prepares a statement after its fifth run on a
connection and from then on sends only its name, so a pattern names the
first runs of a repeated statement, or a statement whose text changes, or
a COMMIT. Threads, not asyncio: two small pumps per connection.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

UP, DOWN = "up", "down"  # client -> server, server -> client


def simple_query(sql: str) -> bytes:
    """The bytes of ``sql`` sent as a simple query ('Q' message): matches that statement only.

    A bare b"COMMIT" would also match "BEGIN ISOLATION LEVEL READ COMMITTED".
    """
    body = sql.encode() + b"\x00"
    return b"Q" + (len(body) + 4).to_bytes(4, "big") + body


@dataclass
class _Rule:
    pattern: bytes | None = None  # in the client's stream
    occurrence: int = 1
    reply_bytes: int | None = None  # cut after this many answer bytes once the pattern went up
    swallow_reply: bool = False
    hold: bool = False
    then_bytes: int | None = None  # once the pattern went up: cut this many client bytes later
    budget: dict[str, int] = field(default_factory=dict)  # direction -> bytes still allowed
    seen: int = 0
    fired: bool = False


class _Pair:
    """One client connection and its upstream connection."""

    def __init__(self, client: socket.socket, server: socket.socket) -> None:
        self.client, self.server = client, server
        self.tail = b""  # the end of the client's last chunk, for patterns split across reads
        self.reply_left: int | None = None
        self.swallow = False
        self.held: bytes | None = None  # a statement the server has not received yet
        self.closed = False

    def cut(self) -> None:
        if self.closed:
            return
        self.closed = True
        for sock in (self.client, self.server):
            _close(sock)

    def drop_client(self) -> None:
        _close(self.client)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


class FaultProxy:
    """Forwards 127.0.0.1:<port> to ``upstream`` until told to fail."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._pairs: set[_Pair] = set()
        self._refusing = False
        self._rule: _Rule | None = None
        self._counting: dict[bytes, int] = {}
        self.cuts = 0
        self.refused = 0
        self.forwarded = {UP: 0, DOWN: 0}
        self.connections = 0
        self._running = True
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)
        self._acceptor.start()

    # -- commands ---------------------------------------------------------------------
    def refuse(self, on: bool = True) -> None:
        """Close new connections as soon as they arrive (the server is "down")."""
        with self._lock:
            self._refusing = on

    def cut_all(self) -> int:
        """Cut every open connection now; returns how many."""
        with self._lock:
            pairs = [p for p in self._pairs if not p.closed]
            for pair in pairs:
                self._cut(pair)
        return len(pairs)

    def cut_after(self, nbytes: int, direction: str = DOWN) -> None:
        """Cut the connection on which the ``nbytes``-th byte from now passes ``direction``."""
        with self._lock:
            self._rule = _Rule(budget={direction: nbytes})

    def cut_on(self, pattern: bytes, occurrence: int = 1, *, reply_bytes: int | None = None,
               swallow_reply: bool = False, hold: bool = False,
               then_bytes: int | None = None) -> None:
        """Cut at the ``occurrence``-th time the client sends ``pattern`` (see module doc)."""
        with self._lock:
            self._rule = _Rule(pattern, occurrence, reply_bytes, swallow_reply, hold, then_bytes)

    def release_held(self) -> int:
        """Deliver held statements to the server (its answer goes nowhere); returns how many."""
        with self._lock:
            pairs = [p for p in self._pairs if p.held is not None]
            for pair in pairs:
                held, pair.held = pair.held or b"", None
                try:
                    pair.server.sendall(held)
                except OSError:
                    self._cut(pair)
        return len(pairs)

    def disarm(self) -> bool:
        """Forget the pending rule; True if it had fired."""
        with self._lock:
            fired = bool(self._rule and self._rule.fired)
            self._rule = None
            return fired

    def count(self, pattern: bytes) -> None:
        """Start counting how often the client sends ``pattern``."""
        with self._lock:
            self._counting[pattern] = 0

    def seen(self, pattern: bytes) -> int:
        with self._lock:
            return self._counting.get(pattern, 0)

    def wait_seen(self, pattern: bytes, times: int, timeout: float = 30.0) -> bool:
        """Until the client has sent ``pattern`` ``times`` times since ``count``."""
        return self._wait(lambda: self._counting.get(pattern, 0) >= times, timeout)

    def wait_forwarded(self, direction: str, total: int, timeout: float = 30.0) -> bool:
        """Until ``total`` bytes in all have been forwarded in ``direction``."""
        return self._wait(lambda: self.forwarded[direction] >= total, timeout)

    def _wait(self, done: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not done():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
        return True

    def close(self) -> None:
        self._running = False
        with contextlib.suppress(OSError):
            self._listener.close()
        self.cut_all()

    # -- plumbing ---------------------------------------------------------------------
    def _cut(self, pair: _Pair) -> None:
        if not pair.closed:
            pair.cut()
            self.cuts += 1

    def _accept_loop(self) -> None:
        while self._running:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                refusing = self._refusing
            if refusing:
                self.refused += 1
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            pair = _Pair(client, server)
            with self._lock:
                self._pairs.add(pair)
                self.connections += 1
            for direction in (UP, DOWN):
                threading.Thread(target=self._pump, args=(pair, direction), daemon=True).start()

    def _pump(self, pair: _Pair, direction: str) -> None:
        source, sink = (pair.client, pair.server) if direction == UP else (pair.server, pair.client)
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            if not data:
                with self._lock:
                    if pair.held is None:
                        self._cut(pair)
                        self._pairs.discard(pair)
                return
            with self._lock:
                forward, cut_after_send = self._inspect(pair, direction, data)
                if direction == UP and pair.held is not None:
                    pair.drop_client()  # the server side waits for release_held
                    return
            try:
                if forward:
                    sink.sendall(forward)
            except OSError:
                cut_after_send = True
            with self._changed:
                self.forwarded[direction] += len(forward)
                self._changed.notify_all()
            if cut_after_send:
                with self._lock:
                    self._cut(pair)
                    self._pairs.discard(pair)
                return

    def _inspect(self, pair: _Pair, direction: str, data: bytes) -> tuple[bytes, bool]:
        """What of ``data`` to forward, and whether to cut right after. Holds the lock."""
        window, old = pair.tail + data, len(pair.tail)
        if direction == UP:
            pair.tail = window[-64:]
            for pattern in self._counting:
                self._counting[pattern] += _hits(window, old, pattern)
            self._changed.notify_all()
        elif pair.swallow:
            return b"", True  # the server has answered: the client never hears it
        elif pair.reply_left is not None:
            if len(data) >= pair.reply_left:
                return data[: pair.reply_left], True
            pair.reply_left -= len(data)
        rule = self._rule
        if rule is None or rule.fired:
            return data, False
        if direction in rule.budget:
            left = rule.budget[direction]
            if len(data) >= left:
                rule.fired = True
                return data[:left], True
            rule.budget[direction] = left - len(data)
        if direction == UP and rule.pattern is not None:
            rule.seen += _hits(window, old, rule.pattern)
            if rule.seen >= rule.occurrence:
                if rule.then_bytes is not None:
                    rule.pattern, rule.budget[UP] = None, rule.then_bytes
                    return data, False
                rule.fired = True
                if rule.swallow_reply:
                    pair.swallow = True
                    return data, False
                if rule.hold:
                    pair.held = data
                    return b"", False
                if rule.reply_bytes is not None:
                    pair.reply_left = rule.reply_bytes
                    return data, False
                return b"", True  # the server never sees the statement
        return data, False


def _hits(window: bytes, old: int, pattern: bytes) -> int:
    """Occurrences of ``pattern`` in ``window`` that end in its new part (after ``old`` bytes)."""
    hits, at = 0, window.find(pattern, max(0, old - len(pattern) + 1))
    while at != -1:
        hits += 1
        at = window.find(pattern, at + 1)
    return hits
