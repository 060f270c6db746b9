"""Accounts (issue 7): passwords kept as slow salted hashes, logins with a lockout, sessions that expire when idle.

With no account at all the app runs in 单机模式 (`single_user_mode`). Every change of an account and every login, failed
or not, writes its audit entry in the same transaction. A password hash is read only to check a login: no function
here returns it, and none logs it.
"""
from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import hmac
import math
import os
import re
from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from analytics.access import audit
from analytics.access.scope import ROLES, VILLAGE, Scope
from analytics.core import clock
from analytics.core.config import Config
from analytics.core.db import query, transaction, write_lock
from analytics.core.errors import JiuzhuError

# scrypt at n=2**15, r=8, p=1 takes about 0.1 s and 32 MiB; the stored string names its own parameters, so raising
# them later leaves the existing hashes valid
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MAX_FAILED = 5
LOCK_MINUTES = 15
WRONG = "用户名或密码错误"
DISABLED = "账户已停用"
PASSWORD_RULE = "密码至少 8 位，且须同时包含字母和数字"
UNKNOWN_USER = "（不存在的用户名）"  # what the log names for a login with an unknown name, which may be a mistyped password
USER_COLUMNS = {"name": "用户名", "role": "角色", "village": "村(居)", "status": "状态", "last_login": "最近登录",
                "created_at": "创建时间", "password_changed_at": "密码修改时间"}


class AccountError(JiuzhuError):
    """An account change refused: the message names every problem."""


class LoginError(JiuzhuError):
    """A login refused: wrong name or password, locked, or disabled."""


class SessionEnded(JiuzhuError):
    """The session is over (idle too long, or the account disabled meanwhile): log in again."""


