"""python -m analytics: exit codes, the JSON report, history and rollback, as a user runs them."""
import json
import subprocess
import sys
from pathlib import Path

from analytics.access import accounts, audit
from analytics.core import config as config_module, store
from conftest import PAYMENT_HEADER, payment_rows, xlsx_bytes

ROOT = Path(__file__).resolve().parent.parent


def run(*args, db=None):
    command = [sys.executable, "-m", "analytics", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def write(tmp_path, name, rows, title="2022年6月特困供养发放明细"):
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(("发放", [[title], PAYMENT_HEADER, *rows])))
    return path


def test_import_commits_and_prints_the_json_report(tmp_path):
    db = tmp_path / "s.duckdb"
    bad = [9, "坏行", "12345", "特困供养", "932", "2022-06-20", "冬笋村"]
    path = write(tmp_path, "6月发放.xlsx", payment_rows(2) + [bad])
    done = run("import", "--db", str(db), "--json", str(path))
    assert done.returncode == 0, done.stderr
    (report,) = json.loads(done.stdout)["files"]
    assert {k: report[k] for k in ("kind", "program", "period", "rows_read", "rows_imported", "rows_quarantined",
                                   "status")} == {"kind": "payments", "program": "特困供养", "period": "2022-06",
                                                  "rows_read": 3, "rows_imported": 2, "rows_quarantined": 1,
                                                  "status": "committed"}
    (problem,) = report["problems"]
    assert (problem["sheet"], problem["row"], problem["column"], problem["value"]) == ("发放", 5, "身份证号", "12345")


def test_a_rejected_file_exits_1_and_writes_nothing(tmp_path):
    db = tmp_path / "s.duckdb"
    path = tmp_path / "乱码.xlsx"
    path.write_bytes(xlsx_bytes(("表", [["随便", "什么"], ["1", "2"]])))
    done = run("import", "--db", str(db), "--json", str(path))
    assert done.returncode == 1
    assert json.loads(done.stdout)["files"][0]["status"] == "rejected"
    assert "batch" not in run("history", "--db", str(db), "--json").stdout


def test_a_month_that_cannot_be_inferred_must_be_given(tmp_path):
    db = tmp_path / "s.duckdb"
    no_month = tmp_path / "名单.xlsx"
    no_month.write_bytes(xlsx_bytes(("名册", [["身份证号", "姓名", "村(居)", "救助类别", "保障金额"],
                                            *[[r[2], r[1], "冬笋村", "特困供养", "932"] for r in payment_rows(1)]])))
    refused = run("import", "--db", str(db), str(no_month))
    assert refused.returncode == 1 and "所属月份" in refused.stderr + refused.stdout
    assert run("import", "--db", str(db), "--period", "2022-06", str(no_month)).returncode == 0


def test_dry_run_writes_nothing(tmp_path):
    db = tmp_path / "s.duckdb"
    done = run("import", "--db", str(db), "--dry-run", "--json", str(write(tmp_path, "6月.xlsx", payment_rows(2))))
    assert json.loads(done.stdout)["files"][0]["status"] == "dry-run"
    assert not db.exists()


def test_usage_errors_exit_2(tmp_path):
    assert run("import", "--period", "June", str(tmp_path / "x.xlsx")).returncode == 2
    assert run("frobnicate").returncode == 2


def test_history_and_rollback(tmp_path):
    db = tmp_path / "s.duckdb"
    run("import", "--db", str(db), str(write(tmp_path, "a.xlsx", payment_rows(2))))
    run("import", "--db", str(db), str(write(tmp_path, "b.xlsx", payment_rows(1, start=5))))
    history = json.loads(run("history", "--db", str(db), "--json").stdout)
    assert [(h["batch_id"], h["state"]) for h in history] == [(2, "生效中"), (1, "已被替换")]
    done = run("rollback", "--db", str(db), "2")
    assert done.returncode == 0 and "恢复了被它替换的 2 行" in done.stdout
    assert run("rollback", "--db", str(db), "99").returncode == 1
    con = store.connect(db)
    logged = audit.entries(con)
    con.close()
    assert list(logged["action"]) == [audit.IMPORT, audit.IMPORT, audit.UNDO]
    assert list(logged["rows"]) == [2, 1, 2] and logged["user_name"].iloc[2].startswith("命令行")


def test_user_names_the_account_whose_rights_import_and_roll_back(tmp_path):
    db = tmp_path / "s.duckdb"
    con = store.connect(db)
    accounts.add_user(con, config_module.load(), "王主任", "管理员", "qinglong2022", by="测试")
    accounts.add_user(con, config_module.load(), "冬笋村文书", "村(居)", "dongsun2022", village="冬笋村", by="测试")
    con.close()
    path = write(tmp_path, "a.xlsx", payment_rows(2))
    assert run("import", "--db", str(db), "--user", "王主任", str(path)).returncode == 0
    refused = run("import", "--db", str(db), "--user", "冬笋村文书", str(write(tmp_path, "b.xlsx", payment_rows(1))))
    assert refused.returncode == 1 and "村(居)账户无权导入、撤销或恢复数据" in refused.stderr
    unknown = run("rollback", "--db", str(db), "--user", "nobody", "1")
    assert unknown.returncode == 1 and "没有名为 nobody 的用户" in unknown.stderr
    assert run("rollback", "--db", str(db), "--user", "王主任", "1").returncode == 0
    con = store.connect(db)
    logged = audit.entries(con)
    con.close()
    assert list(logged[logged["action"].isin([audit.IMPORT, audit.UNDO])]["user_name"]) == ["王主任", "王主任"]
