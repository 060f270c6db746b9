-- The person behind a link token (analytics.privacy.person_token): links never carry an ID number in clear.
with everyone as (
    select person_id from roster
    union select person_id from payments
    union select person_id from potential
    union select person_id from finding where person_id is not null
)

select person_id
from everyone
where left(sha256($secret || ':' || person_id), 16) = $token
limit 1
