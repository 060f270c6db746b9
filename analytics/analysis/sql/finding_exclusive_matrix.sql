-- Persons in two programs that exclude each other (EXCLUSIVE_DUP), per pair, within the filters.
select program, program_b, count(distinct person_id) as persons
from finding_counted
where code = 'EXCLUSIVE_DUP'
  and {{filters}}
group by all
