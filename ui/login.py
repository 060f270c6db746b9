"""Who is using this run (issue 7): 单机模式 when no account exists, otherwise a login form until a valid session.

Accounts live in the real store even while the sample is shown, so switching to the sample never opens the app.
The session (analytics.access.accounts.Session) is kept in st.session_state and checked at every page run: idle too long
or the account disabled meanwhile ends it, with an audit entry. Where an intranet OIDC provider is configured
(`[auth]` in .streamlit/secrets.toml), st.login is offered beside the form; the provider says who, our accounts table
what they may do.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import streamlit as st

from analytics.access import accounts
from analytics.access.accounts import LoginError, SessionEnded
from analytics.access.scope import LOCAL_SCOPE, Scope
from analytics.core import clock, store
from analytics.core.config import Config
from ui import safe

SESSION = "login_session"
ENDED = "login_ended"          # why the last session ended, shown above the form once
LOCAL_NOTE = "单机模式：仅本机可访问（127.0.0.1）"
TIMED_OUT = "登录已超时，请重新登录"
OIDC = "统一身份认证"


def accounts_store(open_store) -> duckdb.DuckDBPyConnection:
    return open_store(str(store.default_path())).cursor()


def known_scope(con: duckdb.DuckDBPyConnection) -> Scope | None:
    """The scope without checking the session (for the navigation, drawn before the page runs); None: not logged in."""
    if accounts.single_user_mode(con):
        return LOCAL_SCOPE
    session = st.session_state.get(SESSION)
    return session.scope if session is not None else None


def require(con: duckdb.DuckDBPyConnection, config: Config, title: str) -> Scope:
    """The scope of this run; without a valid session, the login form and st.stop()."""
    if accounts.single_user_mode(con):
        st.sidebar.caption(LOCAL_NOTE)
        return LOCAL_SCOPE
    now = clock.now()
    session = st.session_state.get(SESSION)
    if session is not None:
        idle = config.access.session_idle_minutes
        try:
            session = accounts.check_session(con, session, now, idle)
        except SessionEnded as exc:
            accounts.logout(con, session, now, str(exc))
            _forget_session()
            st.session_state[ENDED] = TIMED_OUT if accounts.idle_expired(session, now, idle) else str(exc)
            session = None
    if session is None and _oidc_configured() and st.user.is_logged_in:
        session = _external_session(con, config, now)
    if session is None:
        _form(con, title)
        st.stop()
    st.session_state[SESSION] = session
    _account_bar(con, session)
    return session.scope


def _form(con: duckdb.DuckDBPyConnection, title: str) -> None:
    st.title(title)
    if ended := st.session_state.pop(ENDED, None):
        st.warning(ended, icon=":material/schedule:")
    with st.form("login_form"):
        st.markdown("请登录后使用")
        name = st.text_input("用户名", key="login_name")
        password = st.text_input("密码", type="password", key="login_password")
        submitted = st.form_submit_button("登录", type="primary", icon=":material/login:")
    if _oidc_configured() and st.button(f"{OIDC}登录", key="login_oidc", icon=":material/badge:"):
        st.login()
    if not submitted:
        return
    try:
        st.session_state[SESSION] = accounts.authenticate(con, name, password, clock.now())
    except LoginError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    st.rerun()


def _account_bar(con: duckdb.DuckDBPyConnection, session: accounts.Session) -> None:
    scope = session.scope
    with st.sidebar:
        st.caption(f"当前用户：{safe.plain(scope.user)}（{scope.role}{' · ' + scope.village if scope.village else ''}）")
        if st.button("退出", key="login_logout", icon=":material/logout:"):
            accounts.logout(con, session, clock.now(), "用户退出")
            _forget_session()
            if _oidc_configured() and st.user.is_logged_in:
                st.logout()  # else the provider's login would let them straight back in
            st.rerun()


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets.toml at all
        return False


def _external_session(con: duckdb.DuckDBPyConnection, config: Config, now: dt.datetime) -> accounts.Session | None:
    """The provider vouched for someone: their session if the claim names an active account of ours."""
    try:
        return accounts.authenticate_external(con, st.user.get(config.access.oidc_claim), OIDC, now)
    except LoginError as exc:
        safe.error(exc)  # it quotes the provider's claim
        if st.button(f"退出{OIDC}", key="login_oidc_logout"):
            st.logout()
        return None


def _forget_session() -> None:
    """The whole session state goes with the login: the next person at this browser starts afresh (no filters,
    uploads or drafts of the last one)."""
    for key in list(st.session_state):
        del st.session_state[key]
