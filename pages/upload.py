import datetime as dt
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import streamlit as st

from analytics.core.contract import DATASETS
from analytics.core.errors import FileRejected, NeedsInput
from analytics.importing.ahead import DEPTH
from analytics.importing.files import commit_files, plan_report
from analytics.importing.plan import KIND, ImportPlan, plan_import
from analytics.importing.templates import template_workbook
from ui import frame, kpi, safe
from ui.kpi import Card
from ui.tables import problems_table

ctx = frame.page("数据上传")
AUTO = "自动识别"


@st.cache_resource(show_spinner=False)
def reading() -> ThreadPoolExecutor:
    """Where the files are read, DEPTH at a time for all sessions together: one reading process per core."""
    return ThreadPoolExecutor(max_workers=DEPTH, thread_name_prefix="upload-plan")


@st.cache_resource(max_entries=20, show_spinner=False)
def planned(name: str, data: bytes, kind: str | None, program: str | None, period: dt.date | None,
            given: tuple[tuple[str, str], ...] = ()) -> Future:
    """The file's plan, under way or made, with its refusal or question if it has one. Keyed by the file's bytes, not
    the upload object, so a rerun neither reads and validates it again nor waits for it."""
    return reading().submit(plan_import, name, data, ctx.config, kind=kind, program=program, period=period,
                            given=dict(given))


def read_ahead(uploads: list, kind: str | None, program: str | None, period: dt.date | None) -> Iterator[Future]:
    """Each file's plan in turn, the next one begun before this one is waited for; each file is hashed once a run."""
    started: deque[Future] = deque()
    for upload in uploads:
        started.append(planned(upload.name, upload.getvalue(), kind, program, period))
        if len(started) == DEPTH:
            yield started.popleft()
    yield from started


def month_choice(label: str, key: str) -> dt.date | None:
    text = st.text_input(label, key=key, placeholder="例如 2022-06；不填则自动识别").strip()
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        safe.error(f"月份“{text}”应写作 YYYY-MM，例如 2022-06")
        return None


def show_plan(plan: ImportPlan) -> None:
    report = plan_report(plan)
    st.markdown(f"识别为 :blue-badge[{DATASETS[plan.kind].label}] 救助类别 :blue-badge[{plan.program or '按各行所填'}] "
                f"月份 :blue-badge[{report['period'] or '按各行所填'}]")
    kpi.row([Card("读取行数", f"{plan.rows_read:,}"), Card("有效行数", f"{plan.rows.num_rows:,}"),
             Card("隔离行数", f"{len(plan.quarantine):,}")])
    st.caption(safe.plain(f"工作表：{'、'.join(s or 'CSV' for s in plan.sheets)}"
                          + (f" · 村(居)：{'、'.join(plan.villages)}" if plan.villages else "")))
    if plan.sources:
        st.markdown("**表格外读到的值**\n" + "\n".join(f"- {safe.plain(line)}" for line in plan.sources))
    for note in plan.notes:
        st.caption(safe.plain(note))
    if plan.problems:
        st.dataframe(problems_table(report["problems"]), hide_index=True, width="stretch",
                     column_config={"问题与改法": st.column_config.TextColumn(width="large")})


def ask(need: NeedsInput, name: str) -> tuple[str | None, str | None, dt.date | None, dict[str, str]] | None:
    """A field per value the file does not give, with the known choices; None until every one is filled."""
    kind, program, period, given = None, None, None, {}
    for label, choices in need.needs.items():
        key = f"upload_need_{name}" if label == "所属月份" else f"upload_need_{name}_{label}"
        if label == "所属月份":
            period = month_choice("请填写本文件的所属月份", key)
        elif label == KIND:
            kinds = [k for k in DATASETS if DATASETS[k].label in choices]
            kind = st.selectbox("请选择本文件的数据类型", kinds, index=None, placeholder="请选择", key=key,
                                format_func=lambda k: DATASETS[k].label)
        elif choices:
            value = st.selectbox(f"请选择本文件的{label}", choices, index=None, placeholder="请选择", key=key)
            program, given = (value, given) if label == "救助类别" else (program, given | ({label: value} if value else {}))
        elif value := st.text_input(f"请填写本文件的{label}", key=key).strip():
            given[label] = value
    filled = (period is not None or "所属月份" not in need.needs) and (program or "救助类别" not in need.needs) \
        and (kind or KIND not in need.needs) \
        and all(label in given for label in need.needs if label not in ("所属月份", "救助类别", KIND))
    return (kind, program, period, given) if filled else None


