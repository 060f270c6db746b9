"""整改报告: the .docx of each phase opened with python-docx, its figures checked against the sample town's store,
its skeleton, fonts and chart; a village's report holds its village only; the CLI writes and audits it."""
from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx.oxml.ns import qn

from analytics import cli
from analytics.access import accounts, audit
from analytics.access.scope import ADMIN, VILLAGE, Scope
from analytics.core import store
from analytics.core.errors import Forbidden
from analytics.reports import rectification, rectification_docx
from conftest import sample_copy

HEADINGS = ("一、基本情况", "二、主要做法", "三、发现的问题及整改情况", "四、下一步打算")
ADMIN_SCOPE = Scope("测试", ADMIN)


@pytest.fixture(scope="module")
def sample(sample_town_file, tmp_path_factory):
    con = store.connect(sample_copy(sample_town_file, tmp_path_factory.mktemp("report")))
    yield con
    con.close()


def opened(data: bytes) -> tuple[dict[str, str], str, docx.document.Document]:
    """The figures table (指标 → 数值) and the whole text of a report."""
    doc = docx.Document(io.BytesIO(data))
    figures = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows[1:]}
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    return figures, text, doc


def number(text: str) -> float:
    return float(text.split()[0].replace(",", ""))


def test_the_figures_of_a_phase_agree_with_the_store(sample, config):
    report = rectification.build(sample, config, scope=ADMIN_SCOPE, phase="自查自纠")
    assert report.as_of == dt.date(2022, 9, 25)   # 镇汇总报告上报区, marked report = true
    figures, text, _ = opened(rectification_docx.document(report))
    as_of = report.as_of
    persons, households = sample.execute("""
        select count(distinct person_id), count(distinct household) from (
            select person_id, coalesce(max(household_id), max(head_id), person_id) as household from roster
            where period between date '2022-05-01' and $as_of
              and roster_active(status, start_date, end_date, period, ['在保', '正常', '正常享受', '保障中', '新增', '渐退', ''])
            group by person_id)""", {"as_of": as_of}).fetchone()
    assert figures["排查对象（户/人）"] == f"{households:,} 户 / {persons:,} 人"
    found, closed, recovered = sample.execute("""
        select count(*), count(*) filter (where closed_date <= $as_of), coalesce(sum(recovered), 0)
        from ledger_issue where coalesce(found_date <= $as_of, true)""", {"as_of": as_of}).fetchone()
    assert number(figures["发现问题（个）"]) == found and number(figures["已整改（个）"]) == closed
    assert number(figures["追回资金（元）"]) == float(recovered) > 0
    exits = report.figure("清退（户/人/元）").numbers
    assert figures["清退（户/人/元）"] == f"{exits[0]:,} 户 / {exits[1]:,} 人 / {exits[2]:,.2f} 元" and exits[1] > 0
    assert number(figures["新纳入（户/人）"]) == report.figure("新纳入（户/人）").numbers[0] > 0
    referred = sample.execute("select count(*) from referral where referred_on <= $as_of", {"as_of": as_of}).fetchone()
    assert figures["移送问题线索（件）"] == f"{referred[0]} 件"
    for blank in ("问责（人）", "建章立制（项）"):
        assert figures[blank] == rectification.TO_FILL, blank
    assert "截至 2022-09-25" in text and all(r.label in text for r in report.rates)


def test_the_findings_are_those_at_the_report_date(sample, config):
    earlier = rectification.build(sample, config, scope=ADMIN_SCOPE, phase="自查自纠")
    later = rectification.build(sample, config, scope=ADMIN_SCOPE, phase="总结深化")
    assert later.as_of == dt.date(2022, 12, 25)
    total = {r.as_of: int(r.by_focus.set_index("整治重点").loc["合计", "疑点（条）"]) for r in (earlier, later)}
    assert 0 < total[earlier.as_of] < total[later.as_of]
    stored = sample.execute("select max(as_of) from finding").fetchone()[0]
    assert stored == dt.date(2022, 12, 31)   # reading another date left the stored findings as they were


def test_the_skeleton_fonts_and_chart(sample, config):
    report = rectification.build(sample, config, scope=ADMIN_SCOPE, phase="总结深化", sample=True)
    _, text, doc = opened(rectification_docx.document(report))
    positions = [text.index(h) for h in HEADINGS]
    assert positions == sorted(positions) and "示例数据" in text
    assert len(doc.inline_shapes) == 1                       # the chart, a PNG drawn without a browser
    fonts = {r._element.rPr.rFonts.get(qn("w:eastAsia")) for p in doc.paragraphs for r in p.runs if r.text}
    assert fonts <= {rectification_docx.BODY, rectification_docx.HEADING} and rectification_docx.BODY in fonts


