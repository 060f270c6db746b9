-- One lead by its number.
select *
from referral
where referral_no = $referral_no
