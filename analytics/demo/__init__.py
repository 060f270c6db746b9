"""A clearly labelled 示例数据 town for 庆隆镇 (domain.md §8): messy spreadsheets plus the findings planted in them.

    from analytics.demo import write_demo
    manifest = write_demo(Path("demo"))  # also written as demo/ground_truth.json

town builds the people and their clean monthly rows, plants adds every finding and its near misses, messy writes the
files the way real exports look; this module decides which rows go to which file in which layout.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from analytics import config as config_module
from analytics.demo import messy, plants
from analytics.demo import town as model
from analytics.demo.messy import Col, Layout
from analytics.demo.town import AGED, CARE, DIBAO, FRAIL, LIVING, OFFICE, ORPHAN, TEKUN, UNCARED

ROSTER_FAMILY = {DIBAO: "低保", TEKUN: "特困", ORPHAN: "儿童", UNCARED: "儿童", LIVING: "残疾", CARE: "残疾", AGED: "高龄",
                 FRAIL: "失能"}
PAYMENT_FAMILY = {DIBAO: "低保", TEKUN: "特困"}  # everything else goes out on the 一卡通 list
CSV_MONTHS = {3: "gb18030", 9: "utf-16"}       # months whose 一卡通 list came as CSV


def build_demo(scale: str = "town", seed: int = 42, config=None) -> model.Town:
    if scale not in model.SCALES:
        raise ValueError(f"unknown scale {scale!r}: one of {', '.join(model.SCALES)}")
    town = model.build(config or config_module.load(), seed, scale)
    plants.plant_all(town)
    model.add_visits(town)  # after the plants: the visit plants hold some visits back
    return town


def write_demo(out_dir: Path, scale: str = "town", seed: int = 42) -> dict:
    town = build_demo(scale, seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files, quarantine = [], []
    for name, layout, rows in file_plan(town, big=scale != "town"):
        quarantine += messy.write(out_dir / name, layout, rows, town.config.village_names, seed)
        files.append(name)
    findings = sorted(town.findings, key=lambda f: json.dumps(f, ensure_ascii=False))
    manifest = dict(as_of=model.AS_OF.isoformat(), seed=seed, scale=scale, files=files, findings=findings,
                    quarantine=quarantine, counts=dict(sorted(Counter(f["code"] for f in findings).items())))
    (out_dir / "ground_truth.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    (out_dir / "说明.txt").write_text(README.format(scale=scale, seed=seed), encoding="utf-8")
    return manifest


def file_plan(town: model.Town, big: bool = False) -> Iterator[tuple[str, Layout, list[dict]]]:
    """(file name, layout, rows) for every file; at big scales the monthly files are plain CSV."""
    order = {v: i for i, v in enumerate(town.config.village_names)}
    rosters, payments = defaultdict(list), defaultdict(list)
    for row in town.roster:
        rosters[ROSTER_FAMILY[row["program"]], row["period"].month].append(row)
    for row in town.payments:
        payments[PAYMENT_FAMILY.get(row["program"], "一卡通"), row["period"].month].append(row)
    monthly = []
    for m in range(1, 13):
        for family, rows in ((f, rosters[f, m]) for f in dict.fromkeys(ROSTER_FAMILY.values())):
            monthly += roster_files(family, m, sorted(rows, key=lambda r: order[r["village"]]), big)
        for family, layout in (("低保", dibao_payments), ("特困", tekun_payments), ("一卡通", card_payments)):
            rows = sorted(payments[family, m], key=lambda r: order.get(r["village"], 0))
            monthly.append((f"2022年{m:02d}月{PAYMENT_NAMES[family]}", layout(m), rows))
    for name, layout, rows in monthly:
        if big or layout.encoding:
            name = str(Path(name).with_suffix(".csv"))
        yield name, as_csv(layout) if big else layout, rows
    yield "2022年代领协议备案登记表.xlsx", AGREEMENTS, town.agreements
    yield "庆隆镇民政工作人员及村干部近亲属备案表.csv", STAFF, town.staff
    yield "2022年社会救助信息比对疑点名单.csv", CROSSCHECK, town.crosscheck
    yield "2022年困难群众摸排对象名单.csv", POTENTIAL, town.potential
    yield "2022年特殊困难对象走访记录.xlsx", VISITS, sorted(town.visits, key=lambda r: (order[r["village"]],
                                                                                   r["visit_date"]))
    yield "2022年供养机构基本情况表.xlsx", INSTITUTIONS, town.institutions
    yield "庆隆镇社会救助专项整治问题台账.xlsx", ISSUES, ledger(town.config.village_names)


def as_csv(layout: Layout) -> Layout:
    """A big export: one flat header (户主 + 姓名 = 户主姓名), no titles, no totals, UTF-8 with BOM."""
    columns = tuple(Col(c.group + c.header, c.field, c.style if c.style not in ("date", "month") else "iso")
                    for c in layout.columns)
    return Layout(columns, encoding="utf-8-sig")


ROSTER_NAMES = {"低保": "城乡低保对象名册.xlsx", "特困": "特困供养人员名册.xlsx", "儿童": "困境儿童保障对象名册.xlsx",
                "残疾": "残疾人两项补贴享受对象名册.xlsx", "高龄": "高龄津贴名册.xlsx", "失能": "经济困难失能老人补贴名册.csv"}
PAYMENT_NAMES = {"低保": "低保资金发放明细.xlsx", "特困": "特困供养发放明细.xlsx", "一卡通": "一卡通补贴资金发放明细.xlsx"}


def roster_files(family: str, m: int, rows: list[dict], big: bool) -> list[tuple[str, Layout, list[dict]]]:
    if family == "低保" and m == 6 and not big:  # June came as two files: the legacy 城保名册.xls knows its month only by title
        return [("城保名册.xls", city_roster(m), [r for r in rows if r["sub_type"] == "城市"]),
                ("2022年06月农村低保对象名册.xlsx", dibao_roster(m, "农村低保"), [r for r in rows if r["sub_type"] == "农村"])]
    layout = {"低保": dibao_roster, "特困": tekun_roster, "儿童": kids_roster, "残疾": disability_roster,
              "高龄": aged_roster, "失能": frail_roster}[family](m)
    return [(f"2022年{m:02d}月{ROSTER_NAMES[family]}", layout, rows)]


def titles(title: str, m: int, day: int = 2) -> tuple[str, str]:
    return title, f"制表单位：{OFFICE}  日期：2022年{m}月{day}日"


def dibao_roster(m: int, kind: str = "城乡低保") -> Layout:
    return Layout((Col("序号"), Col("低保证号", "household_id"), Col("姓名", "head_name", group="户主"),
                   Col("身份证号", "head_id", "id", "户主"), Col("姓名", "name"), Col("身份证号码", "person_id", "id"),
                   Col("与户主关系", "relation"), Col("村(社区)", "village"), Col("组", "group_name"),
                   Col("类别", "sub_type"), Col("保障人数", "household_size"), Col("保障金额", "monthly_amount", "money"),
                   Col("纳入日期", "start_date", "cn"), Col("退出日期", "end_date", "m_dot"), Col("状态", "status"),
                   Col("银行账号", "bank_account"), Col("开户银行", "bank_name")),
                  titles(f"2022年{m}月{kind}对象名册", m), total="monthly_amount", ghosts=2)


def city_roster(m: int) -> Layout:
    return Layout((Col("序号"), Col("低保证号", "household_id"), Col("户主姓名", "head_name"),
                   Col("户主身份证号", "head_id", "id"), Col("姓名", "name"), Col("身份证号", "person_id", "id"),
                   Col("村(居)", "village"), Col("保障人数", "household_size"),
                   Col("月保障金额", "monthly_amount", "money"), Col("状态", "status"), Col("账号", "bank_account")),
                  titles(f"2022年{m}月城市低保对象名册", m), total="monthly_amount")


def tekun_roster(m: int) -> Layout:
    return Layout((Col("序号"), Col("姓名", "name"), Col("公民身份号码", "person_id", "id"), Col("村(居)", "village"),
                   Col("供养方式", "sub_type"), Col("月保障金额", "monthly_amount", "money"),
                   Col("审批日期", "start_date", "date"), Col("保障状态", "status", "normal"),
                   Col("卡号", "bank_account"), Col("开户银行", "bank_name")),
                  titles(f"2022年{m}月特困供养人员名册", m), total="monthly_amount", ghosts=1)


def kids_roster(m: int) -> Layout:
    return Layout((Col("序号"), Col("对象姓名", "name"), Col("身份证号", "person_id", "id"), Col("所属村", "village"),
                   Col("救助类别", "program", "short"), Col("供养方式", "sub_type"),
                   Col("保障金额", "monthly_amount", "money"), Col("起始保障年月", "start_date", "m_cn"),
                   Col("状态", "status"), Col("名册月份", "period", "m_dash")),
                  (f"2022年{m}月困境儿童基本生活保障对象名册",), total="monthly_amount")


def disability_roster(m: int) -> Layout:
    return Layout((Col("序号"), Col("姓名", "name"), Col("身份证号", "person_id", "id"),
                   Col("项目名称", "program", "short" if m % 2 else ""), Col("残疾等级", "disability_level"),
                   Col("补贴标准", "monthly_amount", "money"), Col("享受年月", "period", "m_compact"),
                   Col("状态", "status"), Col("终止日期", "end_date", "m_dot"), Col("银行账号", "bank_account"),
                   Col("村(居)", "village")),
                  (f"2022年{m}月残疾人两项补贴享受对象名册",), by_village=True, total="monthly_amount", ghosts=1)


def aged_roster(m: int) -> Layout:
    return Layout((Col("序号"), Col("姓名", "name"), Col("身份证号码", "person_id", "id"), Col("组", "group_name"),
                   Col("发放标准", "monthly_amount", "money"), Col("状态", "status"), Col("退出日期", "end_date", "cn"),
                   Col("银行账号", "bank_account"), Col("开户银行", "bank_name"), Col("村", "village")),
                  (f"庆隆镇2022年{m}月高龄津贴享受人员花名册",), by_village=True, total="monthly_amount")


def frail_roster(m: int) -> Layout:
    return Layout((Col("姓名", "name"), Col("身份证号", "person_id", "id"), Col("村(居)委会", "village"),
                   Col("救助类别", "program", "short"), Col("保障金额", "monthly_amount", "money"),
                   Col("享受年月", "period", "m_compact"), Col("状态", "status"), Col("终止日期", "end_date", "m_compact"),
                   Col("银行账号", "bank_account")), encoding="utf-8-sig")


def dibao_payments(m: int) -> Layout:
    return Layout((Col("序号"), Col("村(社区)", "village"), Col("姓名", "name"), Col("身份证号码", "person_id", "id"),
                   Col("救助类别", "program", "dibao"), Col("发放年月", "period", "month" if m % 2 else "m_dot"),
                   Col("发放金额", "amount", "money" if m % 2 else "yuan"), Col("发放日期", "paid_date", "slash"),
                   Col("领取人", "payee_name"), Col("领取人身份证号", "payee_id", "id"), Col("银行账号", "bank_account"),
                   Col("开户银行", "bank_name"), Col("领款人签字"), Col("备注", "note")),
                  titles(f"2022年{m}月城乡低保资金发放明细", m, 28), total="amount", ghosts=2)


def tekun_payments(m: int) -> Layout:
    return Layout((Col("序号"), Col("姓名", "name"), Col("身份证号", "person_id", "id"), Col("供养方式", "sub_type"),
                   Col("发放金额", "amount", "yuan" if m % 3 == 0 else "money"), Col("发放日期", "paid_date", "date"),
                   Col("姓名", "payee_name", group="收款人"), Col("身份证号码", "payee_id", "id", "收款人"),
                   Col("账号", "bank_account"), Col("领款人签字"), Col("备注", "note"), Col("村(居)", "village")),
                  titles(f"2022年{m}月特困供养资金发放明细", m, 28), by_village=True, total="amount")


def card_payments(m: int) -> Layout:
    csv_encoding = CSV_MONTHS.get(m, "")
    columns = (Col("序号"), Col("所属村(居)", "village"), Col("姓名", "name"), Col("享受人身份证号码", "person_id", "id"),
               Col("补贴项目", "program", "short" if m % 2 == 0 else ""),
               Col("所属期", "period", "m_compact" if csv_encoding else "m_cn"),
               Col("发放金额(元)", "amount", "comma" if csv_encoding else "money"),
               Col("到账日期", "paid_date", "cn" if csv_encoding else "date"), Col("账户名称", "payee_name"),
               Col("收款人身份证号", "payee_id", "id"), Col("户主身份证号", "head_id", "id"), Col("卡号", "bank_account"),
               Col("开户银行", "bank_name"), Col("发放方式", "method"), Col("登记备案号", "filing_no"), Col("备注", "note"))
    if csv_encoding:
        return Layout(columns, encoding=csv_encoding)
    return Layout(columns + (Col("领款人签字"),), (f"庆隆镇2022年{m}月惠民惠农财政补贴资金“一卡通”发放明细",),
                  total="amount", ghosts=1)


AGREEMENTS = Layout((Col("序号"), Col("对象姓名", "name"), Col("公民身份号码", "person_id", "id"),
                     Col("代领人姓名", "proxy_name"), Col("代领人身份证号", "proxy_id", "id"), Col("与对象关系", "relation"),
                     Col("签订日期", "signed_date", "date"), Col("备案日期", "filed_date", "cn"),
                     Col("有效期至", "valid_until", "slash")), ("庆隆镇社会救助资金代领协议备案登记表",))
STAFF = Layout((Col("姓名", "name"), Col("身份证号码", "person_id", "id"), Col("单位", "unit"), Col("职务", "role"),
                Col("类别", "kind"), Col("关联工作人员身份证号", "related_staff_id", "id"), Col("关系", "relation")),
               encoding="utf-8-sig")
CROSSCHECK = Layout((Col("姓名", "name"), Col("证件号码", "person_id", "id"), Col("比对来源", "source"),
                     Col("事项日期", "event_date", "slash"), Col("说明", "detail")), encoding="gb18030")
POTENTIAL = Layout((Col("姓名", "name"), Col("身份证号", "person_id", "id"), Col("村(居)", "village"),
                    Col("可能符合类别", "program"), Col("依据", "basis")), encoding="utf-16")
VISITS = Layout((Col("序号"), Col("姓名", "name"), Col("身份证号", "person_id", "id"), Col("村(居)", "village"),
                 Col("走访日期", "visit_date", "date"), Col("走访人", "visitor"), Col("情况", "note")),
                ("庆隆镇2022年特殊困难群众走访记录",))
INSTITUTIONS = Layout((Col("机构名称", "name"), Col("法人登记", "legal_registration"), Col("消防验收", "fire_approval"),
                       Col("合法产权", "property_right"), Col("食品经营许可", "catering_licence"),
                       Col("财务管理制度", "finance_rules"), Col("护理人员数", "caregivers"), Col("供养人数", "residents"),
                       Col("检查日期", "checked_on", "cn")), ("庆隆镇供养机构安全检查情况",))
ISSUE_FIELDS = ("issue_no", "village", "focus", "category", "description", "origin", "found_date", "persons", "amount",
                "responsible_unit", "responsible_person", "measures", "deadline", "status", "closed_date", "recovered",
                "referred")
ISSUES = Layout(tuple(Col(h, f, "cn" if f.endswith(("date", "deadline")) else "") for h, f in zip(
    ("问题编号", "村(居)/单位", "整治重点", "问题类别", "问题描述", "问题来源", "发现日期", "涉及对象", "涉及金额", "责任单位",
     "责任人", "整改措施", "整改时限", "整改状态", "销号日期", "追回金额", "是否移送纪委"), ISSUE_FIELDS)),
                ("庆隆镇困难群众救助补助突出问题专项整治问题台账",))


def ledger(villages: tuple[str, ...]) -> list[dict]:
    """A small 问题台账 as the office keeps it: one issue overdue, one closed, one long-term."""
    d = dt.date
    rows = (
        ("QL-2022-001", villages[1], "资金使用管理", "应退未退", "特困供养人员死亡后仍发放供养金", "信息比对",
         d(2022, 11, 20), "1人", 1864, "村民委员会", "村委会主任", "停发并追回多发资金", d(2022, 12, 31), "整改中",
         None, 932, "否"),
        ("QL-2022-002", OFFICE, "工作保障", "机构安全", "互助养老点未通过消防验收", "督导抽查", d(2022, 10, 18), "",
         None, OFFICE, "负责人", "申请消防验收，整改前暂停新增入住", d(2022, 11, 30), "整改中", None, None, "否"),
        ("QL-2022-003", villages[2], "政策执行", "应享未享", "年满80周岁老人未纳入高龄津贴", "走访排查",
         d(2022, 9, 5), "1人", None, "村民委员会", "村委会主任", "按程序申报纳入", d(2022, 10, 31), "已整改待销号",
         None, None, "否"),
        ("QL-2022-004", villages[0], "资金使用管理", "代领管理", "代领协议未报区民政局备案", "自查自纠",
         d(2022, 7, 15), "3人", None, "社区居民委员会", "社区主任", "补签协议并报备案", d(2022, 8, 31), "已销号",
         d(2022, 9, 30), None, "否"),
        ("QL-2022-005", villages[3], "关爱服务", "探访不到位", "分散供养特困人员未按月探访", "自查自纠",
         d(2022, 8, 10), "2人", None, "村民委员会", "村党委书记", "建立探访台账，每月至少探访一次", d(2022, 12, 31),
         "长期整改", None, None, "否"),
        ("QL-2022-006", villages[4], "资金使用管理", "违规代领", "村干部代领特困人员供养金", "信访举报",
         d(2022, 9, 12), "1人", 1864, "村民委员会", "村党委书记", "收回代领，资金退还本人", d(2022, 10, 31), "整改中",
         None, 1864, "是"),
    )
    return [dict(zip(ISSUE_FIELDS, row)) for row in rows]


README = """示例数据（合成数据，非真实信息）

本目录中的文件由程序随机生成，仅用于演示和测试“困难群众救助补助突出问题专项整治”看板。
所有姓名、身份证号、银行账号均为虚构，不对应任何真实人员；身份证号只保证格式和校验位有效。

内容：庆隆镇（镜滩社区、冬笋村、金源村、庆新村、同康村）2022年1—12月的救助对象名册和资金发放明细，
以及代领协议、工作人员及近亲属、信息比对、摸排对象、走访记录、供养机构和问题台账。
文件故意保留真实导出表格的常见问题（标题行、两行合并表头、合计行、空行、按村分表、旧版 .xls、
GB18030/UTF-16 编码的 CSV、多种日期和金额写法、带空格或全角字符的身份证号等），用于检验导入功能。

ground_truth.json 记录预置的疑点（分析日期 2022-12-31）和导入时应被隔离的错误行，供自动测试核对。
生成参数：规模 {scale}，随机种子 {seed}。
"""