with st.expander("下载导入模板", icon=":material/download:"):
    template = st.selectbox("数据", list(DATASETS), format_func=lambda k: DATASETS[k].label,
                            key="upload_template_kind")
    # made when asked for, after this run: it must not read a name the rest of the page sets again
    frame.download_button("下载模板", lambda: template_workbook(template, ctx.config),
                          f"{DATASETS[template].label}模板.xlsx", icon=":material/download:",
                          key="upload_template_download")

files = frame.file_uploader(ctx, "选择要导入的表格文件（可多选）", type=["xlsx", "xls", "csv"],
                            accept_multiple_files=True, key="upload_files")
with st.expander("手动指定（仅当自动识别不对时）", icon=":material/tune:"):
    kind_choice = st.selectbox("数据类型", [AUTO, *DATASETS], key="upload_kind",
                               format_func=lambda k: k if k == AUTO else DATASETS[k].label)
    program_choice = st.selectbox("救助类别", [AUTO, *ctx.config.program_names], key="upload_program")
    period_choice = month_choice("所属月份", "upload_period")
strict = st.checkbox("严格模式：有任何错误行则整个文件不导入", key="upload_strict")

kind = None if kind_choice == AUTO else kind_choice
program = None if program_choice == AUTO else program_choice
period = period_choice
plans: list[ImportPlan] = []
for upload, reading_plan in zip(files, read_ahead(files, kind, program, period)):
    with st.container(border=True):
        st.subheader(safe.plain(upload.name), divider="gray")
        try:
            with st.spinner(f"正在读取并校验 {safe.plain(upload.name)} …"):
                plan = reading_plan.result()
        except NeedsInput as need:
            st.warning(safe.plain(need), icon=":material/help:")
            answered = ask(need, upload.name)
            if answered is None:
                continue
            try:
                with st.spinner(f"正在读取并校验 {safe.plain(upload.name)} …"):
                    plan = planned(upload.name, upload.getvalue(), kind or answered[0], program or answered[1],
                                   period or answered[2], tuple(sorted(answered[3].items()))).result()
            except FileRejected as again:
                safe.error(again, icon=":material/block:")
                continue
        except FileRejected as rejected:
            safe.error(rejected, icon=":material/block:")
            continue
        show_plan(plan)
        plans.append(plan)

if plans:
    blocked = [p for p in plans if strict and p.quarantine]
    if blocked:
        st.warning(f"严格模式下，{safe.plain('、'.join(p.file_name for p in blocked))} 有错误行，将整个不导入。")
    replace = any(p.dataset.accumulates for p in plans) and st.checkbox(
        "替换同来源的旧名单", key="upload_replace",
        help="比对名单默认与此前导入的同来源名单累加（5月、7月的死亡名单都保留）；本名单是更正后的完整名单时勾选")
    if st.button(f"确认导入 {len(plans)} 个文件", type="primary", icon=":material/database_upload:", key="upload_commit"):
        bar = st.progress(0.0, text="正在写入…")
        done = commit_files(ctx.writer(), plans, ctx.config, scope=ctx.scope, log=ctx.accounts(), strict=strict,
                            replace=replace, progress=lambda share, text: bar.progress(share, text=safe.plain(text)))
        bar.progress(1.0, text="完成")
        st.session_state.upload_results = done.files

for report in st.session_state.get("upload_results", []):
    name = safe.plain(report["file"])
    if report["status"] == "rejected":
        safe.error(report["problems"][0]["message"], icon=":material/block:")
    elif report["unchanged"]:
        st.info(f"{name}：与已导入的批次 {report['batch_id']} 完全相同，未作改动。", icon=":material/info:")
    else:
        st.success(f"{name}：已导入为批次 {report['batch_id']}，有效 {report['rows_imported']:,} 行，隔离 "
                   f"{report['rows_quarantined']:,} 行，替换旧数据 {report['rows_replaced']:,} 行。",
                   icon=":material/check_circle:")
if st.session_state.get("upload_results"):
    st.page_link("pages/history.py", label="查看导入记录", icon=":material/history:")
