-- 0002: which batch rows are live and which were moved out (and by which event), across all datasets.

create view batch_live_rows as
select batch_id from roster
union all
select batch_id from payments
union all
select batch_id from proxy_agreements
union all
select batch_id from staff
union all
select batch_id from crosscheck
union all
select batch_id from potential
union all
select batch_id from visits
union all
select batch_id from institutions
union all
select batch_id from issues;

create view batch_archived_rows as
select batch_id, archived_by from roster_archive
union all
select batch_id, archived_by from payments_archive
union all
select batch_id, archived_by from proxy_agreements_archive
union all
select batch_id, archived_by from staff_archive
union all
select batch_id, archived_by from crosscheck_archive
union all
select batch_id, archived_by from potential_archive
union all
select batch_id, archived_by from visits_archive
union all
select batch_id, archived_by from institutions_archive
union all
select batch_id, archived_by from issues_archive;
