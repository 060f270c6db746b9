-- What the pages' shared cache of analysis results is keyed on (ui/cache.py): the store file, its latest import,
-- undo or restore, and when the findings were last computed. Every change of live rows or findings moves one of them.
select
    (select path from duckdb_databases() where database_name = current_database()) as store,
    (select coalesce(max(event_id), 0) from batch_event) as last_event,
    (select max(computed_at) from finding_status) as findings_computed_at
