"""Read, understand and validate one uploaded file into an ImportPlan — nothing is written here.

The plan is what the upload page shows before committing (a dry run) and what analytics.importing.batches commits. The reading
and validating run in a capped child process (analytics.importing.sandbox): a file that needs more memory or time than an
upload of the configured size ever could is refused, and cannot take the app down with it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath

import pyarrow as pa

from analytics.core.config import Config, ImportLimits
from analytics.core.contract import AMOUNT_UNIT, DATASETS, FROM_COLUMN, NUMBERED, Dataset
from analytics.core.errors import FileRejected, NeedsInput
from analytics.importing import layout, outside, sandbox, tables, units
from analytics.importing.readers import RawSheet, read_upload
from analytics.importing.rows import FileContext, Quarantined, RowBuilder
from analytics.importing.validate import Problem, ProgramNames, VillageNames

# Reading and validating take a few dozen times the file's size in memory: the cap leaves room for that at the
# configured upload limit and stops anything beyond.
READ_MEMORY_PER_UPLOAD_MB = 40
READ_CPU_SECONDS = 240   # ten times what the largest allowed upload needs
# The reader never uses pandas, yet pyarrow imports it on the first array it builds just to ask whether that is a
# pandas object: most of a reading process's start. Hidden there, pyarrow takes pandas as not installed.
NOT_IN_READER = ("pandas",)
ABORTED = {"memory": "读取该文件所需内存超过上限 {mb:,} MB（正常的 {upload} MB 表格用不了这么多），疑为异常或恶意文件，已拒绝；"
                     "看板未受影响",
           "time": "读取该文件超过 {seconds} 秒仍未完成，疑为异常或恶意文件，已停止并拒绝；看板未受影响",
           "crash": "读取该文件时读取程序异常退出，文件可能已损坏或为恶意构造，已拒绝；看板未受影响。请用 Excel 或 WPS 打开后另存再上传"}


@dataclass
class ImportPlan:
    file_name: str
    sha256: str
    size: int
    kind: str
    program: str | None
    period: dt.date | None
    sheets: list[str]
    rows: pa.Table
    quarantine: list[Quarantined] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # where each value from outside the table came from
    adds: bool = False  # its rows add to the live ones of its scope instead of replacing them (补发; a 比对 list)
    sub_type: str | None = None  # the 类别 the whole file is for (城市 低保), whose rows alone it replaces

    @property
    def dataset(self) -> Dataset:
        return DATASETS[self.kind]

    @property
    def rows_read(self) -> int:
        return self.rows.num_rows + len(self.quarantine)

    @property
    def programs(self) -> list[str]:
        if self.program:
            return [self.program]
        if "program" not in self.rows.column_names:
            return []
        return sorted({p for p in self.rows.column("program").to_pylist() if p})

    @property
    def villages(self) -> list[str]:
        if "village" not in self.rows.column_names:
            return []
        return sorted({v for v in self.rows.column("village").to_pylist() if v})


def read_limits(limits: ImportLimits) -> sandbox.Limits:
    return sandbox.Limits(memory_mb=max(1024, limits.max_upload_mb * READ_MEMORY_PER_UPLOAD_MB),
                          cpu_seconds=READ_CPU_SECONDS, wall_seconds=2 * READ_CPU_SECONDS)


def plan_import(file_name: str, data: bytes, config: Config, *, kind: str | None = None,
                program: str | None = None, period: dt.date | None = None,
                given: dict[str, str] | None = None) -> ImportPlan:
    """`given`: values the person importing states for the whole file, by column name (--set 列名=值)."""
    return plan_isolated(file_name, data, config, kind=kind, program=program, period=period, given=given).get()


def plan_isolated(file_name: str, data: bytes, config: Config, **given) -> sandbox.Outcome:
    """The plan or the refusal, with the memory reading took: the tests' measure of the bound."""
    name = PurePath(file_name).name
    if len(data) > config.limits.max_upload_mb * 1024 * 1024:
        raise FileRejected(name, f"文件大小超过上限 {config.limits.max_upload_mb} MB，请按月或按村拆分后上传")
    limits = read_limits(config.limits)
    outcome = sandbox.run(build_plan, name, data, config, limits=limits, hidden=NOT_IN_READER, **given)
    if isinstance(outcome.error, (sandbox.Aborted, MemoryError)):
        reason = getattr(outcome.error, "reason", "memory")
        refused = FileRejected(name, ABORTED[reason].format(mb=limits.memory_mb, upload=config.limits.max_upload_mb,
                                                            seconds=limits.cpu_seconds))
        return sandbox.Outcome(None, refused, outcome.peak_mb)
    return outcome


