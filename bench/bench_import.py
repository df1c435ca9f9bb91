"""Importing 100,000 leads from a CSV file and from an .xlsx file, into SQLite and PostgreSQL.

Measured: the whole import as ``operator-app import-leads FILE --distribute
…`` runs it — read the file, match the headers, validate and normalise every
row (phones to E.164, dates, tags), check the phones against the team's
leads, plan the distribution, and write leads, tags and lead tags in one
transaction into a fresh, migrated shared database (an SQLite file; a
throw-away PostgreSQL database when a server answers at
OPERATOR_DESK_BENCH_PG, default the test server at 127.0.0.1:5432).

Floor: pandas reading the same file (``read_csv(dtype=str)`` /
``read_excel``), best of three, in the same run. Goal: within 3x.

Also printed (``extra``): the time of each phase, and a second floor — the
bare driver writing every row the import wrote (leads, tags, lead tags)
into the same schema (its change-stamping triggers included) in one
transaction: ``sqlite3`` ``executemany``, or psycopg ``COPY … FROM STDIN``
as the server's superuser. Writing, not reading the file, is most of an
import; ``write_floor_ratio`` says how close the import comes to that.
Run alone: ``python -m bench.bench_import [ROWS] [--backend sqlite|postgresql]``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import psycopg
from sqlalchemy import Engine, insert

from bench.common import Result, timed
from operator_app.core.import_files import LEAD_FIELDS, read_table
from operator_app.core.importing import guess_mapping, validate_leads
from operator_app.data import importing as writes
from operator_app.data import migrate
from operator_app.data import models as m
from operator_app.data.db import make_engine

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Shanghai")
HEADER = ["客户名称", "手机号", "渠道", "标签", "生日", "备注", "添加时间"]
OPERATORS = {"wangfang": 750, "lijing": 680, "zhouhao": 620, "liuyang": 560}
PREFIXES = ("138", "139", "150", "186", "177", "199")
SPELLINGS = ("{p}", "+86 {a} {b} {c}", "{a}-{b}-{c}", "86{p}", "{p}.0")
PG = os.environ.get("OPERATOR_DESK_BENCH_PG", "host=127.0.0.1 port=5432 user=postgres")
WRITTEN = ("tag", "lead", "lead_tag", "contact_event")  # what an import writes, parents first
BACKENDS = ("sqlite", "postgresql")


def _rows(count: int) -> list[list[Any]]:
    """Realistic, deterministic rows: unique phones in the spellings people use."""
    rng = random.Random(5)
    out = []
    for i in range(count):
        phone = f"{PREFIXES[i % len(PREFIXES)]}{i:08d}"
        spelled = rng.choice(SPELLINGS).format(p=phone, a=phone[:3], b=phone[3:7], c=phone[7:])
        out.append([
            f"客户{i}",
            spelled,
            rng.choice(("包裹卡", "门店活码", "抖音直播")),
            rng.choice(("", "爱水果", "爱水果,新客", "复购")),
            f"{rng.randint(1960, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            rng.choice(("", "", "喜欢牛排", "要发票😀")),
            f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d} 10:{i % 60:02d}",
        ])  # fmt: skip
    return out


def _write_csv(path: Path, rows: list[list[Any]]) -> Path:
    pd.DataFrame(rows, columns=HEADER).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def _write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["客户名单（导出）"])  # the title row shop exports put above the header
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    sheet.append(["合计", len(rows)])
    book.save(path)
    return path


def _team(engine: Engine) -> uuid.UUID:
    team_id = uuid.uuid4()

    def synced(**values: Any) -> dict[str, Any]:
        return {"id": uuid.uuid4(), "version": 1, "updated_at": NOW, "deleted_at": None, **values}

    with engine.begin() as conn:
        conn.execute(insert(m.Team), [synced(id=team_id, name="鲜到家")])
        conn.execute(
            insert(m.LifecycleStage),
            [synced(team_id=team_id, key="new", name="新客户", position=1)],
        )
        conn.execute(
            insert(m.Operator),
            [
                synced(team_id=team_id, login=login, name=login, role="operator",
                       capacity=capacity, active=True)
                for login, capacity in OPERATORS.items()
            ],
        )  # fmt: skip
    return team_id


def _import(engine: Engine, team_id: uuid.UUID, path: Path) -> dict[str, Any]:
    """The import, timed phase by phase (the phases run back to back)."""
    phases: dict[str, float] = {}
    start = time.perf_counter()
    table = read_table(path, LEAD_FIELDS)
    phases["read_s"] = time.perf_counter() - start
    mapping = guess_mapping(table.headers, LEAD_FIELDS)
    leads = validate_leads(table, mapping, tz=TZ, now=NOW)
    phases["validate_s"] = time.perf_counter() - start - phases["read_s"]
    result = writes.import_leads(
        engine, leads, team_id=team_id, distribute_to=list(OPERATORS), now=NOW
    )
    phases["write_s"] = time.perf_counter() - start - phases["read_s"] - phases["validate_s"]
    return {"imported": result.imported, "rejected": result.rejected, **phases}


# -- the targets: a database with the team, and a twin of it for the write floor ----------------


class Target:
    """Where one import goes, and how to time the bare driver writing the same rows."""

    name = ""

    def engine(self) -> Engine:
        raise NotImplementedError

    def write_floor(self) -> float:
        raise NotImplementedError


class SqliteTarget(Target):
    name = "SQLite"

    def __init__(self, folder: Path) -> None:
        self.path = folder / "shared.sqlite3"
        self.twin = folder / "floor.sqlite3"
        engine = make_engine(f"sqlite:///{self.path}")
        migrate.upgrade_to_head(engine)
        self.team_id = _team(engine)
        engine.dispose()  # checkpoints the WAL: the file alone is the database
        shutil.copy(self.path, self.twin)
        self._engine = make_engine(f"sqlite:///{self.path}")

    def engine(self) -> Engine:
        return self._engine

    def write_floor(self) -> float:
        """sqlite3 executemany of every row the import wrote, into the twin, one transaction,
        with the app's pragmas (WAL, synchronous=FULL, foreign keys)."""
        self._engine.dispose()
        source = sqlite3.connect(self.path)
        tables = {t: _sqlite_rows(source, t) for t in WRITTEN}
        source.close()
        db = sqlite3.connect(self.twin, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            db.execute(f"PRAGMA {pragma}")

        def insert_all() -> None:
            db.execute("BEGIN")
            for table, (cols, rows) in tables.items():
                marks = ", ".join("?" * len(cols))
                db.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
            db.execute("COMMIT")

        seconds, _ = timed(insert_all)
        db.close()
        return seconds


def _sqlite_rows(db: sqlite3.Connection, table: str) -> tuple[list[str], list[Any]]:
    cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] != "change_seq"]
    return cols, db.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()


