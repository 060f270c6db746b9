"""A village's 整改清单 on its page: the workbook to hand out, and the filled-in one taken back into the ledger."""
from __future__ import annotations

import streamlit as st

from analytics.access import audit
from analytics.campaign import village_list
from analytics.core.errors import JiuzhuError
from ui import safe
from ui.frame import Context, download_button, file_uploader


def rectification_list(ctx: Context, village: str) -> None:
    as_of = ctx.filters.as_of
    st.caption("整改清单含本村疑点（身份证号部分隐去）和未销号的问题，村(居)填写“整改措施”“完成时间”两列后交回；"
               "导入后按填写内容更新问题台账并记入变更记录，未改动的清单不会改变任何内容，销号仍由镇里核实后办理。")
    def workbook() -> bytes:
        return village_list.workbook(ctx.con, ctx.config, village, scope=ctx.scope, as_of=as_of, privacy=ctx.privacy)

    download_button("下载本村整改清单（.xlsx）", ctx.exported("本村整改清单", workbook, None, village),
                       village_list.file_name(village, as_of), icon=":material/download:", key="village_list_export")
    returned = file_uploader(ctx, "导入交回的整改清单", type=["xlsx"], key="village_list_import")
    if returned is None or not st.button("导入整改清单", key="village_list_go", icon=":material/upload:"):
        return
    try:
        outcome = village_list.import_returned(ctx.writer(), returned.getvalue(), returned.name, village=village,
                                               scope=ctx.scope)
    except JiuzhuError as error:  # a refused file names every sheet, row and column at fault
        safe.error(error)
        return
    ctx.audit(audit.LEDGER, {"操作": "导入整改清单", "文件": returned.name, "村(居)": village,
                             "修改的问题": list(outcome["changed"])})
    st.success(f"已更新 {len(outcome['changed'])} 个问题，{len(outcome['unchanged'])} 个未改动。",
               icon=":material/check_circle:")
