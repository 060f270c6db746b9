import streamlit as st

from analytics.analysis import metrics
from analytics.core.contract import DATASETS
from ui import frame, kpi
from ui.kpi import Card

ctx = frame.page("首页")
st.caption(f"{ctx.config.district}{ctx.config.town}困难群众救助补助突出问题专项整治 · 数据看板")
st.page_link("pages/guide.py", label="使用说明：每月上传 → 数据完整性 → 疑点 → 核实 → 台账 → 会议材料",
             icon=":material/menu_book:")


def sample_controls() -> None:
    """The sample town lives in its own store: load it once, then switch to it and back."""
    if ctx.using_sample:
        st.info("示例数据存放在单独的数据库文件中，不会与真实数据混在一起。", icon=":material/info:")
        if st.button("切换回真实数据", icon=":material/swap_horiz:", key="home_leave_sample"):
            st.session_state.using_sample = False
            st.rerun()
    elif metrics.live_rows(frame.sample_store())["live_rows"].sum():
        if st.button("查看示例数据", icon=":material/science:", key="home_show_sample"):
            st.session_state.using_sample = True
            st.rerun()
    elif st.button("载入示例数据", icon=":material/science:", type="primary", key="home_load_sample",
                   help="生成一个虚构的示例镇并导入单独的示例数据库，便于先熟悉看板"):
        from analytics.demo.sample import load_sample  # the generator and openpyxl load on this click only
        bar = st.progress(0.0, text="正在生成示例数据…")
        reports = load_sample(frame.sample_store(), ctx.config,
                              progress=lambda share, name: bar.progress(share, text=f"正在导入 {name}"))
        bar.empty()
        st.session_state.using_sample = True
        st.toast(f"示例数据已载入：{len(reports)} 个文件", icon=":material/check_circle:")
        st.rerun()


counts = metrics.live_rows(ctx.con)
if counts["live_rows"].sum() == 0:
    st.subheader("还没有数据：请先上传每月的表格")
    st.markdown("在“数据上传”页选择文件（.xlsx、.xls 或 .csv），看板会自动识别表头、所属村(居)、救助类别和月份，"
                "先给出校验报告，确认后再写入。需要上传的数据：")
    st.dataframe(
        [{"数据": d.label, "必需的列": "、".join(f.label for f in d.required),
          "说明": "按月上传" if d.monthly else "整表上传，新表替换旧表"} for d in DATASETS.values()],
        hide_index=True, width="stretch")
    st.page_link("pages/upload.py", label="去上传数据", icon=":material/upload_file:")
else:
    latest = counts["latest_period"].dropna().max()
    kpi.row([Card("已导入的数据行", f"{int(counts['live_rows'].sum()):,}"),
             Card("最新月份", f"{latest:%Y年%m月}" if latest is not None and latest == latest else "—"),
             Card("导入批次", f"{len(metrics.import_history(ctx.con)):,}")])
    st.dataframe(metrics.shown_live_rows(counts), hide_index=True, width="stretch")
sample_controls()
