-- 0012: 问题线索移送登记 — the leads the town transfers to 纪委, each linked to ledger issues and findings. The current
-- state of each lead is here; every creation and change is in the audit log with who, when and what changed.
create table referral (
    referral_no varchar primary key,    -- 线索编号, XS-2022-001
    source varchar not null,            -- 线索来源
    persons varchar not null,           -- 涉及人员: the cadre or staff member, not the beneficiary
    nature varchar not null,            -- 问题性质
    amount decimal(12, 2),              -- 涉及金额
    referred_on date not null,          -- 移送日期
    receiver varchar not null,          -- 接收单位
    outcome varchar,                    -- 办理结果
    sanction varchar,                   -- 处理处分
    issue_nos varchar[],                -- the ledger issues (ledger_issue.issue_no) it came from
    finding_keys varchar[],             -- the findings (finding.finding_key) it came from
    note varchar,
    created_by varchar not null,
    created_at timestamp not null,
    updated_by varchar not null,
    updated_at timestamp not null
);
