-- DEATH_PAID 死亡后仍发放: paid for month M while a death record (死亡/火化/户籍注销, earliest counts) is dated
-- before the first day of M. 补发 rows count here; any program, 临时救助 included.
with flagged as (
    select distinct person_key, program_no, period, died, death_said, death_row
    from finding_month
    where paid_rows > 0
      and died < period
),

final as (
    select
        f.person_key,
        f.program_no,
        f.period,
        min(p.village) as village,
        sum(p.amount) as amount,
        format('{}发放 {:.2f} 元，但该对象{}', strftime(f.period, '%Y年%-m月'), sum(p.amount), f.death_said)
            as explanation,
        list_append(list({'dataset': 'payments', 'row_id': p.row_id} order by p.paid_date), f.death_row) as source_rows
    from flagged as f
    join finding_month_payment as p using (person_key, program_no, period)
    group by f.person_key, f.program_no, f.period, f.died, f.death_said, f.death_row
)

select * from final
