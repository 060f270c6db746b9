"""入户核查表 and 抽查: a printable check form per household — who lives there (that month's roster), the findings to
check, the standard questions, signatures — for chosen findings, or for a random 抽查 of N households per village
drawn with a recorded seed (the same seed draws the same households; the draw is audited with its seed and N).

The form says where its 核实结论 is recorded afterwards (analytics.findings.verify: 疑点清单 → 登记核实结论, or
`python -m analytics verify KEY`), which closes the loop. IDs are masked on paper (first 6 and last 4). `for_findings`
and `sample` make the data; analytics.reports.checkform_docx and checkform_pdf draw it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.access import audit
from analytics.access.privacy import mask_text
from analytics.access.scope import Scope
from analytics.analysis.metrics import data_months
from analytics.core.config import Config
from analytics.core.db import query
from analytics.core.errors import JiuzhuError
from analytics.core.values import missing, plain
from analytics.importing.ids import mask_id

FINDINGS_REASON, SAMPLE_REASON = "疑点核查", "随机抽查"
MEMBER_COLUMNS = ["姓名", "身份证号", "救助类别", "保障金额(元)", "名册状态"]
FINDING_COLUMNS = ["序号", "疑点", "月份", "说明", "疑点编号"]
# the standard questions, each with the blank or boxes the checker fills in
QUESTIONS = (
    ("家庭人口", "实际共同生活 ____ 人；与名册是否一致：□一致　□不一致（说明：______________________）"),
    ("家庭收入", "近 12 个月务工、经营、养老金等收入合计约 ________ 元；主要来源：__________________"),
    ("家庭财产", "□房产 ____ 套　□机动车 ____ 辆（非生活必需）　□经营实体　□存款约 ________ 元　□无"),
    ("卡折由谁保管", "□本人　□家属（姓名：________）　□村(居)干部　□其他：________"),
    ("是否知晓享受金额", "□知晓（本人所说每月 ________ 元）　□不知晓"),
    ("核查情况", "\n\n"),
)
SIGNATURES = ("核查人（签字）：______________", "被核查人（签字或按手印）：______________", "日期：______年____月____日")
RESULT_LINE = "核实结论：□属实　□不属实　□部分属实　　处理方式：□停保　□追回　□补发　□纠正　□无需处理"


class CheckFormError(JiuzhuError):
    pass


@dataclass(frozen=True)
class Form:
    village: str
    group: str
    head: str                 # 户主 (or the person) and masked ID
    reason: str               # 疑点核查 | 随机抽查
    members: pd.DataFrame     # MEMBER_COLUMNS
    findings: pd.DataFrame    # FINDING_COLUMNS
    keys: tuple[str, ...] = ()   # the findings' keys in full, for recording their 核实结论 (printed masked)
    draw_rank: int | None = None


@dataclass(frozen=True)
class Forms:
    town: str
    month: dt.date            # the roster month the households are read from
    forms: tuple[Form, ...]
    draw: str                 # the 抽查's seed, N and population in words, or ""

    @property
    def title(self) -> str:
        return f"{self.town}救助对象入户核查表"

    def file_name(self, suffix: str) -> str:
        kind = "抽查" if self.draw else "疑点"
        return f"{self.town}入户核查表（{kind}，{len(self.forms)}户）{suffix}"

    @property
    def record_note(self) -> str:
        return ("核查后，请在看板“疑点清单”页按姓名、疑点和月份找到每一条，在“登记核实结论”中登记结论、处理方式和说明"
                "（或命令行 python -m analytics verify 疑点编号 --result 结论 --note 说明）；核实为不属实的疑点随即移出统计。")


def for_findings(con: duckdb.DuckDBPyConnection, config: Config, keys: list[str], scope: Scope) -> Forms:
    """One form per household of the chosen findings (a finding about no person, an institution or an account, gets
    a form of its own); refuses a finding of another village for a 村(居) account."""
    keys = list(dict.fromkeys(k for k in keys if k))
    if not keys:
        raise CheckFormError("请选择要入户核查的疑点")
    found = query(con, "checkform_findings", {"keys": keys}).df()
    unknown = sorted(set(keys) - set(found["finding_key"]))
    if unknown:
        raise CheckFormError(f"找不到疑点 {'、'.join(mask_text(k) for k in unknown)}：可能已在重新计算后消失，请刷新疑点清单")
    for village in found["village"].unique():
        scope.check_village(None if missing(village) else village)
    month = _month(con, found["as_of"].max())
    people = [p for p in found["person_id"].dropna().unique()]
    rows = _households(con, month, people, seed=0, per_village=0, villages=None)
    forms, placed = [], set()
    for _, members in rows.groupby("household", sort=False):
        mine = found[found["person_id"].isin(members["person_id"])]
        placed.update(mine["finding_key"])
        forms.append(_form(members, mine, FINDINGS_REASON))
    for finding in found[~found["finding_key"].isin(placed)].itertuples():
        forms.append(_alone(finding))
    return Forms(config.town, month, tuple(forms), "")


def sample(con: duckdb.DuckDBPyConnection, config: Config, per_village: int, seed: int, scope: Scope, *,
           villages: tuple[str, ...] = (), as_of: dt.date | None = None,
           log: duckdb.DuckDBPyConnection | None = None) -> Forms:
    """抽查: `per_village` households of each village (a 村(居) account's own only) drawn by `seed` from the latest
    roster month up to `as_of`, with their current findings; the draw is audited (in `log`, by default this store)."""
    if per_village < 1:
        raise CheckFormError("每个村(居)抽查的户数应至少为 1")
    for village in villages:
        scope.check_village(village)
    villages = (scope.village,) if scope.village else tuple(villages)
    month = _month(con, as_of)
    rows = _households(con, month, [], seed=seed, per_village=per_village, villages=list(villages) or None)
    found = query(con, "checkform_findings_of", {"person_ids": list(rows["person_id"].unique())}).df()
    forms = tuple(_form(members, found[found["person_id"].isin(members["person_id"])], SAMPLE_REASON)
                  for _, members in rows.groupby("household", sort=False))
    where = "、".join(villages) or "全镇各村(居)"
    draw = f"随机抽查：{where}每村(居) {per_village} 户，种子 {seed}，从 {month:%Y年%-m月}名册的在保家庭中抽取，共 {len(forms)} 户"
    audit.record(con if log is None else log, scope.user, audit.SAMPLE,
                 {"种子": seed, "每村户数": per_village, "村(居)": where, "名册月份": f"{month:%Y-%m}",
                  "抽中": [f.head for f in forms]}, len(forms))
    return Forms(config.town, month, forms, draw)


def _month(con: duckdb.DuckDBPyConnection, as_of) -> dt.date:
    months = [m for m in data_months(con) if as_of is None or missing(as_of) or m <= plain(as_of)]
    if not months:
        raise CheckFormError("还没有名册数据，无从生成入户核查表")
    return max(months)


def _households(con, month: dt.date, person_ids: list[str], *, seed: int, per_village: int,
                villages: list[str] | None) -> pd.DataFrame:
    return query(con, "checkform_households", {"month": month, "person_ids": person_ids, "seed": str(seed),
                                               "per_village": per_village, "villages": villages}).df()


def _form(members: pd.DataFrame, found: pd.DataFrame, reason: str) -> Form:
    head = members.iloc[0]
    head_name = head["head_name"] if isinstance(head["head_name"], str) else head["name"]
    head_id = head["head_id"] if isinstance(head["head_id"], str) else head["person_id"]
    table = pd.DataFrame({"姓名": members["name"].to_numpy(), "身份证号": members["person_id"].map(mask_id).to_numpy(),
                          "救助类别": members["program"].to_numpy(),
                          "保障金额(元)": members["monthly_amount"].map(_money).to_numpy(),
                          "名册状态": members["status"].fillna("").to_numpy()})
    rank = head["draw_rank"]
    return Form(head["village"], head["group_name"] if isinstance(head["group_name"], str) else "",
                f"{head_name}（{mask_id(head_id)}）", reason, table, _findings_table(found),
                tuple(found["finding_key"]), None if missing(rank) else int(rank))


def _alone(finding) -> Form:
    """A finding about no person on the roster month: the form names whom or what it is about."""
    who = finding.name if isinstance(finding.name, str) else \
        finding.institution if isinstance(finding.institution, str) else mask_text(finding.bank_account or "")
    if isinstance(finding.person_id, str):
        who = f"{who}（{mask_id(finding.person_id)}，不在当月名册中）"
    village = finding.village if isinstance(finding.village, str) else "镇级"
    return Form(village, "", who, FINDINGS_REASON, pd.DataFrame(columns=MEMBER_COLUMNS),
                _findings_table(pd.DataFrame([finding._asdict()])), (finding.finding_key,))


def _money(value) -> str:
    return "" if missing(value) else f"{value:,.2f}"


def _findings_table(found: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"序号": range(1, len(found) + 1), "疑点": found["title"].to_numpy() if len(found) else [],
                         "月份": [f"{p:%Y年%-m月}" if not missing(p) else "" for p in found.get("period", [])],
                         "说明": [mask_text(e) for e in found.get("explanation", [])],
                         "疑点编号": [mask_text(k) for k in found.get("finding_key", [])]}, columns=FINDING_COLUMNS)
