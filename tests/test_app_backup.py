"""The administrator's 立即备份 button and the daily backup the app takes while it runs."""
from __future__ import annotations

import datetime as dt
import time

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.core import backup, clock, store


@pytest.fixture
def real_store(tmp_path, monkeypatch):
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("JIUZHU_DB", str(path))
    monkeypatch.setenv("JIUZHU_DEMO_DB", str(tmp_path / "demo.duckdb"))
    con = store.connect(path)
    con.execute("create table note as select 1 as n")
    con.close()
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()


def test_the_backup_button_writes_a_backup_next_to_the_store(real_store):
    at = AppTest.from_file("../pages/accounts.py", default_timeout=60).run()
    at.button(key="accounts_backup").click().run()
    assert not at.exception, at.exception
    assert "已备份到" in at.success[0].value
    [taken] = [p for p in (real_store.parent / "backups").iterdir() if "-daily-" not in p.name]
    assert backup.read_manifest(taken).rows["note"] == 1


def test_the_app_takes_the_days_backup_once_while_it_runs(real_store):
    AppTest.from_file("../pages/accounts.py", default_timeout=60).run()
    AppTest.from_file("../pages/accounts.py", default_timeout=60).run()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not list((real_store.parent / "backups").glob("app-daily-*")):
        time.sleep(0.2)
    assert len(list((real_store.parent / "backups").glob("app-daily-*"))) == 1


def test_only_the_newest_14_daily_backups_stay_and_one_a_day(tmp_path, monkeypatch):
    con = store.connect(tmp_path / "s.duckdb")
    con.execute("create table t as select 1")
    day = dt.datetime(2022, 9, 1, 8, 0)
    for n in range(16):
        monkeypatch.setattr(clock, "now", lambda n=n: day + dt.timedelta(days=n))
        assert backup.daily(con) is not None
        assert backup.daily(con) is None  # the same day: taken already
    kept = sorted(p.name for p in (tmp_path / "backups").glob("s-daily-*"))
    assert len(kept) == backup.DAILY_KEPT and kept[0].startswith("s-daily-20220903")


def test_an_empty_store_is_not_backed_up_every_day(tmp_path):
    assert backup.daily(store.connect(tmp_path / "empty.duckdb")) is None
