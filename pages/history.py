import streamlit as st

from analytics import audit, batches, metrics
from analytics.errors import JiuzhuError
from analytics.findings import refresh
from ui import frame, safe

ctx = frame.page("导入记录")
history = metrics.import_history(ctx.con)
if history.empty:
    st.info("还没有导入过数据。请先到“数据上传”页上传表格。", icon=":material/info:")
    st.page_link("pages/upload.py", label="去上传数据", icon=":material/upload_file:")
    st.stop()

st.caption("每次导入都是一个批次。新导入的同类数据（同一类别、月份、村(居)）会替换旧数据，旧批次保留，可随时恢复；"
           "撤销一个批次会同时恢复被它替换的数据。")
st.dataframe(metrics.shown_history(history), hide_index=True, width="stretch",
             column_config={"导入时间": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
                            "月份": st.column_config.TextColumn(width=70), "文件": st.column_config.TextColumn(width=260)})

batch_id = st.selectbox("选择批次查看详情", history["batch_id"], key="history_batch",
                        format_func=lambda b: f"批次 {b} · {history.set_index('batch_id').at[b, 'file_name']}")
batch = history.set_index("batch_id").loc[batch_id]
st.markdown(f"**{safe.plain(batch.file_name)}** · {batch.kind_label} · {batch.state} · SHA-256 `{batch.sha256[:16]}…`")
undo_col, restore_col = st.columns(2)
may_change = ctx.scope.rights.import_data  # 撤销 and 恢复 are for accounts that may import
try:
    if may_change and batch.state == "生效中" and undo_col.button("撤销此批次", icon=":material/undo:", key="history_undo"):
        back = batches.undo(ctx.writer(), int(batch_id), user=ctx.scope.user)
        ctx.audit(audit.UNDO, {"批次": int(batch_id), "文件": batch.file_name}, back)
        refresh(ctx.writer(), ctx.config)
        st.toast(f"已撤销批次 {batch_id}，恢复了被它替换的 {back} 行", icon=":material/check_circle:")
        st.rerun()
    if may_change and batch.state != "生效中" and restore_col.button("恢复此批次", icon=":material/restore:", key="history_restore"):
        back = batches.restore(ctx.writer(), int(batch_id), user=ctx.scope.user)
        ctx.audit(audit.RESTORE, {"批次": int(batch_id), "文件": batch.file_name}, back)
        refresh(ctx.writer(), ctx.config)
        st.toast(f"已恢复批次 {batch_id} 的 {back} 行", icon=":material/check_circle:")
        st.rerun()
except JiuzhuError as exc:
    safe.error(exc, icon=":material/block:")

quarantined, problems = st.tabs([f"隔离的行（{batch.rows_quarantined}）", "全部问题"])
with quarantined:
    rows = metrics.quarantined_rows(ctx.con, int(batch_id))
    if rows.empty:
        st.caption("本批次没有隔离的行。")
    else:
        st.dataframe(rows, hide_index=True, width="stretch")
with problems:
    st.dataframe(metrics.batch_problems(ctx.con, int(batch_id)), hide_index=True, width="stretch")
