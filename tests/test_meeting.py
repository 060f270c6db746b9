"""会议材料: the change since the last meeting on a hand-made store whose numbers are known, the colour rule, the
workbook (sheets, headers, charts, formats, frozen header, A4 landscape) and the PDF brief on the sample town, and the
CLI export of both."""
from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from test_findings import A, Rows

from analytics.campaign import ledger, phases
from analytics.reports import meeting, meeting_pdf, meeting_xlsx
from analytics.core import store
from analytics.findings import findings, refresh
from analytics.findings.engine import computed_at
from analytics.core.xlsx import MONEY_FORMAT
from analytics.access.scope import ADMIN, LOCAL_SCOPE, Scope
from conftest import person, sample_copy

B = person(2)
AS_OF, SINCE = dt.date(2022, 10, 31), dt.date(2022, 9, 30)
SHEETS = ["总览", "各村对比", "疑点汇总", "问题台账", "阶段进度", "数据完整性"]
FORMULA = "=HYPERLINK(\"http://x\",\"点我\")"


@pytest.fixture(scope="module")
def known(tmp_path_factory, config):
    """A in 冬笋村 paid in September and October after dying in August (DEATH_PAID ×2 by October, ×1 by September,
    DEAD_ON_ROSTER at both); B in 金源村 on October's roster and never paid (UNPAID by October only). Four issues whose
    business dates put them differently at the two dates; 冬笋村 and 庆新村 reported their self-check on time."""
    con = store.connect(tmp_path_factory.mktemp("known") / "known.duckdb")
    rows = Rows(con)
    for month in (9, 10):
        rows.roster(A, "特困供养", month)
        rows.payment(A, "特困供养", month, village=None)  # a town-wide 一卡通 file: it covers 金源村 too
    rows.roster(B, "特困供养", 10, village="金源村")
    rows.add("crosscheck", person_id=A, source="死亡", event_date=dt.date(2022, 8, 14))
    refresh(con, config)
    issue = {"focus": "资金使用管理", "description": "死亡后仍发放", "status": "待整改"}
    for no, village, found, deadline, extra in (
            ("QL-1", "冬笋村", dt.date(2022, 9, 1), dt.date(2022, 9, 20), {"description": FORMULA}),
            ("QL-2", "冬笋村", dt.date(2022, 9, 10), dt.date(2022, 10, 15),
             {"status": ledger.CLOSED, "closed_date": dt.date(2022, 10, 10), "evidence": "退款凭证"}),
            ("QL-3", "金源村", dt.date(2022, 10, 5), dt.date(2022, 10, 20), {"amount": 932}),
            ("QL-4", "金源村", dt.date(2022, 10, 20), dt.date(2022, 12, 1), {})):
        ledger.create(con, issue | {"issue_no": no, "village": village, "found_date": found, "deadline": deadline}
                      | extra, scope=Scope("测试", ADMIN))
    for village in ("冬笋村", "庆新村"):
        phases.record(con, config, "各村(居)上报自查情况", village, dt.date(2022, 9, 15), "自查报告",
                      scope=Scope("测试", ADMIN))
    yield con
    con.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_town_file):
    """The sample town's store: a connection for the tests, and a closed copy for the CLI (one process per file)."""
    folder = tmp_path_factory.mktemp("meeting")
    sample_copy(sample_town_file, folder)
    sample_copy(sample_town_file, folder, "cli.duckdb")
    con = store.connect(folder / "sample.duckdb")
    yield con, folder / "cli.duckdb"
    con.close()


@pytest.fixture(scope="module")
def sample_pack(sample, config):
    return meeting.build(sample[0], config, scope=LOCAL_SCOPE)


@pytest.fixture(scope="module")
def book(sample_pack):
    return openpyxl.load_workbook(io.BytesIO(meeting_xlsx.workbook(sample_pack)))


def figures(pack) -> dict[str, tuple]:
    return {f.label: (f.now, f.before, f.change) for f in pack.figures}


