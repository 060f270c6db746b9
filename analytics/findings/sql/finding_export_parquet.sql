-- `findings --format parquet`: the rows of finding_export (registered as finding_rows) with the JSON records' fields
-- in their own types: period the month's first day, amount DECIMAL 元, sources a list of {file, sheet, rows}, the
-- verification a struct (null while unchecked); a code-specific field is null where it does not apply.
select
    code, title, severity, focus, village, person_id, name, program, period, amount, explanation,
    from_json(coalesce(sources, '[]'), '[{"file": "VARCHAR", "sheet": "VARCHAR", "rows": ["INTEGER"]}]') as sources,
    program_b, source, bank_account, institution, item, paid_date, days_late, finding_key,
    case when verification_result is not null then {
        'result': verification_result, 'action': verification_action, 'note': verification_note,
        'by': verified_by, 'at': verified_at
    } end as verification
from finding_rows
order by n
