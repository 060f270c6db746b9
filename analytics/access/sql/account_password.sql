-- A new password; an account locked by failed logins is unlocked by it.
update app_user
set password_hash = $password_hash, password_changed_at = $now, failed_logins = 0, locked_until = null
where name = $name
