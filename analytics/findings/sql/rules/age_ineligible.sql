-- AGE_INELIGIBLE 年龄不符: active in the latest snapshot, and the birth date in the ID breaks the program's age rule
-- in completed years on the last day of that month: max_age — fires at or above it (孤儿 18); min_age — fires below
-- it (高龄津贴 80). The rules come as bound lists.
with rules as (
    select unnest($age_program) as program, unnest($age_min) as min_age, unnest($age_max) as max_age
),

born as (
    select c.*, r.min_age, r.max_age, cast(try_strptime(substr(c.person_id, 7, 8), '%Y%m%d') as date) as born
    from finding_current as c
    join rules as r using (program)
),

aged as (
    select *, cast(date_part('year', age(last_day(period), born)) as integer) as years
    from born
),

final as (
    select
        person_key,
        program_no,
        village,
        approved as amount,
        format('出生于 {}，{}末年满 {} 周岁，{}', born, strftime(period, '%Y年%-m月'), years,
               case when max_age is not null and years >= max_age
                    then format('{}应未满 {} 周岁', program, max_age)
                    else format('{}应年满 {} 周岁', program, min_age) end) as explanation,
        [{'dataset': 'roster', 'row_id': row_id}] as source_rows
    from aged
    where (max_age is not null and years >= max_age)
       or (min_age is not null and years < min_age)
    qualify row_number() over (partition by person_key, program_no order by village, row_id) = 1
)

select * from final
