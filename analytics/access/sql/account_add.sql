-- A new account: not disabled, no failed logins yet.
insert into app_user (name, role, village, password_hash, created_at, disabled, failed_logins, password_changed_at)
values ($name, $role, $village, $password_hash, $now, false, 0, $now)
