"""findings --format json and parquet are written by DuckDB: the same records, keys and values as the row-by-row
records() of a findings frame, for the administrator and for a masked account, with verifications."""
import json

import duckdb
import pandas as pd
import pytest

from analytics import cli
from analytics.access import accounts
from analytics.access.privacy import Privacy, masked
from analytics.commands.common import scope_of
from analytics.core import store
from analytics.core.contract import VERIFY_RESULTS
from analytics.findings import findings, verify
from analytics.findings.export import records
from conftest import sample_copy

TRUE, NOT_TRUE, _ = VERIFY_RESULTS
LEADER = "领导"


@pytest.fixture(scope="module")
def town(sample_town_file, tmp_path_factory, config):
    """The sample town with one finding verified true and one dismissed, and a masked (leader's) account."""
    path = sample_copy(sample_town_file, tmp_path_factory.mktemp("export"))
    con = store.connect(path)
    keys = [k for (k,) in con.execute("select finding_key from finding order by finding_key").fetchall()]
    verify.verify(con, keys[0], TRUE, note="入户核实：情况属实", action="追回", scope=scope_of(con, None))
    verify.verify(con, keys[1], NOT_TRUE, note="已核实，系误报", scope=scope_of(con, None))
    accounts.add_user(con, config, "leader", LEADER, "leader2026x", by="test")
    con.close()
    return path


def reference(path, privacy=None) -> list[dict]:
    """What the CLI wrote before DuckDB wrote it: records() of the listed findings, then of the dismissed ones."""
    con = store.connect(path)
    frame = pd.concat([findings(con), findings(con, dismissed=True)], ignore_index=True)
    con.close()
    return records(frame if privacy is None else masked(frame, privacy))


def key(record: dict) -> str:
    return record["finding_key"]


def listed_order(record: dict) -> tuple:
    """finding_list's order: code, village, person, month, account, institution, item."""
    return tuple(str(record.get(k)) for k in ("code", "village", "person_id", "period", "bank_account", "institution",
                                              "item"))


def run(path, tmp_path, fmt, *user) -> object:
    out = tmp_path / f"findings.{fmt}"
    assert cli.main(["findings", "--db", str(path), "--format", fmt, "--out", str(out), *user]) == 0
    return out


@pytest.mark.parametrize("user", [(), ("--user", "leader")], ids=["administrator", "masked"])
def test_json_holds_the_same_records_keys_and_values_as_before(town, tmp_path, user):
    written = json.loads(run(town, tmp_path, "json", *user).read_text(encoding="utf-8"))
    expected = reference(town, Privacy() if user else None)
    assert len(written) == len(expected) > 50
    by_key = {r["finding_key"]: r for r in expected}
    assert [list(r) for r in written] == [list(by_key[r["finding_key"]]) for r in written]  # keys in the same order
    assert sorted(written, key=key) == sorted(expected, key=key)
    # the same order, up to findings finding_list's order leaves tied (a person's 比对 hits of two sources)
    assert [listed_order(r) for r in written] == [listed_order(r) for r in expected]
    assert sum(r["verification"] is not None for r in written) == 2
    assert written[-1]["verification"]["result"] == NOT_TRUE  # the dismissed come last, as before


def test_json_renders_numbers_and_dates_as_before(town, tmp_path):
    text = run(town, tmp_path, "json").read_text(encoding="utf-8")
    old = json.dumps(reference(town), ensure_ascii=False, indent=1)
    for pattern in ('"period": "2022-', '"amount": 932.0', '"paid_date": "2022-', '"days_late": '):
        assert (pattern in old) == (pattern.replace(": ", ":") in text), pattern
    assert text.startswith("[\n{") and text.endswith("}\n]") and text.count("\n") == len(json.loads(text)) + 1


def test_parquet_holds_the_json_fields_in_their_own_types(town, tmp_path):
    as_json = json.loads(run(town, tmp_path, "json").read_text(encoding="utf-8"))
    table = duckdb.sql(f"select * from '{run(town, tmp_path, 'parquet')}'")
    rows = [dict(zip(table.columns, row)) for row in table.fetchall()]
    assert [r["finding_key"] for r in rows] == [r["finding_key"] for r in as_json]
    for row, record in zip(rows, as_json):
        assert (f"{row['period']:%Y-%m}" if row["period"] else None) == record["period"]
        assert (float(row["amount"]) if row["amount"] is not None else None) == record["amount"]
        assert row["sources"] == record["sources"]
        assert {k: row[k] for k in record if k not in ("period", "amount", "sources", "paid_date", "verification")} \
            == {k: v for k, v in record.items() if k not in ("period", "amount", "sources", "paid_date",
                                                               "verification")}
    assert dict(zip(table.columns, table.types))["amount"] == "DECIMAL(12,2)"


def test_parquet_needs_an_output_file(town):
    assert cli.main(["findings", "--db", str(town), "--format", "parquet"]) == 2


def test_the_rows_are_read_even_after_an_unread_result(town):
    """DuckDB's relation API refuses to start while a result of the connection is unread; arrow() does not care."""
    from analytics.findings import export
    con = store.connect(town)
    con.execute("select 1")
    assert export.rows(con).num_rows > 50
    con.close()
