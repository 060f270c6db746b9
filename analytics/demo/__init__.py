"""A clearly labelled 示例数据 town for 庆隆镇 (domain.md §8): messy spreadsheets plus the findings planted in them.

    from analytics.demo import write_demo
    manifest = write_demo(Path("demo"))  # also written as demo/ground_truth.json

town models the people and their monthly rows, plants adds every finding and its near misses, messy writes files the
way real exports look. This module composes the town (who lives where, the other datasets, the rows the importer must
quarantine) and decides which rows go to which file in which layout.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from analytics.core import config as config_module
from analytics.core.errors import JiuzhuError
from analytics.demo import messy, plants
from analytics.demo import town as model
from analytics.demo.messy import (
    Col,
    Layout,
    aged_roster,
    card_payments,
    city_roster,
    cols,
    dibao_payments,
    dibao_roster,
    disability_roster,
    frail_roster,
    kids_roster,
    tekun_payments,
    tekun_roster,
)
from analytics.demo.town import (
    AGED,
    AS_OF,
    CARE,
    DIBAO,
    FRAIL,
    LIVING,
    OFFICE,
    ORPHAN,
    TEKUN,
    UNCARED,
    Town,
    aged,
    child_with_guardian,
    dibao_household,
    natural_death,
    span,
)

NEEDS_VISITS = {(TEKUN, "分散"), (ORPHAN, "散居"), (UNCARED, "")}
VISIT_NOTES = ("身体状况良好，生活有保障", "已询问近况，无特殊困难", "协助办理就医报销", "房屋安全，家中整洁", "已宣传救助政策")
CASH_MONTHS = (2, 5, 9, 12)  # filed cash relief; the unfiled plants use other months: one card-less row a month
ROSTER_FAMILY = {DIBAO: "低保", TEKUN: "特困", ORPHAN: "儿童", UNCARED: "儿童", LIVING: "残疾", CARE: "残疾", AGED: "高龄",
                 FRAIL: "失能"}
PAYMENT_FAMILY = {DIBAO: "低保", TEKUN: "特困"}  # everything else goes out on the 一卡通 list


def build_demo(scale: str = "town", seed: int = 42, config=None) -> Town:
    if scale not in model.SCALES:
        raise JiuzhuError(f"示例数据规模 {scale} 尚未提供，可选：{'、'.join(model.SCALES)}")
    town = Town(config or config_module.load(), random.Random(seed), model.SCALES[scale])
    for village in town.villages:
        populate(town, village)
    add_staff(town)
    add_temp_relief(town)
    add_institutions(town)
    plants.plant_all(town)
    add_quarantine_rows(town)
    add_visits(town)  # after the plants: some plants hold visits back
    return town


def write_demo(out_dir: Path, scale: str = "town", seed: int = 42) -> dict:
    town = build_demo(scale, seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files, quarantine, months = [], [], {}
    for name, layout, rows in file_plan(town, big=scale != "town"):
        quarantine += messy.write(out_dir / name, layout, rows, town.villages, seed)
        files.append(name)
        if rows and "period" in rows[0] and layout is not TRANSFERS:  # a year's transfers is no monthly file
            months[name] = f"{rows[0]['period']:%Y-%m}"
    findings = sorted(town.findings, key=lambda f: json.dumps(f, ensure_ascii=False))
    manifest = dict(as_of=AS_OF.isoformat(), seed=seed, scale=scale, files=files, months=months, findings=findings,
                    quarantine=quarantine, counts=dict(sorted(Counter(f["code"] for f in findings).items())))
    (out_dir / "ground_truth.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    (out_dir / "说明.txt").write_text(README.format(scale=scale, seed=seed), encoding="utf-8")
    return manifest


def populate(town: Town, village: str) -> None:
    """One village's recipients: about 260 rows a month at town scale, times town.factor at bigger scales."""
    n, rng = town.factor, town.rng
    for i in range(38 * n):  # one household enters and one leaves 低保 during the year
        first, last = rng.randint(3, 10) if i == 0 else 1, rng.randint(3, 10) if i == 1 else 12
        dibao_household(town, village, first=first, last=last)
    for sub, count in (("集中", 6), ("分散", 14)):
        for _ in range(count * n):
            old = town.person(village, span(1935, 1962))
            town.enrol(old, TEKUN, sub)
            if old.birth.year <= 1941:  # 特困 + 高龄津贴 is allowed
                town.enrol(old, AGED)
    for _ in range(n):
        town.enrol(town.person(village, span(2007, 2016)), ORPHAN, "集中")
    for _ in range(2 * n):
        child_with_guardian(town, village, ORPHAN, "散居")
        child_with_guardian(town, village, UNCARED, "")
    for i in range(30 * n):
        adult = town.person(village, span(1945, 2000))
        if i % 4:  # three in four are severely disabled (护理补贴), some of them also poor (生活补贴: allowed)
            town.enrol(adult, CARE, level=rng.choice(("一级", "二级")))
        if i % 4 == 0 or rng.random() < 0.2:
            town.enrol(adult, LIVING)
    for _ in range(62 * n):
        aged(town, village)
    for _ in range(3 * n):  # turned 80 this year: covered from the month after the birthday
        newcomer = town.person(village, (dt.date(1942, 1, 1), dt.date(1942, 10, 28)))
        town.enrol(newcomer, AGED, first=newcomer.birth.month + 1)
    for i in range(10 * n):  # the first leaves in May; the oldest also get 高龄津贴
        frail = town.person(village, span(1950, 1960) if i == 0 else span(1935, 1960))
        town.enrol(frail, FRAIL, amount=Decimal(200), last=5 if i == 0 else 12)
        if frail.birth.year <= 1941:
            town.enrol(frail, AGED)
    for _ in range(2 * n):
        natural_death(town, village)


