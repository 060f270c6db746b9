"""The one TOML configuration: loaded and validated once, unknown keys and bad values named in Chinese."""
from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from analytics.core.errors import ConfigError

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config.toml"
PAYS = ("household", "person", "one-off")
PAIR_LEVELS = ("禁止", "复核")


@dataclass(frozen=True)
class Village:
    name: str
    aliases: tuple[str, ...] = ()
    population: int | None = None   # 户籍人口, the denominator of 保障面; None: not configured


@dataclass(frozen=True)
class Program:
    name: str
    pays: str
    sub_types: tuple[str, ...]
    fixed_standard: bool
    spellings: dict[str, str]
    visited: tuple[str, ...] = ()   # sub_types whose recipients must be visited regularly ("": every recipient)
    means_tested: bool = False       # granted on income and assets: a wealth cross-check hit questions it
    institution_paid: tuple[str, ...] = ()  # sub_types whose money goes to the institution's account, not per person


@dataclass(frozen=True)
class Standard:
    program: str
    sub_type: str
    effective: dt.date
    amount: Decimal


@dataclass(frozen=True)
class ExclusivePair:
    a: str
    b: str
    level: str


@dataclass(frozen=True)
class AgeRule:
    program: str
    min_age: int | None = None
    max_age: int | None = None


@dataclass(frozen=True)
class Rules:
    due_day: int = 28
    visit_interval_days: int = 30
    shared_account_min_households: int = 2
    max_residents_per_caregiver: int = 10
    report_due_day: int = 10   # a month's files are on time when uploaded by this day of the following month
    # a payee whose name holds one of these words (or names an institution of 供养机构台账) is an institution's account
    institution_words: tuple[str, ...] = ("敬老院", "福利院", "养老院", "供养中心", "儿童福利")


@dataclass(frozen=True)
class ImportLimits:
    max_upload_mb: int = 50
    max_rows: int = 2_000_000


@dataclass(frozen=True)
class Access:
    session_idle_minutes: int = 30   # a logged-in session ends after this long without a page run
    oidc_claim: str = "preferred_username"  # with an intranet OIDC provider (st.login): the claim naming our account


@dataclass(frozen=True)
class PublicNotice:
    programs: tuple[str, ...] = ()   # the programs whose 公示名单 a village posts each month
    days: int = 7                    # 公示期 in days
    phone: str = ""                  # 监督电话; blank: a line to write it on


@dataclass(frozen=True)
class Phase:
    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Milestone:
    phase: str
    name: str
    due: dt.date
    per_village: bool = False
    report: bool = False   # a written report sent up by `due`: the 整改报告 of its phase is dated then


@dataclass(frozen=True)
class Config:
    town: str
    district: str
    villages: tuple[Village, ...]
    programs: tuple[Program, ...]
    standards: tuple[Standard, ...]
    exclusive_pairs: tuple[ExclusivePair, ...]
    age_rules: tuple[AgeRule, ...]
    rules: Rules
    limits: ImportLimits
    phases: tuple[Phase, ...]
    milestones: tuple[Milestone, ...]
    source: Path = field(default=DEFAULT_PATH, compare=False)
    access: Access = Access()
    public_notice: PublicNotice = PublicNotice()

    @property
    def village_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.villages)

    @property
    def program_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.programs)

    def program(self, name: str) -> Program:
        return next(p for p in self.programs if p.name == name)


# key -> (python type, required); the tables below are the whole vocabulary of the file
_TOP = {"town": (dict, True), "villages": (list, True), "programs": (list, True), "standards": (list, False),
        "exclusive_pairs": (list, False), "age_rules": (list, False), "rules": (dict, False),
        "import": (dict, False), "phases": (list, False), "milestones": (list, False), "access": (dict, False),
        "public_notice": (dict, False)}
