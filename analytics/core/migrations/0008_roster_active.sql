-- 0008: what "active on a roster" means, written once for every query: a status the contract counts as active (the
-- caller binds the list, $active_statuses; blank is active) and, when dates are given, a month within them.
create or replace macro status_active(status, active_statuses) as
    list_contains(active_statuses, coalesce(status, ''));

create or replace macro roster_active(status, start_date, end_date, period, active_statuses) as
    list_contains(active_statuses, coalesce(status, ''))
    and coalesce(start_date, period) <= last_day(period)
    and coalesce(end_date, period) >= period;
