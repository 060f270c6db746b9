import streamlit as st

from analytics import charts, people
from analytics.ids import mask_id
from analytics.findings.export import sources_text
from analytics.privacy import mask_text, masked, shown_name
from ui import cache, frame, person_forms, safe, tables

ctx = frame.page("对象档案", uses_findings=True)
token = st.query_params.get("p")
person_id = cache.data(ctx.con, people.person_of, token) if token else None
if person_id is None:
    st.info("请从总览、村(居)详情或疑点清单中点击一个对象打开其档案。" if not token else
            "链接中的对象不在当前数据中（可能已切换数据，或链接已失效）。", icon=":material/info:")
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
    st.altair_chart(charts.person_timeline(people.timeline(roster)), width="stretch", key="person_timeline")

st.markdown("#### 疑点")
if profile["findings"].empty:
    st.caption("没有疑点。")
tables.cards([(row.title, f"（{row.severity}风险 · {row.focus}）", mask_text(row.explanation),
               f"来源：{sources_text(row.sources)}") for row in profile["findings"].itertuples()])

for tab, (part, label) in zip(st.tabs(list(people.PART_LABELS.values())), people.PART_LABELS.items()):
    with tab:
        rows = people.shown_part(profile[part], part)
        if rows.empty:
            st.caption(f"没有{label}。")
        else:
            tables.show(masked(rows, ctx.privacy), money=people.MONEY_COLUMNS)
