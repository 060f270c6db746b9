"""Accounts: the hash format, logins with lockout and expiry, password rules, single-user mode, rights per role."""
import datetime as dt

import pytest

from analytics.access import accounts, audit, scope
from analytics.access.accounts import AccountError, LoginError, SessionEnded
from analytics.core.config import load
from analytics.core.errors import ConfigError
from analytics.core.filters import Filters
from analytics.access.scope import Forbidden, Scope

T0 = dt.datetime(2022, 9, 1, 9, 0)
PASSWORD = "qinglong2022"


@pytest.fixture
def con(fresh_db, config):
    accounts.add_user(fresh_db, config, "王主任", "管理员", PASSWORD, by="命令行", now=T0)
    accounts.add_user(fresh_db, config, "冬笋村文书", "村(居)", "dongsun2022", village="冬笋村", by="王主任", now=T0)
    return fresh_db


def login(con, name="王主任", password=PASSWORD, now=T0):
    return accounts.authenticate(con, name, password, now)


def refused(con, name="王主任", password="wrong-pass-1", now=T0) -> str:
    with pytest.raises(LoginError) as caught:
        login(con, name, password, now)
    return str(caught.value)


def test_the_hash_names_its_parameters_and_salt_and_is_checked_in_constant_time():
    stored = accounts.hash_password(PASSWORD)
    kind, n, r, p, salt, digest = stored.split("$")
    assert (kind, int(n), int(r), int(p)) == ("scrypt", 2**15, 8, 1) and int(n) >= 2**14
    assert PASSWORD not in stored and stored != accounts.hash_password(PASSWORD)  # salted
    assert accounts.verify_password(PASSWORD, stored)
    assert not accounts.verify_password("qinglong2023", stored)
    assert not accounts.verify_password(PASSWORD, "scrypt$16384$8$1$broken")


def test_a_hash_made_with_other_parameters_still_verifies():
    import base64, hashlib
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    stored = f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    assert accounts.verify_password(PASSWORD, stored)


def test_a_right_password_opens_a_session_with_the_users_scope(con):
    session = login(con, "冬笋村文书", "dongsun2022")
    assert session.scope == Scope("冬笋村文书", "村(居)", "冬笋村")
    assert session.started == session.last_seen == T0
    assert accounts.list_users(con).set_index("name").loc["冬笋村文书", "last_login"] == T0


@pytest.mark.parametrize("name", ["王主任", "没有这个人"])
def test_a_wrong_password_and_an_unknown_name_get_the_same_message(con, name):
    assert refused(con, name) == "用户名或密码错误"


def test_five_failed_logins_lock_the_account_for_fifteen_minutes(con):
    for minute in range(4):
        assert refused(con, now=T0 + dt.timedelta(minutes=minute)) == "用户名或密码错误"
    assert refused(con, now=T0 + dt.timedelta(minutes=4)) == "账户已锁定，请 15 分钟后再试"
    assert refused(con, password=PASSWORD, now=T0 + dt.timedelta(minutes=10)) == "账户已锁定，请 9 分钟后再试"
    assert accounts.list_users(con, now=T0 + dt.timedelta(minutes=10)).set_index("name").loc["王主任", "status"] \
        == "锁定至 09:19"
    assert login(con, now=T0 + dt.timedelta(minutes=19)).scope.user == "王主任"


def test_after_a_lock_runs_out_the_count_starts_again(con):
    for minute in range(5):
        refused(con, now=T0 + dt.timedelta(minutes=minute))
    assert refused(con, now=T0 + dt.timedelta(minutes=20)) == "用户名或密码错误"


def test_a_success_resets_the_failure_count(con):
    for _ in range(4):
        refused(con)
    login(con)
    for _ in range(4):
        assert refused(con) == "用户名或密码错误"


def test_a_new_password_lifts_the_lock(con):
    for _ in range(5):
        refused(con)
    accounts.set_password(con, "王主任", "another2022", by="命令行", now=T0)
    assert login(con, password="another2022").scope.role == "管理员"
    assert refused(con, password=PASSWORD) == "用户名或密码错误"


def test_a_disabled_account_cannot_log_in_and_its_open_session_ends(con):
    session = login(con, "冬笋村文书", "dongsun2022")
    accounts.disable(con, "冬笋村文书", by="王主任", now=T0)
    assert refused(con, "冬笋村文书", "dongsun2022") == "账户已停用"
    assert refused(con, "冬笋村文书") == "用户名或密码错误"  # a wrong password does not tell it is disabled
    with pytest.raises(SessionEnded, match="账户已停用"):
        accounts.check_session(con, session, T0 + dt.timedelta(minutes=1), 30)


