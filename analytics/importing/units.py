"""Amounts exported in 分 instead of 元: every amount a hundred times its standard would make every row 多发. Such a
file is not imported silently: the person importing says which unit it is in (the upload form, `--set 金额单位=分`),
and amounts in 分 are divided by 100."""
from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc

from analytics.core.config import Config
from analytics.core.contract import AMOUNT_UNIT, AMOUNT_UNITS
from analytics.core.errors import NeedsInput

CHECKED = {"roster": "monthly_amount", "payments": "amount"}   # the money compared with the standards
LOOKS_LIKE_FEN = 50   # a program's typical amount this many times its highest standard


def in_yuan(kind: str, table: pa.Table, config: Config, unit: str | None, file_name: str) -> tuple[pa.Table, list[str]]:
    """The table with its amounts in 元 and a note; asks (NeedsInput) when they look like 分 and nobody said."""
    field = CHECKED.get(kind)
    if field is None or unit == AMOUNT_UNITS[0]:
        return table, []
    if unit == AMOUNT_UNITS[1]:
        amounts = [None if a is None else (a / 100).quantize(Decimal("0.01")) for a in table.column(field).to_pylist()]
        column = pa.array(amounts, table.schema.field(field).type)
        return table.set_column(table.schema.get_field_index(field), field, column), ["金额按“分”换算为元（÷100）"]
    if looks := _looks_like_fen(table, field, config):
        raise NeedsInput(file_name, AMOUNT_UNIT, AMOUNT_UNITS, why=f"金额看起来以“分”为单位（{looks}），{AMOUNT_UNIT}需要确认")
    return table, []


def _looks_like_fen(table: pa.Table, field: str, config: Config) -> str:
    """What gives it away, per program: its typical amount against the standard; "" when nothing does."""
    highest: dict[str, float] = {}
    for s in config.standards:
        highest[s.program] = max(highest.get(s.program, float(s.amount)), float(s.amount))
    amounts = pc.cast(table.column(field), pa.float64())
    paid = pa.table({"program": table.column("program"), "amount": amounts}).filter(pc.greater(amounts, 0))
    typical = paid.group_by("program").aggregate([("amount", "approximate_median")]).to_pylist()
    return "；".join(f"{p}的金额中位数为 {median:,.0f}，是标准 {highest[p]:,.0f} 元的 {median / highest[p]:,.0f} 倍"
                    for row in typical if (p := row["program"]) in highest
                    and (median := row["amount_approximate_median"]) >= LOOKS_LIKE_FEN * highest[p])
