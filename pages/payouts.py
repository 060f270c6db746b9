from functools import partial

import streamlit as st

from analytics.analysis import payouts, reconcile
from analytics.charts import analysis as charts
from analytics.findings import findings
from analytics.findings import view as findings_view
from ui import cache, frame, kpi, plots, sections, tables
from ui.kpi import Card

ctx = frame.page("资金发放", uses_findings=True)
st.caption(f"{ctx.filters.caption} · 每月 {ctx.config.rules.due_day} 日前发放到位为按时")
outcomes = cache.data(ctx.con, payouts.outcomes, ctx.filters, ctx.config)
if outcomes.empty:
    st.info("所选范围内没有应发的名册对象。请调整筛选，或导入名册与发放明细。", icon=":material/info:")
    st.stop()

headline = payouts.headline(outcomes)
kpi.row([Card("按时发放率", "—" if headline["on_time_rate"] is None else f"{headline['on_time_rate']:.2%}"),
         Card("欠付（笔）", f"{headline['unpaid']:,}", payouts.unpaid_help(headline)),
         Card("迟发（笔）", f"{headline['late']:,}", f"迟发金额 {tables.money(headline['late_amount'])}"),
         Card("应发（笔）", f"{int(outcomes['payments'].sum()):,}")])


# the charts' plotly figures, kept with the results rather than reshaping the outcomes and building the charts at
# every visit
def timeliness_charts(con, filters, config) -> tuple[dict, dict]:
    outcomes = cache.data(con, payouts.outcomes, filters, config)
    return (charts.payment_outcomes(payouts.by_month(outcomes)).to_dict(),
            charts.late_days(payouts.late_days(outcomes), config.rules.due_day).to_dict())


def rate_chart(con, filters, config) -> tuple[dict, bool]:
    """The chart, and whether it leaves villages out."""
    rates = payouts.on_time_rate(cache.data(con, payouts.outcomes, filters, config), ["period", "village"])
    return charts.on_time_rate(payouts.worst_villages(rates)).to_dict(), payouts.more_villages_than_drawn(rates)


def show_timeliness() -> None:
    months, late = cache.data(ctx.con, timeliness_charts, ctx.filters, ctx.config)
    left, right = st.columns([3, 2])
    with left:
        plots.draw(months, key="payouts_months")
    with right:
        plots.draw(late, key="payouts_late")


def show_village_rates() -> None:
    rate, fewer = cache.data(ctx.con, rate_chart, ctx.filters, ctx.config)
    plots.draw(rate, key="payouts_rate")
    if fewer:
        st.caption(f"图中为按时发放率最低的 {payouts.CHART_LINES} 个村(居)")


def show_findings(title: str, codes: tuple[str, ...]) -> None:
    st.subheader(title)
    found = cache.data(ctx.con, findings, ctx.filters, codes)
    if found.empty:
        st.caption("所选范围内没有此类疑点。")
        return
    picked = tables.pick_row(findings_view.shown(found, ctx.privacy)[list(findings_view.WITH_ACCOUNT)],
                             key=f"payouts_{codes[0]}", money=(findings_view.MONEY,))
    if picked is not None and isinstance(found.iloc[picked]["person_id"], str):
        frame.open_person(ctx.con, found.iloc[picked]["person_id"])


def reconciliation_chart(con, filters):
    return charts.reconciliation(reconcile.by_month(cache.data(con, reconcile.months, filters)))


def show_reconciliation() -> None:
    months = cache.data(ctx.con, reconcile.months, ctx.filters)
    totals = reconcile.totals(months)
    kpi.row([Card(label, "—" if totals[key] is None else tables.money(totals[key]), reconcile.DEFINITIONS[label])
             for label, key in (("应发", "expected"), ("实发", "paid"), ("区拨付", "transferred"), ("退回", "returned"),
                                ("结余", "balance"))])
    plots.draw(cache.chart(ctx.con, reconciliation_chart, ctx.filters), key="payouts_reconciliation")
    tables.summary(reconcile.shown(months), money=reconcile.MONEY)
    st.caption("；".join(f"{k}：{v}" for k, v in reconcile.DEFINITIONS.items())
               + (f"。{reconcile.TOWN_ONLY}" if ctx.filters.villages else "。"))


# one section at a time, like 覆盖缺口: only the open tab's work is done and drawn
FINDINGS = {"金额不符与低于标准": ("金额不符与低于标准（含 2022-10 提标未执行）", ("AMOUNT_MISMATCH", "BELOW_STANDARD")),
            "资金安全风险": ("资金安全风险：代领未备案、工作人员代领、多户共用账户、临时救助现金未登记",
                       ("PROXY_UNAGREED", "STAFF_PROXY", "SHARED_ACCOUNT", "TEMP_CASH_UNFILED"))}
sections.tabs({"按时发放": show_timeliness, "各村(居)按时发放率": show_village_rates, "资金对账": show_reconciliation,
               **{label: partial(show_findings, title, codes) for label, (title, codes) in FINDINGS.items()}},
              key="payouts_section")
