"""The shared frame every page calls first: configuration, the store, session state, the banner and the sidebar.

Every page starts with `ctx = frame.page("标题")`, so it works however it was reached — through app.py's navigation
or, right after a server start, by a deep link that Streamlit runs without app.py (the `pages/` trap in style.md).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from analytics import findings
from analytics.access import audit
from analytics.access.privacy import Privacy
from analytics.access.scope import LOCAL_SCOPE, Scope
from analytics.analysis import metrics, people
from analytics.core import config as config_module
from analytics.core import store
from analytics.core.config import Config
from analytics.core.errors import Forbidden, JiuzhuError
from analytics.core.filters import Filters
from analytics.findings import BY_CODE
from ui import backups, cache, login, sidebar

APP_TITLE = "救助整治看板"
UPLOADER_STYLE = (Path(__file__).parent / "uploader.css").read_text(encoding="utf-8")
# (section, script, title, Material icon, url path): the one list app.py's navigation is built from
PAGES = (
    ("数据", "pages/home.py", "首页", ":material/home:", "home"),
    ("数据", "pages/guide.py", "使用说明", ":material/menu_book:", "guide"),
    ("数据", "pages/upload.py", "数据上传", ":material/upload_file:", "upload"),
    ("数据", "pages/history.py", "导入记录", ":material/history:", "history"),
    ("数据", "pages/completeness.py", "数据完整性", ":material/rule:", "completeness"),
    ("分析", "pages/overview.py", "总览", ":material/dashboard:", "overview"),
    ("分析", "pages/coverage.py", "覆盖缺口", ":material/group_off:", "coverage"),
    ("分析", "pages/payouts.py", "资金发放", ":material/payments:", "payouts"),
    ("分析", "pages/findings_list.py", "疑点清单", ":material/checklist:", "findings_list"),
    ("分析", "pages/village.py", "村(居)详情", ":material/holiday_village:", "village"),
    ("分析", "pages/person.py", "对象档案", ":material/person_search:", "person"),
    ("分析", "pages/data_overview.py", "数据概况", ":material/table_chart:", "data_overview"),
    ("分析", "pages/rules.py", "规则说明", ":material/help:", "rules"),
    ("整改", "pages/ledger.py", "问题台账", ":material/fact_check:", "ledger"),
    ("整改", "pages/phases.py", "阶段进度", ":material/flag:", "phases"),
    ("整改", "pages/documents.py", "整治文书", ":material/description:", "documents"),
    ("整改", "pages/referrals.py", "线索移送", ":material/gavel:", "referrals"),
    ("系统", "pages/accounts.py", "账户管理", ":material/manage_accounts:", "accounts"),
    ("系统", "pages/audit.py", "审计日志", ":material/policy:", "audit"),
)


@dataclass(frozen=True)
class Context:
    con: duckdb.DuckDBPyConnection  # this run's own cursor, reading one snapshot of the store
    config: Config
    filters: Filters
    using_sample: bool
    privacy: Privacy
    months: list[dt.date]
    path: str
    scope: Scope = LOCAL_SCOPE

    @property
    def villages(self) -> tuple[str, ...]:
        """The villages this user may see: their own for a 村(居) account, else every one of the configuration."""
        return (self.scope.village,) if self.scope.village else tuple(self.config.village_names)

    def accounts(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the real store, which holds the accounts and the audit log even while the sample is shown."""
        return login.accounts_store(open_store)

    def audit(self, action: str, detail: dict, rows: int | None = None) -> None:
        """An audit entry by this user."""
        audit.record(self.accounts(), self.scope.user, action, detail, rows)

    def exported(self, what: str, make, rows: int | None, village: str | None = None):
        """A download's data as a callable, run when the file is asked for: the export is checked against the scope
        (a 村(居) account exports its village only) and audited with the filters and the row count."""
        village = village or (self.filters.villages[0] if len(self.filters.villages) == 1 else None)

        def data() -> bytes:
            self.scope.check_export(village)
            self.audit(audit.EXPORT, {"内容": what, "筛选": self.filters.caption, "村(居)": village or "全镇"}, rows)
            return make()
        return data

    def writer(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for changing the store: `con` holds this run's snapshot and cannot write."""
        return open_store(self.path).cursor()


@st.cache_resource
def load_config() -> Config:
    return config_module.load()


@st.cache_resource
def open_store(path: str) -> duckdb.DuckDBPyConnection:
    return store.connect(path)


def store_path() -> Path:
    return store.demo_path() if st.session_state.get("using_sample") else store.default_path()


def sample_store() -> duckdb.DuckDBPyConnection:
    return open_store(str(store.demo_path())).cursor()


def page(title: str, uses_findings: bool = False) -> Context:
    _leave_legacy_pages_mode()
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=":material/volunteer_activism:", layout="wide")
    path = str(store_path())
    try:
        config = load_config()
        con = open_store(path).cursor()
    except JiuzhuError as exc:
        st.error(str(exc), icon=":material/error:")
        st.stop()
    # every read of this run sees one snapshot, so a page never shows half before and half after another session's
    # import; the transaction ends with the cursor when the run is over
    con.execute("begin transaction")
    backups.keep_daily(str(store.default_path()))  # the real store's, even while the sample is shown
    scope = login.require(login.accounts_store(open_store), config, APP_TITLE)
    guarded(scope.check_page, _url_path(title))
    st.session_state.setdefault("using_sample", False)
    if st.session_state.using_sample:
        st.warning("当前显示的是**示例数据**（虚构的示例镇），不是真实数据。可在“首页”切换回真实数据。",
                   icon=":material/science:")
    months = cache.data(con, metrics.data_months)  # a distinct over every roster and payment row
    filters = guarded(scope.filters, sidebar.filters(con, config, months, scope, f"{config.town} · {APP_TITLE}"))
    privacy = sidebar.privacy()
    st.title(title)
    context = Context(con, config, filters, st.session_state.using_sample, privacy, months, path, scope)
    if uses_findings:
        _findings_as_of(context)
    return context


