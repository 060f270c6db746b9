-- An issue's fields as analytics.ledger checked them (re-check results and baseline stay).
update ledger_issue set
    village = $village,
    focus = $focus,
    category = $category,
    description = $description,
    origin = $origin,
    found_date = $found_date,
    persons = $persons,
    amount = $amount,
    responsible_unit = $responsible_unit,
    responsible_person = $responsible_person,
    measures = $measures,
    deadline = $deadline,
    status = $status,
    closed_date = $closed_date,
    recovered = $recovered,
    referred = $referred,
    evidence = $evidence,
    note = $note
where issue_no = $issue_no
