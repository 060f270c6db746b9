"""Stored findings as the CLI and downloads give them: JSON records or Parquet, written by DuckDB from the findings read
as Arrow (`rows`, then `json_text` or `write_parquet`), or a table with Chinese headers (CSV, Excel). `records` is
the same JSON built row by row in Python, for a page or a test holding a findings frame."""
from __future__ import annotations

import io
import json
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from analytics.access.privacy import ACCOUNT_COLUMNS, ID_COLUMNS, NAME_COLUMNS, TEXT_COLUMNS, Privacy, masked
from analytics.core.db import arrow, query, sql
from analytics.core.filters import Filters
from analytics.core.values import date_text, missing, period_text, plain
from analytics.core.xlsx import write_table
from analytics.findings.read import findings_where

BASE = ("code", "title", "severity", "focus", "village", "person_id", "name", "program", "period", "amount",
        "explanation", "sources")
EXTRAS = ("program_b", "source", "bank_account", "institution", "item", "paid_date", "days_late")
LABELS = {"code": "疑点代码", "title": "疑点", "severity": "严重程度", "focus": "整治重点", "village": "村(居)",
          "person_id": "身份证号", "name": "姓名", "program": "救助类别", "program_b": "另一救助类别", "period": "月份",
          "amount": "涉及金额(元)", "explanation": "说明", "sources": "来源文件与行号", "source": "比对来源",
          "bank_account": "银行账号", "institution": "供养机构", "item": "隐患项目", "paid_date": "发放日期",
          "days_late": "逾期天数"}


def records(frame: pd.DataFrame) -> list[dict]:
    """One dict per finding: the base fields always (period "YYYY-MM" or null, amount in 元, sources as a list of
    {file, sheet, rows}), the code-specific ones (program_b, source, bank_account, …) only where they apply."""
    out = []
    for row in frame.to_dict("records"):
        item = {key: _json_ready(row[key]) for key in BASE}
        item["period"] = period_text(row["period"], if_missing=None)
        item["sources"] = [] if missing(row["sources"]) else json.loads(row["sources"])
        item |= {key: _json_ready(row[key]) for key in EXTRAS if not missing(row[key])}
        if "paid_date" in item:
            item["paid_date"] = row["paid_date"].strftime("%Y-%m-%d")
        if "days_late" in item:
            item["days_late"] = int(item["days_late"])
        item["finding_key"] = row["finding_key"]
        item["verification"] = _verification(row)
        out.append(item)
    return out


def _verification(row: dict) -> dict | None:
    """The finding's latest 核实 (result, action, note, by, at), or None while unchecked."""
    if missing(row.get("verification_result")):
        return None
    return {"result": row["verification_result"], "action": _json_ready(row["verification_action"]),
            "note": row["verification_note"], "by": row["verified_by"],
            "at": row["verified_at"].isoformat(sep=" ", timespec="seconds")}


ROWS = "finding_rows"  # the name under which finding_export_json.sql and finding_export_parquet.sql read `rows`


def rows(con: duckdb.DuckDBPyConnection, filters: Filters = Filters(), codes: tuple[str, ...] = (),
         dismissed: bool = False, privacy: Privacy | None = None) -> pa.Table:
    """The stored findings an export writes, in the list's order (finding_list.sql) and numbered `n` from 1, with those
    judged 不属实 after the others when dismissed; masked as analytics.access.privacy.masked masks a frame when privacy
    is given."""
    table = arrow(con, "finding_list", {"codes": list(codes), "dismissed": [False, True] if dismissed else [False]},
                  filters=findings_where(filters, "f"))
    table = table.add_column(0, "n", pa.array(range(1, table.num_rows + 1), pa.int64()))
    return table if privacy is None else _masked(table, privacy)


def _masked(table: pa.Table, privacy: Privacy) -> pa.Table:
    """Only the columns masking may change go through pandas and back, as text."""
    names = [c for c in table.column_names if c in (*ID_COLUMNS, *ACCOUNT_COLUMNS, *TEXT_COLUMNS, *NAME_COLUMNS)]
    shown = masked(table.select(names).to_pandas(), privacy)
    for name in names:
        table = table.set_column(table.column_names.index(name), name,
                                 pa.array(shown[name].tolist(), pa.string(), from_pandas=True))
    return table


def json_text(con: duckdb.DuckDBPyConnection, table: pa.Table) -> str:
    """`rows` as the JSON array of `records`, one finding a line, written by DuckDB (finding_export_json.sql)."""
    with _registered(con, table):
        return query(con, "finding_export_json").fetchall()[0][0]


def write_parquet(con: duckdb.DuckDBPyConnection, table: pa.Table, path: Path) -> None:
    """`rows` as Parquet: the JSON records' fields in their own types (finding_export_parquet.sql)."""
    with _registered(con, table):
        con.execute(f"copy (\n{sql('finding_export_parquet')}\n) to $path (format parquet)", {"path": str(path)})


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, table: pa.Table):
    con.register(ROWS, table)
    try:
        yield
    finally:
        con.unregister(ROWS)


def table(frame: pd.DataFrame) -> pd.DataFrame:
    """For people: Chinese headers, months as 2022-09, sources as 文件（工作表）第 3、5 行."""
    shown = frame[list(LABELS)].copy()
    shown["period"] = shown["period"].map(period_text)
    shown["paid_date"] = shown["paid_date"].map(date_text)
    shown["sources"] = shown["sources"].map(sources_text)
    shown["days_late"] = shown["days_late"].astype("Int64")
    return shown.rename(columns=LABELS)


def to_csv(frame: pd.DataFrame) -> str:
    return table(frame).to_csv(index=False, float_format="%.2f")


def to_xlsx(frame: pd.DataFrame) -> bytes:
    """Written by analytics.core.xlsx.write_table: text that looks like a formula stays text, money shown in 元."""
    from openpyxl import Workbook  # loaded by this export only, not by the JSON and Parquet ones
    book = Workbook()
    book.active.title = "疑点清单"
    write_table(book.active, table(frame), money=(LABELS["amount"],))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sources_text(sources: str | None) -> str:
    if missing(sources):
        return ""
    parts = []
    for source in json.loads(sources):
        sheet = f"（{source['sheet']}）" if source["sheet"] else ""
        parts.append(f"{source['file']}{sheet}第 {'、'.join(map(str, source['rows']))} 行")
    return "；".join(parts)


def _json_ready(value):
    """A plain value (analytics.core.values.plain), money as a float to the fen."""
    value = plain(value)
    return round(value, 2) if isinstance(value, float) else value
