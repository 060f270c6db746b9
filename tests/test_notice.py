"""公示名单: per household for 低保 (户主, members on the month's roster, the household amount once), per person for
特困, IDs masked, no bank data, 新增 and 退出 against the month before; the workbook and the PDF carry the store's figures."""
import datetime as dt
import io
import re
import subprocess

import openpyxl
import pytest

from analytics.access.scope import ADMIN, VILLAGE, Scope
from analytics.core import store
from analytics.core.errors import Forbidden
from analytics.reports import notice, notice_pdf
from conftest import person, sample_copy

ADMIN_SCOPE = Scope("管理员甲", ADMIN)
DIBAO, TEKUN = "低保", "特困供养"


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_town_file):
    con = store.connect(sample_copy(sample_town_file, tmp_path_factory.mktemp("notice")))
    yield con
    con.close()


def roster(con, rows):
    """Roster rows (period, person_id, name, program, amount, household_id, head_id, head_name, status, group)."""
    for r in rows:
        con.execute("insert into roster (batch_id, row_no, period, person_id, name, village, program, monthly_amount, "
                    "household_id, head_id, head_name, status, group_name) "
                    "values (1, 1, ?, ?, ?, '冬笋村', ?, ?, ?, ?, ?, ?, ?)", r)


def test_a_dibao_household_is_one_row_with_its_members_counted_and_its_amount_once(fresh_db, config):
    june, july = dt.date(2022, 6, 1), dt.date(2022, 7, 1)
    head, wife, child, alone, gone = (person(n) for n in range(1, 6))
    rows = []
    for month in (june, july):
        rows += [(month, head, "赵一", DIBAO, 900, "H1", head, "赵一", "在保", "2组"),
                 (month, wife, "钱二", DIBAO, None, "H1", head, "赵一", "在保", "2组"),
                 (month, child, "赵三", DIBAO, None, "H1", head, "赵一", "停保" if month == july else "在保", "2组")]
    rows += [(june, gone, "周五", DIBAO, 500, "H3", gone, "周五", "在保", "1组"),
             (july, gone, "周五", DIBAO, 500, "H3", gone, "周五", "死亡", "1组"),
             (july, alone, "孙四", TEKUN, 932, None, None, None, "正常", None)]
    roster(fresh_db, rows)
    built = notice.build(fresh_db, config, "冬笋村", july, ADMIN_SCOPE)
    dibao, tekun = built.sections
    assert dibao.table.to_dict("records") == [{"序号": 1, "组": "2组", "户主姓名": "赵一",
                                               "身份证号": head[:6] + "********" + head[-4:], "保障人数": 2,
                                               "保障金额(元)": 900.0}]
    assert (dibao.households, dibao.persons, dibao.amount) == (1, 2, 900.0)
    assert list(tekun.table["姓名"]) == ["孙四"]
    # 特困 had no roster in June: nothing can be called new; the 低保 household whose head died left
    assert built.new.empty and TEKUN in built.changes_note
    assert built.left[["户主姓名", "保障人数", "说明"]].to_dict("records") == [
        {"户主姓名": "周五", "保障人数": 1, "说明": "本月名册状态为“死亡”"}]


def test_a_household_new_this_month_is_listed_as_new(fresh_db, config):
    june, july = dt.date(2022, 6, 1), dt.date(2022, 7, 1)
    old, new = person(1), person(2)
    roster(fresh_db, [(june, old, "赵一", DIBAO, 600, "H1", old, "赵一", "在保", "1组"),
                      (july, old, "赵一", DIBAO, 600, "H1", old, "赵一", "在保", "1组"),
                      (july, new, "王六", DIBAO, 700, "H2", new, "王六", "在保", "3组")])
    built = notice.build(fresh_db, config, "冬笋村", july, ADMIN_SCOPE)
    assert list(built.new["户主姓名"]) == ["王六"] and built.left.empty and not built.changes_note


def test_a_village_account_gets_its_own_villages_notice_only(sample, config):
    notice.build(sample, config, "冬笋村", dt.date(2022, 12, 1), Scope("dongsun", VILLAGE, "冬笋村"))
    with pytest.raises(Forbidden):
        notice.build(sample, config, "金源村", dt.date(2022, 12, 1), Scope("dongsun", VILLAGE, "冬笋村"))


def test_the_workbook_and_the_pdf_carry_the_stores_figures(sample, config, tmp_path):
    month = dt.date(2022, 12, 1)
    households, persons, amount = sample.execute(
        "select count(distinct household_id), count(*), sum(monthly_amount) from roster where village = '冬笋村' "
        "and program = ? and period = ? and status = '在保'", [DIBAO, month]).fetchone()
    built = notice.build(sample, config, "冬笋村", month, ADMIN_SCOPE)
    dibao = built.sections[0]
    assert (dibao.households, dibao.persons, dibao.amount) == (households, persons, float(amount))

    sheet = openpyxl.load_workbook(io.BytesIO(notice.workbook(built))).active
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0][0] == "冬笋村2022年12月低保、特困供养对象公示名单"
    header = next(i for i, row in enumerate(cells) if row[:3] == ("序号", "组", "户主姓名"))
    listed = cells[header + 1: header + 1 + households]
    assert sum(r[4] for r in listed) == persons and sum(r[5] for r in listed) == pytest.approx(float(amount))
    assert all(re.fullmatch(r"\d{6}\*{8}\d{3}[\dX]", r[3]) for r in listed)
    assert not any("6231" in str(c) for row in cells for c in row if c)  # no bank account anywhere

    path = tmp_path / "notice.pdf"
    path.write_bytes(notice_pdf.document(built))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert f"{households} 户 {persons} 人，月保障金额合计 {float(amount):,.2f} 元" in text
    assert "公示期" in text and "监督电话" in text and re.search(r"第\s*1\s*页\s*共\s*\d\s*页", text)
    first = dibao.table.iloc[0]
    assert re.search(rf"{first['户主姓名']}\s+{re.escape(first['身份证号'])}\s+{first['保障人数']}\s+"
                     rf"{first['保障金额(元)']:,.2f}", text)
