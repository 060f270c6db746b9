-- The as-of date the stored findings were computed for (null before the first refresh).
select max(as_of) from finding_status
