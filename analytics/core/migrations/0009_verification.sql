-- 0009: what a check in the village found of a finding (核实), kept apart from the findings a refresh rewrites, and
-- the money each finding stands for.

-- append-only: the latest record per finding_key is its verification; a recompute never touches it
create table finding_verification (
    finding_key varchar not null,
    village varchar,
    result varchar not null,           -- 属实 | 不属实 | 部分属实
    action varchar,                    -- 停保 | 追回 | 补发 | 纠正 | 无需处理
    note varchar not null,
    dismissed boolean not null,        -- judged 不属实: the finding leaves every count
    done_by varchar not null,
    done_at timestamp not null
);

-- the latest verification of each finding
create view finding_verified as
select *
from finding_verification
qualify row_number() over (partition by finding_key order by done_at desc) = 1;

-- the findings every count, headline, chart and meeting figure reads: all but those judged 不属实
-- (it reads the table, not finding_verified: a backup restores views in name order, before the view they would read)
create view finding_counted as
select f.*
from finding as f
where not coalesce((select arg_max(v.dismissed, v.done_at) from finding_verification as v
                    where v.finding_key = f.finding_key), false);

-- what the finding's amount means: recover (应追回), owed (应补发), late (迟发金额), approved (每月涉及核定金额), or null
alter table finding add column money_kind varchar;

-- the money of the findings an issue was made from, so that closing it can ask whether the money was paid or recovered
alter table ledger_finding add column program varchar;
alter table ledger_finding add column amount decimal(12, 2);
alter table ledger_finding add column money_kind varchar;
update ledger_finding set program = nullif(split_part(finding_key, '|', 3), '');
