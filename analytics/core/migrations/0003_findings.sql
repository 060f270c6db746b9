-- 0003: the findings (疑点) of domain.md §5 as last computed by analytics.findings.refresh, and each rule's status.
-- Both are rewritten whole, in one transaction, by every refresh; pages only read them.

create table finding (
    finding_key varchar not null,  -- code and key fields joined by |: the same finding keeps it across refreshes
    code varchar not null,
    title varchar not null,
    focus varchar not null,        -- 整治重点
    severity varchar not null,     -- 高 / 中 / 低
    village varchar,
    person_id varchar,
    name varchar,
    program varchar,
    program_b varchar,             -- EXCLUSIVE_DUP: the pair's second program, in configured order
    period date,                   -- first day of the month, where the code's key has a month
    amount decimal(12, 2),         -- 元 involved
    explanation varchar not null,  -- one Chinese sentence with the numbers
    sources varchar,               -- JSON: [{"file": …, "sheet": …, "rows": [3, 5]}]
    source varchar,                -- CROSSCHECK_HIT: 比对来源
    bank_account varchar,          -- SHARED_ACCOUNT
    institution varchar,           -- INSTITUTION_RISK
    item varchar,                  -- INSTITUTION_RISK
    paid_date date,                -- TEMP_CASH_UNFILED
    days_late integer,             -- LATE_PAID
    as_of date not null
);

create table finding_status (
    code varchar not null,
    status varchar not null,       -- ok | 缺少数据
    count integer not null,
    missing varchar,               -- for 缺少数据: the datasets never uploaded, in Chinese
    as_of date,
    computed_at timestamp not null
);
