"""Validate the data rows of a sheet column by column (a 100,000-row file must take about a second), fill what the
file says for every row, and split the rows into typed valid columns and quarantined rows with their problems.
"""
from __future__ import annotations

import datetime as dt
import itertools
import operator
import re
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from analytics.core.config import Config
from analytics.core.contract import ID_IN_NUMBER, Dataset, table_columns
from analytics.importing import households, layout, outside
from analytics.importing.layout import norm_header
from analytics.importing.readers import RawSheet
from analytics.importing.validate import Problem, ProgramNames, VillageNames, cell_text, column_parser

ARROW_TYPES = {"varchar": pa.string(), "decimal(12,2)": pa.decimal128(12, 2), "date": pa.date32(),
               "integer": pa.int32(), "bigint": pa.int64()}


@dataclass
class Quarantined:
    sheet: str
    row_no: int
    raw: dict[str, str]
    reasons: list[str]


@dataclass
class FileContext:
    """What holds for every row of a file: from the user, the title rows or the file name."""
    config: Config
    file_name: str
    program: tuple[str, str] | None
    period: dt.date | None
    villages: VillageNames
    programs: ProgramNames
    fixed: dict[str, str] = field(default_factory=dict)  # field -> the value stated once for the whole file
    year: int | None = None  # the year the title or file name names: a deadline written 9月10日前完成 is in it