def test_a_village_account_gets_its_village_only(sample, config):
    mine = Scope("冬笋", VILLAGE, "冬笋村")
    report = rectification.build(sample, config, scope=mine, phase="自查自纠")
    assert report.village == "冬笋村" and report.as_of == dt.date(2022, 9, 20)  # 各村(居)上报自查情况
    _, text, _ = opened(rectification_docx.document(report))
    assert not any(v in text for v in config.village_names if v != "冬笋村")
    found = sample.execute("select count(*) from ledger_issue where village = '冬笋村' and found_date <= '2022-09-20'")
    assert report.figure("发现问题（个）").numbers[0] == found.fetchone()[0]
    with pytest.raises(Forbidden):
        rectification.build(sample, config, scope=mine, phase="自查自纠", village="金源村")


def test_the_cli_writes_the_report_and_audits_it(sample_town_file, tmp_path, capsys, config):
    path = sample_copy(sample_town_file, tmp_path)
    out = tmp_path / "报告.docx"
    assert cli.main(["report", "--db", str(path), "--phase", "总结深化", "--out", str(out)]) == 0
    figures, _, _ = opened(out.read_bytes())
    assert figures["问责（人）"] == rectification.TO_FILL and "已导出" in capsys.readouterr().out
    assert cli.main(["report", "--db", str(path), "--phase", "集中整治", "--out", str(out)]) == 1
    assert "可选：部署启动" in capsys.readouterr().err
    assert cli.main(["report", "--db", str(path), "--phase", "总结深化", "--out", str(tmp_path / "x.pdf")]) == 2
    con = store.connect(path)
    logged = audit.entries(con, action=audit.EXPORT)
    assert len(logged) == 1 and "整改报告（总结深化" in logged.iloc[0]["detail"]
    accounts.add_user(con, config, "dongsun", VILLAGE, "dongsun2026", village="冬笋村", by="test")
    con.close()
    mine = ["report", "--db", str(path), "--phase", "自查自纠", "--out", str(out), "--user", "dongsun"]
    assert cli.main([*mine, "--village", "金源村"]) == 1 and "冬笋村" in capsys.readouterr().err
    assert cli.main(mine) == 0 and "已导出冬笋村自查自纠阶段整改报告" in capsys.readouterr().out
    _, text, _ = opened(out.read_bytes())
    assert "2022-09-20" in text and not any(v in text for v in config.village_names if v != "冬笋村")


def test_without_a_chinese_font_the_chart_is_a_table_of_the_same_numbers(sample, config, monkeypatch):
    from analytics.reports import chart_png
    monkeypatch.setattr(chart_png, "font_file", lambda: None)
    report = rectification.build(sample, config, scope=ADMIN_SCOPE, phase="总结深化")
    _, text, doc = opened(rectification_docx.document(report))
    assert len(doc.inline_shapes) == 0 and "图 1" in text and "█" in text


def test_the_leads_transferred_by_the_report_date_are_counted_and_a_village_account_sees_none(sample_town_file,
                                                                                                tmp_path, config):
    from analytics.campaign import referrals
    con = store.connect(sample_copy(sample_town_file, tmp_path))
    issue_of = dict(con.execute("select village, min(issue_no) from ledger_issue group by village").fetchall())
    lead = {"source": "自查自纠", "persons": "某村干部", "nature": "代领代管", "receiver": "镇纪委"}
    for village, day in (("冬笋村", "2022-09-10"), ("金源村", "2022-09-15"), ("冬笋村", "2022-10-20")):
        referrals.add(con, lead | {"referred_on": day, "issue_nos": [issue_of[village]]}, scope=ADMIN_SCOPE)
    town = rectification.build(con, config, scope=ADMIN_SCOPE, phase="自查自纠")             # 2022-09-25
    village = rectification.build(con, config, scope=ADMIN_SCOPE, phase="自查自纠", village="冬笋村")   # 09-20
    mine = rectification.build(con, config, scope=Scope("冬笋", VILLAGE, "冬笋村"), phase="自查自纠")
    assert town.figure("移送问题线索（件）").value == "2 件" and village.figure("移送问题线索（件）").value == "1 件"
    assert rectification.build(con, config, scope=ADMIN_SCOPE, phase="总结深化").figure("移送问题线索（件）").value \
        == "3 件"
    assert mine.figure("移送问题线索（件）").value == rectification.TO_FILL
    con.close()