# --- the other datasets' clean rows ---------------------------------------------------------------------------------
def add_staff(town: Town) -> None:
    for role in ("主任", "副主任", "社会救助专干", "工作人员"):
        town.staff_member(town.person(town.villages[0], span(1970, 1995)), OFFICE, role, "工作人员")
    for village in town.villages:
        for role in ("党委书记", "委员会主任"):
            town.staff_member(town.person(village, span(1965, 1990)), village, role, "村干部")


def add_temp_relief(town: Town) -> None:
    rng = town.rng
    for m in range(1, 13):
        for i in range(3 * town.factor):
            p = town.person(rng.choice(town.villages), span(1950, 1995))
            cash = i == 0 and m in CASH_MONTHS
            town.temp_relief(p, m, rng.choice((500, 800, 1000, 1500, 2000)), "现金" if cash else "银行",
                             f"庆民临备〔2022〕{m:02d}{i:02d}号" if cash else "", day=rng.randint(5, 26))


def add_institutions(town: Town) -> None:
    """Three homes: one complete at exactly the caregiver limit, two with gaps (the INSTITUTION_RISK plants)."""
    limit = town.config.rules.max_residents_per_caregiver
    complete = dict.fromkeys(("legal_registration", "fire_approval", "property_right", "catering_licence",
                              "finance_rules"), "是")
    for name, gaps, caregivers, residents in (("庆隆镇敬老院", {}, 3, 30),
                                              ("庆隆镇冬笋村互助养老点", {"fire_approval": "否", "catering_licence": ""}, 2, 12),
                                              ("庆隆镇金源村农村幸福院", {"legal_registration": "办理中"}, 2, 23)):
        town.institutions.append(dict(name=name, **complete | gaps, caregivers=caregivers, residents=residents,
                                      checked_on=dt.date(2022, 10, 18)))
        for item in gaps:
            town.expect("INSTITUTION_RISK", institution=name, item=item)
        if residents > limit * caregivers:
            town.expect("INSTITUTION_RISK", institution=name, item="caregiver_ratio")


def add_visits(town: Town) -> None:
    """A visit each month to everyone who must be visited, by a cadre of their village."""
    visitors = {s["unit"]: s["name"] for s in town.staff if s["kind"] == "村干部"}
    people = {p.id: p for p in town.people}
    done = set()
    for row in town.roster:
        key = (row["person_id"], row["period"])
        if row["status"] != "在保" or (row["program"], row["sub_type"]) not in NEEDS_VISITS or key in done:
            continue
        done.add(key)
        day = row["period"] + dt.timedelta(town.rng.randint(0, 27))
        if day <= town.visit_until.get(row["person_id"], AS_OF):
            town.visit(people[row["person_id"]], day, visitors[row["village"]], town.rng.choice(VISIT_NOTES))


