-- For each monthly dataset (名册, 发放明细) × program × village × month with data: whether it is live now and when it
-- was first uploaded — counting the batches a later import replaced (a corrected file does not make a month late),
-- not those undone. One-off programs ($one_off) are left out: they have no monthly report.
with rows as (
    select 'roster' as kind, program, village, coalesce(batch_period, period) as month, batch_id, true as live
    from roster
    union all
    select 'roster', a.program, a.village, coalesce(a.batch_period, a.period), a.batch_id, false
    from roster_archive as a
    join batch_event as e on e.event_id = a.archived_by and e.action = '导入'
    union all
    select 'payments', program, village, coalesce(batch_period, date_trunc('month', period)), batch_id, true
    from payments
    union all
    select 'payments', a.program, a.village, coalesce(a.batch_period, date_trunc('month', a.period)), a.batch_id, false
    from payments_archive as a
    join batch_event as e on e.event_id = a.archived_by and e.action = '导入'
),

scopes as (
    select distinct kind, program, village, month, batch_id, live
    from rows
    where village is not null and program is not null and month is not null
      and not list_contains($one_off, program)
      and (len($villages) = 0 or list_contains($villages, village))
      and (len($programs) = 0 or list_contains($programs, program))
)

select s.kind, s.program, s.village, cast(s.month as date) as month, bool_or(s.live) as live,
       min(b.uploaded_at) as first_uploaded
from scopes as s
join import_batch as b using (batch_id)
group by all
