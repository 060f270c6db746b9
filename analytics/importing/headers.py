"""Read a header of up to four rows: merged cells filled from their ranges, group labels carried over the columns
they head, sub-labels split over rows joined (家庭/补差 → 家庭补差), and for each column the spellings to try, the
most specific first.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_HEADER_ROWS = 4
_DATA_LIKE = re.compile(r"^[\d\s.,:：/\-xX年月日号]+$")


@dataclass(frozen=True)
class Column:
    whole: str                 # the column's distinct labels joined, top to bottom
    tries: tuple[str, ...]     # spellings to match as written, most specific first
    group: str = ""            # the label of a group heading several columns, when this column is under one
    group_start: int = -1      # the column holding that group label


def is_data_like(cell: object) -> bool:
    """A cell no header has: a number, or text of digits such as an ID, an amount or a date."""
    if cell is None or cell == "":
        return False
    if not isinstance(cell, str):
        return True
    text = unicodedata.normalize("NFKC", cell).strip()
    return bool(_DATA_LIKE.match(text)) or sum(c.isdigit() for c in text) >= 6


def extends_header(row: list, header: list) -> bool:
    """A row below the header that continues it (sub-labels, a row of instructions), never a data row: text
    only, no cell that looks like data, no more cells than the header has."""
    cells = [c for c in row if c not in (None, "") and not (isinstance(c, str) and not c.strip())]
    filled = sum(c not in (None, "") for c in header)
    return bool(cells) and len(cells) <= max(filled, 1) and all(isinstance(c, str) for c in cells) \
        and not any(is_data_like(c) for c in cells)


def fill_merged(rows: list[list], top: int, merged: list, offset: int) -> list[list]:
    """The header rows top.. with every merged range's value copied into the cells it covers (`offset`: the sheet
    row of rows[0], 0-based)."""
    width = max(map(len, rows), default=0)
    grid = [[c if c is not None else "" for c in row] + [""] * (width - len(row)) for row in rows]
    for (r0, c0), (r1, c1) in merged:
        r0, r1 = r0 - offset - top, r1 - offset - top
        if r1 < 0 or r0 >= len(grid) or r0 < 0 or c0 >= width:
            continue
        value = grid[r0][c0]
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                grid[r][c] = value
    return grid


def columns_of(grid: list[list]) -> list[Column]:
    """Each column's labels down the header rows; a blank top cell right of a label belongs to that label's group
    when the column's labels start on the group's sub-label row (领取金额 over 家庭补差, 重点救助60元 …)."""
    width = len(grid[0]) if grid else 0
    text = [[str(c).strip() if c not in (None, "") else "" for c in row] for row in grid]
    groups: dict[int, tuple[str, int]] = {}
    if len(text) > 1:
        label, start, depth = "", -1, 0
        for c in range(width):
            first = next((r for r in range(1, len(text)) if text[r][c]), 0)
            if text[0][c]:
                label, start = text[0][c], c
                depth = next((r for r in range(1, len(text)) if text[r][c] and text[r][c] != label), 0)
            elif first and label and first == depth:  # under the group: its labels start where the group's do
                groups[c] = (label, start)
            else:
                label, start = "", -1
            if text[0][c] and any(text[r][c] and text[r][c] != text[0][c] for r in range(1, len(text))):
                groups[c] = (label, start)
    return [_column(text, c, groups.get(c)) for c in range(width)]


def _column(text: list[list[str]], c: int, group: tuple[str, int] | None) -> Column:
    levels = []
    for row in text:
        if row[c] and (not levels or levels[-1] != row[c]):
            levels.append(row[c])
    if group and (not levels or levels[0] != group[0]):
        levels.insert(0, group[0])
    if not levels:
        return Column("", ())
    whole = "".join(levels)
    tries = [whole, group[0].removesuffix("信息") + "".join(levels[1:])] if group else [whole]
    tries += ["".join(levels[i:]) for i in range(1, len(levels))]
    tries += [levels[i] for i in range(len(levels) - 1, 0 if group else -1, -1)]
    if group and group[1] == c:
        tries.append(levels[0])  # the column under its own group label is that label's column, if nothing finer
    return Column(whole, tuple(dict.fromkeys(t for t in tries if t)), group[0] if group else "",
                  group[1] if group else -1)
