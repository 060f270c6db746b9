-- 入户核查表: the households of one roster month ($month) to visit — those of the persons named ($person_ids, the
-- findings to check) and, for 抽查, the first $per_village of each village in the order a seeded hash gives them
-- (md5 of seed and household: the same seed draws the same households whatever order the rows are stored in).
-- One row per member and program on that month's roster, active or not (a finding may be about a stopped member).
-- A household: 户编号, else the head's ID, else the person alone; the sample draws only households with an active member.
with rows as (
    select
        person_id,
        name,
        village,
        program,
        monthly_amount,
        status,
        group_name,
        head_id,
        head_name,
        coalesce(household_id, head_id) as household_of_row,
        roster_active(status, start_date, end_date, period, $active_statuses) as active
    from roster
    where period = $month
      and ($villages is null or list_contains($villages, village))
),

persons as (
    -- a person's household is the one any of their rows names (a 低保 member also paid a personal subsidy)
    select person_id, coalesce(max(household_of_row), person_id) as household
    from rows
    group by person_id
),

households as (
    select
        p.household,
        coalesce(max(r.village) filter (where r.person_id = r.head_id), max(r.village)) as village,
        bool_or(r.active) as active
    from rows as r
    join persons as p using (person_id)
    group by p.household
),

ranked as (
    select
        household,
        row_number() over (partition by village order by md5(concat($seed, '|', household)), household) as draw_rank
    from households
    where active
),

chosen as (
    select household, draw_rank
    from ranked
    where draw_rank <= $per_village
    union
    select p.household, null as draw_rank
    from persons as p
    where list_contains($person_ids, p.person_id)
),

final as (
    select
        c.household,
        max(c.draw_rank) over (partition by c.household) as draw_rank,
        h.village,
        r.group_name,
        r.head_id,
        r.head_name,
        r.person_id,
        r.name,
        r.program,
        r.monthly_amount,
        r.status,
        r.active
    from chosen as c
    join households as h using (household)
    join persons as p using (household)
    join rows as r using (person_id)
)

select distinct *
from final
order by village, draw_rank nulls last, household, person_id = head_id desc, person_id, program