class RowBuilder:
    def __init__(self, dataset: Dataset, context: FileContext):
        self.dataset, self.context = dataset, context
        self.parsers = {f.name: column_parser(f, context.config, context.villages, context.programs)
                        for f in dataset.fields}
        self.types = dict(table_columns(dataset))
        self.columns: dict[str, list] = {name: [] for name in self.types if name not in ("batch_id", "sheet")}
        self.sheet_runs: list[tuple[str, int]] = []  # (sheet, valid rows): one name per sheet, not one per row
        self.quarantine: list[Quarantined] = []
        self.problems: list[Problem] = []
        self.notes: list[str] = []
        self.unresolved: dict[str, tuple[str, ...]] = {}  # fields some rows still lack, which the form may give
        self.count = 0

    def add_sheet(self, sheet: RawSheet, lay: layout.SheetLayout, village: str | None = None) -> None:
        first_no = sheet.first_row + lay.header_index + 1
        body = sheet.rows[lay.header_index + 1:]
        width = max(len(lay.headers), max(map(len, body), default=0))
        if any(len(row) < width for row in body):  # CSV rows can be ragged
            body = [row + [None] * (width - len(row)) for row in body]
        keep = layout.data_row_indexes(body, [_column(body, c) for c in range(min(4, width))])
        if dropped := len(body) - len(keep):
            self.notes.append(f"工作表“{sheet.name or 'CSV'}”略过了 {dropped} 行空行或合计/小计行")
        rows = [body[i] for i in keep] if dropped else body
        row_nos = [first_no + i for i in keep] if sheet.row_numbers is None else \
            [sheet.row_numbers[lay.header_index + 1 + i] for i in keep]
        self.count += len(rows)
        values, errors = self._parse_columns(sheet.name, lay, rows, row_nos)
        self._add_parts(sheet.name, lay, rows, row_nos, values, errors)
        self._fill_from_context(values, len(rows), village)
        self.notes += [n for n in outside.derived_notes(self.dataset, lay.columns) if n not in self.notes]
        for f in self.dataset.required:
            if f.name in outside.ASKABLE.get(self.dataset.kind, ()) and f.name not in lay.columns.values() \
                    and None in values.get(f.name, [None]):
                self.unresolved[f.name] = tuple(c for c in f.choices if c)
        self.notes += households.link(values, len(rows), self.context.config, sheet.name)
        errors += self._missing_required(sheet.name, lay, values, errors, row_nos)
        self._split(sheet.name, lay, rows, row_nos, values, errors)

    def _parse_columns(self, sheet: str, lay, rows: list, row_nos: list) -> tuple[dict, list[tuple[int, Problem]]]:
        values, errors, notes = {"row_no": row_nos}, [], {}
        for col, name in lay.columns.items():
            cells = _column(rows, col)
            if norm_header(lay.headers[col]) in ID_IN_NUMBER:
                cells = [c.strip()[:18] if isinstance(c, str) and len(c.strip()) == 20 else c for c in cells]
            values[name], issues = self.parsers[name](cells)
            if self.dataset.field(name).text_ok and issues:
                issues = _dated_in_year(values[name], cells, issues, self.context.year)
                issues = _kept_as_note(notes, lay.headers[col], rows, col, issues)
            for i, (error, warning) in issues.items():
                problem = Problem(sheet, row_nos[i], lay.headers[col], cell_text(rows[i][col]), error or warning,
                                  "错误" if error else "提示")
                if error:
                    errors.append((i, problem))
                else:
                    self.problems.append(problem)
        if notes:
            kept = values.get("note") or [None] * len(rows)
            values["note"] = ["；".join(filter(None, [kept[i], *notes.get(i, [])])) or None for i in range(len(rows))]
        return values, errors

    def _add_parts(self, sheet: str, lay, rows: list, row_nos: list, values: dict, errors: list) -> None:
        """A money field given as parts (家庭补差, 重点救助60元 …) is their sum; a row with none of them has none."""
        for name, cols in lay.parts.items():
            total, listed = [None] * len(rows), [[] for _ in rows]
            for col in cols:
                parsed, issues = self.parsers[name](_column(rows, col))
                for i, (error, _) in issues.items():
                    if error:
                        errors.append((i, Problem(sheet, row_nos[i], lay.headers[col], cell_text(rows[i][col]), error)))
                total = [t if v is None else v if t is None else t + v for t, v in zip(total, parsed)]
                part = "".join(lay.cols[col].whole.removeprefix(lay.cols[col].group).split())
                for i, v in enumerate(parsed):
                    if v:
                        listed[i].append(f"{part} {v}")
            values[name] = total
            if "amount_parts" in self.columns:
                values["amount_parts"] = ["；".join(p) or None for p in listed]
            named = "、".join("".join(lay.cols[c].whole.removeprefix(lay.cols[c].group).split()) for c in cols)
            note = f"“{self.dataset.field(name).label}”为“{lay.cols[cols[0]].group}”下 {named} 之和"
            if note not in self.notes:
                self.notes.append(note)

    def _fill_from_context(self, values: dict, n: int, village: str | None) -> None:
        context = self.context
        outside.derive(self.dataset, values, n, village, self.count - n)
        for name, raw in context.fixed.items():
            if name in self.columns and name != "program":
                value = self.parsers[name]([raw])[0][0]
                values[name] = [v if v is not None else value for v in values.get(name, [None] * n)]
        if "program" in self.columns:  # (name, sub_type) from the column, else from the file
            found = [p or context.program for p in values.get("program", [None] * n)]
            values["program"] = [p[0] if p else None for p in found]
            if "sub_type" in self.columns:
                subs = values.get("sub_type", [None] * n)
                values["sub_type"] = [s or (p[1] if p else None) or None for s, p in zip(subs, found)]
        if "village" in self.columns:
            values["village"] = [v or village for v in values.get("village", [None] * n)]
        if self.dataset.monthly:
            paid_for = values.get("paid_for") or [None] * n
            values["period"] = [p or context.period or f for p, f in zip(values.get("period", [None] * n), paid_for)]
        if "paid_for" in self.columns:
            values["paid_for"] = outside.paid_for(values.get("paid_for"), values.get("note"), values["period"])
        if "batch_period" in self.columns:
            own = values.get("period") or values.get("visit_date") or [None] * n
            values["batch_period"] = [context.period or (d.replace(day=1) if d else None) for d in own]


    def _missing_required(self, sheet: str, lay, values: dict, errors: list, row_nos: list) -> list:
        header_of = {name: lay.headers[col] for col, name in lay.columns.items()}
        flagged = {(i, p.column) for i, p in errors}
        missing = []
        for f in self.dataset.required:
            column = header_of.get(f.name, f.label)
            given = values.get(f.name, [None] * len(row_nos))
            if not any(map(operator.is_, given, itertools.repeat(None))):  # parsers give None for a blank cell
                continue
            for i, value in enumerate(given):
                if value is None and (i, column) not in flagged:
                    missing.append((i, Problem(sheet, row_nos[i], column, "", f"必填项“{f.label}”为空，请补填")))
        return missing

    def _split(self, sheet: str, lay, rows: list, row_nos: list, values: dict, errors: list) -> None:
        bad = sorted({i for i, _ in errors})
        skip = set(bad)
        good = None if not bad else [i for i in range(len(rows)) if i not in skip]
        for name, column in self.columns.items():
            given = values.get(name, [None] * len(rows))
            column.extend(given if good is None else [given[i] for i in good])
        self.sheet_runs.append((sheet, len(rows) - len(bad)))
        reasons: dict[int, list[str]] = {}
        for i, problem in sorted(errors, key=lambda e: e[0]):
            reasons.setdefault(i, []).append(problem.message)
            self.problems.append(problem)
        for i in bad:
            raw = {h or f"第{c + 1}列": cell_text(rows[i][c] if c < len(rows[i]) else None)
                   for c, h in enumerate(lay.headers)}
            self.quarantine.append(Quarantined(sheet, row_nos[i], raw, reasons[i]))

    def table(self) -> pa.Table:
        sheets = [pa.repeat(pa.scalar(name, pa.string()), count) for name, count in self.sheet_runs]
        columns = {"sheet": pa.concat_arrays(sheets) if sheets else pa.array([], pa.string())}
        columns.update({name: _arrow(values, ARROW_TYPES[self.types[name]]) for name, values in self.columns.items()})
        return pa.table(columns)