def build_plan(name: str, data: bytes, config: Config, *, kind: str | None = None, program: str | None = None,
               period: dt.date | None = None, given: dict[str, str] | None = None) -> ImportPlan:
    raw = read_upload(name, data, config.limits.max_upload_mb)
    sheets = [table for s in raw.sheets if (found := layout.find_header(s.rows, s.merged, s.first_row))
              for table in tables.split(s, found)]
    headless = [f"工作表“{s.name}”中没有可识别的表头，已跳过" for s in raw.sheets if s.rows and
                not any(s.name == chosen.name for chosen, _ in sheets)]
    if not sheets:
        raise FileRejected(name, f"{_sheet_names(raw.sheets)}前 {layout.HEADER_SCAN_ROWS} 行中找不到表头行（应含 身份证号、"
                                 "姓名 等列名），请检查文件是否为所需的表格")
    kind_given = kind is not None
    kind = kind or _detect_kind(name, *sheets[0])
    dataset = DATASETS[kind]
    unit = (given or {}).get(AMOUNT_UNIT)
    fixed = outside.given_fields(dataset, {k: v for k, v in (given or {}).items() if k != AMOUNT_UNIT}, name)
    program = program or fixed.pop("program", None)
    period = period or (layout.period_in_text(fixed.pop("period")) if "period" in fixed else None)
    chosen, notes = _sheets_of_layout(name, dataset, sheets, kind_given, set(fixed))
    title = " ".join(lay.title for _, lay in chosen)
    programs, villages = ProgramNames(config), VillageNames(config)
    found = {n: outside.Found(v, outside.GIVEN) for n, v in fixed.items()}
    found = outside.title_values(dataset, title, name) | found
    for key, value in outside.list_date(dataset, set(chosen[0][1].columns.values()), title, name).items():
        found.setdefault(key, value)
    context = FileContext(config, name, _file_program(program, title, name, programs, config),
                          period or layout.period_in_title(title) or layout.period_in_text(PurePath(name).stem),
                          villages, programs, {n: f.value for n, f in found.items()},
                          layout.year_in_text(title) or layout.year_in_text(PurePath(name).stem))
    own_villages = [outside.sheet_village(s.name, lay.title, villages) for s, lay in chosen]
    _require_inferred(dataset, chosen, context, own_villages)
    builder = RowBuilder(dataset, context)
    for (sheet, lay), village in zip(chosen, own_villages):
        builder.add_sheet(sheet, lay, village.value if village else None)
    if builder.count > config.limits.max_rows:
        raise FileRejected(name, f"数据行数 {builder.count} 超过上限 {config.limits.max_rows}，请拆分后上传")
    if unresolved := {f: c for f, c in builder.unresolved.items() if f not in context.fixed}:
        labels = {dataset.field(f).label: c for f, c in unresolved.items()}
        first = next(iter(labels))
        raise NeedsInput(name, first, labels[first], needs=labels)
    table, converted = units.in_yuan(kind, builder.table(), config, unit, name)
    _require_rows(name, chosen, builder, table.num_rows)
    sources = _sources(dataset, chosen, context, found, own_villages, program, period, title, name)
    adds, added = _adding(dataset, title, name)
    columns = set(chosen[0][1].columns.values())
    sub_type = context.program[1] if context.program and _has(dataset, "sub_type") \
        and not {"program", "sub_type"} & columns else None
    return ImportPlan(name, hashlib.sha256(data).hexdigest(), len(data), kind,
                      context.program[0] if context.program else None, context.period,
                      list(dict.fromkeys(s.name for s, _ in chosen)), table, builder.quarantine, builder.problems,
                      raw.notes + headless + notes + builder.notes + converted + added, sources, adds,
                      sub_type or None)


