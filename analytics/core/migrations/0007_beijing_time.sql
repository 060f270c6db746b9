-- The store's own timestamps (DuckDB's now()) were written in UTC: the extension that converts to a time zone (ICU,
-- built in) was not loaded. From this version analytics.store sets Beijing time, so the ones already written move on
-- by 8 hours and read as the town's clock, like the times the app writes from Python (analytics.clock).
update import_batch set uploaded_at = uploaded_at + interval 8 hour;
update batch_event set done_at = done_at + interval 8 hour;
update roster_archive set archived_at = archived_at + interval 8 hour;
update payments_archive set archived_at = archived_at + interval 8 hour;
update proxy_agreements_archive set archived_at = archived_at + interval 8 hour;
update staff_archive set archived_at = archived_at + interval 8 hour;
update crosscheck_archive set archived_at = archived_at + interval 8 hour;
update potential_archive set archived_at = archived_at + interval 8 hour;
update visits_archive set archived_at = archived_at + interval 8 hour;
update institutions_archive set archived_at = archived_at + interval 8 hour;
update issues_archive set archived_at = archived_at + interval 8 hour;
update ledger_event set done_at = done_at + interval 8 hour;
update milestone_record set done_at = done_at + interval 8 hour;
update schema_version set applied_at = applied_at + interval 8 hour;
