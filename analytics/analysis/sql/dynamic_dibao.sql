-- 低保 households on the latest 低保 roster up to $as_of within the village filter: the household's monthly amount
-- (its rows' amounts added: the head carries it), its active persons, and the 低保 standard in force that month for
-- its sub-type (the latest $std_effective ≤ the month), for 全额保 and 人均补差.
with standards as (
    select unnest($std_sub_type) as sub_type, unnest($std_effective) as effective,
           cast(unnest($std_amount) as decimal(12, 2)) as amount
),

latest as (
    select village, max(period) as period
    from roster
    where program = $program
      and period <= $as_of
      and {{filters}}
    group by all
),

households as (
    select
        r.village,
        r.period,
        coalesce(r.household_id, r.head_id, r.person_id) as household,
        any_value(r.sub_type) as sub_type,
        coalesce(sum(r.monthly_amount), 0) as amount,
        count(distinct r.person_id) as persons
    from roster as r
    join latest as l using (village, period)
    where r.program = $program
      and roster_active(r.status, r.start_date, r.end_date, r.period, $active_statuses)
    group by all
),

final as (
    select
        h.*,
        (select s.amount from standards as s
         where s.sub_type = coalesce(h.sub_type, '') and s.effective <= h.period
         order by s.effective desc limit 1) as standard
    from households as h
)

select * from final
order by village, household
