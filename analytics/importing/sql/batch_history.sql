-- Every import batch with its rows still live and its latest event, newest first.
with latest as (
    select batch_id, arg_max(action, event_id) as action, arg_max(event_id, event_id) as event_id
    from batch_event
    group by batch_id
),

live as (
    select batch_id, count(*) as rows_live
    from batch_live_rows
    group by batch_id
)

select
    b.batch_id,
    b.file_name,
    b.kind,
    b.program,
    b.period,
    b.villages,
    b.sheets,
    b.rows_read,
    b.rows_imported,
    b.rows_quarantined,
    b.adds,
    b.sub_type,
    coalesce(live.rows_live, 0) as rows_live,
    l.action as last_action,
    l.event_id as last_event,
    b.uploaded_by,
    b.uploaded_at,
    b.sha256
from import_batch as b
left join latest as l on l.batch_id = b.batch_id
left join live on live.batch_id = b.batch_id
order by b.batch_id desc