def _pg_url(name: str) -> str:
    parts = dict(p.split("=", 1) for p in PG.split())
    user, host = parts.get("user", "postgres"), parts.get("host", "127.0.0.1")
    return f"postgresql+psycopg://{user}@{host}:{parts.get('port', 5432)}/{name}"


def _admin() -> psycopg.Connection[Any]:
    return psycopg.connect(f"{PG} dbname=postgres connect_timeout=3", autocommit=True)


def pg_available() -> bool:
    try:
        _admin().close()
    except psycopg.Error:
        return False
    return True


class PgTarget(Target):
    name = "PostgreSQL"

    def __init__(self, tag: str) -> None:
        self.db = f"opdesk_bench_import_{os.getpid()}_{tag}"
        self.twin = f"{self.db}_floor"
        with _admin() as admin:
            for name in (self.db, self.twin):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{self.db}"')
        engine = make_engine(_pg_url(self.db))
        migrate.upgrade_to_head(engine)
        self.team_id = _team(engine)
        engine.dispose()
        with _admin() as admin:
            admin.execute(f'CREATE DATABASE "{self.twin}" TEMPLATE "{self.db}"')
        self._engine = make_engine(_pg_url(self.db))

    def engine(self) -> Engine:
        return self._engine

    def write_floor(self) -> float:
        """psycopg COPY FROM STDIN of every row the import wrote, into the twin, one
        transaction (as the superuser: COPY FROM refuses tables under row security)."""
        self._engine.dispose()
        tables = {}
        with psycopg.connect(f"{PG} dbname={self.db}") as source:
            for table in WRITTEN:
                cols = [
                    r[0]
                    for r in source.execute(
                        "SELECT column_name FROM information_schema.columns"
                        " WHERE table_name = %s AND column_name NOT IN ('change_seq', 'change_xid')"
                        " ORDER BY ordinal_position",
                        (table,),
                    )
                ]
                with source.cursor().copy(f"COPY {table} ({', '.join(cols)}) TO STDOUT") as copy:
                    tables[table] = (cols, b"".join(bytes(part) for part in copy))
        with psycopg.connect(f"{PG} dbname={self.twin}") as db:

            def copy_all() -> None:
                with db.transaction():
                    for table, (cols, data) in tables.items():
                        sql = f"COPY {table} ({', '.join(cols)}) FROM STDIN"
                        with db.cursor().copy(sql) as copy:
                            copy.write(data)

            seconds, _ = timed(copy_all)
        return seconds

    def drop(self) -> None:
        self._engine.dispose()
        with _admin() as admin:
            for name in (self.db, self.twin):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _target(backend: str, folder: Path, tag: str) -> Iterator[Target]:
    if backend == "sqlite":
        target: Target = SqliteTarget(folder)
        try:
            yield target
        finally:
            target.engine().dispose()
        return
    pg = PgTarget(tag)
    try:
        yield pg
    finally:
        pg.drop()


