from functools import partial

import streamlit as st

from analytics.access.privacy import mask_text, masked, shown_name
from analytics.analysis import people
from analytics.charts import analysis as charts
from analytics.findings.export import sources_text
from analytics.importing.ids import mask_id
from ui import cache, frame, person_forms, person_search, plots, safe, sections, tables, verify_forms

ctx = frame.page("对象档案", uses_findings=True)


# the timeline, for ui/cache.chart, which keeps its figure with the profile rather than building it at every visit
def timeline_chart(con, person_id, scope):
    return charts.person_timeline(people.timeline(cache.data(con, people.profile, person_id, scope)["roster"]))


def show_part(part: str, label: str) -> None:
    rows = people.shown_part(profile[part], part)
    if rows.empty:
        st.caption(f"没有{label}。")
    else:
        tables.show(masked(rows, ctx.privacy), money=people.MONEY_COLUMNS)


person_search.search(ctx)
token = st.query_params.get("p")
person_id = cache.data(ctx.con, people.person_of, token) if token else None
if person_id is None:
    if token:
        st.info("链接中的对象不在当前数据中（可能已切换数据，或链接已失效）。", icon=":material/info:")
    else:
        st.caption("也可以从总览、村(居)详情或疑点清单中点击一个对象打开其档案。")
    st.stop()

profile = frame.guarded(cache.data, ctx.con, people.profile, person_id, ctx.scope)
roster, payments = profile["roster"], profile["payments"]
name = roster["name"].dropna().iloc[-1] if roster["name"].notna().any() else ""
villages = "、".join(roster["village"].dropna().unique())
st.subheader(f"{safe.plain(shown_name(name, ctx.privacy))} · {mask_id(person_id)}")
st.caption(safe.plain(f"{villages or '—'} · 享受过：{'、'.join(roster['program'].dropna().unique()) or '—'}"))
if ctx.scope.rights.unmask:
    person_forms.unmask(ctx, person_id, payments)

if len(roster):
    plots.draw(cache.chart(ctx.con, timeline_chart, person_id, ctx.scope), key="person_timeline")

st.markdown("#### 疑点")
if profile["findings"].empty:
    st.caption("没有疑点。")
tables.cards([(row.title, f"（{row.severity}风险 · {row.focus}）" + verify_forms.verdict(row), mask_text(row.explanation),
               f"来源：{sources_text(row.sources)}") for row in profile["findings"].itertuples()])
verify_forms.form(ctx, profile["findings"], "person_verify")

# one part at a time: only the open tab's table is built and drawn (all five were, at every visit); the labels stay the
# same for every person, so the open tab stays open on the next profile
sections.tabs({label: partial(show_part, part, label) for part, label in people.PART_LABELS.items()}, key="person_part")
