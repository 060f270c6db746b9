-- Findings staging: which (program, village, month) rosters exist up to as_of, and which is the latest snapshot of
-- each (program, village): the latest month up to as_of that has a roster for it. A roster file covers the villages
-- it is for: its roster of a program and month naming a single village covers that village; naming several, it is
-- town-wide and covers every configured village, so a person it no longer lists has left even where nobody else of
-- their village is on it.
with scopes as (
    -- each file's programs, months and villages: a city's roster holds millions of rows, its files a few thousand
    select distinct batch_id, cast(list_position($program_names, program) as tinyint) as program_no, village, period
    from roster
    where period <= $as_of
),

files as (
    -- a file's roster of one program and month naming several villages is town-wide
    select distinct program_no, period
    from scopes
    group by batch_id, program_no, period
    having min(village) <> max(village)
),

rosters as (
    select distinct program_no, village, period
    from scopes
    union
    select distinct f.program_no, v.village, f.period
    from files as f
    cross join (select unnest($village_names) as village) as v
)

select *, period = max(period) over (partition by program_no, village) as latest
from rosters
