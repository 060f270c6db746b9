from functools import partial

import streamlit as st

from analytics.analysis import people
from analytics.campaign import ledger, ledger_io
from analytics.findings import findings, summary
from analytics.findings import view as findings_view
from ui import cache, frame, kpi, ledger_forms, rules, sections, tables, village_forms
from ui.kpi import Card

ctx = frame.page("村(居)详情", uses_findings=True)


def findings_table(con, filters, privacy):
    """The village's findings as the tables show them, kept with the results; rows keep the findings' index."""
    return findings_view.listed(cache.data(con, findings, filters), privacy)


def show_focus(focus: str, part, listed) -> None:
    """The findings of one 整治重点 (`part` of the village's, `listed` as the tables show them); a click opens the
    person."""
    picked = tables.pick_row(listed.loc[part.index], key=f"village_findings_{focus}", money=(findings_view.MONEY,))
    if picked is not None and isinstance(part.iloc[picked]["person_id"], str):
        frame.open_person(ctx.con, part.iloc[picked]["person_id"])


asked = st.query_params.get("village")
names = list(ctx.villages)
village = st.selectbox("村(居)", names, index=names.index(asked) if asked in names else 0, key="village_choice")
if st.query_params.get("village") != village:
    st.query_params["village"] = village
village_filters = ctx.filters.narrowed(villages=(village,))
st.caption(village_filters.caption)
found = cache.data(ctx.con, findings, village_filters)
residents = cache.data(ctx.con, people.village_people, village, ctx.filters)
totals = cache.data(ctx.con, summary.headline, village_filters)
kpi.row([Card("在册对象（人）", f"{len(residents):,}"), Card("有疑点的对象（人）", f"{totals['persons']:,}"),
         Card("涉及户数", f"{totals['households']:,}"), Card("疑点（条）", f"{totals['findings']:,}"),
         *(Card(label, tables.money(totals["money"][figure]), help=definition)
           for figure, (label, definition) in ((f, summary.money_label(f)) for f in ("to_recover", "owed")))])

st.subheader("疑点（按整治重点）")
rules.explain(found["code"], key="village_rules_open")
if found.empty:
    st.caption("所选范围内没有疑点。")
else:
    listed = cache.data(ctx.con, findings_table, village_filters, ctx.privacy)
    if st.toggle("选择疑点生成问题", key="village_make_issue", help="打开后可勾选多条疑点，生成一个问题记入问题台账"):
        ledger_forms.from_findings(ctx, found, listed, "village_issue", money=(findings_view.MONEY,))
    else:
        # one 整治重点 at a time: only the open tab's table is drawn (each had an open expander with its table)
        sections.tabs({f"{focus}（{len(part)} 条）": partial(show_focus, focus, part, listed)
                       for focus, part in findings_view.by_focus(found).items()}, key="village_focus")
ledger_forms.created_from_findings("village_issue")

st.subheader("问题台账（本村）")
issues = ledger.issues(ctx.con, village_filters, ctx.filters.as_of)
if issues.empty:
    st.caption("问题台账中没有该村(居)的问题。")
else:
    numbers = ledger.headline(issues)
    st.markdown(f"共 **{numbers['issues']}** 个问题，未销号 **{numbers['open']}** 个，已超期 **{numbers['overdue']}** 个；"
                f"由疑点生成的问题复核：{ledger.NOT_EFFECTIVE} **{numbers['not_effective']}** 个，"
                f"{ledger.READY_TO_CLOSE} **{numbers['ready_to_close']}** 个")
    tables.show(ledger_io.shown_list(issues), money=("涉及金额(元)", "追回金额(元)"))
    st.page_link("pages/ledger.py", label="去问题台账变更状态", icon=":material/fact_check:")

# drawn only when opened: its caption, download button and file uploader were drawn, closed, at every visit
sections.lazy(st.expander, "本村整改清单：下发与回收", lambda: village_forms.rectification_list(ctx, village),
              icon=":material/assignment_return:", key="village_list_open")

st.subheader("在册对象（点击一行查看对象档案）")
if residents.empty:
    st.caption("所选范围内该村(居)没有在册对象。")
else:
    picked = tables.pick_row(people.village_people_shown(residents, ctx.privacy), key="village_people",
                             money=("涉及金额(元)",))
    if picked is not None:
        frame.open_person(ctx.con, residents.iloc[picked]["person_id"])
