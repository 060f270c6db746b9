"""ui.kpi's headline cards and ui.tables.summary's tables: one Markdown element each, whose text is never markup."""
import re

from streamlit.testing.v1 import AppTest

from conftest import kpis


def cards_page():
    from ui import kpi
    from ui.kpi import Card
    kpi.row([Card("疑点（条）", "1,234", help='含 <b>"重复"</b> 的'),
             Card("<img src=x onerror=alert(1)>", "**粗**", change="▲ 较上月 +3", colour=kpi.BAD)])


def test_cards_read_as_label_and_value_with_their_text_escaped():
    at = AppTest.from_function(cards_page).run()
    assert not at.exception, at.exception
    assert kpis(at) == {"疑点（条）": "1,234", "<img src=x onerror=alert(1)>": "**粗**"}
    shown = at.markdown[0].value
    assert "<img" not in shown and "<b>" not in shown
    assert 'title="含 &lt;b&gt;&quot;重复&quot;&lt;/b&gt; 的"' in shown, "the help is the card's hover text"
    assert "color:#ff4b4b" in shown and "▲ 较上月 +3" in shown


def summary_page():
    import datetime as dt

    import pandas as pd

    from ui import tables
    frame = pd.DataFrame({"救助类别": ["低保", "<b>孤儿</b>"], "人数": [1234, 5], "核定金额(元)": [164258.5, None],
                          "及时率": [0.9167, 1.0], "按期完成": [True, False], "时限": [dt.date(2022, 5, 31), None]},
                         index=pd.Index(["甲", "乙"], name="村(居)"))
    tables.summary(frame, money=("核定金额(元)",), percent=("及时率",), fills={"低保": "#2e8b57"})


def test_a_summary_table_formats_money_shares_counts_dates_and_blanks_and_escapes_text():
    at = AppTest.from_function(summary_page).run()
    assert not at.exception, at.exception
    shown = at.markdown[0].value
    rows = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", shown)]
    assert rows == [["村(居)", "救助类别", "人数", "核定金额(元)", "及时率", "按期完成", "时限"],
                    ["甲", "低保", "1,234", "164,258.50", "91.7%", "是", "2022-05-31"],
                    ["乙", "&lt;b&gt;孤儿&lt;/b&gt;", "5", "", "100.0%", "否", ""]]
    assert '<td style="background:#2e8b5733">低保</td>' in shown
