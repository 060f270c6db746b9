"""ui.kpi: the headline cards are one Markdown element whose text, uploaded or not, is never markup."""
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
