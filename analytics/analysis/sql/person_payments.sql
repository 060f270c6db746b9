-- Every payment row of one person, with its source.
select p.period, coalesce(p.paid_for, p.period) as paid_for, p.program, p.amount, p.paid_date, p.payee_name, p.bank_account, p.method, p.note,
       b.file_name, p.sheet, p.row_no
from payments as p
join import_batch as b using (batch_id)
where p.person_id = $person_id
order by p.period, p.paid_date
