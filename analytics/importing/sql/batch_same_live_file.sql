-- A batch of the same file content, dataset, program(s) and month whose rows are all still live: re-importing it
-- changes nothing. (The same bytes for another month — a roster whose month is only in the file name — is new data.)
with latest as (
    select batch_id, arg_max(action, event_id) as action
    from batch_event
    group by batch_id
)

select b.batch_id
from import_batch as b
join latest as l on l.batch_id = b.batch_id
where b.sha256 = $sha256
  and b.kind = $kind
  and b.program is not distinct from $program
  and b.period is not distinct from cast($period as date)
  and l.action <> '撤销'
  and b.batch_id not in (select batch_id from batch_archived_rows)
order by b.batch_id desc
limit 1
