-- 问题线索移送登记: every lead, newest transfer first.
select *
from referral
order by referred_on desc, referral_no desc
