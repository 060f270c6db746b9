-- One account with what a login checks, the hash included: read by analytics.accounts only, never returned.
select name, role, village, password_hash, disabled, failed_logins, locked_until
from app_user
where name = $name
