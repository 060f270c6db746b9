"""Synthetic files that copy the structure of real office files (../shared/real-layouts.md R1–R6): header rows,
merges, title lines, footers and value formats as the offices have them; the people are made up (valid synthetic
IDs from analytics.importing.ids.make_id), never real.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl

from analytics.importing.ids import make_id

SPACE = "\u3000"


def synthetic_id(n: int, area: str = "500224", born: dt.date = dt.date(1950, 3, 1)) -> str:
    return make_id(area, born + dt.timedelta(days=37 * n), n % 900 + 11)


def id_ending_in_x(start: int) -> str:
    n = start
    while not (found := synthetic_id(n, "500113")).endswith("X"):
        n += 1
    return found


@dataclass
class Household:
    number: str                          # 低保证号 as the sheet writes it, spaces inside
    people: list[tuple[str, str]]        # (name, ID as written), head first
    parts: tuple[int | None, ...]        # 家庭补差, 重点救助60元, 重点救助100元, 残疾人救助

    @property
    def amount(self) -> Decimal:
        return Decimal(sum(p or 0 for p in self.parts))


@dataclass
class R1Village:
    sheet: str                           # the short name: 冬笋, not 冬笋村
    households: list[Household] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((h.amount for h in self.households), Decimal(0))

    @property
    def persons(self) -> int:
        return sum(len(h.people) for h in self.households)


def r1_villages() -> list[R1Village]:
    """Three villages' households: IDs with a lowercase x, an inner space, a pre-1997 area code."""
    villages, n = [], 1
    for v, sheet in enumerate(("冬笋", "金源", "庆新")):
        village = R1Village(sheet)
        for h, size in enumerate((3, 1, 2, 4)[: 3 + (v == 0)]):
            people = []
            for m in range(size):
                pid = synthetic_id(n, "510224" if n % 5 == 0 else "500224")
                if n == 2:
                    pid = id_ending_in_x(n).replace("X", "x")
                if n == 4:
                    pid = pid[:6] + " " + pid[6:]
                people.append((f"试{'甲乙丙丁戊己庚辛'[m]}{n}", pid))
                n += 1
            parts = (300 + 50 * h, 60 if h % 2 == 0 else None, 100 if h == 1 else None, 80 if size > 2 else None)
            village.households.append(Household(f"500224104 10{v} {h + 1:04d}", people, parts))
        villages.append(village)
    return villages


R1_COLUMNS = 14  # A..N


def r1_sheet_rows(village: R1Village, town: str = "庆隆镇", month: str = "2024年3月", kind: str = "城市") -> list[list]:
    """The 发放领取表 of one village as its cells: rows r1..r6 of header, the households, 合   计, 经办人签字."""
    blank = [None] * R1_COLUMNS

    def row(**cells) -> list:
        out = list(blank)
        for col, value in cells.items():
            out[ord(col) - 65] = value
        return out

    rows = [row(B=f"{town}{kind}居民最低生活保障金发放领取表" + (f"（{month}）" if month else "")),
            row(A=f"所属地区：{town}{SPACE}乡镇（街道）{SPACE}{village.sheet}{SPACE}村（居）委会"),
            row(A="序号", B="户主   姓名", C="低保证号", D="身份证号码", E="保障人数", H="领取金额", N="领款时间"),
            row(M="领款人签字"),
            row(E="重点保障人数", F="残疾", H="家庭", I="重点", J="重点", K="残疾人   救助", M="（章）"),
            row(F="人数", H="补差", I="救助60元", J="救助100元")]
    for number, household in enumerate(village.households, 1):
        for m, (name, pid) in enumerate(household.people):
            if m == 0:
                p = household.parts
                rows.append(row(A=number, B=name, C=household.number, D=pid, E=1, H=p[0], I=p[1], J=p[2], K=p[3]))
            else:
                rows.append(row(B=name, D=pid, E=1))
    totals = [sum(h.parts[i] or 0 for h in village.households) for i in range(4)]
    rows.append(row(A="合   计", E=village.persons, H=totals[0], I=totals[1], J=totals[2], K=totals[3]))
    rows.append(row(A="经办人签字："))
    rows += [list(blank), list(blank)]
    return rows


