"""The findings of domain.md §5, written down once: code, Chinese title, 整治重点, severity, the datasets each needs,
and the fields that identify one finding (its key, as §5 keys it).

Everything else derives from this table: which SQL file runs (analytics/findings/sql/rules/<code in lower case>.sql), the
title/focus/severity stored on each finding row, the "缺少数据" status of a rule whose input was never uploaded, and
the stable `finding_key` by which the ledger can refer to a finding across recomputes.
"""
from __future__ import annotations

from dataclasses import dataclass

from analytics.core.contract import DATASETS, FOCUSES, SEVERITIES

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
    checks: str = ""          # what the rule checks, in a sentence an officer reads (规则说明)
    basis: str = ""           # the clause of the campaign plan (青龙府发〔2022〕36号) it serves

    @property
    def data_text(self) -> str:
        """The data it reads, by the names the upload page uses."""
        return "、".join(DATASETS[kind].label for kind in self.needs)

    @property
    def missing_text(self) -> str:
        """What 缺少数据 means for this rule."""
        return (f"还没有导入{self.data_text.replace('、', '或')}时本规则不运行，显示“缺少数据”而不是 0 条："
                "没有数据不等于没有问题，导入后重新计算才知道。")

    @property
    def sql_name(self) -> str:
        return f"rules/{self.code.lower()}"


