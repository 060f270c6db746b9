-- A lead's fields as analytics.campaign.referrals checked them (its number and creation stay).
update referral set
    source = $source,
    persons = $persons,
    nature = $nature,
    amount = $amount,
    referred_on = $referred_on,
    receiver = $receiver,
    outcome = $outcome,
    sanction = $sanction,
    issue_nos = $issue_nos,
    finding_keys = $finding_keys,
    note = $note,
    updated_by = $done_by,
    updated_at = $done_at
where referral_no = $referral_no
