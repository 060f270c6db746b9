-- 0005: the rectification ledger (问题台账, domain.md §6) kept and edited in the app, every change to it, the findings an
-- issue was made from, and the campaign milestones' completion records (domain.md §7).

-- one row per issue: its current state; how it got there is in ledger_event
create table ledger_issue (
    issue_no varchar primary key,
    village varchar not null,
    focus varchar not null,             -- 整治重点
    category varchar,
    description varchar not null,
    origin varchar,                     -- 问题来源
    found_date date,
    persons varchar,                    -- 涉及对象
    amount decimal(12, 2),              -- 涉及金额
    responsible_unit varchar,
    responsible_person varchar,
    measures varchar,                   -- 整改措施
    deadline date,                      -- 整改时限
    status varchar not null,            -- 待整改 | 整改中 | 已整改待销号 | 已销号 | 长期整改
    closed_date date,                   -- 销号日期
    recovered decimal(12, 2),           -- 追回金额
    referred varchar,                   -- 是否移送纪委: 是 | 否
    evidence varchar,                   -- 佐证材料
    note varchar,
    baseline_month date,                -- made from findings: the latest month of data then; later months re-check it
    recheck varchar,                    -- 整改未见效 | 可销号 | null (not made from findings, or no newer month yet)
    recheck_month date                  -- the month of data the re-check looked at
);

create sequence ledger_event_seq start 1;

-- append-only: every creation, edit, status change and import of an issue, with who, when and a note
create table ledger_event (
    event_no bigint primary key,
    issue_no varchar not null,
    action varchar not null,            -- 新建 | 修改 | 状态变更 | 导入新建 | 导入修改
    from_status varchar,
    to_status varchar,
    changes varchar,                    -- JSON: {"字段": [旧值, 新值]}
    note varchar,
    done_by varchar not null,
    done_at timestamp not null
);

-- the findings an issue was made from; subject_key is the finding_key with its month left out, so that the same
-- problem found again in a later month is recognised
create table ledger_finding (
    issue_no varchar not null,
    finding_key varchar not null,
    code varchar not null,
    subject_key varchar not null,
    keyed_by_month boolean not null,
    person_id varchar,
    period date
);

-- append-only: the latest record per (milestone, village) is its state; village '' for a town-level milestone
create table milestone_record (
    milestone varchar not null,
    village varchar not null,
    completed_on date,                  -- null: the completion was withdrawn
    evidence varchar,
    done_by varchar not null,
    done_at timestamp not null
);

-- a finding_key without its month (the 5th part, see analytics/sql/finding_insert.sql): the same problem in any month
create macro finding_subject(finding_key) as regexp_replace(finding_key, '^((?:[^|]*\|){4})[^|]*', '\1');
