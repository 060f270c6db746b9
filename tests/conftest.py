"""Shared fixtures: the configuration, a fresh store per test, and small spreadsheets built in code."""
from __future__ import annotations

import csv
import html
import datetime as dt
import io
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.access import accounts
from analytics.core import config as config_module, store
from analytics.importing.ids import make_id, mask_id
from analytics.demo.sample import load_sample


@pytest.fixture(scope="session")
def config():
    return config_module.load()


@pytest.fixture(scope="session")
def sample_town_file(tmp_path_factory, config) -> Path:
    """The sample town imported once per test run (~15 s); a test that opens or changes it takes a copy."""
    path = tmp_path_factory.mktemp("sample-town") / "sample.duckdb"
    con = store.connect(path)
    load_sample(con, config)
    con.close()
    return path


def sample_copy(source: Path, folder: Path, name: str = "sample.duckdb") -> Path:
    """A private copy of the sample town's store in `folder`."""
    shutil.copy(source, folder / name)
    return folder / name


def sample_with_users(source: Path, folder: Path, config, users: list[tuple]) -> Path:
    """A copy of the sample town in `folder` with these accounts: (user, role, password, village or None)."""
    path = sample_copy(source, folder)
    con = store.connect(path)
    for user, role, password, village in users:
        accounts.add_user(con, config, user, role, password, village=village, by="test")
    con.close()
    return path


@contextmanager
def app_on(tmp_path: Path, monkeypatch, source: Path, *, sample: bool = False, timeout: int = 60) -> Iterator[AppTest]:
    """AppTest of the whole app on a private copy of `source` (the tests may write to it): as the real store, or with
    `sample` as the sample data shown, the app already run once. `at.path` is the copy."""
    path = tmp_path / ("demo.duckdb" if sample else "real.duckdb")
    shutil.copy(source, path)
    monkeypatch.setenv("JIUZHU_DB", str(tmp_path / "real.duckdb"))
    monkeypatch.setenv("JIUZHU_DEMO_DB", str(tmp_path / "demo.duckdb"))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file("../app.py", default_timeout=timeout)
    at.path = path
    if sample:
        at.session_state["using_sample"] = True
        at.run()
    try:
        yield at
    finally:
        st.cache_resource.clear()


@pytest.fixture
def fresh_db(tmp_path):
    con = store.connect(tmp_path / "test.duckdb")
    yield con
    con.close()


def person(n: int, born: dt.date = dt.date(1950, 1, 1), area: str = "500224") -> str:
    """The n-th synthetic, valid ID."""
    return make_id(area, born + dt.timedelta(days=n), n % 1000)


def xlsx_bytes(*sheets: tuple[str, list[list]], merges: dict[str, list[str]] | None = None) -> bytes:
    """A workbook with the given (sheet name, rows); merges maps a sheet name to ranges such as "D3:E3"."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cell_range in (merges or {}).get(name, []):
            sheet.merge_cells(cell_range)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls_bytes(*sheets: tuple[str, list[list]]) -> bytes:
    import xlwt
    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets:
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


PAYMENT_HEADER = ["序号", "姓名", "身份证号", "项目名称", "发放金额", "发放日期", "村(居)"]


def payment_rows(n: int = 3, program: str = "特困供养", village: str = "冬笋村", start: int = 1) -> list[list]:
    return [[i, f"测试{i}", person(i), program, "932.00", "2022-06-20", village] for i in range(start, start + n)]


def as_read(markdown: str) -> str:
    """An element's Markdown as a person reads it: ui.safe's backslash escapes of uploaded text removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def kpis(at) -> dict[str, str]:
    """The headline cards (ui.kpi) a page drew, label → value, as a person reads them."""
    cards = re.findall(r'class="kpi-label"[^>]*>(.*?)</div><div class="kpi-value"[^>]*>(.*?)</div>',
                       "".join(m.value for m in at.markdown if 'class="kpi-row"' in m.value))
    return {html.unescape(re.sub(r"<[^>]+>", "", label)): html.unescape(value) for label, value in cards}


def open_ledger_conditions(at) -> None:
    """问题台账's 整改状态, 期限情况 and 移送纪委 are drawn only while their popover is open."""
    at.session_state["ledger_filter_open"] = True
    at.run()


def outside_village(con, home: str) -> tuple[str, ...]:
    """What must never reach an account of village `home`: the other villages' names, and the names, ID numbers (full
    and as masked) and bank accounts of people on no roster of `home` — less any that `home`'s own people or findings
    share (a namesake, a person of its 临时救助 or 摸排 lists)."""
    people_of = con.execute("select person_id, any_value(name), bool_or(village = $home) from roster group by all",
                            {"home": home}).fetchall()
    mine = {v for pid, name, at_home in people_of if at_home for v in (pid, name, mask_id(pid))}
    theirs = {v for pid, name, at_home in people_of if not at_home for v in (pid, name, mask_id(pid))}
    mine |= {v for pid, name in con.execute("select person_id, name from finding where village = $home",
                                            {"home": home}).fetchall() for v in (pid, name, pid and mask_id(pid))}
    accounts = con.execute("""
        select bank_account, bool_or(village = $home)
        from (select bank_account, village from roster union all select bank_account, village from payments)
        where bank_account is not null group by bank_account""", {"home": home}).fetchall()
    theirs |= {a for a, at_home in accounts if not at_home}
    mine |= {a for a, at_home in accounts if at_home}
    villages = [v for (v,) in con.execute("select distinct village from roster where village <> $home",
                                          {"home": home}).fetchall()]
    return (*villages, *sorted(v for v in theirs - mine if v and len(v) >= 2))
