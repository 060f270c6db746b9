-- One verification of a finding (append-only: the latest per finding_key counts, see finding_verified).
insert into finding_verification values ($finding_key, $village, $result, $action, $note, $dismissed, $done_by, now())