def test_an_identity_provider_says_who_and_our_accounts_table_what_they_may_do(con):
    session = accounts.authenticate_external(con, "冬笋村文书", "统一身份认证", T0)
    assert session.scope == Scope("冬笋村文书", "村(居)", "冬笋村")
    accounts.disable(con, "冬笋村文书", by="王主任", now=T0)
    for name, message in (("冬笋村文书", "账户已停用"), ("路人甲", "没有对应的看板账户"), (None, "没有对应的看板账户")):
        with pytest.raises(LoginError, match=message):
            accounts.authenticate_external(con, name, "统一身份认证", T0)
    logged = audit.entries(con)
    assert list(logged["action"].tail(5)) == [audit.LOGIN, audit.ACCOUNT, *[audit.LOGIN_FAILED] * 3]
    assert logged["detail"].tail(5).str.contains("统一身份认证").tolist() == [True, False, True, True, True]


def test_a_session_expires_after_the_idle_minutes_and_each_page_run_renews_it(con):
    session = login(con)
    session = accounts.check_session(con, session, T0 + dt.timedelta(minutes=29), 30)
    assert session.last_seen == T0 + dt.timedelta(minutes=29)
    assert not accounts.idle_expired(session, T0 + dt.timedelta(minutes=59), 30)
    assert accounts.idle_expired(session, T0 + dt.timedelta(minutes=59, seconds=1), 30)
    with pytest.raises(SessionEnded, match="超过 30 分钟未操作"):
        accounts.check_session(con, session, T0 + dt.timedelta(minutes=60), 30)


def test_the_idle_minutes_come_from_the_config(tmp_path, config):
    assert config.access.session_idle_minutes == 30
    shipped = config.source.read_text(encoding="utf-8")
    path = tmp_path / "config.toml"
    path.write_text(shipped.replace("session_idle_minutes = 30", "session_idle_minutes = 10"), encoding="utf-8")
    assert load(path).access.session_idle_minutes == 10
    path.write_text(shipped.replace("session_idle_minutes = 30", "session_idle_minutes = 0"), encoding="utf-8")
    with pytest.raises(ConfigError, match="access.session_idle_minutes"):
        load(path)
    path.write_text(shipped.replace("session_idle_minutes = 30", "idle = 30"), encoding="utf-8")
    with pytest.raises(ConfigError, match="未知的键 access.idle"):
        load(path)


@pytest.mark.parametrize("password", ["short1", "onlyletters", "1234567890", "汉字密码汉字密码1"])
def test_a_password_needs_eight_characters_with_letters_and_digits(fresh_db, config, password):
    with pytest.raises(AccountError, match="密码至少 8 位，且须同时包含字母和数字"):
        accounts.add_user(fresh_db, config, "李四", "领导", password, by="命令行")
    assert accounts.single_user_mode(fresh_db)


def test_every_problem_of_a_new_account_is_named_at_once(fresh_db, config):
    with pytest.raises(AccountError) as caught:
        accounts.add_user(fresh_db, config, "有 空格", "村(居)", "short", village="别的村", by="命令行")
    assert str(caught.value).split("；") == ["用户名应为 1 到 32 个字符，不含空格",
                                            "村(居)账户须指定所属村(居)，应为 镜滩社区、冬笋村、金源村、庆新村、同康村 之一",
                                            "密码至少 8 位，且须同时包含字母和数字"]


def test_roles_villages_and_names_are_checked(con, config):
    with pytest.raises(AccountError, match="角色应为 管理员、领导、纪委、村\\(居\\) 之一"):
        accounts.add_user(con, config, "赵六", "书记", PASSWORD, by="命令行")
    with pytest.raises(AccountError, match="只有村\\(居\\)账户可以指定村\\(居\\)"):
        accounts.add_user(con, config, "赵六", "领导", PASSWORD, village="冬笋村", by="命令行")
    with pytest.raises(AccountError, match="用户 王主任 已存在"):
        accounts.add_user(con, config, "王主任", "领导", PASSWORD, by="命令行")
    with pytest.raises(AccountError, match="没有名为 无此人 的用户"):
        accounts.disable(con, "无此人", by="命令行")


def test_single_user_mode_is_no_account_at_all_even_a_disabled_one(fresh_db, config):
    assert accounts.single_user_mode(fresh_db)
    accounts.add_user(fresh_db, config, "王主任", "管理员", PASSWORD, by="命令行")
    accounts.disable(fresh_db, "王主任", by="命令行")
    assert not accounts.single_user_mode(fresh_db)


