"""Understand a sheet's layout: where the header is (below title rows, maybe two merged rows), which column is which
canonical field, which dataset the headers describe, and which program and month the title or file name names.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from analytics.core.config import Config
from analytics.core.contract import DATASETS, Dataset
from analytics.importing.parse import period_in_text

HEADER_SCAN_ROWS = 30
TOTAL_WORDS = ("合计", "小计", "总计")
_DROP = re.compile(r"[\s*:：]|\(元\)$")


def norm_header(text: object) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", str(text or "")))


def _spelling_index() -> dict[str, dict[str, str]]:
    """kind -> normalised header spelling -> field name."""
    index = {}
    for kind, dataset in DATASETS.items():
        index[kind] = {}
        for f in dataset.fields:
            for spelling in f.headers:
                index[kind].setdefault(norm_header(spelling), f.name)
                index[kind].setdefault(norm_header(spelling) + "(元)", f.name)
    return index


SPELLINGS = _spelling_index()
ALL_SPELLINGS = {s for per_kind in SPELLINGS.values() for s in per_kind}


@dataclass
class SheetLayout:
    header_index: int                  # index in the sheet's rows of the last header row
    headers: list[str]                 # the header text of every column, joined over two rows
    title: str                         # the title rows above the header, joined
    columns: dict[int, str] = field(default_factory=dict)  # column index -> field name, once the kind is known

    @property
    def signature(self) -> tuple:
        return tuple(sorted(self.columns.values()))


def _is_header_cell(cell: object) -> bool:
    return isinstance(cell, str) and norm_header(cell) in ALL_SPELLINGS


def find_header(rows: list[list]) -> SheetLayout | None:
    best, best_score = None, 1
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = sum(_is_header_cell(c) for c in row)
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return None
    if best > 0 and _is_group_row(rows[best - 1], rows[best]):
        best -= 1  # the best row is the lower half of a two-row header whose upper half holds group words
    headers = [str(c).strip() if c not in (None, "") else "" for c in rows[best]]
    last = best
    if best + 1 < len(rows) and _is_sub_header(rows[best + 1]):
        headers, last = _join_two_rows(rows[best], rows[best + 1]), best + 1
    title = " ".join(str(c) for row in rows[:best] for c in row if c not in (None, ""))
    return SheetLayout(last, headers, title)


def _is_group_row(upper: list, lower: list) -> bool:
    """An upper header row: several text cells, a known header word among them, standing over blank cells below
    (columns merged down over both rows). A title row has one cell, or no header word."""
    cells = [c for c in upper if c not in (None, "")]
    over_blank = any(c not in (None, "") and (i >= len(lower) or lower[i] in (None, "")) for i, c in enumerate(upper))
    return len(cells) >= 2 and all(isinstance(c, str) for c in cells) and any(_is_header_cell(c) for c in cells) \
        and over_blank


def _is_sub_header(row: list) -> bool:
    """A second header row holds known header words and nothing that looks like data."""
    cells = [c for c in row if c not in (None, "")]
    return bool(cells) and all(isinstance(c, str) for c in cells) and any(_is_header_cell(c) for c in cells) \
        and not any(norm_header(c).isdigit() for c in cells)


def _join_two_rows(top: list, sub: list) -> list[str]:
    """A merged top cell spans the blank cells to its right; 户主 over 姓名 becomes 户主姓名."""
    joined, group = [], ""
    for i in range(max(len(top), len(sub))):
        upper = str(top[i]).strip() if i < len(top) and top[i] not in (None, "") else ""
        lower = str(sub[i]).strip() if i < len(sub) and sub[i] not in (None, "") else ""
        if upper:
            group = upper
        if not lower:
            joined.append(upper)
            continue
        prefix = group.removesuffix("信息")
        combined = prefix + lower
        joined.append(combined if norm_header(combined) in ALL_SPELLINGS or not _is_header_cell(lower) else lower)
    return joined


def map_columns(headers: list[str], kind: str) -> tuple[dict[int, str], list[tuple[str, list[int]]]]:
    """column -> field for one kind, and the duplicated headers (field, columns) that make the layout ambiguous."""
    spellings, columns, seen = SPELLINGS[kind], {}, {}
    for i, header in enumerate(headers):
        name = spellings.get(norm_header(header))
        if not name:
            continue
        seen.setdefault(name, []).append(i)
        if len(seen[name]) == 1:
            columns[i] = name
    duplicates = [(name, cols) for name, cols in seen.items() if len(cols) > 1]
    return columns, duplicates


def inferable(dataset: Dataset) -> set[str]:
    """Required fields that may come from the title, file name, sheet name or upload form instead of a column."""
    names = {"program", "village"} & {f.name for f in dataset.fields}
    return names | ({"period"} if dataset.monthly else set())


def detect_kind(headers: list[str], file_name: str = "") -> list[tuple[str, list[str]]]:
    """(kind, missing required fields) for every kind the headers resemble, best match first: most mapped fields,
    then a hint in the file name or title. The best match may lack a required column: then the file is that
    dataset with a column missing, not some other dataset that happens to fit."""
    scored = []
    for kind, dataset in DATASETS.items():
        columns, _ = map_columns(headers, kind)
        found = set(columns.values())
        missing = [f.name for f in dataset.required if f.name not in found and f.name not in inferable(dataset)]
        if len(found) >= 2:
            hinted = any(h in file_name for h in dataset.file_hints)
            scored.append((len(found) + (0.5 if hinted else 0) - (0.25 if missing else 0), kind, missing))
    scored.sort(key=lambda item: -item[0])
    return [(kind, missing) for _, kind, missing in scored]


def program_in_text(text: str, config: Config) -> tuple[str, str] | None:
    """(program, sub_type) when the text names exactly one program; the longest spelling decides the sub-type."""
    text = unicodedata.normalize("NFKC", text)
    hits = [(len(s), p.name, sub) for p in config.programs for s, sub in p.spellings.items() if s in text]
    if len({name for _, name, _ in hits}) != 1:
        return None
    _, name, sub = max(hits)
    return name, sub


_MADE_ON = re.compile(r"(?:制表|填报|打印|报送|导出)?(?:日期|时间)\s*[:：]?\s*[\d年月日./\-]*")


def period_in_title(title: str) -> dt.date | None:
    """Skip 制表日期：2022年7月5日 and the like: that is when the sheet was made, not the month it is for."""
    return period_in_text(_MADE_ON.sub(" ", unicodedata.normalize("NFKC", title)))


def data_row_indexes(rows: list[list], columns: list[list]) -> list[int]:
    """The rows that hold data: not blank (ghost rows), not a 合计/小计/总计 line. `columns` are the first columns,
    where such a line says so; a column repeats few values, so the distinct ones are checked, not 100,000 cells."""
    suspects = set()
    for column in columns[:4]:
        odd = {v for v in set(column) if v.__class__ is str and v[:1] in TOTAL_FIRST_CHARS}
        if odd:
            suspects.update(i for i, c in enumerate(column) if c in odd)
    filled = list(map(any, rows))
    return [i for i, has in enumerate(filled) if has and (i not in suspects or not is_total_or_blank(rows[i]))]


TOTAL_FIRST_CHARS = ("合", "小", "总", " ", "\u3000")


def is_total_or_blank(row: list) -> bool:
    if all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
        return True
    for cell in row[:4]:
        if cell.__class__ is str and cell.replace(" ", "").replace("\u3000", "").startswith(TOTAL_WORDS):
            return True
    return False
