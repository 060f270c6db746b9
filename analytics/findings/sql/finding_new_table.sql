-- The findings of one refresh before their titles and sources are resolved: what every analytics/sql/findings/*.sql
-- query returns (by column name; a query leaves out what does not apply to its code).
create temp table finding_new (
    code varchar not null,
    person_key bigint,
    program_no tinyint,
    program_b_no tinyint,
    village varchar,
    period date,
    amount decimal(18, 2),
    explanation varchar not null,
    source_rows struct(dataset varchar, row_id bigint)[],
    source varchar,
    bank_account varchar,
    institution varchar,
    item varchar,
    paid_date date,
    days_late integer,
    money_kind varchar,   -- where the rule says it per finding (AMOUNT_MISMATCH: 多发 recover, 少发 owed)
    severity varchar      -- where the rule says it per finding (EXCLUSIVE_DUP: a pair to review is 中)
)
