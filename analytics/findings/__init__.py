"""The findings (疑点) of domain.md §5: recomputed by `refresh` into the store, read instantly by the pages.

    from analytics.findings import refresh, findings
    refresh(con, config)                      # one transaction; as_of defaults to the latest data month's last day
    frame = findings(con, Filters(villages=("冬笋村",)))

Each rule is one named query, analytics/findings/sql/rules/<code>.sql, over the live tables and a few staging tables built
once per refresh (analytics/findings/engine.py). A rule whose input dataset is empty does not run: its status is
缺少数据, never zero findings. A stored finding carries its program and month only where its code's key has them
(codes.py), and its sources as JSON [{"file", "sheet", "rows"}].

Every value a rule needs is a bound parameter. The configuration's small tables (standards, exclusive pairs, age rules)
are bound as parallel lists ($std_program, $std_sub_type, $std_effective, $std_amount; $pair_a, $pair_b, $pair_level;
$age_program, $age_min, $age_max) and zipped back into rows inside the query with unnest(), rather than loaded into
parameter tables: nothing is written for them, a rule can be run and tested on its own with its parameters, and each
SQL file shows everything it reads.
"""
from analytics.findings.codes import BY_CODE, CODES, Code
from analytics.findings.engine import MISSING, Refreshed, refresh
from analytics.findings.read import findings, status

__all__ = ["BY_CODE", "CODES", "Code", "MISSING", "Refreshed", "findings", "refresh", "status"]
