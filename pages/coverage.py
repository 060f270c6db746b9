import streamlit as st

from analytics.analysis import changes, coverage, payouts
from analytics.charts import analysis as charts
from analytics.findings import view as findings_view
from ui import cache, frame, plots, sections, tables

ctx = frame.page("覆盖缺口", uses_findings=True)
st.caption(ctx.filters.caption)


# what the sections draw, kept with the results (ui/cache.py) rather than built at every visit: the tables as shown
# and the charts' plotly figures
def should_exit_tables(con, filters, privacy):
    exits = cache.data(con, coverage.should_exit, filters)
    return coverage.should_exit_shown(exits), findings_view.listed(exits, privacy), list(exits["person_id"])


def matrix_chart(con, filters, config):
    return charts.exclusive_matrix(cache.data(con, coverage.exclusive_matrix, filters, config))


def moves_charts(con, filters):
    """The persons per program and per village (and whether that one leaves villages out), and the changes per
    month (None when there are none); None when the rosters are empty."""
    by_month = cache.data(con, payouts.coverage_by_month, filters)
    if by_month.empty:
        return None
    moves = cache.data(con, changes.changes_summary, filters)
    return (charts.coverage_lines(by_month, "program").to_dict(),
            charts.coverage_lines(payouts.largest_villages(by_month), "village").to_dict(),
            payouts.more_villages_than_drawn(by_month),
            None if moves.empty else charts.changes_bars(moves).to_dict())


def show_should_exit() -> None:
    summary, listed, persons = cache.data(ctx.con, should_exit_tables, ctx.filters, ctx.privacy)
    if listed.empty:
        st.caption("所选范围内没有应退未退的疑点。")
    else:
        tables.show(summary, money=("涉及金额(元)",))
        picked = tables.pick_row(listed, key="coverage_exits", money=(findings_view.MONEY,))
        if picked is not None:
            frame.open_person(ctx.con, persons[picked])


def show_exclusive_pairs() -> None:
    cell = plots.draw(cache.chart(ctx.con, matrix_chart, ctx.filters, ctx.config), key="coverage_matrix", pick=True)
    if cell and cell.get("x") and cell.get("y"):
        program, program_b = cell["y"], cell["x"]
        pair = cache.data(ctx.con, coverage.exclusive_persons, ctx.filters, program, program_b)
        st.markdown(f"**{program} × {program_b}**：{len(pair)} 人")
        picked = tables.pick_row(findings_view.listed(pair, ctx.privacy), key="coverage_pair",
                                 money=(findings_view.MONEY,))
        if picked is not None:
            frame.open_person(ctx.con, pair.iloc[picked]["person_id"])


def show_missed() -> None:
    missed = cache.data(ctx.con, coverage.missed, ctx.filters)
    if missed.empty:
        st.caption("没有疑似漏保的对象（或尚未导入摸排对象名单）。")
    else:
        tables.show(coverage.missed_shown(missed, ctx.privacy))


def show_moves() -> None:
    drawn = cache.data(ctx.con, moves_charts, ctx.filters)
    if drawn is None:
        st.caption("所选范围内没有名册。")
        return
    programs, villages, fewer, moves = drawn
    left, right = st.columns(2)
    with left:
        plots.draw(programs, key="coverage_programs")
    with right:
        plots.draw(villages, key="coverage_villages")
    if fewer:
        right.caption(f"图中为在保人数最多的 {payouts.CHART_LINES} 个村(居)")
    if moves is not None:
        plots.draw(moves, key="coverage_changes")
        unexplained = cache.data(ctx.con, changes.unexplained_exits, ctx.filters)
        if len(unexplained):
            st.markdown(f"**无故退出**（上月在保、本月不在，既无死亡记录也无终止日期或停保状态）：{len(unexplained)} 人")
            tables.show(findings_view.masked_people(unexplained, ctx.privacy))


# one section at a time: only the open tab's queries run and its tables and charts are drawn (at district scale the
# page drew four charts and four tables at once)
sections.tabs({"应退未退": show_should_exit, "重复享受": show_exclusive_pairs, "疑似漏保": show_missed,
               "在保人数的变化": show_moves}, key="coverage_section")