def file_uploader(ctx: Context, label: str, **options):
    """st.file_uploader with its English button and instructions put into Chinese (uploader.css): drawn only with an
    uploader, as the style element costs the browser time on every page that carries it."""
    st.html(f"<style>{UPLOADER_STYLE.replace('{max_upload_mb}', str(ctx.config.limits.max_upload_mb))}</style>")
    return st.file_uploader(label, **options)


def download_button(label: str, data, file_name: str, **options):
    """st.download_button that does not rerun the page when clicked: a rerun gives the button a new deferred file id,
    and a file asked for under the old id while that rerun ends is lost."""
    return st.download_button(label, data, file_name, on_click="ignore", **options)


def guarded(call, *args):
    """`call(*args)` — a scope check or a read that checks the user's scope; when it refuses (analytics.access.scope), say
    why and end the page here."""
    try:
        return call(*args)
    except Forbidden as exc:
        st.error(str(exc), icon=":material/block:")
        st.stop()


def _url_path(title: str) -> str:
    return next(url for _, _, page_title, _, url in PAGES if page_title == title)


def _findings_as_of(ctx: Context) -> None:
    """The findings are stored for one as-of date; when the sidebar asks for another, offer to recompute."""
    as_of = ctx.filters.as_of
    stored = findings.status(ctx.con)
    computed = stored["as_of"].dropna()
    missing = stored[stored["status"] == findings.MISSING]
    if len(missing):
        st.caption("缺少数据、未能检查的规则：" + "；".join(f"{BY_CODE[r.code].title}（缺 {r.missing}）"
                                                       for r in missing.itertuples()))
    partial = stored[(stored["status"] != findings.MISSING) & stored["missing"].notna()]
    if len(partial):
        st.caption("部分数据缺失的规则：" + "；".join(f"{BY_CODE[r.code].title}（{r.missing}）"
                                                   for r in partial.itertuples()))
    if computed.empty or as_of is None or computed.iloc[0].date() == as_of:
        return
    left, right = st.columns([3, 1])
    left.info(f"当前疑点按 {computed.iloc[0]:%Y-%m-%d} 计算，侧栏分析日期为 {as_of:%Y-%m-%d}。", icon=":material/info:")
    if right.button(f"按 {as_of:%Y-%m-%d} 重新计算", key="frame_refresh_findings", icon=":material/refresh:"):
        with st.spinner(f"正在按 {as_of:%Y-%m-%d} 重新计算全部 {len(findings.CODES)} 条规则的疑点，约需数秒到一分钟…"):
            findings.refresh(ctx.writer(), ctx.config, as_of)
        st.rerun()


def navigation():
    """The pages this user may see, listed. Every page is registered all the same, the others hidden: one reached by
    its address then refuses in Chinese (frame.page checks it) instead of Streamlit's English "Page not found"; before
    a login none is listed and whichever address was opened shows the login form."""
    try:
        scope = login.known_scope(login.accounts_store(open_store))
    except JiuzhuError as exc:  # a store another running dashboard holds: said in Chinese, not Streamlit's English
        st.error(str(exc), icon=":material/error:")
        st.stop()
    sections: dict[str, list] = {}
    for section, script, title, icon, url in PAGES:
        visible = scope is None or scope.may_see(url)
        sections.setdefault(section, []).append(st.Page(script, title=title, icon=icon, url_path=url,
                                                        default=url == "home",
                                                        visibility="visible" if visible else "hidden"))
    # expanded: every page listed, so Streamlit never collapses the list behind its English "View 5 more"
    return st.navigation(sections, position="sidebar" if scope else "hidden", expanded=True)


def open_village(village: str) -> None:
    st.switch_page("pages/village.py", query_params={"village": village})


def open_person(con: duckdb.DuckDBPyConnection, person_id: str) -> None:
    """Links carry a token, never the ID number (analytics.analysis.people.token_of)."""
    st.switch_page("pages/person.py", query_params={"p": people.token_of(con, person_id)})


_navigated_once = False  # per process: has our navigation been registered yet?


def _leave_legacy_pages_mode() -> None:
    """Right after a server start, a deep link runs its page without app.py, in Streamlit's old pages/ folder mode
    (file names as titles, no sections). Registering our navigation replaces that one and ends the mode for the
    process; the url paths of PAGES equal the file names, so this very page stays the current one. The first time,
    run again at once, before any widget exists: widget ids depend on the mode, and a first click would be lost.
    (AppTest starts every run in that mode; after the first, registering is enough and keeps its clicks.)"""
    global _navigated_once
    if PagesManager.uses_pages_directory:
        navigation()
        if not _navigated_once:
            _navigated_once = True
            st.rerun()
    _navigated_once = True
