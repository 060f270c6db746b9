-- EXCLUSIVE_DUP 重复享受: active in both programs of an excluded pair (config exclusive_pairs, in their canonical a/b
-- order) in the same month. People on two pair programs at all are found first, so the monthly self-join stays small;
-- they are found by the ID's hash, which groups faster (a hash two IDs share only adds candidates), and their rows
-- read again rather than every active row kept.
with pairs as (
    select a, b, level
    from (select unnest($pair_a) as a, unnest($pair_b) as b, unnest($pair_level) as level)
),

on_two as (
    select hash(person_id) as person_hash
    from roster
    where period <= $as_of
      and program in (select a from pairs union select b from pairs)
      and roster_active(status, start_date, end_date, period, $active_statuses)
    group by person_hash
    having min(program) <> max(program)
),

candidates as materialized (
    select
        person_id,
        program,
        period,
        village,
        monthly_amount as approved,
        rowid as row_id
    from roster
    where period <= $as_of
      and program in (select a from pairs union select b from pairs)
      and roster_active(status, start_date, end_date, period, $active_statuses)
      and hash(person_id) in (select person_hash from on_two)
),

final as (
    select
        person_key(x.person_id) as person_key,
        cast(list_position($program_names, p.a) as tinyint) as program_no,
        cast(list_position($program_names, p.b) as tinyint) as program_b_no,
        x.period,
        x.village,
        y.approved as amount,
        format('{}同时享受{}和{}，{}', strftime(x.period, '%Y年%-m月'), p.a, p.b,
               case when p.level = '复核' then '需复核能否同时享受' else '两者不得同时享受' end) as explanation,
        [{'dataset': 'roster', 'row_id': x.row_id}, {'dataset': 'roster', 'row_id': y.row_id}] as source_rows,
        case when p.level = '复核' then $all_severities[2] end as severity  -- a pair to review, not forbidden: 中
    from pairs as p
    join candidates as x on x.program = p.a
    join candidates as y on y.program = p.b and y.person_id = x.person_id and y.period = x.period
    qualify row_number() over (partition by x.person_id, p.a, p.b, x.period
                               order by x.village, y.village, x.row_id, y.row_id) = 1
)

select * from final
