"""The findings (疑点) of domain.md §5: recomputed by `refresh` into the store, read instantly by the pages.

    from analytics.findings import refresh, findings
    refresh(con, config)                      # one transaction; as_of defaults to the latest data month's last day
    frame = findings(con, Filters(villages=("冬笋村",)))

Each rule is one named query, analytics/sql/findings/<code>.sql, over typed staging tables built once per refresh from
the live tables (analytics/findings/engine.py). Every value a rule needs is a bound parameter. The configuration's small
tables (standards, exclusive pairs, age rules) are bound as parallel lists and zipped back into rows inside the query
with unnest(), rather than loaded into parameter tables: a query then depends on nothing but its text and its
parameters, nothing is written to the store for them, and each SQL file shows what it reads.
"""
from analytics.findings.codes import BY_CODE, CODES, Code
from analytics.findings.engine import MISSING, Refreshed, refresh
from analytics.findings.read import findings, status

__all__ = ["BY_CODE", "CODES", "Code", "MISSING", "Refreshed", "findings", "refresh", "status"]
