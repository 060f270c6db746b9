-- 移送问题线索 of the 整改报告: the leads of the register (问题线索移送登记) transferred to 纪委 by $as_of; with $villages
-- those linked to a ledger issue or a current finding of those villages.
select count(*) as referrals
from referral as r
where r.referred_on <= $as_of
  and (len($villages) = 0
       or exists (select 1 from ledger_issue as i
                  where list_contains(r.issue_nos, i.issue_no) and list_contains($villages, i.village))
       or exists (select 1 from finding as f
                  where list_contains(r.finding_keys, f.finding_key) and list_contains($villages, f.village)))
