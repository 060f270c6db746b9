"""总览's table of persons covered per program."""
from __future__ import annotations

import pandas as pd

from analytics.analysis import overview


def test_the_persons_covered_per_program_are_shown_under_chinese_headers():
    covered = pd.DataFrame({"program": ["低保"], "persons": [3], "households": [2], "approved": [1200.0]})
    shown = overview.covered_shown(covered)
    assert list(shown.columns) == ["救助类别", "人数", "户数", "核定金额(元)"]
    assert shown.iloc[0].tolist() == ["低保", 3, 2, 1200.0]