_TABLES = {
    "town": {"name": (str, True), "district": (str, False)},
    "villages": {"name": (str, True), "aliases": (list, False), "population": (int, False)},
    "programs": {"name": (str, True), "pays": (str, True), "sub_types": (list, False),
                 "fixed_standard": (bool, False), "spellings": (dict, False), "visited": (list, False),
                 "means_tested": (bool, False), "institution_paid": (list, False)},
    "standards": {"program": (str, True), "sub_type": (str, False), "effective": (dt.date, True),
                  "amount": ((int, float), True)},
    "exclusive_pairs": {"a": (str, True), "b": (str, True), "level": (str, False)},
    "age_rules": {"program": (str, True), "min_age": (int, False), "max_age": (int, False)},
    "rules": {"due_day": (int, False), "visit_interval_days": (int, False),
              "shared_account_min_households": (int, False), "max_residents_per_caregiver": (int, False),
              "report_due_day": (int, False), "institution_words": (list, False)},
    "import": {"max_upload_mb": (int, False), "max_rows": (int, False)},
    "access": {"session_idle_minutes": (int, False), "oidc_claim": (str, False)},
    "public_notice": {"programs": (list, False), "days": (int, False), "phone": (str, False)},
    "phases": {"name": (str, True), "start": (dt.date, True), "end": (dt.date, True)},
    "milestones": {"phase": (str, True), "name": (str, True), "due": (dt.date, False), "per_village": (bool, False),
                   "report": (bool, False)},
}


def load(path: str | os.PathLike | None = None) -> Config:
    path = Path(path or os.environ.get("JIUZHU_CONFIG") or DEFAULT_PATH)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"找不到配置文件 {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {path} 不是合法的 TOML：{exc}") from None
    _check_shape(raw, _TOP, "")
    for name, (kind, _) in _TOP.items():
        value = raw.get(name, [] if kind is list else {})
        for i, item in enumerate(value if kind is list else [value]):
            _check_shape(item, _TABLES[name], f"{name}[{i}]." if kind is list else f"{name}.")
    config = _build(raw, path)
    _check_meaning(config)
    return config


def _check_shape(table: object, spec: dict, prefix: str) -> None:
    if not isinstance(table, dict):
        raise ConfigError(f"配置项 {prefix.rstrip('.')} 应为表（[...]）")
    for key in table:
        if key not in spec:
            raise ConfigError(f"配置文件中有未知的键 {prefix}{key}，请删除或改正拼写")
    for key, (kind, required) in spec.items():
        if key not in table:
            if required:
                raise ConfigError(f"配置文件缺少必填的键 {prefix}{key}")
            continue
        value = table[key]
        bad_bool = isinstance(value, bool) and kind is not bool
        if bad_bool or not isinstance(value, kind) or (kind is dt.date and isinstance(value, dt.datetime)):
            raise ConfigError(f"配置项 {prefix}{key} 的值 {value!r} 类型不对")


def _build(raw: dict, path: Path) -> Config:
    phases = tuple(Phase(**p) for p in raw.get("phases", []))
    phase_end = {p.name: p.end for p in phases}
    return Config(
        town=raw["town"]["name"],
        district=raw["town"].get("district", ""),
        villages=tuple(Village(v["name"], tuple(v.get("aliases", [])), v.get("population")) for v in raw["villages"]),
        programs=tuple(Program(p["name"], p["pays"], tuple(p.get("sub_types", [])),
                               p.get("fixed_standard", False), dict(p.get("spellings", {})),
                               tuple(p.get("visited", [])), p.get("means_tested", False),
                               tuple(p.get("institution_paid", [])))
                       for p in raw["programs"]),
        standards=tuple(Standard(s["program"], s.get("sub_type", ""), s["effective"], Decimal(str(s["amount"])))
                        for s in raw.get("standards", [])),
        exclusive_pairs=tuple(ExclusivePair(e["a"], e["b"], e.get("level", "禁止"))
                              for e in raw.get("exclusive_pairs", [])),
        age_rules=tuple(AgeRule(**a) for a in raw.get("age_rules", [])),
        rules=Rules(**{k: tuple(v) if isinstance(v, list) else v for k, v in raw.get("rules", {}).items()}),
        limits=ImportLimits(**raw.get("import", {})),
        phases=phases,
        milestones=tuple(Milestone(m["phase"], m["name"], m.get("due") or phase_end.get(m["phase"], dt.date.max),
                                   m.get("per_village", False), m.get("report", False))
                        for m in raw.get("milestones", [])),
        source=path,
        access=Access(**raw.get("access", {})),
        public_notice=PublicNotice(**{k: tuple(v) if isinstance(v, list) else v
                                      for k, v in raw.get("public_notice", {}).items()}),
    )


