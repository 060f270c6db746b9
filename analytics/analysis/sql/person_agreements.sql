-- The proxy-collection agreements of one person.
select proxy_name, proxy_id, relation, signed_date, filed_date, valid_until
from proxy_agreements where person_id = $person_id order by signed_date