def add_quarantine_rows(town: Town) -> None:
    """Rows the importer must set aside. They count as absent, so each sits where its absence changes nothing,
    except the negative amount: that month is then unpaid."""
    p = plants.pick(town, AGED, where=lambda e: e.person.id.isdigit())  # a visit to someone who needs none
    town.visit(p, dt.date(2022, 6, 8), _bad=("person_id", float(p.id), "ID stored as a number: last digits lost"))
    q = plants.pick(town, TEKUN, "分散")  # an extra visit beside the monthly ones
    town.visit(q, dt.date(2022, 11, 30), _bad=("visit_date", "2022年11月31日", "unparseable date (no 31 November)"))
    kin = plants.mine(town, town.person(town.villages[0], span(1970, 1990), male=False))  # staff kin, not covered
    office = [s["_person"] for s in town.staff if s["kind"] == "工作人员"]
    wrong = kin.id[:17] + ("0" if kin.id[17] != "0" else "1")
    town.staff_member(kin, OFFICE, "", "近亲属", office[1], "姐妹")["_bad"] = ("person_id", wrong, "wrong check digit")
    member = plants.pick(town, DIBAO, head=False)  # a member's row: not paid, in no other program
    town.find("roster", member, DIBAO, 3)["_bad"] = ("village", "金元村", "unknown village")
    care = plants.pick(town, CARE)
    row = town.find("payments", care, CARE, 6)
    row["_bad"] = ("amount", -float(row["amount"]), "negative amount")
    town.expect("UNPAID", care, CARE, 6)
    farmer = plants.mine(town, town.person(town.villages[3], span(1960, 1980)))  # 一卡通 also carries farm subsidies
    town.temp_relief(farmer, 5, 120).update(program="耕地地力保护补贴",
                                            _bad=("program", "耕地地力保护补贴", "unknown program"))


# --- which rows go to which file -----------------------------------------------------------------------------------
def file_plan(town: Town, big: bool = False) -> Iterator[tuple[str, Layout, list[dict]]]:
    """(file name, layout, rows) for every file; at big scales the monthly files are plain CSV."""
    order = {v: i for i, v in enumerate(town.villages)}
    rosters, payments = defaultdict(list), defaultdict(list)
    for row in town.roster:
        rosters[ROSTER_FAMILY[row["program"]], row["period"].month].append(row)
    for row in town.payments:
        payments[PAYMENT_FAMILY.get(row["program"], "一卡通"), row["period"].month].append(row)
    monthly = []
    for m in range(1, 13):
        for family in dict.fromkeys(ROSTER_FAMILY.values()):
            monthly += roster_files(family, m, sorted(rosters[family, m], key=lambda r: order[r["village"]]), big)
        for family, layout in (("低保", dibao_payments), ("特困", tekun_payments), ("一卡通", card_payments)):
            rows = sorted(payments[family, m], key=lambda r: order[r["village"]])
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
    yield "庆隆镇社会救助专项整治问题台账.xlsx", ISSUES, ledger(town.villages)
    yield "2022年区级救助资金拨付台账.xlsx", TRANSFERS, transfers(town)


def as_csv(layout: Layout) -> Layout:
    """A big export: one flat header (户主 + 姓名 = 户主姓名), no titles, no totals, UTF-8 with BOM."""
    columns = tuple(Col(c.group + c.header, c.field, "iso" if c.style in ("date", "month") else c.style)
                    for c in layout.columns)
    return Layout(columns, encoding="utf-8-sig")


ROSTER_NAMES = {"低保": "城乡低保对象名册.xlsx", "特困": "特困供养人员名册.xlsx", "儿童": "困境儿童保障对象名册.xlsx",
                "残疾": "残疾人两项补贴享受对象名册.xlsx", "高龄": "高龄津贴名册.xlsx", "失能": "经济困难失能老人补贴名册.csv"}
PAYMENT_NAMES = {"低保": "低保资金发放明细.xlsx", "特困": "特困供养发放明细.xlsx", "一卡通": "一卡通补贴资金发放明细.xlsx"}


def roster_files(family: str, m: int, rows: list[dict], big: bool) -> list[tuple[str, Layout, list[dict]]]:
    if family == "低保" and m == 6 and not big:  # June came as two files; 城保名册.xls knows its month by title only
        return [("城保名册.xls", city_roster(m), [r for r in rows if r["sub_type"] == "城市"]),
                ("2022年06月农村低保对象名册.xlsx", dibao_roster(m, "农村低保"), [r for r in rows if r["sub_type"] == "农村"])]
    layout = {"低保": dibao_roster, "特困": tekun_roster, "儿童": kids_roster, "残疾": disability_roster,
              "高龄": aged_roster, "失能": frail_roster}[family](m)
    return [(f"2022年{m:02d}月{ROSTER_NAMES[family]}", layout, rows)]


