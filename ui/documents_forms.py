"""整治文书 on the page: the 公示名单 of a village and month, 入户核查表 for chosen findings, and a seeded 抽查 — each
previewed, then downloaded through Context.exported (scoped and audited)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.access.privacy import mask_account, masked, shown_name
from analytics.core import clock
from analytics.core.errors import JiuzhuError
from analytics.findings import findings
from analytics.importing.ids import mask_id
from analytics.reports import checkform_docx, checkform_pdf, checkforms, notice, notice_pdf
from ui import frame, safe, tables
from ui.frame import Context

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def public_notice(ctx: Context) -> None:
    """公示名单: village and month chosen, the lists shown, the PDF and the workbook offered."""
    if not ctx.months:
        st.info("还没有名册数据。", icon=":material/info:")
        return
    left, right = st.columns(2)
    villages = list(ctx.villages)
    chosen = ctx.filters.villages[0] if len(ctx.filters.villages) == 1 else villages[0]
    village = left.selectbox("公示的村(居)", villages, index=villages.index(chosen), key="documents_notice_village",
                             placeholder="选择村(居)")
    months = sorted(ctx.months, reverse=True)
    month = right.selectbox("公示的月份", months, format_func=lambda m: f"{m:%Y年%-m月}", key="documents_notice_month",
                            placeholder="选择月份")
    try:
        built = frame.guarded(notice.build, ctx.con, ctx.config, village, month, ctx.scope)
    except JiuzhuError as error:
        safe.error(error)
        return
    st.caption(f"{built.title}。身份证号只留前 6 位和后 4 位，不含银行账号；"
               f"公示期 {built.days} 天，监督电话{'：' + built.phone if built.phone else '留空待填'}（config.toml 的 [public_notice]）。")
    for column, (kind, make, suffix, mime) in zip(st.columns(2), (
            ("PDF（A4，可直接打印）", notice_pdf.document, ".pdf", "application/pdf"),
            ("Excel 工作簿", notice.workbook, ".xlsx", XLSX))):
        with column:
            frame.download_button(f"下载公示名单 {kind}",
                                  ctx.exported("公示名单", lambda make=make: make(built), built.rows, village=village),
                                  built.file_name(suffix), mime=mime, icon=":material/download:",
                                  key=f"documents_notice{suffix}")
    for section in built.sections:
        st.markdown(f"**{safe.plain(section.caption)}**")
        tables.show(masked(section.table, ctx.privacy), money=notice.MONEY)  # names too in 投屏模式
    for label, changed in ((f"本月{notice.NEW}", built.new), (f"本月{notice.LEFT}", built.left)):
        st.markdown(f"**{label}（{len(changed)}）**")
        if len(changed):
            tables.show(masked(changed, ctx.privacy), money=notice.MONEY)
    if built.changes_note:
        st.caption(built.changes_note)


def finding_forms(ctx: Context) -> None:
    """入户核查表 for findings chosen from the current list (within the sidebar filters and the user's village)."""
    listed = findings(ctx.con, ctx.filters)
    if listed.empty:
        st.info("当前筛选条件下没有疑点。", icon=":material/info:")
        return
    labels = {row.finding_key: _label(row, ctx) for row in listed.itertuples()}
    keys = st.multiselect("要入户核查的疑点（可多选；同一户的疑点合在一张表上）", list(labels), format_func=labels.get,
                          key="documents_findings", placeholder="从当前疑点中选择")
    if not keys:
        st.caption(f"当前筛选条件下共 {len(labels):,} 条疑点。选好后可下载 Word 或 PDF 核查表，核查后在“疑点清单”页登记核实结论。")
        return
    try:
        forms = checkforms.for_findings(ctx.con, ctx.config, keys, ctx.scope)
    except JiuzhuError as error:
        safe.error(error)
        return
    _downloads(ctx, forms, "documents_forms")
    tables.show(checkform_docx.draw_list(forms).drop(columns=["村内抽中顺序"]))


def sample_forms(ctx: Context) -> None:
    """抽查: N households per village drawn with a seed; the draw is audited, its list and forms offered."""
    villages = list(ctx.villages)
    with st.form("documents_sample_form", border=True):
        left, middle = st.columns(2)
        per_village = left.number_input("每个村(居)抽查户数", min_value=1, max_value=50, value=3, step=1,
                                        key="documents_sample_n")
        seed = middle.number_input("随机种子（同一种子抽出同一名单）", min_value=0, max_value=2**31 - 1,
                                   value=int(clock.today().strftime("%Y%m%d")), step=1, key="documents_sample_seed")
        chosen = villages if len(villages) == 1 else st.multiselect(
            "抽查的村(居)", villages, key="documents_sample_villages", placeholder="全部村(居)")
        if st.form_submit_button("抽取", type="primary", icon=":material/casino:"):
            try:
                st.session_state.documents_sample = checkforms.sample(
                    ctx.con, ctx.config, int(per_village), int(seed), ctx.scope, villages=tuple(chosen),
                    as_of=ctx.filters.as_of, log=ctx.accounts())
            except JiuzhuError as error:
                safe.error(error)
    drawn = st.session_state.get("documents_sample")
    if drawn is None:
        st.caption("抽取时记录种子和户数（审计日志）：以后用同一种子、同一户数可重抽出同一名单，供复核。")
        return
    st.markdown(f"**{safe.plain(drawn.draw)}**")
    _downloads(ctx, drawn, "documents_sample")
    tables.show(checkform_docx.draw_list(drawn))


def _downloads(ctx: Context, forms: checkforms.Forms, key: str) -> None:
    villages = {f.village for f in forms.forms}
    village = next(iter(villages)) if len(villages) == 1 else None
    what = "入户核查表" + ("（抽查）" if forms.draw else "")
    for column, (kind, make, suffix, mime) in zip(st.columns(2), (
            ("Word（可编辑）", checkform_docx.document, ".docx", DOCX),
            ("PDF（可直接打印）", checkform_pdf.document, ".pdf", "application/pdf"))):
        with column:
            frame.download_button(f"下载{what} {kind}",
                                  ctx.exported(what, lambda make=make: make(forms), len(forms.forms), village=village),
                                  forms.file_name(suffix), mime=mime, icon=":material/download:", key=f"{key}{suffix}")


def _label(row, ctx: Context) -> str:
    """疑点 · 村(居) · who (masked as on screen) · month."""
    who = shown_name(row.name, ctx.privacy) if isinstance(row.name, str) else \
        row.institution if isinstance(row.institution, str) else mask_account(row.bank_account or "")
    month = f"{row.period:%Y年%-m月}" if not pd.isna(row.period) else ""
    person = mask_id(row.person_id) if isinstance(row.person_id, str) else ""
    return " · ".join(p for p in (row.title, row.village or "镇级", who, person, month) if p)