@pytest.mark.parametrize("day, before", [
    (dt.date(2022, 12, 31), dt.date(2022, 11, 30)), (dt.date(2022, 3, 31), dt.date(2022, 2, 28)),
    (dt.date(2022, 3, 30), dt.date(2022, 2, 28)), (dt.date(2022, 10, 15), dt.date(2022, 9, 15)),
    (dt.date(2022, 1, 31), dt.date(2021, 12, 31)), (dt.date(2022, 2, 28), dt.date(2022, 1, 31)),
])
def test_since_defaults_to_a_month_before_and_a_month_end_stays_a_month_end(day, before):
    assert meeting.month_before(day) == before


@pytest.mark.parametrize("overdue, high, late, expected", [
    (0, 0, 0, "绿"), (1, 0, 0, "黄"), (0, 1, 0, "黄"), (2, 5, 0, "黄"), (3, 0, 0, "红"), (0, 6, 0, "红"),
    (0, 0, 1, "红"),
])
def test_a_village_is_coloured_as_the_stated_rule_says(overdue, high, late, expected):
    assert meeting.colour(overdue, high, late) == expected
    assert f"已超期问题≥{meeting.RED_OVERDUE}件" in meeting.COLOUR_RULE and f"高风险对象≥{meeting.RED_HIGH}人" in \
        meeting.COLOUR_RULE


def test_findings_at_another_date_are_computed_and_nothing_stored_changes(known, config):
    def state():
        return (sorted(findings(known)["finding_key"]), known.execute("select * from finding_status order by code")
                .fetchall(), known.execute("select count(*) from ledger_event").fetchone()[0])
    before = state()
    september = computed_at(known, config, SINCE, lambda con: sorted(findings(con)["code"]))
    assert september == ["DEAD_ON_ROSTER", "DEATH_PAID"]
    assert state() == before and sorted(findings(known)["code"]) == ["DEAD_ON_ROSTER", "DEATH_PAID", "DEATH_PAID",
                                                                      "UNPAID"]
    assert known.execute("select count(*) from duckdb_tables() where temporary").fetchone()[0] == 0


def test_the_change_since_the_last_meeting_is_computed_at_each_date(known, config):
    pack = meeting.build(known, config, scope=LOCAL_SCOPE)
    assert (pack.as_of, pack.since) == (AS_OF, SINCE)
    assert "默认：当前疑点的计算日期" in pack.dates_note and "默认：分析日期前一个月" in pack.dates_note
    got = figures(pack)
    assert got["在保对象（人）"] == (2, 1, 1)
    assert got["当月发放金额"] == (932, 932, 0)
    assert got["疑点（条）"] == (4, 2, 2)
    assert got["涉及人数（人）"] == (2, 1, 1) and got["涉及户数（户）"] == (2, 1, 1)  # 4 findings of 2 persons
    assert got["其中高风险对象（人）"] == (2, 1, 1)
    assert got["应追回"] == (1864, 932, 932)   # DEATH_PAID in two months
    assert got["应补发"] == (932, 0, 932)      # UNPAID
    assert got["迟发金额"] == (0, 0, 0)
    assert got["每月涉及核定金额"] == (932, 932, 0)  # DEAD_ON_ROSTER: approved, not paid money
    assert got["欠付（笔）"] == (1, 0, 1)
    assert got["未销号问题（件）"] == (3, 2, 1)    # QL-1, QL-3, QL-4 | QL-1, QL-2
    assert got["其中已超期（件）"] == (2, 1, 1)    # QL-1, QL-3 | QL-1
    assert got["已销号问题（件）"] == (1, 0, 1)    # QL-2 closed on 10-10
    assert got["未销号问题涉及金额"] == (932, 0, 932)


def test_the_ranking_puts_red_first_and_says_why(known, config):
    ranking = meeting.build(known, config, scope=LOCAL_SCOPE).ranking.set_index("村(居)")
    assert list(ranking.index) == ["金源村", "镜滩社区", "同康村", "冬笋村", "庆新村"]
    assert ranking["评级"].to_dict() == {"金源村": "红", "镜滩社区": "红", "同康村": "红", "冬笋村": "黄", "庆新村": "绿"}
    assert ranking.loc["冬笋村", ["已超期问题", "未销号问题", "高风险对象", "疑点总数", "疑点较上次"]].tolist() == \
        [1, 1, 1, 3, 1]  # three high-severity findings of one person: one person
    assert ranking.loc["金源村", ["已超期问题", "逾期未完成里程碑", "疑点较上次"]].tolist() == [1, 1, 1]
    assert list(ranking["排名"]) == [1, 2, 3, 4, 5]