def _check_meaning(config: Config) -> None:
    names = set(config.program_names)
    if len(set(config.village_names)) != len(config.villages) or not config.villages:
        raise ConfigError("配置项 villages 为空或有重名的村(居)")
    for i, v in enumerate(config.villages):
        if v.population is not None and v.population < 1:
            raise ConfigError(f"配置项 villages[{i}].population（户籍人口）应为正整数，不是 {v.population}")
    for i, p in enumerate(config.programs):
        if p.pays not in PAYS:
            raise ConfigError(f"配置项 programs[{i}].pays 的值 {p.pays!r} 无效，应为 {'/'.join(PAYS)} 之一")
        for spelling, sub in p.spellings.items():
            if sub and sub not in p.sub_types:
                raise ConfigError(f"配置项 programs[{i}].spellings.{spelling} 的子类别 {sub!r} 不在 sub_types 中")
        for sub in p.visited:
            if sub and sub not in p.sub_types:
                raise ConfigError(f"配置项 programs[{i}].visited 的子类别 {sub!r} 不在 sub_types 中")
    for key, items in (("standards", config.standards), ("age_rules", config.age_rules)):
        for i, item in enumerate(items):
            if item.program not in names:
                raise ConfigError(f"配置项 {key}[{i}].program 的值 {item.program!r} 不是已配置的救助类别")
    for program in config.public_notice.programs:
        if program not in names:
            raise ConfigError(f"配置项 public_notice.programs 中的 {program!r} 不是已配置的救助类别")
    for i, s in enumerate(config.standards):
        if s.amount < 0:
            raise ConfigError(f"配置项 standards[{i}].amount 不能为负数")
        if s.sub_type and s.sub_type not in config.program(s.program).sub_types:
            raise ConfigError(f"配置项 standards[{i}].sub_type 的值 {s.sub_type!r} 不是 {s.program} 的子类别")
    for key in ("max_upload_mb", "max_rows"):
        if getattr(config.limits, key) < 1:
            raise ConfigError(f"配置项 import.{key} 应为正整数")
    if not 1 <= config.access.session_idle_minutes <= 24 * 60:
        raise ConfigError("配置项 access.session_idle_minutes 应在 1 到 1440（分钟）之间")
    for i, pair in enumerate(config.exclusive_pairs):
        if pair.a not in names or pair.b not in names or pair.a == pair.b:
            raise ConfigError(f"配置项 exclusive_pairs[{i}] 的类别 {pair.a!r}/{pair.b!r} 无效")
        if pair.level not in PAIR_LEVELS:
            raise ConfigError(f"配置项 exclusive_pairs[{i}].level 应为 禁止 或 复核")
    for key in ("due_day", "report_due_day"):
        if not 1 <= getattr(config.rules, key) <= 28:
            raise ConfigError(f"配置项 rules.{key} 应在 1 到 28 之间")
    for key in ("visit_interval_days", "shared_account_min_households", "max_residents_per_caregiver"):
        if getattr(config.rules, key) < 1:
            raise ConfigError(f"配置项 rules.{key} 应为正整数")
    for i, ph in enumerate(config.phases):
        if ph.end < ph.start:
            raise ConfigError(f"配置项 phases[{i}] 的结束日期早于开始日期")
    phase_names = {ph.name for ph in config.phases}
    for i, m in enumerate(config.milestones):
        if m.phase not in phase_names:
            raise ConfigError(f"配置项 milestones[{i}].phase 的值 {m.phase!r} 不是已配置的阶段")
