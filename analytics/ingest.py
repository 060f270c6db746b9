"""Read, understand and validate one uploaded file into an ImportPlan — nothing is written here.

The plan is what the upload page shows before committing (a dry run) and what analytics.batches commits.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import PurePath

import pyarrow as pa

from analytics import layout
from analytics.config import Config
from analytics.contract import DATASETS, Dataset
from analytics.errors import FileRejected, NeedsInput
from analytics.readers import read_file
from analytics.rows import FileContext, Quarantined, RowBuilder
from analytics.validate import ProgramNames, Problem, VillageNames

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


def plan_import(file_name: str, data: bytes, config: Config, *, kind: str | None = None,
                program: str | None = None, period: dt.date | None = None) -> ImportPlan:
    name = PurePath(file_name).name
    if len(data) > config.limits.max_upload_mb * 1024 * 1024:
        raise FileRejected(name, f"文件大小超过上限 {config.limits.max_upload_mb} MB，请按月或按村拆分后上传")
    raw_sheets = read_file(name, data)
    sheets = [(s, found) for s in raw_sheets if (found := layout.find_header(s.rows))]
    headless = [f"工作表“{s.name}”中没有可识别的表头，已跳过" for s in raw_sheets if s.rows and
                not any(s is chosen for chosen, _ in sheets)]
    if not sheets:
        raise FileRejected(name, "前 30 行中找不到表头行（应含 身份证号、姓名 等列名），请检查文件是否为所需的表格")
    kind = kind or _detect_kind(name, sheets[0][1])
    dataset = DATASETS[kind]
    chosen, notes = _sheets_of_layout(name, dataset, sheets)
    title = " ".join(lay.title for _, lay in chosen)
    programs = ProgramNames(config)
    context = FileContext(config, name, _file_program(program, title, name, programs, config),
                           period or layout.period_in_title(title) or layout.period_in_text(PurePath(name).stem),
                           VillageNames(config), programs)
    _require_inferred(dataset, chosen, context)
    builder = RowBuilder(dataset, context)
    for sheet, lay in chosen:
        builder.add_sheet(sheet, lay)
    if builder.count > config.limits.max_rows:
        raise FileRejected(name, f"数据行数 {builder.count} 超过上限 {config.limits.max_rows}，请拆分后上传")
    return ImportPlan(name, hashlib.sha256(data).hexdigest(), len(data), kind,
                      context.program[0] if context.program else None, context.period,
                      [s.name for s, _ in chosen], builder.table(), builder.quarantine, builder.problems,
                      headless + notes + builder.notes)


NO_DATASET = "表头与任何一种数据（名册、发放明细、代领协议等）都不匹配；请下载对应模板核对列名"


def _detect_kind(file_name: str, first: layout.SheetLayout) -> str:
    kinds = layout.detect_kind(first.headers, f"{file_name} {first.title}")
    if not kinds:
        raise FileRejected(file_name, NO_DATASET)
    kind, missing = kinds[0]
    if len(missing) * 2 > len(DATASETS[kind].required):
        raise FileRejected(file_name, NO_DATASET)
    if missing:
        dataset = DATASETS[kind]
        labels = "、".join(f"“{dataset.field(m).label}”" for m in missing)
        raise FileRejected(file_name, f"看起来是{dataset.label}，但缺少必需的列 {labels}；请补上该列（可下载对应模板"
                                      "核对列名），或在“手动指定”中选择正确的数据类型")
    return kind


def _sheets_of_layout(file_name: str, dataset: Dataset, sheets: list) -> tuple[list, list[str]]:
    chosen, notes, problems = [], [], []
    for sheet, lay in sheets:
        lay.columns, duplicates = layout.map_columns(lay.headers, dataset.kind)
        missing = [f for f in dataset.required if f.name not in lay.columns.values()
                   and f.name not in layout.inferable(dataset)]
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
        raise FileRejected(file_name, f"不是可导入的{dataset.label}：" + "；".join(notes))
    return chosen, notes


def _file_program(given: str | None, title: str, file_name: str, programs: ProgramNames,
                  config: Config) -> tuple[str, str] | None:
    if given:
        found = programs.resolve(given)
        if found is None:
            raise FileRejected(file_name, f"指定的救助类别“{given}”不在配置中")
        return found
    return layout.program_in_text(title, config) or layout.program_in_text(PurePath(file_name).stem, config)


def _require_inferred(dataset: Dataset, chosen: list, context: FileContext) -> None:
    columns = set(chosen[0][1].columns.values())
    if _has(dataset, "program") and "program" not in columns and context.program is None:
        raise NeedsInput(context.file_name, "救助类别")
    if dataset.monthly and "period" not in columns and context.period is None:
        raise NeedsInput(context.file_name, "所属月份")
    if _has(dataset, "village") and dataset.field("village").required and "village" not in columns:
        if any(context.villages.resolve(sheet.name) is None for sheet, _ in chosen):
            raise FileRejected(context.file_name, "缺少“村(居)”列，且工作表名称不是村(居)名称，无法判断所属村(居)")


def _has(dataset: Dataset, name: str) -> bool:
    return any(f.name == name for f in dataset.fields)


