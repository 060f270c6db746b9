"""The money findings skip the full match for persons and 低保 households whose months pair up
(finding_stage_month.sql). A person with a death record goes through the full match, and one dated on the analysis
date, after every month's first day, changes no money finding: so for any rows, the money findings must be the same
with such a record for everyone (all matched in full) as without (most skip)."""
from __future__ import annotations

import datetime as dt

from hypothesis import Phase, given, settings, strategies as st

from analytics.core import store
from analytics.findings import findings, refresh
from conftest import person
from test_findings import Rows

AS_OF = dt.date(2022, 7, 31)
MONEY = ("UNPAID", "LATE_PAID", "DOUBLE_PAID", "AMOUNT_MISMATCH", "INACTIVE_PAID", "DEATH_PAID")
PERSONS = [person(n) for n in range(1, 3)]  # few persons, programs and months: rows meet often
HEAD, MEMBER = person(11), person(12)
MONTHS = st.integers(6, 7)
VILLAGES = st.sampled_from(["冬笋村", "金源村"])
AMOUNTS = st.sampled_from(["932", "900"])
DAYS = st.sampled_from([10, 28, 29])  # paid by the due day (28), or a day late
# a roster row, and whether it was paid just as listed (as most are)
ROSTER = st.tuples(st.sampled_from(PERSONS), st.sampled_from(["特困供养", "高龄津贴"]), MONTHS, VILLAGES, AMOUNTS,
                   st.booleans())
PAID = st.tuples(st.sampled_from(PERSONS), st.sampled_from(["特困供养", "高龄津贴"]), MONTHS, VILLAGES, AMOUNTS, DAYS)
HOUSEHOLD_ROSTER = st.tuples(st.sampled_from([HEAD, MEMBER]), MONTHS, st.sampled_from(["600", None]))
HOUSEHOLD_PAID = st.tuples(st.sampled_from([HEAD, MEMBER]), MONTHS, st.sampled_from(["600", "300"]), DAYS)


def money_findings(path, rows, config, dead: bool) -> list[tuple]:
    con = store.connect(path)
    try:
        added = Rows(con)
        for pid, program, month, village, amount, paid in rows["roster"]:
            added.roster(pid, program, month, amount, village=village)
            if paid:
                added.payment(pid, program, month, amount, 20, village=village)
        for pid, program, month, village, amount, day in rows["paid"]:
            added.payment(pid, program, month, amount, day, village=village)
        for pid, month, amount in rows["household_roster"]:
            added.roster(pid, "低保", month, amount, head_id=HEAD)
        for pid, month, amount, day in rows["household_paid"]:
            added.payment(pid, "低保", month, amount, day)
        if dead:
            for pid in (*PERSONS, HEAD, MEMBER):
                added.add("crosscheck", person_id=pid, source="死亡", event_date=AS_OF)
        refresh(con, config, AS_OF)
        found = findings(con, codes=MONEY)
        return sorted(found[["code", "person_id", "program", "period", "village", "amount", "explanation"]]
                      .astype(str).itertuples(index=False, name=None))
    finally:
        con.close()


# no shrinking: a failure shows its example at once, not after minutes of refreshes
@settings(max_examples=40, deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate])
@given(st.fixed_dictionaries({"roster": st.lists(ROSTER, max_size=6), "paid": st.lists(PAID, max_size=3),
                              "household_roster": st.lists(HOUSEHOLD_ROSTER, max_size=3),
                              "household_paid": st.lists(HOUSEHOLD_PAID, max_size=3)}))
def test_money_findings_are_the_same_whether_months_pair_up_or_are_all_matched(tmp_path_factory, config, rows):
    folder = tmp_path_factory.mktemp("pairing")
    assert money_findings(folder / "skip.duckdb", rows, config, dead=False) == \
        money_findings(folder / "full.duckdb", rows, config, dead=True)
