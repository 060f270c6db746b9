import streamlit as st

from analytics.campaign import ledger, ledger_io
from analytics.charts import campaign as campaign_charts
from analytics.core.contract import FOCUSES
from analytics.importing.files import commit_files, report_row
from ui import cache, frame, kpi, ledger_forms, plots, safe, sections, tables
from ui.kpi import Card

ctx = frame.page("问题台账")
if done := st.session_state.pop("ledger_done", None):  # what the last form saved, shown after the rerun it caused
    st.success(safe.plain(done), icon=":material/check_circle:")
as_of = ctx.filters.as_of
issues = ledger.issues(ctx.con, ctx.filters, as_of)
st.caption(f"{'、'.join(ctx.filters.villages) or '全部村(居)'} · 期限按分析日期 {as_of:%Y-%m-%d} 计算")


def status_conditions() -> None:
    """The list's conditions, drawn only while their popover is open; their values are kept while on this page."""
    st.multiselect("整改状态", ledger.STATUSES, key="ledger_statuses", placeholder="全部状态", persist_state="page")
    st.multiselect("期限情况", [*ledger.BUCKETS, ledger.CLOSED], key="ledger_buckets", placeholder="全部",
                   persist_state="page")
    st.toggle("只看移送纪委的问题", key="ledger_referred", persist_state="page")


def top_villages_said(villages: int, ranked_by: str) -> None:
    """A chart shows the HEAT_VILLAGES villages first by `ranked_by`; with more villages, say so."""
    if villages > ledger.HEAT_VILLAGES:
        st.caption(f"共 {villages} 个村(居)，图中为{ranked_by}最多的 {ledger.HEAT_VILLAGES} 个；其余可在下方问题清单中查找。")


if issues.empty:
    st.info("台账中还没有问题。可在下方新增，或导入问题台账表格（“数据上传”页或本页底部），"
            "也可在“疑点清单”中选择疑点生成问题。", icon=":material/info:")
else:
    numbers = ledger.headline(issues)
    involved, recovered = ledger.totals(issues)
    kpi.row([Card("问题（个）", f"{numbers['issues']:,}"), Card("未销号（个）", f"{numbers['open']:,}"),
             Card("已超期（个）", f"{numbers['overdue']:,}"), Card("移送纪委（个）", f"{numbers['referred']:,}"),
             Card("涉及金额", tables.money(involved)), Card("追回金额", tables.money(recovered)),
             Card("追回比例", f"{recovered / involved:.0%}" if involved else "—"),
             Card("已销号（个）", f"{numbers['closed']:,}")], columns=4)
    if numbers["not_effective"] or numbers["ready_to_close"]:
        st.caption(f"由疑点生成、尚未销号的问题按最新月份数据复核：{ledger.NOT_EFFECTIVE} {numbers['not_effective']} 个，"
                   f"{ledger.READY_TO_CLOSE} {numbers['ready_to_close']} 个")

    # one chart at a time: only the open tab's is built and drawn (tabs that rerun on change); the heat map's three
    # tabs say which issues it counts (a control inside the tab would be drawn at every visit)
    *heat_tabs, deadline_tab, money_tab = st.tabs([*(f"{c}问题分布" for c in ledger.HEAT_COUNTS), "整改期限", "涉及与追回金额"],
                                                  key="ledger_chart", on_change="rerun")
    counted, cell = "未销号", None
    for heat_tab, counting in zip(heat_tabs, ledger.HEAT_COUNTS):
        if not heat_tab.open:
            continue
        counted = counting
        with heat_tab:
            grid = ledger.heatmap(issues, ctx.villages, FOCUSES, ledger.HEAT_COUNTS[counted])
            top_villages_said(len(grid), f"{counted}问题")
            cell = plots.draw(cache.figure(campaign_charts.ledger_heatmap, ledger.busiest(grid), counted),
                              key="ledger_heatmap", pick=True)
    if deadline_tab.open:
        with deadline_tab:
            plots.draw(cache.figure(campaign_charts.overdue_buckets, ledger.buckets(issues)), key="ledger_deadlines")
    if money_tab.open:
        with money_tab:
            money = ledger.money(issues)
            top_villages_said(len(money), "涉及金额")
            plots.draw(cache.figure(campaign_charts.money_recovered, money.head(ledger.HEAT_VILLAGES)),
                       key="ledger_money")

    st.subheader("问题清单（点击一行查看详情、变更状态）")
    listed = issues
    if cell and cell.get("x") and cell.get("y"):
        village, focus = cell["y"], cell["x"]
        listed = ledger.in_cell(issues, village, focus, counted)
        st.markdown(f"**{safe.plain(village)} · {safe.plain(focus)}**：{counted}问题 {len(listed)} 个（双击热力图取消）")
    search, conditions = st.columns([4, 1], vertical_alignment="bottom")
    text = search.text_input("查找", key="ledger_search", placeholder="问题编号、描述或涉及对象的一部分")
    sections.lazy(conditions.popover, "状态与期限", status_conditions, icon=":material/filter_list:", width="stretch",
                  key="ledger_filter_open")
    statuses, buckets = st.session_state.get("ledger_statuses", []), st.session_state.get("ledger_buckets", [])
    referred_only = st.session_state.get("ledger_referred", False)
    if statuses or buckets or referred_only:
        st.caption("状态与期限：" + " · ".join(part for part in ("、".join(statuses), "、".join(buckets),
                                                                "只看移送纪委" if referred_only else "") if part))
    listed = ledger.narrowed(listed, statuses, buckets, referred_only, text)
    picked = tables.pick_row(ledger_io.shown_list(listed), key="ledger_table", money=("涉及金额(元)", "追回金额(元)"))
    if picked is not None:
        current = frame.guarded(ledger.issue, ctx.con, listed.iloc[picked]["issue_no"], ctx.scope)
        st.subheader(f"{safe.plain(current['issue_no'])} · {current['status']}")
        if current["recheck"]:
            st.warning(f"复核（{current['recheck_month']:%Y年%m月}数据）：{current['recheck']}",
                       icon=":material/fact_check:")
        details, change, edit = st.tabs(["详情与变更记录", "变更状态", "修改内容"])
        with details:
            tables.show(ledger_io.details(listed.iloc[[picked]], ctx.privacy))
            st.markdown("**变更记录**")
            tables.show(ledger_io.changes(ctx.con, [current["issue_no"]], ctx.scope).drop(columns=["问题编号"]))
            linked = ledger.linked_findings(ctx.con, current["issue_no"], ctx.scope)
            if len(linked):
                st.markdown(f"**来源疑点**（{len(linked)} 条，仍在当前疑点中的 {int(linked['still_found'].sum())} 条）")
        with change:
            if ledger_forms.change_status(ctx, current, "ledger_status_form"):
                st.session_state.ledger_done = f"问题 {current['issue_no']} 的状态已变更"
                st.rerun()
        with edit:
            if ledger_forms.edit_issue(ctx, current, "ledger_edit_form"):
                st.session_state.ledger_done = f"问题 {current['issue_no']} 已修改"
                st.rerun()

