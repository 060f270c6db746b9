"""A cell holding a NUL (U+0000), as a damaged UTF-16 export has, quarantines its row with that reason."""
from __future__ import annotations

from analytics.importing.plan import plan_import
from conftest import PAYMENT_HEADER, csv_bytes, payment_rows


def test_a_nul_in_a_cell_quarantines_its_row_with_the_reason(config):
    rows = payment_rows(3)
    rows[1][1] = rows[1][1][:1] + "\x00" + rows[1][1][1:]  # a name with a NUL inside
    plan = plan_import("发放.csv", csv_bytes([["2022年6月特困供养发放明细"], PAYMENT_HEADER, *rows], "utf-16"), config)
    assert plan.rows.num_rows == 2 and len(plan.quarantine) == 1
    [problem] = [p for p in plan.problems if "U+0000" in p.message]
    assert problem.level == "错误" and problem.row == 4 and problem.column == PAYMENT_HEADER[1]
    assert all("\x00" not in (v or "") for v in plan.rows.column("name").to_pylist())
