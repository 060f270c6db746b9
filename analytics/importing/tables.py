"""Tables as sheets hold them: the same header again further down (three 名册 stacked, each with its own title)
starts another table, read on its own with its own title rows; a household on one row, its members' names and IDs
repeated sideways under repeated headers, becomes one row per person.
"""
from __future__ import annotations

from dataclasses import replace

from analytics.core.contract import Dataset
from analytics.importing import layout
from analytics.importing.headers import Column
from analytics.importing.readers import RawSheet


def split(sheet: RawSheet, lay: layout.SheetLayout) -> list[tuple[RawSheet, layout.SheetLayout]]:
    """The sheet as one table per header: tables side by side with a blank gutter column, then tables stacked."""
    gutter = _gutter(sheet.rows, lay)
    if gutter is None:
        return _stacked(sheet, lay)
    tables = []
    for part in (_columns(sheet, 0, gutter), _columns(sheet, gutter + 1, None)):
        if found := layout.find_header(part.rows, part.merged, part.first_row):
            tables += split(part, found)
    return tables or _stacked(sheet, lay)


def _gutter(rows: list[list], lay: layout.SheetLayout) -> int | None:
    """A column blank from the header down, with named columns of a person (姓名, 身份证号 …) on both sides."""
    named = [layout.norm_header(h) in layout.ALL_SPELLINGS for h in lay.headers]
    for c, header in enumerate(lay.headers):
        if header or sum(named[:c]) < 2 or sum(named[c + 1:]) < 2:
            continue
        if all(c >= len(row) or row[c] in (None, "") for row in rows[lay.header_index:]):
            return c
    return None


def _columns(sheet: RawSheet, start: int, end: int | None) -> RawSheet:
    merged = [((r0, c0 - start), (r1, c1 - start)) for (r0, c0), (r1, c1) in sheet.merged
              if c0 >= start and (end is None or c1 < end)]
    return RawSheet(sheet.name, [row[start:end] for row in sheet.rows], sheet.first_row, merged, sheet.row_numbers)


def _stacked(sheet: RawSheet, lay: layout.SheetLayout) -> list[tuple[RawSheet, layout.SheetLayout]]:
    header = [layout.norm_header(h) for h in lay.headers]
    named = [i for i, h in enumerate(header) if h in layout.ALL_SPELLINGS]
    if len(named) < 2:
        return [(sheet, lay)]
    rows = sheet.rows
    again = [i for i in _candidates(rows, lay.header_index + 1, header, named[:1])
             if sum(c < len(rows[i]) and layout.norm_header(rows[i][c]) == header[c] for c in named) * 2 > len(named)]
    if not again:
        return [(sheet, lay)]
    starts = [0] + [_title_start(rows, i) for i in again]
    tables = []
    for start, end in zip(starts, starts[1:] + [len(rows)]):
        part = RawSheet(sheet.name, rows[start:end], sheet.first_row + start, sheet.merged)
        found = layout.find_header(part.rows, part.merged, part.first_row)
        if found is not None:
            tables.append((part, found))
    return tables or [(sheet, lay)]


def _candidates(rows: list[list], start: int, header: list[str], columns: list[int]) -> list[int]:
    """Rows whose cell in the given columns is that column's header: each distinct cell is checked once, not every
    cell of a 100,000-row sheet."""
    found = set()
    for c in columns:
        cells = [row[c] if c < len(row) else None for row in rows[start:]]
        hits = {v for v in set(cells) if isinstance(v, str) and layout.norm_header(v) == header[c]}
        found.update(i for i, v in enumerate(cells, start) if v in hits) if hits else None
    return sorted(found)


def _title_start(rows: list[list], header: int) -> int:
    """Where the table whose header starts at `header` begins: the title lines (a few cells of text each) above it."""
    start = header
    while start > 0 and _is_title(rows[start - 1]):
        start -= 1
    return start


def _is_title(row: list) -> bool:
    cells = [c for c in row if c not in (None, "")]
    return 0 < len(cells) <= 3 and all(isinstance(c, str) for c in cells)



def widen(sheet: RawSheet, lay: layout.SheetLayout, duplicates: list[tuple[str, list[int]]],
          dataset: Dataset) -> tuple[RawSheet, layout.SheetLayout] | None:
    """One row per person from a row per household whose only repeated fields are 姓名 and 身份证号, in pairs: the
    first pair is the head's, whose name and ID every member's row also gets as 户主姓名 / 户主身份证号."""
    found = dict(duplicates)
    names, ids = found.get("name"), found.get("person_id")
    if set(found) != {"name", "person_id"} or len(names) != len(ids):
        return None
    top, width = lay.header_index + 1, max(map(len, sheet.rows))
    fields = {f.name for f in dataset.fields}
    extra = [dataset.field(f).label for f in ("head_name", "head_id") if f in fields]
    rows = [row + [None] * (width - len(row)) + extra if i == lay.header_index else
            row + [None] * (width - len(row) + len(extra)) for i, row in enumerate(sheet.rows[:top])]
    numbers = [sheet.first_row + i for i in range(top)]
    for number, row in enumerate(sheet.rows[top:], sheet.first_row + top):
        row = row + [None] * (width - len(row))
        head = [row[names[0]], row[ids[0]]][2 - len(extra):] if extra else []
        for name, pid in zip(names, ids):
            if row[name] in (None, "") and row[pid] in (None, ""):
                continue
            person = list(row)
            person[names[0]], person[ids[0]] = row[name], row[pid]
            rows.append(person + head)
            numbers.append(number)
    headers = lay.headers + [""] * (width - len(lay.headers)) + extra
    cols = lay.cols + [Column("", ())] * (width - len(lay.cols)) + [Column(e, (e,)) for e in extra]
    for c in names[1:] + ids[1:]:
        headers[c], cols[c] = "", Column("", ())
    return RawSheet(sheet.name, rows, sheet.first_row, sheet.merged, numbers), replace(lay, headers=headers, cols=cols)