_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:前|以前|之前)?\s*(?:完成|整改到位|办结)?\s*$")


def _dated_in_year(parsed: list, cells: list, issues: dict, year: int | None) -> dict:
    """A deadline written without its year (9月10日前完成) is a date in the year the file names; said as a note."""
    if year is None:
        return issues
    left = {}
    for i, issue in issues.items():
        match = _MONTH_DAY.match(cell_text(cells[i]))
        try:
            day = dt.date(year, int(match[1]), int(match[2])) if match and issue[0] else None
        except ValueError:
            day = None
        if day is None:
            left[i] = issue
        else:
            parsed[i] = day
            left[i] = (None, f"未写年份，按标题或文件名中的 {year} 年读作 {day:%Y-%m-%d}")
    return left


def _kept_as_note(notes: dict, header: str, rows: list, col: int, issues: dict) -> dict:
    """A deadline such as 长期坚持 or 9月10日前完成 is no date: the row stays, the words go to 备注."""
    for i, (error, _) in issues.items():
        if error:
            notes.setdefault(i, []).append(f"{norm_header(header)}：{cell_text(rows[i][col])}")
    return {i: (None, "不是日期，已原样记入备注") if error else (None, warning) for i, (error, warning) in issues.items()}


def _column(rows: list[list], index: int) -> list:
    """One column of the rows: only the columns in use are taken out, not the whole sheet transposed."""
    return list(map(operator.itemgetter(index), rows))


def _arrow(values: list, arrow_type: pa.DataType) -> pa.Array:
    if pa.types.is_decimal(arrow_type):  # Decimal objects convert ten times slower than their text
        return pc.cast(pa.array([None if v is None else str(v) for v in values], pa.string()), arrow_type)
    return pa.array(values, arrow_type)
