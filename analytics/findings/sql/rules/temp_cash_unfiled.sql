-- TEMP_CASH_UNFILED 临时救助现金实物未登记: a one-off relief (临时救助) payment made in 现金 or 实物 without a
-- filing number (登记备案号): cash or in-kind relief must be registered one by one.
with cash as (
    select rowid as row_id, person_id, program, village, paid_date, amount, method
    from payments
    where period <= $as_of
      and amount > 0
      and list_contains($one_off, program)
      and method in ('现金', '实物')
      and filing_no is null
),

final as (
    select
        person_key(c.person_id) as person_key,
        min(c.village) as village,
        c.paid_date,
        sum(c.amount) as amount,
        format('{} 以{}方式发放{} {:.2f} 元，无登记备案号', c.paid_date, string_agg(distinct c.method, '、'),
               min(c.program), sum(c.amount)) as explanation,
        list({'dataset': 'payments', 'row_id': c.row_id} order by c.row_id) as source_rows
    from cash as c
    group by c.person_id, c.paid_date
)

select * from final
