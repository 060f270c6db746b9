-- The audit log, oldest first; a null parameter means no restriction.
select seq, logged_at, user_name, action, detail, rows
from audit_log
where ($since is null or logged_at >= $since)
    and ($user_name is null or user_name = $user_name)
    and ($action is null or action = $action)
order by seq
