-- DOUBLE_PAID 同月重复发放: more than one positive payment row for (person, program, month). 补发 rows (back-pay,
-- possibly for this month) never count; one-off programs (临时救助) are left out.
with one_off as (
    select cast(list_position($program_names, unnest($one_off)) as tinyint) as program_no
),

flagged as (
    select distinct person_key, program_no, period
    from finding_month
    where counted_rows > 1
      and program_no not in (select program_no from one_off)
),

final as (
    select
        p.person_key,
        p.program_no,
        p.period,
        min(p.village) as village,
        sum(p.amount) - arg_min(p.amount, p.paid_date) as amount,
        format('{}发放 {} 笔共 {:.2f} 元（{}），同一月份只应发放一笔', strftime(p.period, '%Y年%-m月'), count(*),
               sum(p.amount), string_agg(format('{} 发 {:.2f} 元', p.paid_date, p.amount), '、' order by p.paid_date))
            as explanation,
        list({'dataset': 'payments', 'row_id': p.row_id} order by p.paid_date) as source_rows
    from finding_month_payment as p
    semi join flagged as f
        on f.person_key = p.person_key and f.program_no = p.program_no and f.period = p.period
    where not p.back_pay
    group by p.person_key, p.program_no, p.period
)

select * from final