R1_MERGES = [(0, 0, 1, 13), (1, 1, 0, 13), (2, 5, 0, 0), (2, 5, 1, 1), (2, 5, 2, 2), (2, 5, 3, 3), (2, 5, 13, 13),
             (2, 3, 5, 6), (2, 3, 8, 11), (4, 5, 4, 4), (4, 5, 10, 10), (4, 5, 12, 12), (4, 4, 5, 6), (5, 5, 5, 6)]


def r1_xls(villages: list[R1Village] | None = None, month: str = "2024年3月", kind: str = "城市") -> bytes:
    """城保名册.xls: a legacy workbook, one sheet per village named by its short name, with the form's merges
    (month "": a title without the month)."""
    import xlwt
    book = xlwt.Workbook(encoding="utf-8")
    for village in villages or r1_villages():
        sheet = book.add_sheet(village.sheet)
        rows = r1_sheet_rows(village, month=month, kind=kind)
        merged = {(r0, c0) for r0, _, c0, _ in R1_MERGES}
        covered = {(r, c) for r0, r1, c0, c1 in R1_MERGES for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r0, r1, c0, c1 in R1_MERGES:
            sheet.write_merge(r0, r1, c0, c1, rows[r0][c0] or "")
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                if value is not None and (r, c) not in covered | merged:
                    sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx(*sheets: tuple[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


R2_HEADER = ["姓名", "身份证号", "户主身份证号", "与户主关系", "性别", "出生日期", "是否残疾", "残疾证号", "残疾类别", "残疾等级",
             "最初享受月", "开户银行", "银行账户名称", "银行帐号", "一卡通账号", "救助类型", "户月保障金额（元）",
             "家庭分类施保金额（元）", "合计分类施保金额（元）", "救助金计算方式", "分档类型", "合计（元）", "备注", "所属省", "所属市",
             "所属区", "所属街", "所属社", "家庭地址", "低保（特困）证号"]


def r2_households() -> list[list[tuple[str, str]]]:
    return [[(f"系统甲{h}{m}", synthetic_id(200 + 10 * h + m)) for m in range(size)]
            for h, size in enumerate((3, 1, 2))]


def r2_xlsx() -> bytes:
    """农村低保人员查询_20240301.xlsx: one person per row; the household's 户月保障金额 repeated on each member."""
    rows = [R2_HEADER]
    for h, members in enumerate(r2_households()):
        head = members[0][1]
        amount = 400 + 100 * h
        for m, (name, pid) in enumerate(members):
            rows.append([name, pid, "" if m == 0 else head, "本人" if m == 0 else "子女", "男", "1950-01-01", "否", "", "",
                         "", "2019.05", "农商行", members[0][0], f"62210000{h:04d}1234", f"9000{h:04d}", "农村低保",
                         amount, 0, 0, "差额", "一档", amount, "", "重庆市", "重庆市", "铜梁区", "庆隆镇", "冬笋村委会",
                         "冬笋村一组", f"低保{h + 1:04d}"])
    return xlsx(("Sheet1", rows))


R3_HEADER = ["排序序号", "户主姓名", "户主身份证号", "收款人姓名", "收款人身份证号", "银行账号", "开户银行", "村(居)委会", "村(居)民小组",
             "享受人", "享受人身份证号", "联系电话", "务工地点", "乘坐交通工具", "补贴标准", "补贴金额", "填报日期", "备注"]


def r3_xlsx(n: int = 4) -> bytes:
    """一卡通 清册: sheet 清册, no 发放日期, 发放年月 or 项目名称 — the batch has them."""
    rows = [R3_HEADER]
    for i in range(n):
        pid = synthetic_id(300 + i)
        rows.append([i + 1, f"清册{i}", pid, f"清册{i}", pid, f"6221000000{i:04d}", "农商行", "金源村", "三组", f"清册{i}", pid,
                     "", "", "", 120, 120, "2024-04-02", ""])
    return xlsx(("清册", rows))


R4_HEADER = ["火化日期", "序号", "姓名", "性别", "年龄", "发票号", "住址", "身份证号", "死亡日期", "死亡原因", "家属电话", "业务修改"]


def r4_xlsx(n: int = 3) -> bytes:
    """殡仪馆 火化基本信息统计表: a title over the header, no 比对来源 column."""
    rows = [["东台市殡仪馆火化基本信息统计表(东台分馆)"] + [None] * 11, R4_HEADER]
    for i in range(n):
        rows.append([f"2024-03-{10 + i}", i + 1, f"火化{i}", "男", "82岁", f"NO{i:05d}", "某地", synthetic_id(400 + i),
                     f"2024-03-{8 + i}", "病故", "", ""])
    return xlsx(("Sheet1", rows))


R5_HEADER = ["序号", "镇街", "村（社区）名称", "姓名", "性别", "年龄", "民族", "籍贯", "政治面貌", "职务/职称", "任职时间", "身份证号",
             "文化程度", "现居住地", "联系电话", "备注"]
R5_TABLES = (("村“两委”成员名册", ("书记", "主任", "委员")), ("村民小组长名册", ("一组组长", "二组组长")),
             ("村务监督委员会成员名册", ("主任", "委员")))


def r5_people() -> list[list[tuple[str, str]]]:
    """Per table (两委 / 村民小组长 / 监督委员会) its people; the 两委 委员 is also the 一组组长."""
    tables = [[(f"干部{t}{i}", synthetic_id(500 + 10 * t + i)) for i in range(len(roles))]
              for t, (_, roles) in enumerate(R5_TABLES)]
    tables[1][0] = tables[0][2]
    return tables


def r5_xlsx() -> bytes:
    """Three 名册 stacked on one sheet, each with its title, a 填报单位 line and its header."""
    rows = []
    for (title, roles), people in zip(R5_TABLES, r5_people()):
        rows += [[f"铜梁区庆隆镇冬笋村{title}"] + [None] * 15,
                 ["填报单位（盖章）：   冬笋村      填报人：   测试      填报时间： 2024.9.1"] + [None] * 15, R5_HEADER]
        rows += [[i + 1, "庆隆镇", "冬笋村", name, "男", 50, "汉族", "重庆", "中共党员", role, "2012.05", pid, "高中", "冬笋村",
                  "", ""] for i, ((name, pid), role) in enumerate(zip(people, roles))]
        rows.append([None] * 16)
    return xlsx(("Sheet1", rows))


R6_HEADER = ["序号", "区县", "所在区域", "1.所在村民小组", "2.户主姓名", "3.农户类型", "4.问题类型", "5.问题描述", "6.整改措施",
             "7.责任单位", "8.完成时限", "9.整改推进情况", "10.整改结果", "备注"]
R6_ISSUES = (("资金发放问题", "低保金发放不及时", 2024.3), ("政策落实不到位", "漏报家庭收入", "9月10日前完成"),
             ("其他", "未按期走访", "长期坚持"), ("⑩其他（请注明）", "档案不全", "2024年4月1号"))


def r6_xlsx() -> bytes:
    """问题台账: a blank row, a title, a numbered header and a row of instructions; no 问题编号, no 整治重点."""
    instructions = [None] * 5 + ["【监测户（已消除风险）、…其他一般农户】", "（①“两不愁”、②基本医疗、…⑩其他（请注明））"] + [None] * 7
    rows = [[None] * 14, ["2024冬笋村“脱贫攻坚”走访发现问题台账"] + [None] * 13, R6_HEADER, instructions]
    for i, (kind, text, deadline) in enumerate(R6_ISSUES):
        rows.append([i + 1, "铜梁区", "庆隆镇", "一组", f"台账{i}", "一般农户", kind, text, "立即整改", "冬笋村委", deadline, "推进中",
                     "", ""])
    return xlsx(("Sheet1", rows))
