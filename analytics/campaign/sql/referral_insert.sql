-- A new lead as analytics.campaign.referrals checked it.
insert into referral (referral_no, source, persons, nature, amount, referred_on, receiver, outcome, sanction,
                      issue_nos, finding_keys, note, created_by, created_at, updated_by, updated_at)
values ($referral_no, $source, $persons, $nature, $amount, $referred_on, $receiver, $outcome, $sanction,
        $issue_nos, $finding_keys, $note, $done_by, $done_at, $done_by, $done_at)