def test_dates_given_are_used_and_a_since_not_before_as_of_is_refused(known, config):
    pack = meeting.build(known, config, as_of=dt.date(2022, 10, 15), since=dt.date(2022, 9, 5), scope=LOCAL_SCOPE)
    assert "默认" not in pack.dates_note
    assert figures(pack)["未销号问题（件）"][:2] == (2, 1)  # QL-1, QL-3 | QL-1 (QL-2 found on 9-10)
    with pytest.raises(meeting.MeetingError, match="应早于分析日期"):
        meeting.build(known, config, as_of=SINCE, since=SINCE, scope=LOCAL_SCOPE)
    with pytest.raises(meeting.MeetingError, match="没有名为“东村”的村"):
        meeting.build(known, config, village="东村", scope=LOCAL_SCOPE)


def test_a_village_material_holds_that_village_only(known, config):
    pack = meeting.build(known, config, village="冬笋村", scope=LOCAL_SCOPE)
    assert list(pack.ranking["村(居)"]) == ["冬笋村"] and "冬笋村" in pack.title
    assert set(pack.ledger["村(居)/单位"]) == {"冬笋村"}
    assert [c for c in pack.by_code.columns if c.endswith("村") or c.endswith("社区")] == ["冬笋村"]
    assert figures(pack)["疑点（条）"] == (3, 2, 1)
    assert set(pack.milestones["村(居)"]) <= {"冬笋村", "全镇"}


def test_the_overview_sheet_holds_both_dates_and_the_change(known, config):
    pack = meeting.build(known, config, scope=LOCAL_SCOPE)
    sheet = openpyxl.load_workbook(io.BytesIO(meeting_xlsx.workbook(pack)))["总览"]
    rows = {r[0]: r[1:4] for r in sheet.iter_rows(min_row=4, max_row=3 + len(pack.figures), values_only=True)}
    assert rows["疑点（条）"] == (4, 2, 2) and rows["其中已超期（件）"] == (2, 1, 1)
    assert [c.value for c in sheet[3]][:4] == ["指标", "本期（截至 2022-10-31）", "上次（截至 2022-09-30）", "变化"]


