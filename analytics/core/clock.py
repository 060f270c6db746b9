"""The town's clock: Beijing time (UTC+8, no daylight saving since 1991), whatever zone the server is set to.

Times the app writes — uploads, ledger and audit entries, logins — and the days it compares them with (a report is on
time until day N of the next month) are the town's, so a file uploaded at 07:30 on the 10th is on the 10th. DuckDB's
own now() follows the same zone (analytics.core.store sets it).
"""
from __future__ import annotations

import datetime as dt

BEIJING = dt.timezone(dt.timedelta(hours=8), "北京时间")
ZONE_NAME = "Asia/Shanghai"  # the same, by the name DuckDB's time-zone setting takes


def now() -> dt.datetime:
    """Beijing time as a naive datetime, as the store's timestamp columns hold it."""
    return dt.datetime.now(BEIJING).replace(tzinfo=None)


def today() -> dt.date:
    return now().date()