# the other datasets' layouts (the monthly ones are in messy; see messy.cols for the spec)
AGREEMENTS = Layout(cols("序号 对象姓名=name 公民身份号码=person_id:id 代领人姓名=proxy_name 代领人身份证号=proxy_id:id "
                         "与对象关系=relation 签订日期=signed_date:date 备案日期=filed_date:cn 有效期至=valid_until:slash"),
                    ("庆隆镇社会救助资金代领协议备案登记表",))
STAFF = Layout(cols("姓名=name 身份证号码=person_id:id 单位=unit 职务=role 类别=kind "
                    "关联工作人员身份证号=related_staff_id:id 关系=relation"), encoding="utf-8-sig")
CROSSCHECK = Layout(cols("姓名=name 证件号码=person_id:id 比对来源=source 事项日期=event_date:slash 说明=detail"),
                    encoding="gb18030")
POTENTIAL = Layout(cols("姓名=name 身份证号=person_id:id 村(居)=village 可能符合类别=program 依据=basis"),
                   encoding="utf-16")
VISITS = Layout(cols("序号 姓名=name 身份证号=person_id:id 村(居)=village 走访日期=visit_date:date 走访人=visitor "
                     "情况=note"), ("庆隆镇2022年特殊困难群众走访记录",))
INSTITUTIONS = Layout(cols("机构名称=name 法人登记=legal_registration 消防验收=fire_approval 合法产权=property_right "
                           "食品经营许可=catering_licence 财务管理制度=finance_rules 护理人员数=caregivers "
                           "供养人数=residents 检查日期=checked_on:cn"), ("庆隆镇供养机构安全检查情况",))
ISSUES = Layout(cols("问题编号=issue_no 村(居)/单位=village 整治重点=focus 问题类别=category 问题描述=description "
                     "问题来源=origin 发现日期=found_date:cn 涉及对象=persons 涉及金额=amount 责任单位=responsible_unit "
                     "责任人=responsible_person 整改措施=measures 整改时限=deadline:cn 整改状态=status "
                     "销号日期=closed_date:cn 追回金额=recovered 是否移送纪委=referred 佐证材料=evidence 备注=note"),
                ("庆隆镇困难群众救助补助突出问题专项整治问题台账",))
ISSUE_FIELDS = tuple(c.field for c in ISSUES.columns)
# (整治重点, 问题类别, 问题描述, 整改措施, 涉及金额) of the issues the office found by itself during the campaign
ISSUE_KINDS = (
    ("资金使用管理", "应退未退", "特困供养人员死亡后仍发放供养金", "停发并追回多发资金", 1864),
    ("政策执行", "应享未享", "年满80周岁老人未纳入高龄津贴", "按程序申报纳入", None),
    ("资金使用管理", "代领管理", "代领协议未报区民政局备案", "补签协议并报备案", None),
    ("关爱服务", "探访不到位", "分散供养特困人员未按月探访", "建立探访台账，每月至少探访一次", None),
    ("资金使用管理", "违规代领", "村干部代领特困人员供养金", "收回代领，资金退还本人", 1864),
    ("政策执行", "重复享受", "低保对象同时享受特困供养", "停发低保并追回重复发放资金", 2460),
    ("工作保障", "档案管理", "低保审核审批档案资料不全", "补齐入户调查和民主评议材料", None),
    ("资金使用管理", "拨付不及时", "残疾人两项补贴延迟发放", "建立按月发放台账，次月5日前核对", None),
    ("政策执行", "应退尽退", "家庭收入超标仍在保", "入户核查后按程序停保", 3120),
    ("关爱服务", "关爱帮扶", "事实无人抚养儿童未落实监护责任", "落实监护人并签订监护协议", None),
)
# (status, days from the found date to the deadline) of the issues found before and after 2022-09-26: the early ones
# are mostly closed, the late ones open, some overdue, some near their deadline at 2022-12-31
EARLY_COURSES = (("已销号", 30), ("已销号", 30), ("已整改待销号", 30), ("已销号", 30), ("长期整改", 180), ("整改中", 30))
LATE_COURSES = (("整改中", 70), ("待整改", 45), ("已整改待销号", 50), ("整改中", 80), ("待整改", 60), ("已销号", 15))
RECOVERED_SHARE = {"已销号": 1, "已整改待销号": 1, "整改中": 0.5}


