"""Every chart is a plotly figure in the one style: Chinese title and source note, a font that shows Chinese, Chinese
hover text on every trace, and a config whose modebar keeps only 下载图片 (a slide-sized PNG with a Chinese name) and
还原. Traces and labels are asserted, not pixels."""
import datetime as dt
import re

import pandas as pd
import pytest

from analytics.charts import analysis, campaign, style

JAN, FEB = dt.date(2022, 1, 1), dt.date(2022, 2, 1)
MATRIX = pd.DataFrame([[0, 3], [3, 0]], index=["特困供养", "低保"], columns=["特困供养", "低保"])
CHARTS = {
    "monthly_coverage": lambda: analysis.monthly_coverage(
        pd.DataFrame({"period": [JAN, FEB], "persons": [10, 12], "paid": [52_000, 61_000]})),
    "findings_by_village": lambda: analysis.findings_by_village(
        pd.DataFrame({"village": ["金源村", None], "high": [3, 1], "medium": [2, 0], "low": [1, 0]})),
    "findings_by": lambda: analysis.findings_by(
        pd.DataFrame({"focus": ["资金使用管理"], "previous": [2], "findings": [5]}), "focus", "整治重点"),
    "payment_outcomes": lambda: analysis.payment_outcomes(
        pd.DataFrame({"period": [JAN, JAN, FEB], "outcome": ["按时", "欠付", "按时"], "payments": [8, 1, 9]})),
    "late_days": lambda: analysis.late_days(pd.DataFrame({"bucket": ["1–5天", "6天以上"], "payments": [3, 1]}), 10),
    "on_time_rate": lambda: analysis.on_time_rate(
        pd.DataFrame({"period": [JAN, FEB], "village": ["金源村", "金源村"], "rate": [0.9, 1.0]})),
    "coverage_lines": lambda: analysis.coverage_lines(
        pd.DataFrame({"period": [JAN, FEB], "program": ["低保", "低保"], "persons": [4, 5]}), "program"),
    "exclusive_matrix": lambda: analysis.exclusive_matrix(MATRIX),
    "changes_bars": lambda: analysis.changes_bars(
        pd.DataFrame({"period": [FEB], "新增": [2], "恢复": [0], "退出": [1], "无故退出": [1]})),
    "person_timeline": lambda: analysis.person_timeline(
        pd.DataFrame({"period": [JAN, FEB], "program": ["低保", "低保"], "active": [True, False]})),
    "ledger_heatmap": lambda: campaign.ledger_heatmap(
        pd.DataFrame([[2, 0]], index=["金源村"], columns=["资金使用管理", "对象认定"]), "未销号"),
    "overdue_buckets": lambda: campaign.overdue_buckets(
        pd.DataFrame({"期限": ["已超期", "未定时限"], "问题数": [2, 1], "涉及金额": [300.0, 0.0]})),
    "money_recovered": lambda: campaign.money_recovered(
        pd.DataFrame({"村(居)": ["金源村"], "涉及金额": [900.0], "追回金额": [300.0]})),
    "phase_timeline": lambda: campaign.phase_timeline(
        pd.DataFrame({"phase": ["自查自纠", "集中整治"], "start": [dt.date(2022, 7, 1), dt.date(2022, 8, 1)],
                      "end": [dt.date(2022, 7, 31), dt.date(2022, 10, 31)], "state": ["已结束", "进行中"]}),
        pd.DataFrame({"phase": ["自查自纠"], "milestone": ["自查报告"], "due": [dt.date(2022, 7, 31)],
                      "status": ["已完成"]}), dt.date(2022, 9, 1)),
    "completeness_grid": lambda: campaign.completeness_grid(
        pd.DataFrame({"village": ["金源村", "金源村"], "month": [JAN, FEB], "已报": [2, 1], "应报": [2, 2],
                      "及时率": [1.0, 0.5]})),
}
LATIN_WORD = re.compile(r"(?<![%{|:.\w])[A-Za-z]{3,}")  # English words outside plotly's %{…} placeholders


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_has_a_chinese_title_a_source_note_and_the_shared_style(name):
    layout = CHARTS[name]().to_dict()["layout"]
    assert re.search(r"[\u4e00-\u9fff]", layout["title"]["text"])
    assert layout["title"]["subtitle"]["text"].startswith("数据来源：")
    assert layout["font"]["family"].startswith("Noto Sans CJK SC") and layout["separators"] == ".,"


@pytest.mark.parametrize("name", CHARTS)
def test_every_trace_hovers_in_chinese_without_the_series_box(name):
    for trace in CHARTS[name]().to_dict()["data"]:
        template = trace["hovertemplate"]
        assert template.endswith("<extra></extra>") and re.search(r"[\u4e00-\u9fff]：", template), template
        assert not LATIN_WORD.search(re.sub(r"%\{[^}]*\}|<[^>]*>", "", template)), template


