-- Live rows per dataset, and the latest month any roster or payment list covers.
select 'roster' as kind, count(*) as live_rows, max(period) as latest_period from roster
union all select 'payments', count(*), max(period) from payments
union all select 'proxy_agreements', count(*), null from proxy_agreements
union all select 'staff', count(*), null from staff
union all select 'crosscheck', count(*), null from crosscheck
union all select 'potential', count(*), null from potential
union all select 'visits', count(*), max(batch_period) from visits
union all select 'institutions', count(*), null from institutions
union all select 'issues', count(*), null from issues
