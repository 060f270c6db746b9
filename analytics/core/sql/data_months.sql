-- The months any roster or payment list covers, for the sidebar's month range.
select distinct period from roster
union
select distinct period from payments
order by period