def _best(fn: Callable[[], object], times: int = 3) -> float:
    return min(timed(fn)[0] for _ in range(times))


def _run(kind: str, rows: int, backend: str) -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        writer = _write_csv if kind == "csv" else _write_xlsx
        path = writer(folder / f"leads.{kind}", _rows(rows))
        if kind == "csv":
            floor_name = "pandas read_csv(dtype=str) of the same file"
            floor = _best(lambda: pd.read_csv(path, dtype=str))
        else:
            floor_name = "pandas read_excel of the same file"
            floor = _best(lambda: pd.read_excel(path, header=1), times=1)
        with _target(backend, folder, kind) as target:
            team_id = target.team_id  # type: ignore[attr-defined]
            measured, out = timed(lambda: _import(target.engine(), team_id, path))
            assert isinstance(out, dict) and out["imported"] == rows, out
            write_floor = target.write_floor()
    extra = {k: round(v, 3) for k, v in out.items() if k.endswith("_s")}
    extra |= {
        "rows": rows,
        "imported": out["imported"],
        "write_floor_s": round(write_floor, 3),
        "write_floor_ratio": round(out["write_s"] / write_floor, 2),
    }
    return Result(
        name=f"import-leads {rows:,} rows from .{kind} into {target.name}",
        measured_s=measured,
        floor_s=floor,
        floor_name=floor_name,
        extra=extra,
    )


def _backends(backends: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(b for b in backends if b != "postgresql" or pg_available())


def run(rows: int = 100_000, backends: tuple[str, ...] = BACKENDS) -> list[Result]:
    """The CSV import against pandas.read_csv of the same file, per backend."""
    return [_run("csv", rows, b) for b in _backends(backends)]


def run_xlsx(rows: int = 100_000, backends: tuple[str, ...] = BACKENDS) -> list[Result]:
    """The .xlsx import (title row, totals row) against pandas.read_excel, per backend."""
    return [_run("xlsx", rows, b) for b in _backends(backends)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rows", type=int, nargs="?", default=100_000)
    parser.add_argument("--backend", choices=BACKENDS, action="append")
    parser.add_argument("--kind", choices=("csv", "xlsx"), action="append")
    args = parser.parse_args()
    backends = tuple(args.backend or BACKENDS)
    for kind in args.kind or ("csv", "xlsx"):
        for result in (run if kind == "csv" else run_xlsx)(args.rows, backends):
            print(result.line(), flush=True)


if __name__ == "__main__":
    main()
