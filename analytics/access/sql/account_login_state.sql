-- After a login attempt: the failure count, the lock, and the time of the last success.
update app_user
set failed_logins = $failed_logins, locked_until = $locked_until, last_login = coalesce($last_login, last_login)
where name = $name
