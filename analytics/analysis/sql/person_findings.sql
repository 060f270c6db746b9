-- The findings about one person.
select code, title, severity, focus, village, program, program_b, period, amount, explanation, sources
from finding
where person_id = $person_id
order by period nulls first, code
