-- SHARED_ACCOUNT 多户共用账户: one bank account receives positive payments in a month for at least
-- $shared_account_min_households different households. Household: the row's 户主身份证号, else the head on the
-- person's roster row that month (same program first), else the person. 集中 sub-types are paid to the institution's
-- account and are left out.
with many_people as (
    -- only an account paid for two or more people at all can be shared: this keeps the rest of the query small.
    -- Hashes group faster than the text; accounts that share a hash are only both looked at.
    select hash(bank_account) as account_hash
    from payments
    where period <= $as_of
      and amount > 0
      and bank_account is not null
    group by account_hash
    having min(hash(person_id)) <> max(hash(person_id))
),

candidates as (
    select rowid as row_id, person_id, name, program, period, village, amount, paid_date, head_id, bank_account
    from payments
    where period <= $as_of
      and amount > 0
      and bank_account is not null
      and hash(bank_account) in (select account_hash from many_people)
),

institutional as (
    select distinct r.person_id, r.program, r.period
    from roster as r
    semi join candidates as c on c.person_id = r.person_id and c.program = r.program and c.period = r.period
    where r.sub_type = '集中'
),

households as (
    select c.*, coalesce(c.head_id, r.head_id, c.person_id) as household_id
    from candidates as c
    anti join institutional as i on i.person_id = c.person_id and i.program = c.program and i.period = c.period
    left join roster as r
        on r.person_id = c.person_id and r.period = c.period and r.head_id is not null
    qualify row_number() over (partition by c.row_id order by r.program is distinct from c.program, r.head_id) = 1
),

final as (
    select
        h.bank_account,
        h.period,
        min(h.village) as village,
        sum(h.amount) as amount,
        format('{}账户 {} 收到 {} 户的 {} 笔发放共 {:.2f} 元（{}）', strftime(h.period, '%Y年%-m月'), h.bank_account,
               count(distinct h.household_id), count(*), sum(h.amount),
               string_agg(distinct h.name, '、' order by h.name)) as explanation,
        list({'dataset': 'payments', 'row_id': h.row_id} order by h.paid_date, h.row_id) as source_rows
    from households as h
    group by h.bank_account, h.period
    having count(distinct h.household_id) >= $shared_account_min_households
)

select * from final
