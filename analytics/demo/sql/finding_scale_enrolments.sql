-- Scale generator, step 2: who is covered by what, one row per (person, program), with the approved amount before
-- the 2022-10-01 rise, who collects (a guardian, a proxy, the 低保 head, or nobody for 集中 care) and the months.
with person as (
    select *, count(*) over (partition by head_i) as household_size
    from scale_person
),

covered as (
    select i, '低保' as program, case when v % 5 = 0 then '城市' else '农村' end as sub_type, null as level,
        case when i = head_i then cast(round(household_size * case when v % 5 = 0 then 717 else 581 end
            * (35 + hash($seed, i, 'dibao') % 55) / 100) as decimal(12, 2)) end as amount,
        head_i as payee_i, i = head_i as pays, 1 as first_m
    from person where kind = 'dibao'
    union all
    select i, '特困供养', case when hash($seed, i, 'sub') % 10 < 3 then '集中' else '分散' end, null, 932,
        i, true, 1
    from person where kind = 'tekun'
    union all
    select i, '高龄津贴', null, null, 50, i, true, 1
    from person where kind = 'tekun' and birth <= date '1941-12-31' and hash($seed, i, 'aged') % 2 = 0
    union all
    -- planted 重复享受: 特困 plus 生活补贴 from November
    select i, '困难残疾人生活补贴', null, null, 70, i, true, 11
    from person where kind = 'tekun' and plant = 2
    union all
    select i, '孤儿', sub, null, case when sub = '集中' then 1582 else 1382 end,
        case when sub = '散居' then $guardian_first + i - $guarded_first else i end, true, 1
    from (select *, case when hash($seed, i, 'sub') % 10 < 3 then '集中' else '散居' end as sub
          from person where kind = 'orphan')
    union all
    select i, '孤儿', '集中', null, 1582, i, true, 1
    from person where kind = 'ageplant'
    union all
    select i, '事实无人抚养儿童', null, null, 1382, $guardian_first + i - $guarded_first, true, 1
    from person where kind = 'uncared'
    union all
    select i, '重度残疾人护理补贴', null, level, case when level = '一级' then 80 else 70 end, i, true, 1
    from (select *, case when hash($seed, i, 'level') % 2 = 0 then '一级' else '二级' end as level
          from person where kind = 'disabled' and hash($seed, i, 'care') % 100 < 75)
    union all
    select i, '困难残疾人生活补贴', null, null, 70, i, true, 1
    from person where kind = 'disabled' and hash($seed, i, 'care') % 100 not between 15 and 74
    union all
    select i, '高龄津贴', null, null,
        case when birth < date '1923-01-01' then 300 when birth < date '1933-01-01' then 100 else 50 end,
        case when birth < date '1931-01-01' and hash($seed, i, 'proxy') % 10 = 0
             then $guardian_first + i - $guarded_first else i end, true, 1
    from person where kind = 'aged'
    union all
    select i, '失能老人补贴', null, null, 200, i, true, 1
    from person where kind = 'frail'
),

final as (
    select
        row_number() over (order by i, program) as e,
        c.*,
        case when c.program = '低保' then cast(p.household_size as integer) end as household_size,
        -- the two disability subsidies rose on 2022-10-01; the BELOW_STANDARD plants never got the rise
        c.program in ('困难残疾人生活补贴', '重度残疾人护理补贴') and p.plant <> 5 as rises,
        p.plant,
        p.v
    from covered as c
    join person as p using (i)
)

select * from final
