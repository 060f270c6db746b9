-- 0013: which (program, month, village) a payments file covers, written once for the findings (欠付 is judged only
-- there) and the payment outcomes of 资金发放 and 总览: the months its rows are for (所属期), back pay aside (补发
-- rows, a supplementary file); a file covers the villages of its rows, and one with rows of no village or of several
-- villages is town-wide and covers every configured village (the caller binds them).

-- back pay: a payment row noted 补发, or a row of a supplementary file (import_batch.adds: a 补发/补差/追加 file)
create or replace macro back_pay(note, batch_id) as
    coalesce(note like '%补发%', false) or batch_id in (select b.batch_id from import_batch as b where b.adds);

-- (Each file's distinct scopes first: a month's file holds a million rows but a few hundred villages.)
create or replace macro payment_cover(as_of, village_names) as table
with scopes as (
    select distinct batch_id, program, coalesce(paid_for, period) as period, village
    from payments
    where coalesce(paid_for, period) <= as_of
      and not back_pay(note, batch_id)
),

files as (
    select
        program,
        period,
        count(distinct village) > 1 or bool_or(village is null) as town_wide,
        list(distinct village) filter (where village is not null) as villages
    from scopes
    group by batch_id, program, period
)
select distinct program, period, village
from (select program, period, unnest(villages) as village from files
      union all
      select program, period, unnest(village_names) as village from files where town_wide);
