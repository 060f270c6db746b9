-- Every roster row of one person: which program, month, village, status and amount, and where it came from.
select r.period, r.program, r.sub_type, r.village, r.status, r.monthly_amount, r.name, r.head_name,
       b.file_name, r.sheet, r.row_no
from roster as r
join import_batch as b using (batch_id)
where r.person_id = $person_id
order by r.period, r.program
