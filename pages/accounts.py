import streamlit as st

from analytics.access import accounts
from analytics.access.accounts import AccountError
from analytics.access.scope import ROLES, VILLAGE
from analytics.core import backup
from analytics.core.errors import JiuzhuError
from ui import frame, sections, tables

ctx = frame.page("账户管理")
if done := st.session_state.pop("accounts_done", None):
    st.success(done, icon=":material/check_circle:")
users = accounts.list_users(ctx.accounts())
tables.show(accounts.shown(users))
st.caption("账户一经建立，看板即须登录才能使用；停用所有账户也不会恢复单机模式。")


def saved(message: str, change, *args, **options) -> None:
    try:
        change(ctx.accounts(), *args, by=ctx.scope.user, **options)
    except AccountError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    st.session_state.accounts_done = message
    st.rerun()


def add_form() -> None:
    with st.form("accounts_add"):
        name = st.text_input("用户名", key="accounts_add_name")
        role = st.selectbox("角色", ROLES, key="accounts_add_role")
        village = st.selectbox("村(居)（仅村(居)账户）", [None, *ctx.config.village_names], key="accounts_add_village",
                               format_func=lambda v: "—" if v is None else v)
        password = st.text_input("初始密码", type="password", key="accounts_add_password",
                                 help=accounts.PASSWORD_RULE)
        if st.form_submit_button("新建", type="primary", icon=":material/person_add:"):
            saved(f"已新建账户 {name}", accounts.add_user, ctx.config, name, role, password,
                  village=village if role == VILLAGE else None)


def disable_form() -> None:
    with st.form("accounts_disable"):
        name = st.selectbox("账户", list(users["name"]), key="accounts_disable_name")
        if st.form_submit_button("停用", icon=":material/person_off:") and name:
            saved(f"已停用账户 {name}", accounts.disable, name)


def reset_form() -> None:
    with st.form("accounts_reset"):
        name = st.selectbox("账户", list(users["name"]), key="accounts_reset_name")
        password = st.text_input("新密码", type="password", key="accounts_reset_password",
                                 help=accounts.PASSWORD_RULE)
        if st.form_submit_button("重设密码", icon=":material/key:") and name:
            saved(f"已重设 {name} 的密码", accounts.set_password, name, password)


# one form at a time: only the open tab's is drawn (tabs that rerun on change), not all three at every visit
sections.tabs({"新建账户": add_form, "停用账户": disable_form, "重设密码": reset_form}, key="accounts_section")


def backup_now() -> None:
    """The real store, even while the sample is shown: ctx.accounts() is a cursor on it."""
    try:
        done = backup.now(ctx.accounts())
    except JiuzhuError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    st.success(f"已备份到 {done.path}：{len(done.rows)} 张表，共 {done.total_rows:,} 行", icon=":material/check_circle:")


st.subheader("数据库备份")
st.caption(f"看板运行时每天自动备份一次，保留最近 {backup.DAILY_KEPT} 份，与手动备份一起放在数据库所在文件夹的 backups 中；"
           "恢复方法见 README“备份与恢复”。")
if st.button("立即备份", icon=":material/backup:", key="accounts_backup"):
    backup_now()
