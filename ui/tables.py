"""Tables as the user sees them: Chinese headers, in the order a person reads them."""
import pandas as pd

from analytics.metrics import PROBLEM_COLUMNS

PROBLEM_ORDER = ["级别", "工作表", "行号", "列", "值", "问题与改法"]


def problems_table(problems: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(problems).rename(columns=PROBLEM_COLUMNS)
    return frame[[c for c in PROBLEM_ORDER if c in frame.columns]]
