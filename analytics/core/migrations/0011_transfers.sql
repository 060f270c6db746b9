-- 0011: 区拨付资金, the district's transfer to the town per program and month (an optional dataset, issue 21), for the
-- monthly money reconciliation 应发 / 实发 / 区拨付 / 结余 / 退回; and the batch views that list every dataset table.

create table transfers (
    batch_id bigint not null,
    sheet varchar,
    row_no integer not null,
    period date,
    program varchar,
    amount decimal(12,2),
    returned decimal(12,2),
    doc_no varchar,
    note varchar
);

create table transfers_archive (
    batch_id bigint,
    sheet varchar,
    row_no integer,
    period date,
    program varchar,
    amount decimal(12,2),
    returned decimal(12,2),
    doc_no varchar,
    note varchar,
    archived_by bigint not null,
    archived_at timestamp not null
);

create or replace view batch_live_rows as
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
select batch_id from issues
union all
select batch_id from transfers;

create or replace view batch_archived_rows as
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
select batch_id, archived_by from issues_archive
union all
select batch_id, archived_by from transfers_archive;
