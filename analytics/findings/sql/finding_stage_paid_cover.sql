-- Findings staging: which (program, month, village) a payments file covers — the months its rows are for (所属期),
-- back pay aside (补发 rows, a supplementary file) — so that a roster whose payments file has not come yet gives no
-- 欠付. A file covers the villages of its rows; one with rows of no village or of several villages is town-wide.
with files as (
    select
        cast(list_position($program_names, program) as tinyint) as program_no,
        coalesce(paid_for, period) as period,
        count(distinct village) > 1 or bool_or(village is null) as town_wide,
        list(distinct village) filter (where village is not null) as villages
    from payments
    where coalesce(paid_for, period) <= $as_of
      and (note is null or note not like '%补发%')
      and batch_id not in (select batch_id from import_batch where adds)
    group by batch_id, program, coalesce(paid_for, period)
)

select distinct program_no, period, village
from (select program_no, period, unnest(villages) as village from files
      union all
      select program_no, period, unnest($village_names) as village from files where town_wide)