@dataclass(frozen=True)
class Session:
    scope: Scope
    started: dt.datetime
    last_seen: dt.datetime


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt$hash`, salt and hash in base64."""
    salt = os.urandom(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join(["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    """Constant-time comparison with the hash computed at the stored parameters; a malformed string never matches."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest, validate=True)
        actual = _scrypt(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p), len(expected))
    except (ValueError, TypeError):
        return False
    return kind == "scrypt" and hmac.compare_digest(actual, expected)


def password_problem(password: str) -> str | None:
    if len(password) < 8 or not re.search(r"[A-Za-z]", password) or not re.search(r"[0-9]", password):
        return PASSWORD_RULE
    return None


def single_user_mode(con: duckdb.DuckDBPyConnection) -> bool:
    """No account exists (a disabled one counts: disabling every account must not open the app to everybody)."""
    return query(con, "account_count").fetchone()[0] == 0


def add_user(con: duckdb.DuckDBPyConnection, config: Config, name: str, role: str, password: str, *,
             village: str | None = None, by: str, now: dt.datetime | None = None) -> Scope:
    now = now or clock.now()
    name = name.strip()
    problems = _user_problems(config, name, role, village) + [p for p in [password_problem(password)] if p]
    if problems:
        raise AccountError("；".join(problems))
    password_hash = hash_password(password)
    with write_lock, transaction(con):
        if _account(con, name) is not None:
            raise AccountError(f"用户 {name} 已存在")
        query(con, "account_add", {"name": name, "role": role, "village": village, "password_hash": password_hash,
                                   "now": now})
        audit.record(con, by, audit.ACCOUNT, {"操作": "新建账户", "账户": name, "角色": role, "村(居)": village},
                     now=now)
    return Scope(name, role, village)


def set_password(con: duckdb.DuckDBPyConnection, name: str, password: str, *, by: str,
                 now: dt.datetime | None = None) -> None:
    """A new password; it also lifts a lock from failed logins."""
    now = now or clock.now()
    if problem := password_problem(password):
        raise AccountError(problem)
    password_hash = hash_password(password)
    with write_lock, transaction(con):
        _existing(con, name)
        query(con, "account_password", {"name": name, "password_hash": password_hash, "now": now})
        audit.record(con, by, audit.ACCOUNT, {"操作": "修改密码", "账户": name}, now=now)


def disable(con: duckdb.DuckDBPyConnection, name: str, *, by: str, now: dt.datetime | None = None) -> None:
    """The account can no longer log in; its open sessions end at their next page (check_session)."""
    with write_lock, transaction(con):
        _existing(con, name)
        query(con, "account_disable", {"name": name})
        audit.record(con, by, audit.ACCOUNT, {"操作": "停用账户", "账户": name}, now=now)


def scope_of(con: duckdb.DuckDBPyConnection, name: str) -> Scope:
    """The scope of an active account, for a command run in its name (python -m analytics findings/export --user)."""
    account = _account(con, name)
    if account is None:
        raise AccountError(f"没有名为 {name} 的用户")
    if account["disabled"]:
        raise AccountError(f"账户 {name} 已停用")
    return Scope(name, account["role"], account["village"])


def list_users(con: duckdb.DuckDBPyConnection, now: dt.datetime | None = None) -> pd.DataFrame:
    """Every account with its state (正常, 已停用, 锁定至 …) and never its password hash."""
    now = now or clock.now()
    users = query(con, "account_list").df()
    users.insert(3, "status", [_status(d, u, now) for d, u in zip(users["disabled"], users["locked_until"])])
    return users


def shown(users: pd.DataFrame) -> pd.DataFrame:
    """The accounts of list_users as 账户管理 lists them: USER_COLUMNS, under their Chinese headers."""
    return users[list(USER_COLUMNS)].rename(columns=USER_COLUMNS)


def authenticate(con: duckdb.DuckDBPyConnection, name: str, password: str, now: dt.datetime) -> Session:
    """A new session, or LoginError with the Chinese message to show. Failures are counted and logged even so."""
    with write_lock, transaction(con):
        outcome = _attempt(con, name.strip(), password, now)
    if isinstance(outcome, str):
        raise LoginError(outcome)
    return outcome


def authenticate_external(con: duckdb.DuckDBPyConnection, name: str | None, provider: str,
                          now: dt.datetime) -> Session:
    """A session for someone the intranet's identity provider has vouched for: the name must be an active account of
    ours, whose role and village count (the provider decides who, never what). Logged as a login or a failure."""
    with write_lock, transaction(con):
        account = _account(con, (name or "").strip())
        if account is None or account["disabled"]:
            refused = DISABLED if account else f"{provider}的用户“{name or ''}”没有对应的看板账户"
            audit.record(con, name or UNKNOWN_USER, audit.LOGIN_FAILED, {"原因": refused, "方式": provider}, now=now)
        else:
            refused = None
            query(con, "account_login_state", {"name": account["name"], "failed_logins": 0, "locked_until": None,
                                               "last_login": now})
            audit.record(con, account["name"], audit.LOGIN, {"角色": account["role"], "村(居)": account["village"],
                                                             "方式": provider}, now=now)
    if refused:  # raised after the commit, so the failure stays logged
        raise LoginError(refused + "，请联系管理员")
    return Session(Scope(account["name"], account["role"], account["village"]), now, now)


def idle_expired(session: Session, now: dt.datetime, idle_minutes: int) -> bool:
    return now - session.last_seen > dt.timedelta(minutes=idle_minutes)


def check_session(con: duckdb.DuckDBPyConnection, session: Session, now: dt.datetime, idle_minutes: int) -> Session:
    """At every page run: the session seen now, or SessionEnded (then call `logout` with its message as reason)."""
    if idle_expired(session, now, idle_minutes):
        raise SessionEnded(f"超过 {idle_minutes} 分钟未操作，请重新登录")
    account = _account(con, session.scope.user)
    if account is None or account["disabled"]:
        raise SessionEnded(f"{DISABLED}，请联系管理员")
    return replace(session, last_seen=now)


def logout(con: duckdb.DuckDBPyConnection, session: Session, now: dt.datetime, reason: str = "") -> None:
    audit.record(con, session.scope.user, audit.LOGOUT, {"原因": reason} if reason else {}, now=now)


def _attempt(con, name: str, password: str, now: dt.datetime) -> Session | str:
    """One login inside the caller's transaction: the new session, or the message to refuse it with."""
    account = _account(con, name)
    if account is None:
        verify_password(password, _dummy_hash())  # takes as long as a real check, so the time tells nothing
        audit.record(con, UNKNOWN_USER, audit.LOGIN_FAILED, {"原因": "用户名不存在"}, now=now)
        return WRONG
    locked_until = account["locked_until"]
    if locked_until is not None and locked_until > now:
        audit.record(con, name, audit.LOGIN_FAILED, {"原因": "账户已锁定"}, now=now)
        return _locked_message(locked_until, now)
    failed = 0 if locked_until is not None else account["failed_logins"]  # a lock that ran out starts a new count
    if not verify_password(password, account["password_hash"]):
        failed += 1
        lock = now + dt.timedelta(minutes=LOCK_MINUTES) if failed >= MAX_FAILED else None
        query(con, "account_login_state", {"name": name, "failed_logins": failed, "locked_until": lock,
                                           "last_login": None})
        audit.record(con, name, audit.LOGIN_FAILED, {"原因": "密码错误", "连续失败次数": failed}, now=now)
        return _locked_message(lock, now) if lock else WRONG
    if account["disabled"]:
        audit.record(con, name, audit.LOGIN_FAILED, {"原因": DISABLED}, now=now)
        return DISABLED
    query(con, "account_login_state", {"name": name, "failed_logins": 0, "locked_until": None, "last_login": now})
    audit.record(con, name, audit.LOGIN, {"角色": account["role"], "村(居)": account["village"]}, now=now)
    return Session(Scope(name, account["role"], account["village"]), now, now)


def _account(con, name: str) -> dict | None:
    cursor = query(con, "account_for_login", {"name": name})
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row)) if row else None


def _existing(con, name: str) -> None:
    if _account(con, name) is None:
        raise AccountError(f"没有名为 {name} 的用户")


def _user_problems(config: Config, name: str, role: str, village: str | None) -> list[str]:
    problems = []
    if not name or len(name) > 32 or re.search(r"[\s\x00-\x1f]", name):
        problems.append("用户名应为 1 到 32 个字符，不含空格")
    if role not in ROLES:
        problems.append(f"角色应为 {'、'.join(ROLES)} 之一，而不是 {role!r}")
    elif role == VILLAGE and village not in config.village_names:
        problems.append(f"村(居)账户须指定所属村(居)，应为 {'、'.join(config.village_names)} 之一")
    elif role != VILLAGE and village is not None:
        problems.append("只有村(居)账户可以指定村(居)")
    return problems


def _status(disabled: bool, locked_until, now: dt.datetime) -> str:
    if disabled:
        return "已停用"
    if not pd.isna(locked_until) and locked_until > now:
        return f"锁定至 {locked_until:%H:%M}"
    return "正常"


def _locked_message(locked_until: dt.datetime, now: dt.datetime) -> str:
    minutes = max(1, math.ceil((locked_until - now).total_seconds() / 60))
    return f"账户已锁定，请 {minutes} 分钟后再试"


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int = 32) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=256 * n * r * p)


@functools.cache
def _dummy_hash() -> str:
    return hash_password("not-a-password-0")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