def _adding(dataset: Dataset, title: str, name: str) -> tuple[bool, list[str]]:
    """Whether the file adds to the live rows of its scope, and the note that says so."""
    text = unicodedata.normalize("NFKC", f"{title} {PurePath(name).stem}")
    if word := next((w for w in dataset.adds_when if w in text), None):
        return True, [f"补充发放（标题或文件名含“{word}”），不替换本月已导入的发放明细"]
    if dataset.accumulates:
        return True, [f"{dataset.label}按来源累加：此前导入的同来源名单保留；如本名单是更正后的完整名单，导入时选择“替换同来源的旧名单”"]
    return False, []


def _sources(dataset: Dataset, chosen: list, context: FileContext, found: dict, own_villages: list,
             program, period, title: str, name: str) -> list[str]:
    """Where each value from outside the table came from, one line each."""
    columns = set(chosen[0][1].columns.values())
    lines = []
    if context.period and "period" not in columns and dataset.monthly:
        source = outside.GIVEN if period else "标题" if layout.period_in_title(title) else "文件名"
        lines.append(f"所属月份“{context.period:%Y年%-m月}”取自{source}")
    if context.program and "program" not in columns and _has(dataset, "program"):
        source = outside.GIVEN if program else "标题" if layout.program_in_text(title, context.config) else "文件名"
        lines.append(f"救助类别“{context.program[0]}”取自{source}")
    lines += [f.note(dataset.field(n).label) for n, f in found.items() if n != "village"]
    if _has(dataset, "village") and "village" not in columns:
        given = found.get("village")
        lines += [given.note(f"工作表“{s.name}”的村(居)") if given else village.note(f"工作表“{s.name}”的村(居)")
                  for (s, _), village in zip(chosen, own_villages) if given or village]
    return lines


def _sheet_names(sheets: list[RawSheet]) -> str:
    named = [f"“{s.name}”" for s in sheets if s.name]
    return f"工作表{'、'.join(named)}" if named else "文件"


def _require_rows(file_name: str, chosen: list, builder: RowBuilder, valid: int) -> None:
    """A file with no data row, or none that passed, is refused whole: a batch of nothing would only add noise."""
    if builder.count == 0:
        where = "、".join(f"工作表“{s.name}”第 {s.first_row + lay.header_index} 行" if s.name else
                         f"第 {s.first_row + lay.header_index} 行" for s, lay in chosen)
        skipped = f"（{'；'.join(builder.notes)}）" if builder.notes else ""
        raise FileRejected(file_name, f"表头（{where}）下面没有数据行{skipped}，没有可导入的内容")
    if valid == 0:
        raise FileRejected(file_name, f"全部 {builder.count:,} 行数据都没有通过校验，未导入任何数据。"
                                      f"{problem_summary(builder.problems)}", builder.problems)


def problem_summary(problems: list[Problem], groups: int = 3) -> str:
    """The errors grouped by sheet, column and reason, so one message can say what is wrong and where."""
    found: dict[tuple[str, str, str], list[int]] = {}
    for p in problems:
        if p.level == "错误":
            found.setdefault((p.sheet, p.column, p.message), []).append(p.row)
    parts = []
    for (sheet, column, message), rows in list(found.items())[:groups]:
        where = f"工作表“{sheet}”" if sheet else ""
        numbers = "、".join(map(str, rows[:5])) + (f" 等 {len(rows):,} 行" if len(rows) > 5 else "")
        parts.append(f"{where}第 {numbers} 行“{column}”列：{message}")
    more = f"；另有 {len(found) - groups} 类问题" if len(found) > groups else ""
    return "；".join(parts) + more


