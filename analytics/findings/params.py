"""The bound parameters of the findings queries, all drawn from the configuration and the analysis date.

Scalars bind as themselves ($as_of, $due_day, …). The configuration's small tables bind as parallel lists that a query
zips back into rows with unnest() — standards as $std_program/$std_sub_type/$std_effective/$std_amount, exclusive pairs
as $pair_a/$pair_b/$pair_level, age rules as $age_program/$age_min/$age_max.
"""
from __future__ import annotations

import datetime as dt

from analytics.core.config import Config
from analytics.core.db import bind, sql
from analytics.findings.codes import CODES, INSTITUTION_ITEMS


def rule_params(config: Config, as_of: dt.date) -> dict:
    rules = config.rules
    return {
        "as_of": as_of,
        "due_day": rules.due_day,
        "visit_interval_days": rules.visit_interval_days,
        "shared_account_min_households": rules.shared_account_min_households,
        "max_residents_per_caregiver": rules.max_residents_per_caregiver,
        "program_names": list(config.program_names),
        "one_off": [p.name for p in config.programs if p.pays == "one-off"],
        "household_programs": [p.name for p in config.programs if p.pays == "household"],
        "fixed_programs": [p.name for p in config.programs if p.fixed_standard],
        "means_tested": [p.name for p in config.programs if p.means_tested],
        **_columns("institution", ("program", "sub_type"),
                   [(p.name, sub) for p in config.programs for sub in p.institution_paid]),
        "institution_words": list(rules.institution_words),
        "village_names": list(config.village_names),
        **_columns("std", ("program", "sub_type", "effective", "amount"),
                   [(s.program, s.sub_type, s.effective, str(s.amount)) for s in config.standards]),
        **_columns("pair", ("a", "b", "level"), [(p.a, p.b, p.level) for p in config.exclusive_pairs]),
        **_columns("age", ("program", "min", "max"), [(a.program, a.min_age, a.max_age) for a in config.age_rules]),
        **_columns("visit", ("program", "sub_type"), [(p.name, sub) for p in config.programs for sub in p.visited]),
        "item_codes": list(INSTITUTION_ITEMS),
        "item_labels": list(INSTITUTION_ITEMS.values()),
    }


def code_params() -> dict:
    """The code table as bound lists, for finding_insert.sql."""
    return {"codes": [c.code for c in CODES], "titles": [c.title for c in CODES], "focuses": [c.focus for c in CODES],
            "severities": [c.severity for c in CODES], "money_kinds": [c.money for c in CODES],
            "keyed_programs": ["program" in c.key for c in CODES], "keyed_periods": ["period" in c.key for c in CODES]}


def _columns(prefix: str, names: tuple[str, ...], rows: list[tuple]) -> dict[str, list]:
    return {f"{prefix}_{name}": [row[i] for row in rows] for i, name in enumerate(names)}


def run(con, name: str, params: dict, before: str = "", after: str = ""):
    """Run a named query wrapped in `before` … `after` (create … as, insert into …), binding what it uses."""
    text = before + sql(name) + after
    return con.execute(text, bind(text, params))
