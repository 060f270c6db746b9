-- 0006: accounts and the audit log (issue 7). Roles, villages and password rules are checked in analytics.accounts, not
-- by constraints here; the column is `user_name` and `logged_at` because `at` is a DuckDB keyword.

-- one row per account; with no row at all the app runs in 单机模式 (local only)
create table app_user (
    name varchar primary key,
    role varchar not null,              -- 管理员 | 领导 | 纪委 | 村(居)
    village varchar,                    -- the one village of a 村(居) account; null for the others
    password_hash varchar not null,     -- scrypt$n$r$p$salt$hash, never shown or logged
    created_at timestamp not null,
    disabled boolean not null,
    failed_logins integer not null,     -- consecutive failures since the last success or lock
    locked_until timestamp,
    last_login timestamp,
    password_changed_at timestamp
);

create sequence audit_log_seq start 1;

-- append-only: nothing in analytics/ updates or deletes a row (tests/test_audit.py checks the SQL)
create table audit_log (
    seq bigint primary key,
    logged_at timestamp not null,
    user_name varchar not null,
    action varchar not null,            -- 登录 | 登录失败 | 退出 | 导入 | 撤销 | 恢复 | 台账修改 | 导出 | 查看完整证件号 | 账户变更
    detail varchar not null,            -- JSON; ID numbers and accounts in it are masked
    rows integer                        -- rows imported, exported or changed, when the action has a count
);
