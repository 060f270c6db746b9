"""Values a file gives outside its table, for the whole file or one sheet: the title (month, program, 类别,
比对来源), a 所属地区 / 填报单位 line and the sheet name (village), the file name; and what the person importing
supplies once (the upload form, `--set 列名=值`). Each value keeps where it came from, for the report.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from analytics.core import clock
from analytics.core.contract import DATASETS, FROM_COLUMN, NUMBERED, TITLE_WORDS, Dataset
from analytics.core.errors import FileRejected
from analytics.importing import layout
from analytics.importing.validate import VillageNames

GIVEN = "上传表单或命令行"
_BACK_PAY = re.compile(r"补[发差][^0-9]{0,6}(?:(20\d{2})\s*[年.\-/]\s*)?(\d{1,2})\s*月")
_FULL_DATE = re.compile(r"(?<!\d)(20\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})(?!\d)"
                        r"|(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")
_PLACE_LINE = re.compile(r"(所属地区|填报单位|所属村|村\(居\)委会|单位)")


@dataclass(frozen=True)
class Found:
    value: str
    source: str   # 标题, 所属地区行, 工作表名, 文件名, 上传表单或命令行

    def note(self, label: str) -> str:
        return f"{label}“{self.value}”取自{self.source}"


def given_fields(dataset: Dataset, given: dict[str, str] | None, file_name: str) -> dict[str, str]:
    """`--set 列名=值` by any header spelling of the dataset's fields -> {field name: value}."""
    fields = {}
    for label, value in (given or {}).items():
        name = layout.SPELLINGS[dataset.kind].get(layout.norm_header(label))
        if name is None:
            known = "、".join(f.label for f in dataset.fields)
            raise FileRejected(file_name, f"指定的列“{label}”不是{dataset.label}的列（可指定 {known}）")
        value = str(value).strip()
        words = TITLE_WORDS.get((dataset.kind, name), {})
        if value and value not in words and (hits := sorted((w for w in words if w in value), key=len)):
            value = words[hits[-1]]  # 殡葬火化 -> 火化
        if value:
            fields[name] = value
    return fields


def title_values(dataset: Dataset, title: str, file_name: str) -> dict[str, Found]:
    """Fields the title or else the file name names by a known word (村“两委”成员名册 -> 类别 村干部)."""
    found = {}
    for (kind, name), words in TITLE_WORDS.items():
        if kind != dataset.kind:
            continue
        for text, source in ((title, "标题"), (PurePath(file_name).stem, "文件名")):
            text = unicodedata.normalize("NFKC", text)
            hits = sorted((w for w in words if w in text), key=len, reverse=True)
            if hits:
                found[name] = Found(words[hits[0]], source)
                break
    return found


def sheet_village(sheet_name: str, title: str, villages: VillageNames) -> Found | None:
    """The sheet's name (七田 -> 七田村), else a 所属地区 / 填报单位 line of its title, else a village the title names."""
    if sheet_name and (village := villages.resolve(sheet_name)):
        return Found(village, f"工作表名“{sheet_name}”")
    text = unicodedata.normalize("NFKC", title)
    for match in _PLACE_LINE.finditer(text):
        if village := villages.named_in(text[match.end():match.end() + 60]):
            return Found(village, f"{match[1]}行")
    if village := villages.named_in(text):
        return Found(village, "标题")
    return None


ASKABLE = {kind: tuple(name for k, name in FROM_COLUMN if k == kind) for kind, _ in FROM_COLUMN}


def derive(dataset: Dataset, values: dict, n: int, village: str | None, done: int) -> None:
    """Required fields the file has no column for, made from the row: 整治重点 from 问题类型 where a word maps,
    问题编号 numbered village + 序号 (`done`: rows of the file before these)."""
    for (kind, name), (column, words) in FROM_COLUMN.items():
        if kind == dataset.kind and values.get(name) is None and values.get(column) is not None:
            ordered = sorted(words, key=len, reverse=True)
            values[name] = [next((words[w] for w in ordered if text and w in text), None) for text in values[column]]
    for kind, name in NUMBERED:
        if kind == dataset.kind and values.get(name) is None:
            place = (values.get("village") or [None] * n)
            values[name] = [f"{place[i] or village or dataset.label}-{done + i + 1:03d}" for i in range(n)]


def derived_notes(dataset: Dataset, columns: dict[int, str]) -> list[str]:
    have = set(columns.values())
    notes = [f"“{dataset.field(name).label}”按“{dataset.field(column).label}”中的词对应"
             for (kind, name), (column, _) in FROM_COLUMN.items()
             if kind == dataset.kind and name not in have and column in have]
    if "paid_date" in {f.name for f in dataset.fields} and "paid_date" not in have:
        notes.append(f"文件没有“{dataset.field('paid_date').label}”列：发放日期记为未知，这些发放无法判断是否按时（不参与拨付不及时的检查）")
    return notes + [f"文件没有“{dataset.field(name).label}”列，按 村(居)-序号 编号" for kind, name in NUMBERED
                    if kind == dataset.kind and name not in have]


def considered(kinds: list[tuple[str, list[str]]]) -> str:
    """The kinds the headers resembled, for a report that says why it could not decide."""
    if not kinds:
        return ""
    parts = [DATASETS[k].label + (f"（缺少 {'、'.join(DATASETS[k].field(m).label for m in missing)}）" if missing else "")
             for k, missing in kinds[:3]]
    return f"（表头与 {'、'.join(parts)} 同样相近，标题和文件名中也没有可据以区分的词）"


def paid_for(given: list | None, notes: list | None, periods: list) -> list:
    """所属期 of each payment: its own column, else the month a 补发/补差 note names (补发2022年10月; 补发10月 is in
    the year of 发放年月, or the year before when the month comes later), else 发放年月."""
    given, notes = given or [None] * len(periods), notes or [None] * len(periods)
    return [g or _back_pay_month(note, period) or period for g, note, period in zip(given, notes, periods)]


def _back_pay_month(note: str | None, period: dt.date | None) -> dt.date | None:
    found = _BACK_PAY.search(unicodedata.normalize("NFKC", note)) if note else None
    if not found or not 1 <= int(found[2]) <= 12 or (found[1] is None and period is None):
        return None
    month = int(found[2])
    year = int(found[1]) if found[1] else period.year if month <= period.month else period.year - 1
    return dt.date(year, month, 1)


def list_date(dataset: Dataset, columns: set[str], title: str, file_name: str) -> dict[str, Found]:
    """When a list without a 比对日期 column was drawn: a date in its title or file name (a month: its last day),
    else the day it is imported — a death record without its own date counts from it."""
    if "list_date" not in {f.name for f in dataset.fields} or "list_date" in columns:
        return {}
    for text, source in ((title, "标题"), (PurePath(file_name).stem, "文件名")):
        text = unicodedata.normalize("NFKC", text)
        for found in _FULL_DATE.finditer(text):
            year, month, day = (found[1], found[2], found[3]) if found[1] else (found[4], found[5], found[6])
            try:
                return {"list_date": Found(dt.date(int(year), int(month), int(day)).isoformat(), source)}
            except ValueError:
                continue
        if month := layout.period_in_text(text):
            last = month.replace(day=28) + dt.timedelta(days=4)
            return {"list_date": Found((last - dt.timedelta(days=last.day)).isoformat(), f"{source}所述月份的最后一天")}
    return {"list_date": Found(clock.today().isoformat(), "导入日期")}
