"""Understand a sheet's layout: where the header is (below title rows, maybe two merged rows), which column is which
canonical field, which dataset the headers describe, and which program and month the title or file name names.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from analytics.core.config import Config
from analytics.core.contract import DATASETS, FROM_COLUMN, NUMBERED, TITLE_WORDS, Dataset
from analytics.importing import headers
from analytics.importing.headers import Column
from analytics.importing.parse import period_in_text

HEADER_SCAN_ROWS = 30
TOTAL_WORDS = ("合计", "小计", "总计")
_DROP = re.compile(r"[\s*:：]")
_NUMBERED = re.compile(r"^\d{1,2}[.、]")                    # 5.问题描述
_UNIT = re.compile(r"\([^()]*[元人户岁%][^()]*\)$|\((?:年月|月)\)$")  # 合计（元）, 补贴标准（元/月、人）


def norm_header(text: object) -> str:
    return _UNIT.sub("", _NUMBERED.sub("", _DROP.sub("", unicodedata.normalize("NFKC", str(text or "")))))


def _spelling_index() -> tuple[dict[str, dict[str, str]], dict[str, set[str]]]:
    """kind -> normalised header spelling -> field name; kind -> the spellings that give way to another column."""
    index, fallbacks = {}, {}
    for kind, dataset in DATASETS.items():
        index[kind] = {}
        fallbacks[kind] = {norm_header(s) for f in dataset.fields for s in f.fallbacks}
        for f in dataset.fields:
            for spelling in f.headers:
                index[kind].setdefault(norm_header(spelling), f.name)
    return index, fallbacks


SPELLINGS, FALLBACKS = _spelling_index()
ALL_SPELLINGS = {s for per_kind in SPELLINGS.values() for s in per_kind}


@dataclass
class SheetLayout:
    header_index: int                  # index in the sheet's rows of the last header row
    headers: list[str]                 # the header text of every column, joined over up to four rows
    title: str                         # the title rows above the header, joined
    columns: dict[int, str] = field(default_factory=dict)  # column index -> field name, once the kind is known
    cols: list[Column] = field(default_factory=list)       # each column's labels, for matching
    parts: dict[str, list[int]] = field(default_factory=dict)  # a money field given as parts to add up
    header_rows: int = 1

    @property
    def signature(self) -> tuple:
        return tuple(sorted(self.columns.values()))


def _is_header_cell(cell: object) -> bool:
    return isinstance(cell, str) and norm_header(cell) in ALL_SPELLINGS


def find_header(rows: list[list], merged: list | tuple = (), first_row: int = 1) -> SheetLayout | None:
    best, best_score = None, 1
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = sum(_is_header_cell(c) for c in row)
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return None
    top = best
    if best > 0 and _is_group_row(rows[best - 1], rows[best]):
        top -= 1  # the best row is the lower half of a header whose upper half holds group words
    last = best
    while last + 1 < len(rows) and last - top + 1 < headers.MAX_HEADER_ROWS \
            and _continues(rows, top, last + 1, merged, first_row - 1):
        last += 1
    grid = headers.fill_merged(rows[top:last + 1], 0, merged, first_row - 1 + top)
    cols = headers.columns_of(grid)
    labels = [next((t for t in c.tries if norm_header(t) in ALL_SPELLINGS), c.whole) for c in cols]
    title = " ".join(str(c) for row in rows[:top] for c in row if c not in (None, ""))
    return SheetLayout(last, labels, title, cols=cols, header_rows=last - top + 1)


def _continues(rows: list[list], top: int, index: int, merged, offset: int) -> bool:
    """A row below the header belongs to it: text only, nothing like data, and a sign it is a header row — a
    merged header cell reaching down into it, a known header word, a label under blank header cells, or an
    instruction in brackets."""
    row = rows[index]
    if not headers.extends_header(row, rows[top]):
        return False
    if any(r0 - offset <= index - 1 and r1 - offset >= index and top <= r0 - offset for (r0, _), (r1, _) in merged):
        return True
    for c, cell in enumerate(row):
        if cell in (None, ""):
            continue
        text = str(cell).strip()
        above_blank = all(c >= len(rows[r]) or rows[r][c] in (None, "") for r in range(top, index))
        if _is_header_cell(text) or above_blank or text[:1] in "【[(（①":
            return True
    return False


def _is_group_row(upper: list, lower: list) -> bool:
    """An upper header row: several text cells, a known header word among them, standing over blank cells below
    (columns merged down over both rows). A title row has one cell, or no header word."""
    cells = [c for c in upper if c not in (None, "")]
    over_blank = any(c not in (None, "") and (i >= len(lower) or lower[i] in (None, "")) for i, c in enumerate(upper))
    return len(cells) >= 2 and all(isinstance(c, str) for c in cells) and any(_is_header_cell(c) for c in cells) \
        and over_blank


@dataclass
class Mapping:
    columns: dict[int, str]
    duplicates: list[tuple[str, list[int]]]
    parts: dict[str, list[int]]
    notes: list[str]


def mapping(lay: SheetLayout | list[str], kind: str) -> Mapping:
    """Columns to fields for one kind. A money group over several unnamed sub-columns (领取金额 over 家庭补差,
    重点救助60元 …) is that field in parts; a fallback spelling (合计, 一卡通账号) gives way to another column of
    its field; a column headed 户主姓名 is the person's name when every row has its own ID column and no other
    name column exists."""
    cols = lay.cols if isinstance(lay, SheetLayout) and lay.cols else \
        [Column(h, (h,)) for h in (lay.headers if isinstance(lay, SheetLayout) else lay)]
    spellings, fallbacks, dataset = SPELLINGS[kind], FALLBACKS[kind], DATASETS[kind]
    own: dict[int, tuple[str, bool]] = {}
    for i, col in enumerate(cols):
        tries = col.tries[:-1] if col.group and col.group_start == i else col.tries
        for t in tries:
            if name := spellings.get(norm_header(t)):
                own[i] = (name, norm_header(t) in fallbacks)
                break
    parts, notes = {}, []
    for start in sorted({c.group_start for c in cols if c.group}):
        name = spellings.get(norm_header(cols[start].group))
        under = [i for i, c in enumerate(cols) if c.group_start == start and i not in own]
        if not name or start in own:
            continue
        if len(under) > 1 and dataset.field(name).type == "money" and name not in {n for n, _ in own.values()}:
            parts[name] = under
        elif start in under:
            own[start] = (name, False)
    seen: dict[str, list[tuple[int, bool]]] = {}
    for i, (name, weak) in own.items():
        seen.setdefault(name, []).append((i, weak))
    columns, duplicates = {}, []
    for name, found in seen.items():
        strong = [i for i, weak in found if not weak] or [i for i, _ in found]
        columns[strong[0]] = name
        if len(strong) > 1:
            duplicates.append((name, strong))
        elif len(found) > 1:
            notes.append(f"“{dataset.field(name).label}”取自“{cols[strong[0]].whole}”列，“"
                         + "”“".join(cols[i].whole for i, _ in found if i != strong[0]) + "”列未使用")
    fields = set(columns.values())
    if {"name", "head_id"}.isdisjoint(fields) and {"head_name", "person_id"} <= fields and "name" in \
            {f.name for f in dataset.fields}:
        col = next(i for i, n in columns.items() if n == "head_name")
        columns[col] = "name"
        notes.append(f"“{cols[col].whole}”列每行都有各自的身份证号，按本人姓名读取")
    return Mapping(dict(sorted(columns.items())), duplicates, parts, notes)


def map_columns(headers: SheetLayout | list[str], kind: str) -> tuple[dict[int, str], list[tuple[str, list[int]]]]:
    """column -> field for one kind, and the duplicated headers (field, columns) that make the layout ambiguous."""
    found = mapping(headers, kind)
    return found.columns, found.duplicates


def inferable(dataset: Dataset) -> set[str]:
    """Required fields that may come from the title, file name, sheet name or upload form instead of a column."""
    names = {"program", "village"} & {f.name for f in dataset.fields}
    outside = {name for kind, name in (*TITLE_WORDS, *FROM_COLUMN, *NUMBERED) if kind == dataset.kind}
    return names | outside | ({"period"} if dataset.monthly else set())


def detect_kind(headers: SheetLayout | list[str], file_name: str = "") -> list[tuple[str, list[str]]]:
    """(kind, missing required fields) for every kind the headers resemble, best match first: most mapped fields,
    then a hint in the file name or title. The best match may lack a required column: then the file is that
    dataset with a column missing, not some other dataset that happens to fit."""
    return [(kind, missing) for _, kind, missing in ranked_kinds(headers, file_name)]


def ranked_kinds(headers: SheetLayout | list[str], file_name: str = "") -> list[tuple[float, str, list[str]]]:
    scored = []
    for kind, dataset in DATASETS.items():
        columns, _ = map_columns(headers, kind)
        found = set(columns.values())
        missing = [f.name for f in dataset.required if f.name not in found and f.name not in inferable(dataset)]
        if len(found) >= 2:
            hinted = any(h in file_name for h in dataset.file_hints)
            scored.append((len(found) + (0.5 if hinted else 0) - (0.25 if missing else 0), kind, missing))
    scored.sort(key=lambda item: -item[0])
    return scored


def program_in_text(text: str, config: Config) -> tuple[str, str] | None:
    """(program, sub_type) when the text names exactly one program; the longest spelling decides the sub-type."""
    text = unicodedata.normalize("NFKC", text)
    hits = [(len(s), p.name, sub) for p in config.programs for s, sub in p.spellings.items() if s in text]
    if len({name for _, name, _ in hits}) != 1:
        return None
    _, name, sub = max(hits)
    return name, sub


_MADE_ON = re.compile(r"(?:制表|填报|打印|报送|导出)?(?:日期|时间)\s*[:：]?\s*[\d年月日./\-]*")


def year_in_text(text: str) -> int | None:
    """The one year (20xx) a title or file name names, if it names exactly one."""
    years = set(re.findall(r"(?<!\d)(20\d{2})(?!\d)", unicodedata.normalize("NFKC", text or "")))
    return int(years.pop()) if len(years) == 1 else None


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


FOOTER_WORDS = ("经办人", "制表人", "审核人", "填表人", "负责人", "领导签字", "注:", "注：", "说明")
TOTAL_FIRST_CHARS = ("合", "小", "总", " ", "\u3000", *{w[0] for w in FOOTER_WORDS})


def is_total_or_blank(row: list) -> bool:
    """Blank, a 合计/小计/总计 line, or a footer (经办人签字：, 制表人：, a note) of a few cells."""
    if all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
        return True
    for cell in row[:4]:
        if cell.__class__ is str and cell.replace(" ", "").replace("\u3000", "").startswith(TOTAL_WORDS):
            return True
    filled = [c for c in row if c not in (None, "")]
    first = str(filled[0]).replace(" ", "").replace("\u3000", "")
    return len(filled) <= 3 and first.startswith(FOOTER_WORDS)