def exchange_workbook(issues) -> None:
    """The ledger out as a workbook, and an edited one back in."""
    frame.download_button("导出问题台账（.xlsx）",
                       ctx.exported("问题台账", lambda: ledger_io.workbook(ctx.con, issues, ctx.config.town, as_of,
                                                                            ctx.privacy, ctx.scope), len(issues)),
                       f"{ctx.config.town}问题台账.xlsx", icon=":material/download:", key="ledger_export",
                       disabled=issues.empty, help="导出的表格改好后可在此导入：新编号新增，已有编号按填写内容修改，"
                                                    "空白单元格不会清除台账中已有的内容")
    if not ctx.scope.rights.import_data:
        st.caption(f"{ctx.scope.role}账户不能导入问题台账。")
    elif (uploaded := frame.file_uploader(ctx, "导入问题台账（.xlsx/.xls/.csv）", type=["xlsx", "xls", "csv"],
                                          key="ledger_import")) is not None \
            and st.button("导入", key="ledger_import_go", icon=":material/upload:"):
        (report,) = commit_files(ctx.writer(), [(uploaded.name, uploaded.getvalue())], ctx.config, kind="issues",
                                 scope=ctx.scope, log=ctx.accounts(), noted={"类别": "问题台账"}).files
        (st.success if report["status"] == "committed" else st.error)(safe.plain(report_row(report)))


def add_issue() -> None:
    """The form of a new issue; saving it reruns the page, which says what was saved."""
    draft = {"issue_no": ledger.next_issue_no(ctx.con, as_of.year), "found_date": as_of, "origin": "自查自纠"}
    created = ledger_forms.new_issue(ctx, draft, "ledger_new_form")
    if created:
        st.session_state.ledger_done = f"已新增问题 {created}"
        st.rerun()


# the two forms below are drawn only when opened (expanders that rerun on change), not closed at every visit
sections.lazy(st.expander, "新增问题", add_issue, icon=":material/add_task:", key="ledger_new_open")
sections.lazy(st.expander, "导出与导入台账", lambda: exchange_workbook(issues), icon=":material/sync_alt:",
              key="ledger_io_open")
