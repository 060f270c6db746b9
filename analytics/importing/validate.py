"""Turn raw cells into typed values, one column at a time, collecting every problem with where it is and how to fix it."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Callable

from analytics.core.config import Config
from analytics.core.contract import YES_NO_SPELLINGS, Field
from analytics.importing import ids
from analytics.importing.parse import parse_amount, parse_as, parse_int

Parsed = tuple[object, str | None, str | None]  # value, error, warning


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    column: str
    value: str
    message: str
    level: str = "错误"  # or 提示: a warning keeps the row

    def to_dict(self) -> dict:
        return asdict(self)


def cell_text(cell: object) -> str:
    """A cell as the user typed it; a long number as Excel shows it, without digits the file never held."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell)) if abs(cell) < 1e15 else f"{cell:.15G}"
    return str(cell).strip()


class VillageNames:
    """Official names, configured aliases, short names (七田 for 七田村, when no other village shortens the same),
    and names followed by 村委会/居委会 and the like."""

    def __init__(self, config: Config):
        self.names = sorted(config.village_names, key=len, reverse=True)
        shorts = [(_SHORTENED.sub("", v.name), v.name) for v in config.villages]
        once = {s for s, _ in shorts if len(s) >= 2 and sum(s == t for t, _ in shorts) == 1}
        self.lookup = {_fold(s): name for s, name in shorts if s in once}
        self.lookup.update({_fold(v.name): v.name for v in config.villages})
        self.lookup.update({_fold(a): v.name for v in config.villages for a in v.aliases})

    def resolve(self, text: str) -> str | None:
        folded = _fold(text)
        return self.lookup.get(folded) or next((n for n in self.names if folded.startswith(_fold(n))), None)

    def named_in(self, text: str) -> str | None:
        """The village a line of text names (所属地区：… 七田 村（居）委会), by its longest name or alias in it."""
        folded = _fold(text)
        found = [(len(k), v) for k, v in self.lookup.items() if k and k in folded]
        return max(found)[1] if found else None


class ProgramNames:
    def __init__(self, config: Config):
        self.lookup = {_fold(p.name): (p.name, "") for p in config.programs}
        self.lookup.update({_fold(s): (p.name, sub) for p in config.programs for s, sub in p.spellings.items()})
        self.sub_types = sorted({s for p in config.programs for s in p.sub_types}, key=len, reverse=True)

    def resolve(self, text: str) -> tuple[str, str] | None:
        return self.lookup.get(_fold(text))

    def sub_type(self, text: str) -> str:
        """分散供养 → 分散; an unknown wording is kept as written."""
        return next((s for s in self.sub_types if s in text), text)


_SHORTENED = re.compile(r"(村|社区|居委会|村委会)$")


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


ColumnResult = tuple[list, dict[int, tuple[str | None, str | None]]]  # values, {row index: (error, warning)}


def column_parser(field: Field, config: Config, villages: VillageNames,
                  programs: ProgramNames) -> Callable[[list], ColumnResult]:
    parse = _column_parser(field, config, villages, programs)

    def checked(cells: list) -> ColumnResult:
        """A NUL (U+0000) comes from a damaged export (seen in UTF-16 ones): its row is quarantined, never cleaned."""
        values, issues = parse(cells)
        damaged = {c for c in set(cells) if c.__class__ is str and "\x00" in c}
        if damaged:
            issues = {**issues, **{i: (NUL_CELL, None) for i, c in enumerate(cells) if c in damaged}}
        return values, issues
    return checked


NUL_CELL = "含有空字符（U+0000），文件可能在导出或转换编码时已损坏；请从原系统重新导出，或在 Excel 中重新填写该单元格"


def _column_parser(field: Field, config: Config, villages: VillageNames,
                   programs: ProgramNames) -> Callable[[list], ColumnResult]:
    """Parse a whole column; IDs and accounts are checked column-wise because per-cell Python is too slow for them."""
    if field.type == "id":
        return ids.check_person_ids
    if field.type == "account":
        return ids.check_bank_accounts
    parse = parser_for(field, config, villages, programs)

    def parse_column(cells: list) -> ColumnResult:
        """A column repeats a few months, amounts and names: parse each distinct cell once."""
        parsed = {cell: parse(cell) for cell in set(cells)}
        values = list(map({cell: p[0] for cell, p in parsed.items()}.__getitem__, cells))
        flagged = {cell: p[1:] for cell, p in parsed.items() if p[1] is not None or p[2] is not None}
        issues = {i: flagged[c] for i, c in enumerate(cells) if c in flagged} if flagged else {}
        return values, issues
    return parse_column


def parser_for(field: Field, config: Config, villages: VillageNames, programs: ProgramNames) -> Callable[[object], Parsed]:
    kind = field.type
    if kind == "money":
        return _plain(parse_amount)
    if kind in ("date", "month", "start_date", "end_date"):
        return _plain(lambda cell: parse_as(kind, cell))
    if kind == "int":
        return _plain(parse_int)
    if kind == "village":
        return _named(villages.resolve, "村(居)", "、".join(config.village_names))
    if kind == "program":
        return _named(programs.resolve, "救助类别", "、".join(config.program_names))
    if kind == "sub_type":
        return lambda cell: (programs.sub_type(cell_text(cell)) or None, None, None)
    if kind == "choice":
        return _choice(field)
    if kind == "yesno":
        return _yes_no
    return _text


def _yes_no(cell: object) -> Parsed:
    """是 or 否 however it is written (有, √, 已验收 …); other text is kept as written, which is not 是."""
    text = cell_text(cell).strip()
    return YES_NO_SPELLINGS.get(text.upper(), text) or None, None, None


def _text(cell: object) -> Parsed:
    if cell.__class__ is str:
        return cell.strip() or None, None, None
    return cell_text(cell) or None, None, None


def _plain(parse: Callable[[object], tuple]) -> Callable[[object], Parsed]:
    def wrapped(cell: object) -> Parsed:
        value, error = parse(cell)
        return value, error, None
    return wrapped


def _memoised(parse_text: Callable[[str], Parsed]) -> Callable[[object], Parsed]:
    """A column holds a handful of distinct names: parse each once."""
    seen: dict[str, Parsed] = {}

    def parse(cell: object) -> Parsed:
        text = cell_text(cell)
        if text not in seen:
            seen[text] = parse_text(text)
        return seen[text]
    return parse


def _named(resolve: Callable[[str], object], what: str, known: str) -> Callable[[object], Parsed]:
    def parse(text: str) -> Parsed:
        if not text:
            return None, None, None
        value = resolve(text)
        if value is None:
            return None, f"{what}“{text}”不在配置中（应为 {known} 之一），请改正或在 config.toml 中添加别名", None
        return value, None, None
    return _memoised(parse)


def _choice(field: Field) -> Callable[[object], Parsed]:
    allowed = "、".join(c for c in field.choices if c)

    def parse(text: str) -> Parsed:
        text = _fold(text)
        if not text:
            return None, None, None  # a blank required choice is reported as 必填项为空
        if text in field.choices:
            return text or None, None, None
        return None, f"{field.label}“{text}”无效，应为 {allowed} 之一", None
    return _memoised(parse)
