-- The rows of one imported 问题台账 batch, in file order.
select * exclude (batch_id)
from issues
where batch_id = $batch_id
order by sheet, row_no