# 整治重点 and 工作措施 of the campaign plan (青龙府发〔2022〕36号), the basis of each rule
PLAN_POLICY = "三（一）政策执行：重点整治执行救助政策打折扣、搞变通，救助待遇应享未享、应退未退、重复享受等问题"
PLAN_FRAUD = "三（二）资金使用管理：重点整治骗取套取、虚报冒领、挤占挪用、贪污侵占救助补助资金"
PLAN_ARREARS = "三（二）资金使用管理：低保等 7 项纳入“一卡通”发放的救助补助资金欠付、拨付不及时等问题"
PLAN_CARE = "三（三）关爱服务：重点整治优亲厚友、克扣拖欠群众补助补贴资金等问题"
PLAN_SUPPORT = "三（四）工作保障：重点整治救助供养机构消防未通过、无合法产权、餐饮证照不齐等安全隐患，未按规定配备工作人员"
PLAN_VISITS = "四（一）走访排查：对低保、特困、孤儿、事实无人抚养儿童等对象定期探访，确保应保尽保、应退尽退"
PLAN_CROSSCHECK = "四（二）信息比对：配合做好数据信息比对，不符合保障条件的及时清退，防止“脱保”“漏保”"
PERSON_MONTH = ("person_id", "program", "period")
CODES: tuple[Code, ...] = (
    Code("DEATH_PAID", "死亡后仍发放", FUNDS, HIGH, ("payments", "crosscheck"), PERSON_MONTH, money="recover",
         checks="死亡、火化或户籍注销日期早于某月，该月仍有发放记录（多发的钱应追回）。",
         basis=PLAN_FRAUD),
    Code("DEAD_ON_ROSTER", "死亡未退保", POLICY, HIGH, ("roster", "crosscheck"), ("person_id", "program"),
         money="approved",
         checks="最新一期名册中仍在保，而死亡记录的日期早于该月（应退未退）。",
         basis=PLAN_POLICY),
    Code("INACTIVE_PAID", "非在保对象领取", FUNDS, HIGH, ("payments", "roster"), PERSON_MONTH, money="recover",
         checks="某月有发放记录，该类别该村(居)当月有名册，但此人不在保。",
         basis=PLAN_FRAUD),
    Code("EXCLUSIVE_DUP", "重复享受", POLICY, HIGH, ("roster",), (*PERSON_MONTH, "program_b"), money="approved",
         checks="同一人同一月在互斥的两个救助类别中都在保（互斥组合见配置文件）。",
         basis=PLAN_POLICY),
    Code("DOUBLE_PAID", "同月重复发放", FUNDS, HIGH, ("payments",), PERSON_MONTH, money="recover",
         checks="同一人同一类别同一月有两笔以上正数发放（补发其他月份的不算）。",
         basis=PLAN_FRAUD),
    Code("AMOUNT_MISMATCH", "发放金额与核定不符", FUNDS, MEDIUM, ("roster", "payments"), PERSON_MONTH,
         checks="在保且有核定金额、当月已发放，发放合计与核定金额相差超过 0.01 元（说明多发或少发多少）。",
         basis=PLAN_FRAUD),  # 多发 or 少发
    Code("BELOW_STANDARD", "核定金额低于标准", POLICY, MEDIUM, ("roster",), PERSON_MONTH, money="owed",
         checks="按固定标准发放的类别，核定金额低于当月执行的标准（如 2022 年 10 月提标后未调整）。",
         basis=PLAN_POLICY),
    Code("UNPAID", "应发未发(欠付)", FUNDS, HIGH, ("roster", "payments"), PERSON_MONTH, money="owed",
         checks="在保且核定金额大于 0，已过当月发放截止日，且已导入该类别该月该村的发放明细，却没有此人的发放。",
         basis=PLAN_ARREARS),
    Code("LATE_PAID", "拨付不及时", FUNDS, MEDIUM, ("payments",), PERSON_MONTH, money="late",
         checks="当月第一笔发放的日期晚于每月发放截止日（说明晚了几天）。",
         basis=PLAN_ARREARS),
    Code("PROXY_UNAGREED", "代领未签协议或未备案", FUNDS, MEDIUM, ("payments", "proxy_agreements"),
         PERSON_MONTH,
         checks="收款人既不是本人也不是户主，且发放日前没有签订并备案、仍在有效期内的代领协议。",
         basis=PLAN_FRAUD),
    Code("STAFF_PROXY", "工作人员代领", FUNDS, HIGH, ("payments", "staff"), PERSON_MONTH,
         checks="收款人身份证号在工作人员名单中（工作人员或村干部），且不是享受人本人。",
         basis=PLAN_FRAUD),
    Code("SHARED_ACCOUNT", "多户共用账户", FUNDS, MEDIUM, ("payments",), ("bank_account", "period"),
         checks="同一个银行账户在同一月收到两户以上（数量可配置）的救助资金。",
         basis=PLAN_FRAUD),
    Code("STAFF_KIN", "工作人员及近亲属享受", CARE, MEDIUM, ("roster", "staff"), ("person_id", "program"),
         money="approved",
         checks="最新一期名册中在保，且本人在工作人员及近亲属名单中：需核对是否按规定备案。",
         basis=PLAN_CARE),
    Code("CROSSCHECK_HIT", "信息比对疑点", POLICY, MEDIUM, ("roster", "crosscheck"), ("person_id", "source"),
         checks="最新一期名册中在保，且在比对名单（如车辆、工商、财政供养，不含死亡）中有分析日期前的记录。",
         basis=PLAN_CROSSCHECK),
    Code("MISSED_ELIGIBLE", "疑似漏保", POLICY, MEDIUM, ("potential", "roster"), ("person_id", "program"),
         checks="在摸排对象名单中，但不在该类别最新一期名册中在保，且没有死亡记录（疑似应保未保）。",
         basis=PLAN_CROSSCHECK),
    Code("AGE_INELIGIBLE", "年龄不符", POLICY, MEDIUM, ("roster",), ("person_id", "program"),
         checks="最新一期名册中在保，按身份证号出生日期计算的周岁不符合该类别的年龄条件（如孤儿满 18 周岁、高龄津贴不满 80 周岁）。",
         basis=PLAN_POLICY),
    Code("NOT_VISITED", "未按期走访", CARE, LOW, ("roster", "visits"), ("person_id",),
         checks="分散供养特困、散居孤儿、事实无人抚养儿童在保，分析日期前规定天数内（默认 30 天）没有走访记录。",
         basis=PLAN_VISITS),
    Code("TEMP_CASH_UNFILED", "临时救助现金实物未登记", FUNDS, MEDIUM, ("payments",), ("person_id", "paid_date"),
         checks="临时救助以现金或实物发放，却没有登记备案号。",
         basis=PLAN_FRAUD),
    Code("INSTITUTION_RISK", "供养机构安全隐患", SUPPORT, HIGH, ("institutions",), ("institution", "item"),
         checks="供养机构缺法人登记、消防验收、合法产权、食品经营许可或财务管理制度之一，或每名护理人员照料人数超过上限（默认 10 人）。",
         basis=PLAN_SUPPORT),
)
BY_CODE = {c.code: c for c in CODES}

# INSTITUTION_RISK items: the five 是/否 fields of 供养机构台账 (domain.md §3) and the caregiver ratio
INSTITUTION_ITEMS = {"legal_registration": "法人登记", "fire_approval": "消防验收", "property_right": "合法产权",
                     "catering_licence": "食品经营许可", "finance_rules": "财务管理制度",
                     "caregiver_ratio": "护理人员配比"}
