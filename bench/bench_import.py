"""Importing 100,000 leads from a CSV file and from an .xlsx file.

Measured: the whole import as ``operator-app import-leads FILE --distribute
…`` runs it — read the file, match the headers, validate and normalise every
row (phones to E.164, dates, tags), check the phones against the team's
leads, plan the distribution, and write leads, tags and lead tags in one
transaction into a fresh, migrated SQLite file. Floor: pandas reading the
same file (``read_csv`` / ``read_excel``), in the same run.

Also printed (``extra``): the time of each phase, and a second floor — the
bare sqlite3 module inserting the same lead rows — because writing 100,000
rows, not reading the file, is most of a CSV import.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
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


def _fresh(folder: Path, name: str) -> Engine:
    engine = make_engine(f"sqlite:///{folder / name}")
    migrate.upgrade_to_head(engine)
    return engine


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
    lead_rows = result.lead_ids
    return {"imported": result.imported, "rejected": result.rejected, "ids": lead_rows, **phases}


def _sqlite_floor(folder: Path, engine: Engine) -> float:
    """Bare sqlite3 executemany of the lead rows the import wrote, into a fresh file."""
    with engine.connect() as conn:
        cols = [c.name for c in m.Lead.__table__.columns]  # type: ignore[attr-defined]
        rows = conn.exec_driver_sql(f"SELECT {', '.join(cols)} FROM lead").fetchall()
    target = _fresh(folder, "floor.sqlite3")
    team_id = _team(target)
    target.dispose()
    db = sqlite3.connect(folder / "floor.sqlite3")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=OFF")  # owners and stages differ in the floor's team
    team_col = cols.index("team_id")
    values = [tuple(team_id.hex if i == team_col else v for i, v in enumerate(r)) for r in rows]
    sql = f"INSERT INTO lead ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"

    def insert_all() -> None:
        with db:
            db.executemany(sql, values)

    seconds, _ = timed(insert_all)
    db.close()
    return seconds


def _run(kind: str, rows: int, read_floor: Any) -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        writer = _write_csv if kind == "csv" else _write_xlsx
        path = writer(folder / f"leads.{kind}", _rows(rows))
        floor, _ = timed(lambda: read_floor(path))
        engine = _fresh(folder, "shared.sqlite3")
        team_id = _team(engine)
        measured, out = timed(lambda: _import(engine, team_id, path))
        assert isinstance(out, dict) and out["imported"] == rows, out
        insert_floor = _sqlite_floor(folder, engine)
        engine.dispose()
    extra = {k: round(v, 3) for k, v in out.items() if k.endswith("_s")}
    extra |= {"rows": rows, "imported": out["imported"], "sqlite3_insert_floor_s":
              round(insert_floor, 3)}  # fmt: skip
    return Result(
        name=f"import-leads {rows:,} rows from .{kind}",
        measured_s=measured,
        floor_s=floor,
        floor_name=f"pandas {'read_csv' if kind == 'csv' else 'read_excel'} of the same file",
        extra=extra,
    )


def run(rows: int = 100_000) -> Result:
    """The CSV import against pandas.read_csv of the same file."""
    return _run("csv", rows, pd.read_csv)


def run_xlsx(rows: int = 100_000) -> Result:
    """The .xlsx import (title row, totals row) against pandas.read_excel of the same file."""
    return _run("xlsx", rows, lambda path: pd.read_excel(path, header=1))


if __name__ == "__main__":
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(run(count).line(), flush=True)
    print(run_xlsx(count).line(), flush=True)
