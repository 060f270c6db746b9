-- What the pages' shared cache of analysis results is keyed on (ui/cache.py): the store file, its latest import,
-- undo or restore, when the findings were last computed and their latest verification. Every change of live rows,
-- findings or what counts of them moves one of them.
select
    (select path from duckdb_databases() where database_name = current_database()) as store,
    (select coalesce(max(event_id), 0) from batch_event) as last_event,
    (select max(computed_at) from finding_status) as findings_computed_at,
    (select max(done_at) from finding_verification) as verified_at