def test_hashes_never_appear_in_the_user_list_or_the_audit_log(con):
    refused(con)
    login(con)
    accounts.set_password(con, "王主任", "another2022", by="王主任")
    stored = [r[0] for r in con.execute("select password_hash from app_user").fetchall()]
    shown = accounts.list_users(con).to_string() + audit.entries(con).to_string()
    assert "password_hash" not in accounts.list_users(con).columns
    assert "scrypt" not in shown and not any(h.split("$")[-1] in shown for h in stored)
    assert PASSWORD not in shown and "another2022" not in shown and "wrong-pass-1" not in shown


def test_logins_failures_logouts_and_account_changes_are_audited(con):
    refused(con, "没有这个人")
    refused(con)
    session = login(con)
    accounts.logout(con, session, T0, reason="超时")
    log = audit.entries(con)
    assert list(zip(log["user_name"], log["action"])) == [
        ("命令行", "账户变更"), ("王主任", "账户变更"), ("（不存在的用户名）", "登录失败"), ("王主任", "登录失败"),
        ("王主任", "登录"), ("王主任", "退出")]
    assert list(log["detail"])[2:] == ['{"原因": "用户名不存在"}', '{"原因": "密码错误", "连续失败次数": 1}',
                                      '{"角色": "管理员", "村(居)": null}', '{"原因": "超时"}']


def test_each_role_has_its_rights():
    rights = scope.RIGHTS
    assert rights["管理员"].unmask and rights["管理员"].record_milestones and rights["管理员"].import_data
    assert [r for r in scope.ROLES if {"accounts", "audit"} & set(rights[r].pages)] == ["管理员"]
    assert rights["领导"].may_change_status and not rights["领导"].may_edit_referral and not rights["领导"].unmask
    assert rights["纪委"].may_edit_referral and not rights["纪委"].may_change_status
    assert "已销号" not in rights["村(居)"].status_to and "整改中" in rights["村(居)"].status_to
    assert not rights["村(居)"].export_town and "measures" in rights["村(居)"].fields
    assert [r for r in scope.ROLES if "upload" in rights[r].pages] == ["管理员"]
    assert "overview" not in rights["村(居)"].pages and "person" in rights["村(居)"].pages


def test_checks_refuse_what_a_role_may_not_do():
    village = Scope("冬笋村文书", "村(居)", "冬笋村")
    village.check_status_change("已整改待销号")
    with pytest.raises(Forbidden, match="村\\(居\\)账户无权把问题改为“已销号”"):
        village.check_status_change("已销号")
    with pytest.raises(Forbidden, match="无权修改：追回金额"):
        village.check_fields(["measures", "recovered"])
    Scope("纪委甲", "纪委").check_fields(["referred", "recovered"])
    with pytest.raises(Forbidden, match="只有管理员"):
        Scope("领导甲", "领导").check_unmask()
    with pytest.raises(Forbidden, match="无权访问此页面"):
        village.check_page("overview")
    with pytest.raises(Forbidden, match="只能导出本村"):
        village.check_export(None)
    village.check_export("冬笋村")
    Scope("领导甲", "领导").check_export(None)


def test_a_village_user_sees_only_its_village_and_no_narrowing_widens_it():
    village = Scope("冬笋村文书", "村(居)", "冬笋村")
    locked = village.filters(Filters())
    assert locked.villages == ("冬笋村",) and locked.params()["villages"] == ["冬笋村"]
    assert village.filters(Filters(villages=("冬笋村",))).villages == ("冬笋村",)
    with pytest.raises(Forbidden, match="当前账户只能查看冬笋村的数据，无权查看金源村"):
        village.filters(Filters(villages=("冬笋村", "金源村")))
    with pytest.raises(Forbidden, match="无权查看金源村"):
        locked.narrowed(villages=("金源村",))
    assert locked.narrowed(villages=()).villages == ("冬笋村",)  # "all villages" means all of its own
    assert locked.narrowed(month_to=None).villages == ("冬笋村",)
    with pytest.raises(Forbidden, match="无权查看全镇"):
        village.check_village(None)
    leader = Scope("领导甲", "领导")
    assert leader.filters(Filters(villages=("金源村",))) == Filters(villages=("金源村",))
    assert scope.LOCAL_SCOPE.filters(Filters()) == Filters()


def test_the_accounts_are_listed_under_chinese_headers_without_the_password_hash(con):
    shown = accounts.shown(accounts.list_users(con, now=T0))
    assert list(shown.columns) == ["用户名", "角色", "村(居)", "状态", "最近登录", "创建时间", "密码修改时间"]
    assert shown.set_index("用户名").loc["冬笋村文书", "村(居)"] == "冬笋村"
