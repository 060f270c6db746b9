-- People on the rosters found by name (a part of it), ID number (in full, or its last 4–6 characters) or 低保证号
-- (household_id): one row per person, newest month first. $village, when set (a 村(居) account), keeps every other
-- village's roster rows out, so its people are found only through their rows in that village.
with matched as (
    select person_id, name, village, program, household_id, period
    from roster
    where person_id is not null
      and ($village is null or village = $village)
      and (contains(name, $text) or person_id = $id or ends_with(person_id, $suffix) or household_id = $text)
),

people as (
    select
        person_id,
        arg_max(name, period) as name,
        arg_max(village, period) as village,
        string_agg(distinct program, '、' order by program) as programs,
        arg_max(household_id, period) as household_id,
        max(period) as last_month
    from matched
    group by person_id
),

final as (
    select person_id, name, village, programs, household_id, last_month
    from people
    order by last_month desc, name, person_id
    limit $limit
)

select * from final