def test_formula_like_text_in_the_ledger_is_written_as_text(known, config):
    data = meeting_xlsx.workbook(meeting.build(known, config, scope=LOCAL_SCOPE))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["问题台账"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any("<f>" in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_the_workbook_has_every_sheet_with_its_header_frozen_and_a_chart(book):
    assert book.sheetnames == SHEETS
    headers = {name: [c.value for c in book[name][3]] for name in SHEETS}
    assert headers["总览"][0] == "指标" and headers["各村对比"][:3] == ["排名", "村(居)", "评级"]
    assert headers["疑点汇总"][:2] == ["疑点代码", "疑点"] and "合计" in headers["疑点汇总"]
    assert headers["问题台账"][:2] == ["问题编号", "村(居)/单位"] and "截至分析日期" in headers["问题台账"]
    assert headers["阶段进度"][:2] == ["阶段", "里程碑"] and headers["数据完整性"][:2] == ["村(居)", "应报"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A4", sheet.title
        assert len(sheet._charts) == 1 and sheet._charts[0].series, sheet.title
        assert sheet["A1"].value.endswith(sheet.title) and sheet["A2"].value


def test_every_sheet_prints_on_a4_landscape_fitted_to_the_width(book):
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, str(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == \
            ("landscape", "9", 1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$3:$3"


def test_money_rates_and_changes_carry_their_number_formats(book, sample_pack):
    overview = book["总览"]
    rows = {r[0].value: r for r in overview.iter_rows(min_row=4, max_row=3 + len(sample_pack.figures))}
    assert rows["当月发放金额"][1].number_format == MONEY_FORMAT and isinstance(rows["当月发放金额"][1].value, (int, float))
    assert rows["按时发放率"][1].number_format == "0.00%" and rows["疑点（条）"][3].number_format.startswith("+#,##0")
    ranking = book["各村对比"]
    header = [c.value for c in ranking[3]]
    money = ranking.cell(4, header.index("应追回") + 1)
    assert money.number_format == MONEY_FORMAT and money.value == sample_pack.ranking["应追回"].iloc[0]
    assert ranking.cell(4, header.index("数据完整率") + 1).number_format == "0.0%"
    ledger_sheet = book["问题台账"]
    header = [c.value for c in ledger_sheet[3]]
    assert ledger_sheet.cell(4, header.index("涉及金额") + 1).number_format == MONEY_FORMAT
    assert ledger_sheet.cell(4, header.index("整改时限") + 1).number_format == "yyyy-mm-dd"
    assert ledger_sheet.cell(4, header.index("截至分析日期") + 1).value == "已超期"  # overdue first


def test_the_ranking_sheet_states_the_colour_rule_and_colours_each_village(book, sample_pack):
    sheet = book["各村对比"]
    assert meeting.COLOUR_RULE in sheet["A2"].value
    fills = {sheet.cell(r, 2).value: sheet.cell(r, 3).fill.fgColor.rgb[-6:].upper()
             for r in range(4, 4 + len(sample_pack.ranking))}
    assert fills == {v: meeting.COLOURS[c].lstrip("#").upper()
                     for v, c in zip(sample_pack.ranking["村(居)"], sample_pack.ranking["评级"])}


def pdf_pages(data: bytes, folder) -> tuple[list, str]:
    path = folder / "brief.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(folder / "page")], check=True)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return sorted(folder.glob("page*.png")), text


def test_the_pdf_brief_renders_one_or_two_pages_with_the_headline_numbers(sample_pack, tmp_path):
    pages, text = pdf_pages(meeting_pdf.brief(sample_pack), tmp_path)
    assert 1 <= len(pages) <= 2 and all(p.stat().st_size > 5000 for p in pages)
    flat = re.sub(r"\s+", " ", text)
    assert sample_pack.title in flat.replace(" ", "")
    for figure in sample_pack.figures:
        assert meeting_pdf.number_text(figure.now, figure.kind) in flat, figure
    assert f"三、已超期问题（{len(sample_pack.overdue)} 件）" in flat
    assert all(no in flat for no in sample_pack.overdue["问题编号"].head(meeting_pdf.OVERDUE_ROWS))
    assert all(v in flat for v in sample_pack.ranking["村(居)"])


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_the_cli_exports_the_pack_in_the_format_its_file_name_asks(sample, tmp_path, suffix):
    out = tmp_path / f"会议材料{suffix}"
    done = subprocess.run([sys.executable, "-m", "analytics", "export", "--db", str(sample[1]), "--out", str(out),
                           "--since", "2022-11-15", "--village", "金源村"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "已导出" in done.stdout
    if suffix == ".xlsx":
        exported = openpyxl.load_workbook(out)
        assert exported.sheetnames == SHEETS
        assert "金源村" in exported["总览"]["A1"].value and "2022-11-15" in exported["总览"]["C3"].value
    else:
        assert out.read_bytes().startswith(b"%PDF")


def test_the_cli_refuses_an_unknown_suffix_or_village_in_chinese(sample, tmp_path):
    for extra, message in ((["--out", str(tmp_path / "x.docx")], ".xlsx 或 .pdf"),
                           (["--out", str(tmp_path / "x.pdf"), "--village", "东村"], "没有名为“东村”的村(居)")):
        done = subprocess.run([sys.executable, "-m", "analytics", "export", "--db", str(sample[1]), *extra],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode in (1, 2) and message in done.stderr, done.stderr


def test_markup_typed_into_the_ledger_prints_as_text_in_the_pdf(known, config, tmp_path):
    pack = meeting.build(known, config, scope=LOCAL_SCOPE)
    typed = "<b>加粗</b> & <font size=40>大</font> <未闭合"
    pack.ledger.loc[pack.overdue.index[0], "问题描述"] = typed
    _, text = pdf_pages(meeting_pdf.brief(pack), tmp_path)  # reportlab would read it as markup, or fail on it
    assert "<b>加粗</b> & <font size=40>大</font> <" in text and "未闭合" in text  # the cell wraps
