"""Crash safety: the process doing the work is killed with SIGKILL (no cleanup, no rollback of its own) in the middle
of a transaction — the app during an import, a ledger edit, a migration. The store then opens consistent: the work
wholly absent, what was there before intact, the history telling the truth, the app serving.

The kill is placed, not hoped for: the killed process is the real code with one internal step (one that runs inside
the transaction, after rows were written) replaced by `os.kill(os.getpid(), SIGKILL)`; the migration is a slow
statement killed while it runs."""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from analytics.campaign import ledger
from analytics.core import migrate, store
from analytics.access.scope import ADMIN, LOCAL_SCOPE, Scope
from browser import ROOT, _wait_for, browser_page, free_port, pick_files, running_app, settle
from conftest import PAYMENT_HEADER, payment_rows

KILL_SELF = "lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)"


def crashing(module: str, function: str, then: str) -> list[str]:
    """A Python command line that runs `then` with `module.function` replaced by an immediate SIGKILL."""
    code = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        import {module} as target
        target.{function} = {KILL_SELF}
    """) + textwrap.dedent(then)
    return [sys.executable, "-c", code]


def payments_csv(rows: int, month: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(PAYMENT_HEADER)
    for row in payment_rows(rows):
        row[5] = f"2022-{month:02d}-20"
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def counts(path) -> dict[str, int]:
    con = store.connect(path)
    try:
        return {table: con.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608 (fixed names)
                for table in ("import_batch", "batch_event", "payments", "payments_archive", "quarantine",
                              "import_problem", "ledger_issue", "ledger_event")}
    finally:
        con.close()


@pytest.mark.browser
def test_killing_the_app_in_the_middle_of_an_import_leaves_the_batch_absent_and_the_app_serving(tmp_path):
    db = tmp_path / "crash.duckdb"
    con = store.connect(db)
    from analytics.core import config as config_module
    from analytics.importing.files import import_file
    assert import_file(con, "5月发放.csv", payments_csv(50, 5), config_module.load(), period=dt.date(2022, 5, 1),
                       kind="payments")["status"] == "committed"
    con.close()
    before = counts(db)
    big = tmp_path / "2022年6月特困供养发放明细.csv"
    big.write_bytes(payments_csv(30_000, 6))

    port = free_port()
    # the app's own server, with the step that writes quarantine rows (inside the import's transaction, after the
    # 30,000 rows were inserted) replaced by a SIGKILL
    server = subprocess.Popen(crashing("analytics.importing.batches", "_insert_quarantine", f"""
        sys.argv = ["streamlit", "run", "app.py", "--server.port", "{port}", "--server.headless", "true"]
        from streamlit.web.cli import main
        main()
    """), cwd=ROOT, env={**os.environ, "JIUZHU_DB": str(db)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(f"http://127.0.0.1:{port}/_stcore/health")
        with browser_page() as page:
            page.goto(f"http://127.0.0.1:{port}/upload")
            settle(page)
            pick_files(page, big)
            page.get_by_text("隔离行数").wait_for(timeout=120_000)
            settle(page)
            page.get_by_role("button", name="确认导入 1 个文件").click()
            assert server.wait(timeout=120) == -signal.SIGKILL
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()

    assert counts(db) == before
    with running_app(db) as url, browser_page() as page:
        page.goto(f"{url}/history")
        settle(page)
        main = page.inner_text('[data-testid="stMain"]')
        assert "导入记录" in main and "Traceback" not in main
    con = store.connect(db)
    try:
        files = [r[0] for r in con.execute("select file_name from import_batch").fetchall()]
    finally:
        con.close()
    assert files == ["5月发放.csv"]


def test_killing_a_ledger_edit_midway_changes_nothing(tmp_path):
    db = tmp_path / "ledger.duckdb"
    con = store.connect(db)
    ledger.create(con, {"issue_no": "QL-2022-001", "village": "冬笋村", "focus": "政策执行", "description": "测试问题"},
                  scope=Scope("测试", ADMIN))
    con.close()
    before = counts(db)
    # the status is updated, then writing its log entry kills the process before the commit
    done = subprocess.run(crashing("analytics.campaign.ledger.store", "_event", f"""
        from analytics.core import store
        from analytics.campaign import ledger
        from analytics.access.scope import ADMIN, Scope
        con = store.connect({str(db)!r})
        ledger.change_status(con, "QL-2022-001", "整改中", scope=Scope("测试", ADMIN), note="会被中断")
    """), cwd=ROOT, capture_output=True, timeout=120)
    assert done.returncode == -signal.SIGKILL

    assert counts(db) == before
    con = store.connect(db)
    try:
        assert ledger.issue(con, "QL-2022-001", LOCAL_SCOPE)["status"] == "待整改"
        assert len(ledger.history(con, "QL-2022-001", LOCAL_SCOPE)) == 1
    finally:
        con.close()


def test_killing_a_migration_midway_leaves_the_previous_schema_and_data(tmp_path):
    db = tmp_path / "migrating.duckdb"
    con = store.connect(db)
    ledger.create(con, {"issue_no": "QL-2022-001", "village": "冬笋村", "focus": "政策执行", "description": "测试问题"},
                  scope=Scope("测试", ADMIN))
    version = migrate.schema_version(con)
    con.close()
    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, migrations)
    # a migration that alters a table, then runs long: killed while it runs
    (migrations / f"{version + 1:04d}_slow.sql").write_text(
        "alter table ledger_issue add column extra varchar;\n"
        "create table slow as select sum(range) as total from range(200000000000);\n", encoding="utf-8")
    migrating = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from pathlib import Path
        sys.path.insert(0, {str(ROOT)!r})
        from analytics.core import migrate, store
        migrate.MIGRATIONS = Path({str(migrations)!r})
        print("migrating", flush=True)
        store.connect({str(db)!r})
    """)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert migrating.stdout.readline().strip() == "migrating"
    time.sleep(3)
    assert migrating.poll() is None, "the slow migration ended before it could be killed"
    migrating.send_signal(signal.SIGKILL)
    migrating.wait()

    con = store.connect(db)  # the real migrations: nothing pending
    try:
        assert migrate.schema_version(con) == version
        columns = [r[0] for r in con.execute("describe ledger_issue").fetchall()]
        assert "extra" not in columns
        assert con.execute("select count(*) from duckdb_tables() where table_name = 'slow'").fetchone()[0] == 0
        assert ledger.issue(con, "QL-2022-001", LOCAL_SCOPE)["description"] == "测试问题"
    finally:
        con.close()
