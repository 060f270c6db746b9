-- One new ledger issue (analytics.ledger.create and imports).
insert into ledger_issue by name
select
    $issue_no as issue_no,
    $village as village,
    $focus as focus,
    $category as category,
    $description as description,
    $origin as origin,
    $found_date as found_date,
    $persons as persons,
    $amount as amount,
    $responsible_unit as responsible_unit,
    $responsible_person as responsible_person,
    $measures as measures,
    $deadline as deadline,
    $status as status,
    $closed_date as closed_date,
    $recovered as recovered,
    $referred as referred,
    $evidence as evidence,
    $note as note,
    cast($baseline_month as date) as baseline_month
