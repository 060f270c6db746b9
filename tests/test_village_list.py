"""村(居)整改清单 on the sample town: what the exported list holds (open issues, blank columns to fill, masked IDs), the
round trip (filled in with openpyxl, re-imported, the ledger changed exactly as filled, with its change log), an
unchanged list changing nothing, rows of another village refused with nothing changed, every problem reported at
once, and formula-like text kept as text."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import zipfile

import openpyxl
import pandas as pd
import pytest

from analytics.findings import view as findings_view
from analytics.campaign import ledger, village_list
from analytics.core import store
from analytics.core.errors import FileRejected
from analytics.core.filters import Filters
from analytics.findings import findings
from analytics.access.privacy import Privacy
from analytics.access.scope import ADMIN, LOCAL_SCOPE, Scope
from conftest import sample_copy

VILLAGE, USER = "同康村", "同康村（整改清单）"
AS_OF = dt.date(2022, 12, 31)
MASKED_ID = re.compile(r"^\d{6}\*{8}\d{3}[\dX]$")


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory, sample_town_file):
    return sample_copy(sample_town_file, tmp_path_factory.mktemp("village_list"))


@pytest.fixture
def con(sample_path, tmp_path):
    """A private copy of the sample town (these tests write to its ledger)."""
    shutil.copy(sample_path, tmp_path / "sample.duckdb")
    con = store.connect(tmp_path / "sample.duckdb")
    yield con
    con.close()


@pytest.fixture
def exported(con, config) -> bytes:
    return village_list.workbook(con, config, VILLAGE, scope=LOCAL_SCOPE)


def table(data: bytes, sheet: str = village_list.SHEET, header_row: int = village_list.HEADER_ROW) -> pd.DataFrame:
    rows = list(openpyxl.load_workbook(io.BytesIO(data))[sheet].iter_rows(min_row=header_row, values_only=True))
    return pd.DataFrame(rows[1:], columns=rows[0])


def filled(data: bytes, fills: dict[str, dict[str, object]], extra_rows: list[dict[str, object]] = ()) -> bytes:
    """The list with cells filled by issue number (text stays text, as Excel keeps what is typed), rows appended."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[village_list.SHEET]
    header = [c.value for c in sheet[village_list.HEADER_ROW]]

    def put(cell, value):
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
    for row in sheet.iter_rows(min_row=village_list.HEADER_ROW + 1):
        for column, value in fills.get(row[0].value, {}).items():
            put(row[header.index(column)], value)
    for extra in extra_rows:
        r = sheet.max_row + 1
        for column, value in extra.items():
            put(sheet.cell(r, header.index(column) + 1), value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ledger_state(con) -> tuple:
    return (con.execute("select * from ledger_issue order by issue_no").fetchall(),
            con.execute("select count(*) from ledger_event").fetchone()[0])


def new_events(con, issue_no: str, before: int) -> list[tuple]:
    log = ledger.history(con, issue_no, LOCAL_SCOPE).iloc[before:]
    def text(value):  # pandas reads a missing text as NaN
        return value if isinstance(value, str) else None
    return [(e["action"], text(e["from_status"]), text(e["to_status"]),
             json.loads(e["changes"]) if text(e["changes"]) else None, text(e["note"]), e["done_by"])
            for e in log.to_dict("records")]


def test_the_list_holds_the_village_open_issues_and_two_blank_columns_to_fill(con, exported):
    book = openpyxl.load_workbook(io.BytesIO(exported))
    assert book.sheetnames == [village_list.SHEET, village_list.FINDINGS_SHEET]
    sheet = book[village_list.SHEET]
    assert VILLAGE in sheet["A1"].value and "村(居)不能销号" in sheet["A2"].value
    assert sheet.freeze_panes == "A4" and sheet.page_setup.orientation == "landscape"
    rows = table(exported)
    assert list(rows.columns[-2:]) == ["整改措施", "完成时间"]
    assert rows[["整改措施", "完成时间"]].isna().all().all()
    open_ = ledger.issues(con, Filters(villages=(VILLAGE,)), AS_OF)
    assert set(rows["问题编号"]) == set(open_.loc[open_["status"] != ledger.CLOSED, "issue_no"])
    assert set(rows["村(居)"]) == {VILLAGE}
    assert rows["整改时限"].notna().all() and "剩余天数" in rows.columns
    header = [c.value for c in sheet[3]]
    assert sheet.cell(4, header.index("完成时间") + 1).number_format == "yyyy-mm-dd"
    assert sheet.cell(3, header.index("整改措施") + 1).fill.fgColor.rgb.endswith("FFF2CC")


def test_the_findings_sheet_masks_ids_to_first_6_and_last_4_and_names_only_on_a_projector(con, config, exported):
    found = table(exported, village_list.FINDINGS_SHEET, 1)
    ids = found["身份证号"].dropna()
    assert len(ids) and all(MASKED_ID.match(i) for i in ids), list(ids)
    names = set(findings(con, Filters(villages=(VILLAGE,)))["name"].dropna())
    assert set(found["姓名"].dropna()) == names and not any("*" in n for n in names)
    projected = table(village_list.workbook(con, config, VILLAGE, privacy=Privacy(projector=True), scope=LOCAL_SCOPE),
                      village_list.FINDINGS_SHEET, 1)
    assert all("*" in n for n in projected["姓名"].dropna())
    assert set(found["村(居)"]) == {VILLAGE}


def test_an_unchanged_list_changes_nothing(con, exported):
    before = ledger_state(con)
    done = village_list.import_returned(con, exported, "同康村.xlsx", village=VILLAGE, scope=Scope(USER, ADMIN))
    assert done["changed"] == [] and len(done["unchanged"]) == len(table(exported))
    assert ledger_state(con) == before


def test_a_filled_list_updates_the_ledger_exactly_as_filled_with_its_change_log(con, exported):
    old = {n: ledger.issue(con, n, LOCAL_SCOPE) for n in ("QL-2022-017", "QL-2022-025", "QL-2022-005", "QL-2022-023")}
    assert [old[n]["status"] for n in old] == ["待整改", "待整改", "长期整改", "待整改"]
    logged = {n: len(ledger.history(con, n, LOCAL_SCOPE)) for n in old}
    returned = filled(exported, {
        "QL-2022-025": {"整改措施": "核实死亡信息，停发并追回 200 元", "完成时间": dt.date(2022, 12, 28)},
        "QL-2022-017": {"整改措施": "补齐材料并重新民主评议"},
        "QL-2022-005": {"完成时间": "2022年12月20日"},
    })
    done = village_list.import_returned(con, returned, "同康村回填.xlsx", village=VILLAGE, scope=Scope(USER, ADMIN))
    assert sorted(done["changed"]) == ["QL-2022-005", "QL-2022-017", "QL-2022-025"]
    now = {n: ledger.issue(con, n, LOCAL_SCOPE) for n in old}
    assert (now["QL-2022-025"]["status"], now["QL-2022-025"]["measures"]) == ("已整改待销号", "核实死亡信息，停发并追回 200 元")
    assert (now["QL-2022-017"]["status"], now["QL-2022-017"]["measures"]) == ("整改中", "补齐材料并重新民主评议")
    assert (now["QL-2022-005"]["status"], now["QL-2022-005"]["measures"]) == ("已整改待销号", old["QL-2022-005"]["measures"])
    assert now["QL-2022-023"] == old["QL-2022-023"]
    for n in old:  # nothing else of any issue moved
        assert {k: v for k, v in now[n].items() if k not in ("status", "measures")} == \
            {k: v for k, v in old[n].items() if k not in ("status", "measures")}
    note = "村(居)整改清单“同康村回填.xlsx”回填"
    assert new_events(con, "QL-2022-025", logged["QL-2022-025"]) == [
        ("修改", None, None, {"整改措施": [None, "核实死亡信息，停发并追回 200 元"]}, note, USER),
        ("状态变更", "待整改", "整改中", None, note, USER),
        ("状态变更", "整改中", "已整改待销号", None, note + "：2022-12-28 整改完成", USER)]
    assert new_events(con, "QL-2022-017", logged["QL-2022-017"]) == [
        ("修改", None, None, {"整改措施": [old["QL-2022-017"]["measures"], "补齐材料并重新民主评议"]}, note, USER),
        ("状态变更", "待整改", "整改中", None, note, USER)]
    assert new_events(con, "QL-2022-005", logged["QL-2022-005"]) == [
        ("状态变更", "长期整改", "已整改待销号", None, note + "：2022-12-20 整改完成", USER)]
    assert new_events(con, "QL-2022-023", logged["QL-2022-023"]) == []
    state = ledger_state(con)
    again = village_list.import_returned(con, returned, "同康村回填.xlsx", village=VILLAGE, scope=Scope(USER, ADMIN))
    assert again["changed"] == []
    assert ledger_state(con) == state


def test_rows_edited_for_another_village_refuse_the_file_and_change_nothing(con, exported):
    before = ledger_state(con)
    returned = filled(exported, {"QL-2022-017": {"整改措施": "补齐材料"},
                                 "QL-2022-023": {"村(居)": "冬笋村", "整改措施": "补签协议"},
                                 "QL-2022-011": {"问题编号": "QL-2022-014", "整改措施": "按月探访"}})
    with pytest.raises(FileRejected) as refused:
        village_list.import_returned(con, returned, "同康村.xlsx", village=VILLAGE, scope=Scope(USER, ADMIN))
    message = str(refused.value)
    rows = {n: i + 4 for i, n in enumerate(table(exported)["问题编号"])}
    assert f"工作表“整改清单”第 {rows['QL-2022-023']} 行“村(居)”列：为“冬笋村”，本清单是“同康村”的" in message
    assert f"工作表“整改清单”第 {rows['QL-2022-011']} 行“问题编号”列：问题 QL-2022-014 属于“冬笋村”" in message
    assert "共 2 处问题" in message
    assert ledger_state(con) == before


def test_every_problem_of_a_returned_list_is_reported_at_once(con, exported):
    before = ledger_state(con)
    returned = filled(exported, {"QL-2022-025": {"完成时间": dt.date(2022, 12, 28)},
                                 "QL-2022-017": {"整改措施": "补齐材料", "完成时间": "2022-12"},
                                 "QL-2022-005": {"完成时间": "2022-13-01"}},
                      [{"问题编号": "QL-2099-001", "村(居)": VILLAGE, "整改措施": "新增"},
                       {"村(居)": VILLAGE, "整改措施": "没有编号"}])
    with pytest.raises(FileRejected) as refused:
        village_list.import_returned(con, returned, "同康村.xlsx", village=VILLAGE, scope=Scope(USER, ADMIN))
    problems = [(p.column, p.message) for p in refused.value.problems]
    assert len(problems) == 5, problems
    assert ("整改措施", "填写了完成时间，请同时填写整改措施") in problems
    assert ("完成时间", "请写到具体日期，如 2022-12-20") in problems
    assert any(c == "完成时间" and "不存在" in m for c, m in problems)
    assert ("问题编号", "台账中没有编号为“QL-2099-001”的问题") in problems
    assert any(c == "问题编号" and m.startswith("为空") for c, m in problems)
    assert all(p.row and p.sheet == village_list.SHEET for p in refused.value.problems)
    assert ledger_state(con) == before


def test_an_issue_closed_since_the_export_cannot_be_filled(con, exported):
    ledger.change_status(con, "QL-2022-005", "已整改待销号", scope=Scope("镇民政办", ADMIN))
    ledger.change_status(con, "QL-2022-005", ledger.CLOSED, scope=Scope("镇民政办", ADMIN), closed_date=AS_OF,
                         evidence="复核报告")
    before = ledger_state(con)
    with pytest.raises(FileRejected, match="问题 QL-2022-005 已销号，不能再回填"):
        village_list.import_returned(con, filled(exported, {"QL-2022-005": {"整改措施": "补充说明"}}), "同康村.xlsx",
                                     village=VILLAGE, scope=Scope(USER, ADMIN))
    assert ledger_state(con) == before


def test_a_file_that_is_not_the_list_is_refused_in_chinese(con):
    with pytest.raises(FileRejected, match="无法作为 .xlsx 工作簿打开"):
        village_list.import_returned(con, b"not a workbook", "x.xlsx", village=VILLAGE, scope=Scope(USER, ADMIN))
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(FileRejected, match="找不到工作表“整改清单”"):
        village_list.import_returned(con, buffer.getvalue(), "x.xlsx", village=VILLAGE, scope=Scope(USER, ADMIN))


def test_an_unknown_village_has_no_list(con, config):
    with pytest.raises(ledger.LedgerError, match="没有名为“东村”的村"):
        village_list.workbook(con, config, "东村", scope=LOCAL_SCOPE)


def no_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return not any("<f>" in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_formula_like_text_stays_text_out_and_back_in(con, config):
    ledger.edit(con, "QL-2022-023", {"description": "=HYPERLINK(\"http://x\",\"点我\")", "measures": "@SUM(A1)"},
                scope=Scope("测试", ADMIN))
    data = village_list.workbook(con, config, VILLAGE, scope=LOCAL_SCOPE)
    assert no_formulas(data)
    sheet = openpyxl.load_workbook(io.BytesIO(data))[village_list.SHEET]
    texts = {c.value: c.data_type for row in sheet.iter_rows() for c in row if isinstance(c.value, str)
             and c.value[:1] in "=@"}
    assert texts == {"=HYPERLINK(\"http://x\",\"点我\")": "s", "@SUM(A1)": "s"}
    village_list.import_returned(con, filled(data, {"QL-2022-023": {"整改措施": "-先核查+再补签"}}), "同康村.xlsx",
                                 village=VILLAGE, scope=Scope(USER, ADMIN))
    assert ledger.issue(con, "QL-2022-023", LOCAL_SCOPE)["measures"] == "-先核查+再补签"


def test_the_findings_export_writes_formula_like_names_as_text(con):
    frame = findings(con)
    frame.loc[frame.index[0], "name"] = "=1+2"
    frame.loc[frame.index[1], "explanation"] = "+cmd|' /C calc'!A0"
    data = findings_view.workbook(frame, Privacy())
    assert no_formulas(data)
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = {c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert {"=1+2", "+cmd|' /C calc'!A0"} <= values
    first = book.worksheets[0]
    header = [c.value for c in first[1]]
    assert first.freeze_panes == "A2" and first.cell(2, header.index(findings_view.MONEY) + 1).number_format == \
        '#,##0.00" 元"'
