-- 0010: the month each payment is for (所属期), the date each cross-check list was drawn (比对日期), and the parts a
-- household amount was given in (金额构成) — issues 15 and 16 — and whether a batch added its rows to the live ones of
-- its scope (a 补发 file, a cross-check list) instead of replacing them. Existing rows get what import now fills: 所属期 from a
-- 补发…年…月 note, else 发放年月; 比对日期 the day their file was imported.

alter table payments add column paid_for date;
alter table payments_archive add column paid_for date;
alter table crosscheck add column list_date date;
alter table crosscheck_archive add column list_date date;
alter table roster add column amount_parts varchar;
alter table roster_archive add column amount_parts varchar;
alter table import_batch add column adds boolean not null default false;

create temp macro back_pay_month(note) as
    try_cast(regexp_extract(note, '补[发差][^0-9]{0,6}(\d{4})\s*年\s*(\d{1,2})\s*月', 1) || '-'
             || lpad(regexp_extract(note, '补[发差][^0-9]{0,6}(\d{4})\s*年\s*(\d{1,2})\s*月', 2), 2, '0') || '-01' as date);

update payments set paid_for = coalesce(back_pay_month(note), period);
update payments_archive set paid_for = coalesce(back_pay_month(note), period);
update crosscheck as c set list_date = cast(b.uploaded_at as date) from import_batch as b where b.batch_id = c.batch_id;
update crosscheck_archive as c set list_date = cast(b.uploaded_at as date) from import_batch as b
where b.batch_id = c.batch_id;

drop macro back_pay_month;
