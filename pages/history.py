import streamlit as st

from analytics.access import audit
from analytics.analysis import metrics
from analytics.core.errors import JiuzhuError
from analytics.findings import refresh
from analytics.importing import batches
from ui import frame, safe, sections

ctx = frame.page("导入记录")
history = metrics.import_history(ctx.con)
if history.empty:
    st.info("还没有导入过数据。请先到“数据上传”页上传表格。", icon=":material/info:")
    st.page_link("pages/upload.py", label="去上传数据", icon=":material/upload_file:")
    st.stop()

st.caption("每次导入都是一个批次。新导入的同类数据（同一类别、月份、村(居)）会替换旧数据，旧批次保留，可随时恢复；"
           "撤销一个批次会同时恢复被它替换的数据。补发文件和比对名单是追加，不替换旧数据（见“导入方式”）。")
st.dataframe(metrics.shown_history(history), hide_index=True, width="stretch",
             column_config={"导入时间": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
                            "月份": st.column_config.TextColumn(width=70), "文件": st.column_config.TextColumn(width=260)})

files = dict(zip(history["batch_id"], history["file_name"]))  # one lookup per option, not a search of the history
batch_id = st.selectbox("选择批次查看详情", history["batch_id"], key="history_batch",
                        format_func=lambda b: f"批次 {b} · {files[b]}")
batch = history.set_index("batch_id").loc[batch_id]
st.markdown(f"**{safe.plain(batch.file_name)}** · {batch.kind_label} · {batch.state} · SHA-256 `{batch.sha256[:16]}…`")
undo_col, restore_col = st.columns(2)
may_change = ctx.scope.rights.import_data  # 撤销 and 恢复 are for accounts that may import
try:
    if may_change and batch.state == "生效中" and undo_col.button("撤销此批次", icon=":material/undo:", key="history_undo"):
        back = batches.undo(ctx.writer(), int(batch_id), scope=ctx.scope)
        ctx.audit(audit.UNDO, {"批次": int(batch_id), "文件": batch.file_name}, back)
        refresh(ctx.writer(), ctx.config)
        st.toast(f"已撤销批次 {batch_id}，恢复了被它替换的 {back} 行", icon=":material/check_circle:")
        st.rerun()
    if may_change and batch.state != "生效中" and restore_col.button("恢复此批次", icon=":material/restore:", key="history_restore"):
        back = batches.restore(ctx.writer(), int(batch_id), scope=ctx.scope)
        ctx.audit(audit.RESTORE, {"批次": int(batch_id), "文件": batch.file_name}, back)
        refresh(ctx.writer(), ctx.config)
        st.toast(f"已恢复批次 {batch_id} 的 {back} 行", icon=":material/check_circle:")
        st.rerun()
except JiuzhuError as exc:
    safe.error(exc, icon=":material/block:")


def show_quarantined() -> None:
    rows = metrics.quarantined_rows(ctx.con, int(batch_id))
    if rows.empty:
        st.caption("本批次没有隔离的行。")
    else:
        st.caption(f"本批次隔离了 {batch.rows_quarantined} 行。")
        st.dataframe(rows, hide_index=True, width="stretch")


def show_problems() -> None:
    st.dataframe(metrics.batch_problems(ctx.con, int(batch_id)), hide_index=True, width="stretch")


# one tab at a time, like 覆盖缺口: only the open one is queried and drawn; the labels stay the same for every batch,
# so the open tab stays open when another batch is chosen
sections.tabs({"隔离的行": show_quarantined, "全部问题": show_problems}, key="history_section")
