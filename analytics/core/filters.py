"""The shared sidebar filters as one value: its bound query parameters and its Chinese caption.

Filters also carry the user's village scope (`village_lock`, set by analytics.access.scope for a 村(居) account): every query
that filters by village sees that one village, and no later narrowing can widen it — it refuses instead.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from analytics.core.errors import Forbidden


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
        """Bound as $month_from, $month_to, $villages, $programs by every query that filters; an empty list or a
        null means no restriction (see the queries in analytics/*/sql/)."""
        return {"month_from": self.month_from, "month_to": self.month_to,
                "villages": list(self.villages), "programs": list(self.programs)}

    @property
    def caption(self) -> str:
        parts = [months_caption(self.month_from, self.month_to)]
        parts.append("、".join(self.villages) if self.villages else "全部村(居)")
        parts.append("、".join(self.programs) if self.programs else "全部救助类别")
        if self.as_of:
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
