-- The sample town only (analytics/sample.py): when each monthly file is taken to have been uploaded.
update import_batch
set uploaded_at = t.uploaded_at
from (select unnest($names) as file_name, unnest($times) as uploaded_at) as t
where import_batch.file_name = t.file_name