NO_DATASET = "表头与任何一种数据（名册、发放明细、代领协议等）都不匹配；请下载对应模板核对列名"


KIND = "数据类型"


def _detect_kind(file_name: str, sheet: RawSheet, first: layout.SheetLayout) -> str:
    ranked = layout.ranked_kinds(first, f"{file_name} {first.title}")
    kinds = [(kind, missing) for _, kind, missing in ranked]
    tied = [kind for score, kind, missing in ranked if score == ranked[0][0] and not missing]
    if len(tied) > 1:  # as many columns of each, and no word in the title or file name to choose by
        labels = tuple(DATASETS[k].label for k in tied)
        raise NeedsInput(file_name, KIND, labels, considered=outside.considered(kinds))
    if not kinds:
        raise FileRejected(file_name, NO_DATASET + merged_header_hint(sheet, first))
    kind, missing = kinds[0]
    if len(missing) * 2 > len(DATASETS[kind].required):
        raise FileRejected(file_name, NO_DATASET + merged_header_hint(sheet, first))
    if missing:
        dataset = DATASETS[kind]
        labels = "、".join(f"“{dataset.field(m).label}”" for m in missing)
        raise FileRejected(file_name, f"看起来是{dataset.label}，但缺少必需的列 {labels}{merged_header_hint(sheet, first)}"
                                      "；请补上该列（可下载对应模板核对列名），或在“手动指定”中选择正确的数据类型")
    return kind


def _sheets_of_layout(file_name: str, dataset: Dataset, sheets: list, given: bool,
                      fixed: set[str]) -> tuple[list, list[str]]:
    chosen, notes, problems = [], [], []
    for sheet, lay in sheets:
        mapped = layout.mapping(lay, dataset.kind)
        lay.columns, lay.parts, duplicates = mapped.columns, mapped.parts, _unmasked(sheet, lay, mapped, notes)
        if duplicates and (wide := tables.widen(sheet, lay, duplicates, dataset)):
            (sheet, lay), mapped, duplicates = wide, layout.mapping(wide[1], dataset.kind), []
            lay.columns, lay.parts = mapped.columns, mapped.parts
            notes.append(f"工作表“{sheet.name}”每行是一户、成员横向排列，已拆为每人一行（首个姓名、身份证号为户主）")
        notes += [f"工作表“{sheet.name}”：{note}" if sheet.name else note for note in mapped.notes]
        missing = [f for f in dataset.required if f.name not in lay.columns.values()
                   and f.name not in lay.parts and f.name not in layout.inferable(dataset) | fixed]
        if missing:
            notes.append(f"工作表“{sheet.name}”缺少必需的列 {'、'.join(f.label for f in missing)}，已跳过")
        elif duplicates:
            problems += [f"工作表“{sheet.name}”中“{dataset.field(name).label}”对应了多列（第 "
                         f"{'、'.join(str(c + 1) for c in cols)} 列），无法判断用哪一列，请删除或改名多余的列"
                         for name, cols in duplicates]
        elif chosen and lay.signature != chosen[0][1].signature:
            notes.append(f"工作表“{sheet.name}”的表头与第一个工作表不同，已跳过")
        else:
            chosen.append((sheet, lay))
    if problems:
        raise FileRejected(file_name, "；".join(problems))
    if not chosen:
        looks = _looks_like(file_name, sheets[0][1], dataset) if given else ""
        raise FileRejected(file_name, f"不是可导入的{dataset.label}{looks}：" + "；".join(notes))
    return chosen, notes


