"""The shared sidebar filters as one value: the SQL condition they make, its bound parameters and its Chinese caption.

Filters also carry the user's village scope (`village_lock`, set by analytics.access.scope for a 村(居) account): every query
that filters by village sees that one village, and no later narrowing can widen it — it refuses instead.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from analytics.core.errors import Forbidden

DIMENSIONS = ("months", "villages", "programs")
# the only column names a condition may name: a query's own, never a user's text
COLUMNS = {"period", "month", "village", "program", "program_b"}


@dataclass(frozen=True)
class Condition:
    """A boolean SQL expression over bound parameters, what they are, and the same restriction said in Chinese."""
    text: str
    params: dict
    caption: str


@dataclass(frozen=True)
class Filters:
    month_from: dt.date | None = None
    month_to: dt.date | None = None
    villages: tuple[str, ...] = ()   # empty: every village
    programs: tuple[str, ...] = ()   # empty: every program
    as_of: dt.date | None = None
    village_lock: str | None = None  # the only village this user may see; None: any

    def __post_init__(self):
        if self.village_lock is None:
            return
        others = [v for v in self.villages if v != self.village_lock]
        if others:
            raise Forbidden.outside(self.village_lock, "、".join(others))
        object.__setattr__(self, "villages", (self.village_lock,))

    def narrowed(self, **changes) -> Filters:
        """The same filters with some fields replaced, e.g. one village for its detail page."""
        return dataclasses.replace(self, **changes)

    def params(self) -> dict:
        """$month_from, $month_to, $villages, $programs: an empty list or a null means no restriction."""
        return self.where().params

    def where(self, alias: str = "", *, only: tuple[str, ...] = DIMENSIONS, period: str = "period",
              undated: bool = False, second_program: bool = False) -> Condition:
        """The filters as a condition on the rows of `alias` (a table alias, or "" for unqualified columns), on the
        dimensions `only`. `period` names the month column; `undated` keeps rows without a month (a finding not tied
        to one); `second_program` also matches the column program_b (a finding about a pair of programs), and then a
        row without a program is kept too. An empty choice restricts nothing."""
        def column(name: str) -> str:
            if name not in COLUMNS or not (alias == "" or alias.isidentifier()):
                raise ValueError(f"not a filter column: {alias}.{name}")
            return f"{alias}.{name}" if alias else name

        parts, params = [], {}
        if "months" in only:
            month = column(period)
            keep = f"{month} is null or " if undated else ""
            parts += [f"($month_from is null or {keep}{month} >= $month_from)",
                      f"($month_to is null or {keep}{month} <= $month_to)"]
            params |= {"month_from": self.month_from, "month_to": self.month_to}
        if "villages" in only:
            parts.append(f"(len($villages) = 0 or list_contains($villages, {column('village')}))")
            params["villages"] = list(self.villages)
        if "programs" in only:
            program = column("program")
            either = (f"{program} is null or list_contains($programs, {program}) "
                      f"or list_contains($programs, {column('program_b')})" if second_program
                      else f"list_contains($programs, {program})")
            parts.append(f"(len($programs) = 0 or {either})")
            params["programs"] = list(self.programs)
        return Condition("\n  and ".join(parts) or "true", params, self._caption(only))

    @property
    def caption(self) -> str:
        return self._caption(DIMENSIONS, with_as_of=True)

    def _caption(self, only: tuple[str, ...], with_as_of: bool = False) -> str:
        parts = [months_caption(self.month_from, self.month_to) if "months" in only else ""]
        if "villages" in only:
            parts.append("、".join(self.villages) if self.villages else "全部村(居)")
        if "programs" in only:
            parts.append("、".join(self.programs) if self.programs else "全部救助类别")
        if with_as_of and self.as_of:
            parts.append(f"截至 {self.as_of:%Y-%m-%d}")
        return " · ".join(p for p in parts if p)


def months_caption(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        if start == end:
            return f"{start.year}年{start.month}月"
        return f"{start.year}年{start.month}月—{end.year}年{end.month}月"
    if start:
        return f"{start.year}年{start.month}月起"
    if end:
        return f"至{end.year}年{end.month}月"
    return "全部月份"