def test_the_village_bars_stack_by_severity_with_the_villages_on_x():
    figure = CHARTS["findings_by_village"]().to_dict()
    assert [t["name"] for t in figure["data"]] == ["高（条）", "中（条）", "低（条）"]
    assert list(figure["data"][0]["x"]) == ["金源村", "镇级"] and figure["layout"]["barmode"] == "stack"


def test_the_matrix_puts_the_row_program_on_y_and_the_column_program_on_x():
    tiles = CHARTS["exclusive_matrix"]().to_dict()["data"][0]
    assert tiles["type"] == "scatter"  # plotly selects a clicked scatter point, not a heat-map cell
    cells = list(zip(tiles["y"], tiles["x"], tiles["customdata"], tiles["text"]))
    assert cells == [("特困供养", "特困供养", 0, "0"), ("特困供养", "低保", 3, "3"), ("低保", "特困供养", 3, "3"),
                     ("低保", "低保", 0, "0")]


def test_months_are_labelled_as_people_say_them_in_time_order():
    xaxis = CHARTS["payment_outcomes"]().to_dict()["layout"]["xaxis"]
    assert list(xaxis["categoryarray"]) == ["2022年1月", "2022年2月"]


def test_the_modebar_keeps_only_download_and_reset_with_a_slide_sized_png_named_in_chinese():
    config = style.config(CHARTS["findings_by_village"]().to_dict())
    assert config["modeBarButtons"] == [["toImage", "resetScale2d"]] and config["displaylogo"] is False
    image = config["toImageButtonOptions"]
    assert image["format"] == "png" and (image["width"], image["height"]) == (1600, 900)
    assert image["filename"] == "各村(居)疑点数"
    assert config["locales"][config["locale"]]["dictionary"]["Download plot as a png"] == "下载图片"


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_sets_its_margins_so_the_browser_lays_it_out_once(name):
    layout = CHARTS[name]().to_dict()["layout"]
    assert layout["xaxis"]["automargin"] is False and layout["yaxis"]["automargin"] is False
    assert {"l", "r", "t", "b"} <= set(layout["margin"])


def test_a_long_category_name_widens_the_left_margin_to_fit_it():
    def left(focus):
        frame = pd.DataFrame({"focus": [focus], "previous": [2], "findings": [5]})
        return analysis.findings_by(frame, "focus", "整治重点").layout.margin.l
    assert left("资金使用管理资金使用管理") >= 12 * 12 > left("关爱服务") >= 4 * 12


def test_slanted_village_names_get_room_below_the_plot_and_to_the_left_of_the_first():
    names = [f"第{i}个很长名字的村" for i in range(10)]
    frame = pd.DataFrame({"village": names, "high": 1, "medium": 0, "low": 0})
    margin = analysis.findings_by_village(frame).layout.margin
    assert margin.b >= 8 * 12 * 0.7 and margin.l >= 8 * 12 * 0.7  # eight CJK characters slanted


def test_the_right_axis_of_money_gets_room_on_the_right():
    margin = CHARTS["monthly_coverage"]().layout.margin
    assert margin.r >= 2 * 7 + 14  # "6" … "61" 万元 ticks and the axis title 万元


def test_the_heat_map_columns_on_top_get_room_under_the_title():
    assert CHARTS["ledger_heatmap"]().layout.margin.t > style.TITLE_ROOM


def test_a_legend_that_wraps_into_rows_gets_their_room_under_the_title():
    programs = ["事实无人抚养儿童", "困难残疾人生活补贴", "重度残疾人护理补贴", "低保", "孤儿", "特困供养"]
    frame = pd.DataFrame({"period": [JAN] * 6, "program": programs, "persons": range(6)})
    assert analysis.coverage_lines(frame, "program").layout.margin.t >= style.TITLE_ROOM + 2 * 20
    assert CHARTS["payment_outcomes"]().layout.margin.t == style.TITLE_ROOM  # two items side by side


def test_a_count_axis_reaching_a_few_steps_by_one_and_a_larger_one_by_its_own():
    def axis(payments):
        buckets = pd.DataFrame({"bucket": ["1-5天", "6-10天"], "payments": payments})
        return analysis.late_days(buckets, 10).layout.yaxis
    assert (axis([2, 1]).dtick, axis([2, 1]).tick0) == (1, 0)  # not 0, 1, 1, 2, 2
    assert axis([200, 10]).dtick is None
    village_rows = analysis.findings_by(pd.DataFrame({"focus": ["关爱服务"], "previous": [1], "findings": [2]}),
                                        "focus", "整治重点")
    assert village_rows.layout.yaxis.dtick is None  # an axis of labels keeps plotly's own ticks
