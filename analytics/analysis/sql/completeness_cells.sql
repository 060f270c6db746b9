-- Every expected monthly report: for each monthly dataset (名册, 发放明细) × program × village, each month from the first
-- it was reported in (live now) up to $last, with when it was first uploaded — counting the batches a later import
-- replaced (a corrected file does not make a month late), not those undone — its due date (day $due_day of the
-- following month) and its state ($on_time, $late or $missing). One-off programs ($one_off) are left out: they have
-- no monthly report.
-- Payments are expected from a program's first roster in the village on: a month whose roster came without its
-- payments file is missing (its 欠付 is not judged until the file comes); a payments file without a village column
-- reports for every village.
-- Each table is reduced to its distinct (batch, program, village, month) before anything else: a batch holds
-- thousands of rows but a few scopes.
with live_scopes as (
    select 'roster' as kind, batch_id, program, village, coalesce(batch_period, period) as month, true as live
    from roster
    group by all
    union all
    select 'payments', batch_id, program, village, coalesce(batch_period, date_trunc('month', period)), true
    from payments
    group by all
),

replaced_scopes as (
    select 'roster' as kind, a.batch_id, a.program, a.village, coalesce(a.batch_period, a.period) as month,
           false as live
    from roster_archive as a
    join batch_event as e on e.event_id = a.archived_by and e.action = '导入'
    group by all
    union all
    select 'payments', a.batch_id, a.program, a.village, coalesce(a.batch_period, date_trunc('month', a.period)), false
    from payments_archive as a
    join batch_event as e on e.event_id = a.archived_by and e.action = '导入'
    group by all
),

scopes as (
    select kind, batch_id, program, unnest(if(village is null and kind = 'payments', $village_names, [village]))
        as village, month, live
    from (select * from live_scopes union all select * from replaced_scopes)
),

reported as (
    select s.kind, s.program, s.village, cast(s.month as date) as month, min(b.uploaded_at) as first_uploaded
    from scopes as s
    join import_batch as b using (batch_id)
    where s.village is not null and s.program is not null and s.month is not null
      and not list_contains($one_off, s.program)
      and {{place_filter}}
    group by all
    having bool_or(s.live)
),

firsts as (
    select kind, program, village, min(month) as first_month
    from (select kind, program, village, month from reported
          union all
          select 'payments', program, village, month from reported where kind = 'roster')
    group by all
),

expected as (
    select kind, program, village,
           cast(unnest(generate_series(first_month, cast($last as date), interval 1 month)) as date) as month
    from firsts
),

cells as (
    select e.kind, e.program, e.village, e.month, r.first_uploaded,
           cast(e.month + interval 1 month + to_days(cast($due_day as integer) - 1) as date) as due
    from expected as e
    left join reported as r using (kind, program, village, month)
    where {{month_filter}}
),

final as (
    select kind, program, village, month,
           case when first_uploaded is null then $missing
                when cast(first_uploaded as date) <= due then $on_time
                else $late end as state,
           first_uploaded, due
    from cells
)

select * from final
order by kind, program, village, month