TRANSFERS = Layout(cols("序号 资金所属月份=period:m_cn 救助类别=program 区拨付金额=amount:money 退回金额=returned:money "
                         "拨付文号=doc_no 备注=note"), ("铜梁区2022年困难群众救助补助资金拨付台账（庆隆镇）",))
TRANSFER_RETURNS = {("特困供养", 6): Decimal(932), ("低保", 9): Decimal(581)}  # a deceased's money sent back


def transfers(town: Town) -> list[dict]:
    """The district's monthly transfer per program: what the town paid, rounded up to the next thousand yuan, so
    the reconciliation shows a small 结余 every month; two months send money back."""
    paid = defaultdict(Decimal)
    for row in town.payments:
        if row["program"] in town.config.program_names and row["amount"] > 0:  # not the rows planted to be refused
            paid[row["program"], row["period"]] += Decimal(str(row["amount"]))
    rows = []
    for (program, period), amount in sorted(paid.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        returned = TRANSFER_RETURNS.get((program, period.month))
        rows.append(dict(period=period, program=program, amount=(amount // 1000 + 1) * 1000,
                         returned=returned, doc_no=f"铜民发〔2022〕{100 + period.month}号",
                         note="死亡对象资金退回" if returned else ""))
    return rows


def ledger(villages: tuple[str, ...]) -> list[dict]:
    """A 问题台账 as the office keeps it: issues of every 整治重点 in every village and the office, found from July to
    December, open, overdue, near their deadline, awaiting 销号, closed (with evidence), long-term and referred."""
    units = (*villages, OFFICE)
    rows = []
    for n in range(24):
        focus, category, description, measures, amount = ISSUE_KINDS[n % len(ISSUE_KINDS)]
        found = dt.date(2022, 7, 4) + dt.timedelta(days=n * 7)
        status, days = (EARLY_COURSES if n < 12 else LATE_COURSES)[n % 6]
        unit = units[n % len(units)]
        closed = found + dt.timedelta(days=days - 5) if status == "已销号" else None
        share = RECOVERED_SHARE.get(status) if amount else None
        referred = "是" if n % 5 == 4 else "否"
        rows.append(dict(zip(ISSUE_FIELDS, (
            f"QL-2022-{n + 1:03d}", unit, focus, category, description,
            ("自查自纠", "走访排查", "督导抽查", "信访举报")[n % 4], found, f"{1 + n % 3}人" if amount else "",
            amount, unit if unit == OFFICE else ("社区居民委员会" if "社区" in unit else "村民委员会"),
            ("负责人", "村委会主任", "村党委书记")[n % 3], measures, found + dt.timedelta(days=days), status, closed,
            round(amount * share, 2) if share else None, referred,
            f"整改报告及{('会议记录', '入户核查表', '资金退回凭证')[n % 3]}" if closed else None,
            "涉及村干部，已移送镇纪委" if referred == "是" else None))))
    return rows


# the campaign's milestone completions as the office records them in the app: (milestone, village index or None for the
# town, completed on, evidence); the last village never reports its self-check, 督导发现问题整改 and the summary are open
MILESTONE_RECORDS = (
    ("成立领导小组", None, dt.date(2022, 5, 9), "镇党委会议纪要〔2022〕12号"),
    ("制定实施方案并上报区", None, dt.date(2022, 6, 10), "庆隆府发〔2022〕36号"),
    *(("各村(居)上报自查情况", v, dt.date(2022, 9, 14 + v * 2), "自查情况报告及问题清单") for v in range(3)),
    ("各村(居)上报自查情况", 3, dt.date(2022, 9, 26), "自查情况报告（逾期补报）"),
    ("镇汇总报告上报区", None, dt.date(2022, 9, 24), "庆隆镇专项整治自查自纠阶段工作报告"),
    ("违纪线索移送镇纪委", None, dt.date(2022, 9, 28), "问题线索移送函2件"),
    ("配合区督导抽查", None, dt.date(2022, 10, 20), "督导抽查反馈意见"),
)


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
