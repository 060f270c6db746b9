"""Refreshing and reading findings: missing data, sources, as_of, one transaction, summaries and the CLI."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from analytics import cli
from analytics.core.filters import Filters
from analytics.findings import CODES, MISSING, findings, params, refresh, status, summary
from test_findings import A, C, Rows, keys


def death_after_payment(con) -> Rows:
    rows = Rows(con)
    rows.roster(A, "特困供养", 9, sub_type="分散")
    rows.payment(A, "特困供养", 9)
    rows.payment(A, "特困供养", 10)
    rows.add("crosscheck", person_id=A, source="死亡", event_date=dt.date(2022, 8, 14))
    return rows


def test_an_empty_store_reports_missing_data_for_every_rule_and_no_findings(fresh_db, config):
    done = refresh(fresh_db, config)
    assert done.counts == {} and set(done.missing) == {c.code for c in CODES}
    assert set(status(fresh_db)["status"]) == {MISSING}
    assert findings(fresh_db).empty


def test_a_rule_whose_dataset_was_never_uploaded_says_so_instead_of_zero(fresh_db, config):
    Rows(fresh_db).roster(A, "特困供养", 9, sub_type="分散")
    done = refresh(fresh_db, config)
    rules = status(fresh_db).set_index("code")
    assert rules.loc["DEATH_PAID", "status"] == MISSING
    assert rules.loc["DEATH_PAID", "missing"] == "资金发放明细、比对名单"
    assert rules.loc["EXCLUSIVE_DUP", "status"] == "ok" and rules.loc["EXCLUSIVE_DUP", "count"] == 0
    assert "DEATH_PAID" in done.missing and done.counts["EXCLUSIVE_DUP"] == 0
    by_code = summary.by_code(fresh_db).set_index("code")
    assert by_code.loc["DEATH_PAID", "status"] == MISSING and by_code["findings"].isna()["DEATH_PAID"]
    assert by_code.loc["EXCLUSIVE_DUP", "findings"] == 0


def test_each_finding_names_its_files_sheets_and_rows(fresh_db, config):
    death_after_payment(fresh_db)
    refresh(fresh_db, config)
    row = findings(fresh_db, codes=("DEATH_PAID",)).iloc[0]
    assert json.loads(row["sources"]) == [{"file": "crosscheck.xlsx", "sheet": "Sheet1", "rows": [5]},
                                          {"file": "payments.xlsx", "sheet": "Sheet1", "rows": [3]}]
    assert (row["title"], row["focus"], row["severity"], row["village"]) == ("死亡后仍发放", "资金使用管理", "高", "冬笋村")
    assert row["name"] == "对象" + A[-4:] and row["amount"] == 932
    assert row["explanation"] == "2022年9月发放 932.00 元，但该对象已于 2022-08-14 死亡（死亡记录）"
    assert row["finding_key"] == f"DEATH_PAID|{A}|特困供养||2022-09|||||"


def test_as_of_defaults_to_the_end_of_the_latest_month_and_can_be_earlier(fresh_db, config):
    death_after_payment(fresh_db)
    assert refresh(fresh_db, config).as_of == dt.date(2022, 10, 31)
    assert keys(fresh_db, config, "DEATH_PAID", as_of=dt.date(2022, 9, 30)) == {(A, "特困供养", "2022-09")}
    assert {d.date() for d in findings(fresh_db)["as_of"]} == {dt.date(2022, 9, 30)}


def test_a_refresh_replaces_the_previous_findings_and_leaves_no_work_tables(fresh_db, config):
    death_after_payment(fresh_db)
    refresh(fresh_db, config)
    assert len(findings(fresh_db, codes=("DEATH_PAID",))) == 2
    fresh_db.execute("delete from crosscheck")
    refresh(fresh_db, config)
    assert findings(fresh_db, codes=("DEATH_PAID",)).empty
    temp = fresh_db.execute("select count(*) from duckdb_tables() where temporary").fetchone()[0]
    assert temp == 0


def test_a_failing_rule_rolls_back_and_keeps_the_previous_findings(fresh_db, config, monkeypatch):
    death_after_payment(fresh_db)
    refresh(fresh_db, config)
    real = params.sql
    monkeypatch.setattr(params, "sql", lambda name: "select broken" if name == "rules/unpaid" else real(name))
    with pytest.raises(Exception):
        refresh(fresh_db, config)
    assert len(findings(fresh_db, codes=("DEATH_PAID",))) == 2
    monkeypatch.undo()
    refresh(fresh_db, config)  # and the connection is usable again


def test_rules_run_with_no_standards_pairs_or_age_rules_configured(fresh_db, config):
    Rows(fresh_db).roster(A, "孤儿", 12, "100", sub_type="散居")
    bare = dataclasses.replace(config, standards=(), exclusive_pairs=(), age_rules=())
    assert refresh(fresh_db, bare).counts["BELOW_STANDARD"] == 0


def test_summaries_count_by_severity_focus_and_village_within_the_filters(fresh_db, config):
    rows = death_after_payment(fresh_db)
    rows.add("potential", person_id=C, program="高龄津贴", village="金源村")
    refresh(fresh_db, config)
    villages = summary.by_village(fresh_db).set_index("village")
    assert villages.loc["冬笋村", "high"] == 3  # paid after death twice, and still on the roster
    assert villages.loc["金源村", "findings"] == 1
    severity = summary.by_severity(fresh_db).set_index("severity")["findings"].to_dict()
    assert severity == {"高": 3, "中": 1, "低": 0}
    focus = summary.by_focus(fresh_db, Filters(villages=("金源村",))).set_index("focus")["findings"].to_dict()
    assert focus == {"政策执行": 1, "资金使用管理": 0, "关爱服务": 0, "工作保障": 0}
    september = summary.by_code(fresh_db, Filters(month_from=dt.date(2022, 9, 1), month_to=dt.date(2022, 9, 1)))
    assert september.set_index("code").loc["DEATH_PAID", "findings"] == 1


def test_the_cli_recomputes_and_prints_json_records(fresh_db, config, tmp_path, capsys):
    path = tmp_path / "cli.duckdb"
    fresh_db.close()
    from analytics.core import store
    con = store.connect(path)
    death_after_payment(con)
    con.close()
    assert cli.main(["findings", "--db", str(path), "--code", "DEATH_PAID", "--as-of", "2022-09-30"]) == 0
    out, err = capsys.readouterr()
    (item,) = json.loads(out)
    assert {k: item[k] for k in ("code", "person_id", "program", "period", "amount", "severity")} == {
        "code": "DEATH_PAID", "person_id": A, "program": "特困供养", "period": "2022-09", "amount": 932.0,
        "severity": "高"}
    assert item["sources"][0]["file"] == "crosscheck.xlsx" and "program_b" not in item
    assert "DEATH_PAID" not in err
    assert cli.main(["findings", "--db", str(path), "--format", "xlsx"]) == 2
    assert cli.main(["findings", "--db", str(path), "--format", "csv", "--out", str(tmp_path / "f.csv")]) == 0
    assert "疑点代码" in (tmp_path / "f.csv").read_text(encoding="utf-8-sig")
    assert "缺少数据" in capsys.readouterr().err
