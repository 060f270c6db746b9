-- The refresh's findings as stored: title, 整治重点 and severity from the code table (bound lists from
-- analytics/findings/codes.py), IDs and program names as text, month and program only where the code's key has them,
-- the person's name from the first source row, a village where the rows name none, and the source rows
-- (dataset, rowid) resolved to file name, sheet and row numbers (JSON). One row per finding_key.
with codes as (
    select
        unnest($codes) as code,
        unnest($titles) as title,
        unnest($focuses) as focus,
        unnest($severities) as severity,
        unnest($money_kinds) as money_kind,
        unnest($keyed_programs) as keyed_program,
        unnest($keyed_periods) as keyed_period
),

numbered as (
    select rowid as finding_no, *
    from finding_new
),

refs as (
    select finding_no, ref.dataset, ref.row_id, pos
    from (select finding_no, unnest(source_rows) as ref, generate_subscripts(source_rows, 1) as pos from numbered)
),

located as (
    select r.*, t.batch_id, t.sheet, t.row_no, t.name
    from roster as t join refs as r on r.dataset = 'roster' and r.row_id = t.rowid
    union all
    select r.*, t.batch_id, t.sheet, t.row_no, t.name
    from payments as t join refs as r on r.dataset = 'payments' and r.row_id = t.rowid
    union all
    select r.*, t.batch_id, t.sheet, t.row_no, t.name
    from crosscheck as t join refs as r on r.dataset = 'crosscheck' and r.row_id = t.rowid
    union all
    select r.*, t.batch_id, t.sheet, t.row_no, t.name
    from staff as t join refs as r on r.dataset = 'staff' and r.row_id = t.rowid
    union all
    select r.*, t.batch_id, t.sheet, t.row_no, t.name
    from proxy_agreements as t join refs as r on r.dataset = 'proxy_agreements' and r.row_id = t.rowid
    union all
    select r.*, t.batch_id, t.sheet, t.row_no, t.name
    from potential as t join refs as r on r.dataset = 'potential' and r.row_id = t.rowid
    union all
    select r.*, t.batch_id, t.sheet, t.row_no, t.name
    from visits as t join refs as r on r.dataset = 'visits' and r.row_id = t.rowid
    union all
    select r.*, t.batch_id, t.sheet, t.row_no, null
    from institutions as t join refs as r on r.dataset = 'institutions' and r.row_id = t.rowid
),

without_village as (
    -- a finding whose rows name no village takes the person's roster village that month, else their latest before
    select finding_no, person_id_of(person_key) as person_id, coalesce(period, cast($as_of as date)) as period
    from numbered
    where village is null
      and person_key is not null
),

fallback_village as (
    select w.finding_no, arg_max(r.village, r.period) as village
    from without_village as w
    join roster as r on r.person_id = w.person_id and r.period <= w.period
    group by w.finding_no
),

files as (
    select l.finding_no, b.file_name, coalesce(l.sheet, '') as sheet, list(distinct l.row_no order by l.row_no) as rows
    from located as l
    left join import_batch as b using (batch_id)
    group by all
),

sources as (
    select
        finding_no,
        cast(to_json(list({'file': file_name, 'sheet': sheet, 'rows': rows} order by file_name, sheet)) as varchar)
            as sources
    from files
    group by finding_no
),

names as (
    select finding_no, arg_min(name, pos) filter (where name is not null) as name
    from located
    group by finding_no
),

shaped as (
    select
        n.finding_no,
        n.code,
        c.title,
        c.focus,
        coalesce(n.severity, c.severity) as severity,
        coalesce(n.village, v.village) as village,
        person_id_of(n.person_key) as person_id,
        case when n.person_key is not null then nm.name end as name,
        case when c.keyed_program then $program_names[n.program_no] end as program,
        $program_names[n.program_b_no] as program_b,
        case when c.keyed_period then n.period end as period,
        cast(n.amount as decimal(12, 2)) as amount,
        n.explanation,
        s.sources,
        n.source,
        n.bank_account,
        n.institution,
        n.item,
        n.paid_date,
        n.days_late,
        coalesce(n.money_kind, c.money_kind) as money_kind
    from numbered as n
    join codes as c using (code)
    left join sources as s using (finding_no)
    left join names as nm using (finding_no)
    left join fallback_village as v using (finding_no)
),

final as (
    select
        concat_ws('|', code, coalesce(person_id, ''), coalesce(program, ''), coalesce(program_b, ''),
                  coalesce(strftime(period, '%Y-%m'), ''), coalesce(source, ''), coalesce(bank_account, ''),
                  coalesce(institution, ''), coalesce(item, ''), coalesce(cast(paid_date as varchar), ''))
            as finding_key,
        * exclude (finding_no),
        cast($as_of as date) as as_of
    from shaped
    qualify row_number() over (partition by finding_key order by finding_no) = 1
)

select * from final
