-- `findings --format json`: the rows of finding_export (registered as finding_rows) as one JSON array, a finding a
-- line, each record as analytics.findings.export.records builds it: the base fields always (period 2022-09, amount a
-- number in 元, sources a list of {file, sheet, rows}), the code-specific ones only where they hold a value
-- (json_merge_patch drops a null), then finding_key and the latest verification (null while unchecked).
with parts as (
    select
        n,
        json_object(
            'code', code, 'title', title, 'severity', severity, 'focus', focus, 'village', village,
            'person_id', person_id, 'name', name, 'program', program, 'period', strftime(period, '%Y-%m'),
            'amount', amount::double, 'explanation', explanation, 'sources', coalesce(sources, '[]')::json
        ) as base,
        json_merge_patch('{}', json_object(
            'program_b', program_b, 'source', source, 'bank_account', bank_account, 'institution', institution,
            'item', item, 'paid_date', strftime(paid_date, '%Y-%m-%d'), 'days_late', days_late
        )) as extras,
        json_object(
            'finding_key', finding_key,
            'verification', case when verification_result is not null then json_object(
                'result', verification_result, 'action', verification_action, 'note', verification_note,
                'by', verified_by, 'at', strftime(verified_at, '%Y-%m-%d %H:%M:%S')
            ) end
        ) as tail
    from finding_rows
),

records as (
    select
        n,
        base[:-2]
        || case when extras = '{}' then '' else ',' || extras[2:-2] end
        || ',' || tail[2:] as record
    from parts
),

final as (
    select '[' || coalesce(chr(10) || string_agg(record, ',' || chr(10) order by n) || chr(10), '') || ']' as json
    from records
)

select * from final
