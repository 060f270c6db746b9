-- Changes whenever any import, undo or restore lands: a cache key every session can see.
select coalesce(max(event_id), 0) from batch_event
