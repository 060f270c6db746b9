-- Every problem found in a batch's file, errors first.
select sheet, row_no, column_name, value, message, level
from import_problem
where batch_id = $batch_id
order by level desc, sheet, row_no
