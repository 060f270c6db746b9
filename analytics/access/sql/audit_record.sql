-- One entry of the append-only audit log.
insert into audit_log values (nextval('audit_log_seq'), $logged_at, $user_name, $action, $detail, $rows)
