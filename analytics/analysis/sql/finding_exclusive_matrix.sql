-- Persons in two programs that exclude each other (EXCLUSIVE_DUP), per pair, within the filters.
select program, program_b, count(distinct person_id) as persons
from finding
where code = 'EXCLUSIVE_DUP'
  and (len($villages) = 0 or list_contains($villages, village))
  and (len($programs) = 0 or list_contains($programs, program) or list_contains($programs, program_b))
  and ($month_from is null or period >= $month_from)
  and ($month_to is null or period <= $month_to)
group by all