def _looks_like(file_name: str, lay: layout.SheetLayout, wanted: Dataset) -> str:
    """When the user named the kind and the file is another one, say which it seems to be."""
    kinds = [k for k, missing in layout.detect_kind(lay, f"{file_name} {lay.title}") if not missing]
    if kinds and kinds[0] != wanted.kind:
        return f"（指定的数据类型是“{wanted.label}”，但表头看起来是“{DATASETS[kinds[0]].label}”，请重新选择数据类型）"
    return ""


def merged_header_hint(sheet: RawSheet, lay: layout.SheetLayout) -> str:
    """Merged cells across the header keep only their first column's name: say which, so the user can unmerge them."""
    row = sheet.first_row - 1 + lay.header_index  # the header's last row, where each column needs its own name
    merged = [(a, b) for a, b in sheet.merged if b[1] > a[1] and a[0] <= row <= b[0]]
    if not merged:
        return ""
    ranges = "、".join(f"{_cell(*a)}:{_cell(*b)}" for a, b in merged[:5])
    return f"（表头中 {ranges} 是跨列合并的单元格，合并后只有第一列有列名，请取消合并并给每一列填上列名）"


def _cell(row: int, column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def _file_program(given: str | None, title: str, file_name: str, programs: ProgramNames,
                  config: Config) -> tuple[str, str] | None:
    if given:
        found = programs.resolve(given)
        if found is None:
            raise FileRejected(file_name, f"指定的救助类别“{given}”不在配置中")
        return found
    return layout.program_in_text(title, config) or layout.program_in_text(PurePath(file_name).stem, config)


def _require_inferred(dataset: Dataset, chosen: list, context: FileContext, own_villages: list) -> None:
    """Every required value no column gives must come from outside the table; ask for all that do not at once."""
    columns = set(chosen[0][1].columns.values()) | set(chosen[0][1].parts)
    needs: dict[str, tuple[str, ...]] = {}
    if _has(dataset, "program") and "program" not in columns and context.program is None:
        needs["救助类别"] = context.config.program_names
    if dataset.monthly and not {"period", "paid_for"} & columns and context.period is None:
        needs["所属月份"] = ()
    village = _has(dataset, "village") and dataset.field("village")
    if village and village.required and "village" not in columns and "village" not in context.fixed \
            and None in own_villages:
        needs[village.label] = context.config.village_names
    derived = {name for kind, name in (*FROM_COLUMN, *NUMBERED) if kind == dataset.kind}
    for f in dataset.required:
        if f.name in layout.inferable(dataset) - {"program", "period", "village"} - derived \
                and f.name not in columns and f.name not in context.fixed:
            needs[f.label] = tuple(c for c in f.choices if c)
    if needs:
        first = next(iter(needs))
        raise NeedsInput(context.file_name, first, needs[first], needs=needs)


def _unmasked(sheet: RawSheet, lay: layout.SheetLayout, mapped: layout.Mapping, notes: list[str]) -> list:
    """A second column of the same header holding a masked copy of the first (500113********7327) is set aside
    with a note; other duplicates stay ambiguous."""
    ambiguous = []
    body = sheet.rows[lay.header_index + 1:lay.header_index + 201]
    for name, cols in mapped.duplicates:
        masked = [c for c in cols[1:] if _mostly_masked([row[c] for row in body if c < len(row) and row[c]])]
        if len(masked) == len(cols) - 1:
            notes.append(f"工作表“{sheet.name}”第 {'、'.join(str(c + 1) for c in masked)} 列“{lay.headers[masked[0]]}”"
                         f"是第 {cols[0] + 1} 列的隐去部分数字的副本，未使用")
        else:
            ambiguous.append((name, cols))
    return ambiguous


def _mostly_masked(cells: list) -> bool:
    return bool(cells) and sum("*" in str(c) for c in cells) * 2 > len(cells)


def _has(dataset: Dataset, name: str) -> bool:
    return any(f.name == name for f in dataset.fields)


