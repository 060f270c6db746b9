import streamlit as st

from analytics.core.contract import FOCUSES, SEVERITIES
from analytics.findings import CODES, findings
from analytics.findings import view as findings_view
from ui import cache, frame, ledger_forms, rules, tables, verify_forms

ctx = frame.page("疑点清单", uses_findings=True)
st.caption(ctx.filters.caption)
cols = st.columns([2, 1, 1, 2])
codes = cols[0].multiselect("疑点类型", [c.code for c in CODES], key="findings_codes", placeholder="全部类型",
                            format_func=lambda c: next(x.title for x in CODES if x.code == c))
severities = cols[1].multiselect("严重程度", SEVERITIES, key="findings_severity", placeholder="全部")
focuses = cols[2].multiselect("整治重点", FOCUSES, key="findings_focus", placeholder="全部")
text = cols[3].text_input("按姓名或身份证号查找", key="findings_search", placeholder="输入姓名或身份证号的一部分")
rules.explain(codes, key="findings_rules_open")


def findings_table(con, filters, codes, privacy):
    """The findings as the table shows them (Chinese headers, masked), kept with the results rather than built at
    every visit. Rows keep the findings'
    index, so the narrowed and searched findings pick theirs."""
    return findings_view.listed(cache.data(con, findings, filters, codes), privacy)


found = findings_view.search(findings_view.narrowed(cache.data(ctx.con, findings, ctx.filters, tuple(codes)), severities, focuses),
                             text)
verify_forms.headline(ctx, found)
verify_forms.dismissed(ctx, cache.data(ctx.con, findings, ctx.filters, tuple(codes), True), "findings_dismissed")
if found.empty:
    st.caption("没有符合条件的疑点。")
    st.stop()
verify_forms.form(ctx, found, "findings_verify")
frame.download_button("导出 Excel（每村一张表）",
                   ctx.exported("疑点清单", lambda: findings_view.workbook(found, ctx.privacy), len(found)), "疑点清单.xlsx",
                   icon=":material/download:", key="findings_export",
                   help="身份证号与银行账号部分隐去；投屏模式下姓名也隐去")
making = st.toggle("选择疑点生成问题", key="findings_make_issue",
                   help="打开后可勾选多条疑点，预填后生成一个问题记入问题台账；关闭时点击一行查看对象档案")
ledger_forms.created_from_findings("findings_issue")
shown = cache.data(ctx.con, findings_table, ctx.filters, tuple(codes), ctx.privacy).loc[found.index]
if making:
    ledger_forms.from_findings(ctx, found, shown, "findings_issue", money=(findings_view.MONEY,))
else:
    picked = tables.pick_row(shown, key="findings_table", money=(findings_view.MONEY,))
    if picked is not None and isinstance(found.iloc[picked]["person_id"], str):
        frame.open_person(ctx.con, found.iloc[picked]["person_id"])
