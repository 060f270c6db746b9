-- The rows of a batch kept in quarantine, with their original values and why.
select sheet, row_no, reasons, raw
from quarantine
where batch_id = $batch_id
order by sheet, row_no
