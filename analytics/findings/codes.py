"""The findings of domain.md §5, written down once: code, Chinese title, 整治重点, severity, the datasets each needs,
and the fields that identify one finding (its key, as §5 keys it).

Everything else derives from this table: which SQL file runs (analytics/findings/sql/rules/<code in lower case>.sql), the
title/focus/severity stored on each finding row, the "缺少数据" status of a rule whose input was never uploaded, and
the stable `finding_key` by which the ledger can refer to a finding across recomputes.
"""
from __future__ import annotations

from dataclasses import dataclass

from analytics.core.contract import FOCUSES, SEVERITIES

POLICY, FUNDS, CARE, SUPPORT = FOCUSES    # 政策执行, 资金使用管理, 关爱服务, 工作保障
HIGH, MEDIUM, LOW = SEVERITIES


@dataclass(frozen=True)
class Code:
    code: str
    title: str
    focus: str
    severity: str
    needs: tuple[str, ...]   # dataset kinds whose live table must hold rows for the rule to run
    key: tuple[str, ...]     # the fields that identify one finding of this code
    money: str | None = None  # what its amount means (contract.MONEY_KINDS); a rule may say per finding

    @property
    def sql_name(self) -> str:
        return f"rules/{self.code.lower()}"


PERSON_MONTH = ("person_id", "program", "period")
CODES: tuple[Code, ...] = (
    Code("DEATH_PAID", "死亡后仍发放", FUNDS, HIGH, ("payments", "crosscheck"), PERSON_MONTH, money="recover"),
    Code("DEAD_ON_ROSTER", "死亡未退保", POLICY, HIGH, ("roster", "crosscheck"), ("person_id", "program"),
         money="approved"),
    Code("INACTIVE_PAID", "非在保对象领取", FUNDS, HIGH, ("payments", "roster"), PERSON_MONTH, money="recover"),
    Code("EXCLUSIVE_DUP", "重复享受", POLICY, HIGH, ("roster",), (*PERSON_MONTH, "program_b"), money="approved"),
    Code("DOUBLE_PAID", "同月重复发放", FUNDS, HIGH, ("payments",), PERSON_MONTH, money="recover"),
    Code("AMOUNT_MISMATCH", "发放金额与核定不符", FUNDS, MEDIUM, ("roster", "payments"), PERSON_MONTH),  # 多发 or 少发
    Code("BELOW_STANDARD", "核定金额低于标准", POLICY, MEDIUM, ("roster",), PERSON_MONTH, money="owed"),
    Code("UNPAID", "应发未发(欠付)", FUNDS, HIGH, ("roster", "payments"), PERSON_MONTH, money="owed"),
    Code("LATE_PAID", "拨付不及时", FUNDS, MEDIUM, ("payments",), PERSON_MONTH, money="late"),
    Code("PROXY_UNAGREED", "代领未签协议或未备案", FUNDS, MEDIUM, ("payments", "proxy_agreements"),
         PERSON_MONTH),
    Code("STAFF_PROXY", "工作人员代领", FUNDS, HIGH, ("payments", "staff"), PERSON_MONTH),
    Code("SHARED_ACCOUNT", "多户共用账户", FUNDS, MEDIUM, ("payments",), ("bank_account", "period")),
    Code("STAFF_KIN", "工作人员及近亲属享受", CARE, MEDIUM, ("roster", "staff"), ("person_id", "program"),
         money="approved"),
    Code("CROSSCHECK_HIT", "信息比对疑点", POLICY, MEDIUM, ("roster", "crosscheck"), ("person_id", "source")),
    Code("MISSED_ELIGIBLE", "疑似漏保", POLICY, MEDIUM, ("potential", "roster"), ("person_id", "program")),
    Code("AGE_INELIGIBLE", "年龄不符", POLICY, MEDIUM, ("roster",), ("person_id", "program")),
    Code("NOT_VISITED", "未按期走访", CARE, LOW, ("roster", "visits"), ("person_id",)),
    Code("TEMP_CASH_UNFILED", "临时救助现金实物未登记", FUNDS, MEDIUM, ("payments",), ("person_id", "paid_date")),
    Code("INSTITUTION_RISK", "供养机构安全隐患", SUPPORT, HIGH, ("institutions",), ("institution", "item")),
)
BY_CODE = {c.code: c for c in CODES}

# INSTITUTION_RISK items: the five 是/否 fields of 供养机构台账 (domain.md §3) and the caregiver ratio
INSTITUTION_ITEMS = {"legal_registration": "法人登记", "fire_approval": "消防验收", "property_right": "合法产权",
                     "catering_licence": "食品经营许可", "finance_rules": "财务管理制度",
                     "caregiver_ratio": "护理人员配比"}
