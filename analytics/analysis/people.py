"""One village and one person: the drill-down of the meeting (town → village → person).

A person is reached by a token (analytics.access.privacy.person_token), so no link carries an ID number in clear.
"""
from __future__ import annotations

import re

import duckdb
import pandas as pd

from analytics.access.privacy import Privacy, masked, person_token
from analytics.access.scope import Scope
from analytics.core.contract import STATUSES_ACTIVE
from analytics.core.db import query
from analytics.core.errors import Forbidden
from analytics.core.filters import Filters
from analytics.core.values import date_text, period_text

RESIDENT_LABELS = {"name": "姓名", "person_id": "身份证号", "programs": "救助类别", "findings": "疑点（条）",
                   "amount": "涉及金额(元)"}
PROFILE_PARTS = ("roster", "payments", "findings", "visits", "agreements", "crosscheck")


def link_secret(con: duckdb.DuckDBPyConnection) -> str:
    return query(con, "app_setting", {"key": "person_link_secret"}).fetchone()[0]


def token_of(con: duckdb.DuckDBPyConnection, person_id: str) -> str:
    return person_token(person_id, link_secret(con))


def person_of(con: duckdb.DuckDBPyConnection, token: str) -> str | None:
    found = query(con, "person_by_token", {"token": token, "secret": link_secret(con)}).fetchone()
    return found[0] if found else None


SEARCH_LIMIT = 50  # a name's common character can match hundreds; the officer narrows the text instead
SEARCH_LABELS = {"name": "姓名", "person_id": "身份证号", "village": "村(居)", "programs": "救助类别",
                 "household_id": "低保证号", "last_month": "最近在册月份"}
_ID_SUFFIX = re.compile(r"\d{3,5}[\dX]")  # the last 4–6 characters of an ID number


def search(con: duckdb.DuckDBPyConnection, text: str, scope: Scope) -> pd.DataFrame:
    """People on the rosters whose name contains `text`, whose ID number is `text` or ends with its 4–6 characters,
    or whose 低保证号 is `text`; a 村(居) account finds only people on its own village's rosters."""
    text = text.strip()
    if not text:
        return pd.DataFrame(columns=list(SEARCH_LABELS))
    upper = text.upper()
    return query(con, "person_search", {"text": text, "id": upper,
                                        "suffix": upper if _ID_SUFFIX.fullmatch(upper) else None,
                                        "village": scope.village, "limit": SEARCH_LIMIT}).df()


def search_shown(found: pd.DataFrame, privacy: Privacy) -> pd.DataFrame:
    """The matches as listed: ID numbers masked (names too in 投屏模式), months as 2022-09, Chinese headers."""
    shown = masked(found, privacy).assign(last_month=found["last_month"].map(period_text))
    return shown[list(SEARCH_LABELS)].rename(columns=SEARCH_LABELS)


def village_people(con: duckdb.DuckDBPyConnection, village: str, filters: Filters) -> pd.DataFrame:
    """The people of one village within the filters (whose village lock refuses another village)."""
    filters = filters.narrowed(villages=(village,))
    frame = query(con, "village_people", {"village": village}, filters=filters.where(only=("months", "programs"))).df()
    frame["amount"] = frame["amount"].astype("float64")
    return frame


def village_people_shown(frame: pd.DataFrame, privacy: Privacy) -> pd.DataFrame:
    """A village's people (village_people) as 村(居)详情 lists them: Chinese headers, IDs (and names when projected)
    masked."""
    return masked(frame.rename(columns=RESIDENT_LABELS), privacy)[list(RESIDENT_LABELS.values())]


def profile(con: duckdb.DuckDBPyConnection, person_id: str, scope: Scope) -> dict[str, pd.DataFrame]:
    """Everything the store holds about one person, part by part — for a 村(居) account only a person on its
    village's rosters or in its findings (Forbidden otherwise)."""
    parts = {part: query(con, f"person_{part}", {"person_id": person_id}).df() for part in PROFILE_PARTS}
    if scope.village is not None:
        villages = set(parts["roster"]["village"].dropna()) | set(parts["findings"]["village"].dropna())
        if scope.village not in villages:
            raise Forbidden.outside(scope.village, "此对象")
    return parts


def timeline(roster: pd.DataFrame) -> pd.DataFrame:
    """Per program, the months the person was on its roster, and whether active."""
    frame = roster[["period", "program", "status", "monthly_amount"]].copy()
    frame["active"] = frame["status"].fillna("").isin(STATUSES_ACTIVE)
    return frame


PART_LABELS = {"payments": "发放记录", "roster": "名册记录", "visits": "走访记录", "agreements": "代领协议",
               "crosscheck": "比对记录"}
COLUMN_LABELS = {"period": "月份", "paid_for": "所属期", "program": "救助类别", "amount": "发放金额(元)",
                 "paid_date": "发放日期", "payee_name": "收款人姓名", "bank_account": "银行账号", "method": "发放方式",
                 "note": "备注",
                 "file_name": "来源文件", "sheet": "工作表", "row_no": "行号", "sub_type": "子类别", "village": "村(居)",
                 "status": "状态", "monthly_amount": "核定金额(元)", "name": "姓名", "head_name": "户主姓名",
                 "visit_date": "走访日期", "visitor": "走访人", "proxy_name": "代领人姓名", "proxy_id": "代领人身份证号",
                 "relation": "关系", "signed_date": "签订日期", "filed_date": "备案日期", "valid_until": "有效期至",
                 "source": "比对来源", "event_date": "事项日期", "detail": "说明"}
MONEY_COLUMNS = ("发放金额(元)", "核定金额(元)")
MONTH_COLUMNS = ("period", "paid_for")


def shown_part(frame: pd.DataFrame, part: str) -> pd.DataFrame:
    """One part of a profile with Chinese headers, months as 2022-09 and dates as 2022-09-15."""
    shown = frame.copy()
    for column in shown.columns:
        if column in MONTH_COLUMNS:
            shown[column] = shown[column].map(period_text)
        elif pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].map(date_text)
        elif column in ("amount", "monthly_amount"):
            shown[column] = shown[column].astype("float64")
        else:
            shown[column] = shown[column].astype("object").where(shown[column].notna(), "")
    return shown.rename(columns=COLUMN_LABELS)
