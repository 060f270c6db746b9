"""Each finding of domain.md §5 planted at known places, next to the near misses that must not fire (ground truth).

A plant takes people no other plant has touched (Town.used), whose only enrolment is the one it changes and who are
covered all year, so the findings it expects are exactly what the rules imply; knock-on findings are expected beside it.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from analytics.demo.town import (
    AGED,
    CARE,
    DIBAO,
    FRAIL,
    LIVING,
    MONTHS,
    OFFICE,
    ORPHAN,
    TEKUN,
    UNCARED,
    Person,
    Town,
    aged,
    child_with_guardian,
    dibao_household,
    span,
)

d = dt.date


def plant_all(town: Town) -> None:
    for plant in (deaths, inactive, exclusive, double_paid, amounts, below_standard, back_pay, timing, proxies, staff,
                  shared_accounts, crosschecks, missed, ages, visits, temp_cash):
        plant(town)


def pick(town: Town, program: str, sub_type: str | None = None, head: bool | None = None, level: str = "",
         proxied: bool = False, where=lambda e: True) -> Person:
    """Someone covered by this program alone all year (a 低保 head or member, with or without a proxy as asked)."""
    counts = Counter(e.person.id for e in town.enrolments)
    options = [e for e in town.enrolments
               if e.program == program and sub_type in (None, e.sub_type) and level in ("", e.level)
               and e.first == 1 and e.last == 12 and (e.payee is not None) == proxied
               and counts[e.person.id] == 1 and e.person.id not in town.used
               and head in (None, e.person.head is e.person) and where(e)]
    person = town.rng.choice(options).person
    town.used.add(person.id)
    return person


def born_by(year: int, male: bool | None = None):
    """A `where` for pick: born in or before the year, and of the given sex."""
    return lambda e: e.person.birth.year <= year and male in (None, e.person.male)


def mine(town: Town, *people: Person) -> Person:
    """People a plant created: no later plant may pick them."""
    town.used.update(p.id for p in people)
    return people[0]


def collect(town: Town, p: Person, program: str, m: int, proxy: Person) -> None:
    town.find("payments", p, program, m).update(payee_id=proxy.id, payee_name=proxy.name)


def set_amount(town: Town, p: Person, program: str, m: int, amount: int) -> None:
    town.find("roster", p, program, m)["monthly_amount"] = Decimal(amount)
    town.find("payments", p, program, m)["amount"] = Decimal(amount)


def deaths(town: Town) -> None:
    # 分散特困 with 死亡 10-20 and 户籍注销 11-15: the earliest record counts, so Nov and Dec are paid after death;
    # still 在保 in December (DEAD_ON_ROSTER) and, of course, not visited since
    p = pick(town, TEKUN, "分散")
    town.crosschecked(p, "死亡", d(2022, 10, 20))
    town.crosschecked(p, "户籍注销", d(2022, 11, 15), "户籍注销比对")
    for m in (11, 12):
        town.expect("DEATH_PAID", p, TEKUN, m)
    town.expect("DEAD_ON_ROSTER", p, TEKUN)
    town.visit_until[p.id] = d(2022, 10, 19)
    town.expect("NOT_VISITED", p)
    # 高龄 火化 09-05, marked 死亡 on the October roster and gone after, yet paid Oct-Dec: also INACTIVE_PAID
    q = pick(town, AGED)
    town.crosschecked(q, "火化", d(2022, 9, 5), "殡葬火化数据比对")
    town.find("roster", q, AGED, 10).update(status="死亡", end_date=d(2022, 9, 5))
    for m in (11, 12):
        town.drop("roster", q, AGED, m)
    for m in (10, 11, 12):
        town.expect("DEATH_PAID", q, AGED, m)
        town.expect("INACTIVE_PAID", q, AGED, m)
    # a 低保 member (covered, not paid) died 06-11 and is still 在保 in December
    r = pick(town, DIBAO, head=False, where=born_by(1964))
    town.crosschecked(r, "死亡", d(2022, 6, 11))
    town.expect("DEAD_ON_ROSTER", r, DIBAO)
    # near miss: died on 12-01 and paid for December; the rules need a death dated before the first of the month
    town.crosschecked(pick(town, AGED), "死亡", d(2022, 12, 1))


def inactive(town: Town) -> None:
    # 生活补贴 停发 from July (listed 停发 in Jul and Aug, gone after), yet paid in July and August
    p = pick(town, LIVING)
    for m in (7, 8):
        town.find("roster", p, LIVING, m).update(status="停发", end_date=MONTHS[5])
        town.expect("INACTIVE_PAID", p, LIVING, m)
    for m in range(9, 13):
        town.drop("roster", p, LIVING, m)
        town.drop("payments", p, LIVING, m)


def exclusive(town: Town) -> None:
    p = pick(town, TEKUN, "分散")
    town.enrol(p, LIVING, first=11)  # 特困 and 生活补贴 may not go together
    for m in (11, 12):
        town.expect("EXCLUSIVE_DUP", p, TEKUN, m, program_b=LIVING)
    # a 低保 member (blank amount, still active) also made 分散特困 in December: the 复核 pair
    q = pick(town, DIBAO, head=False, where=born_by(1969))
    town.enrol(q, TEKUN, "分散", first=12)
    town.expect("EXCLUSIVE_DUP", q, TEKUN, 12, program_b=DIBAO)


def double_paid(town: Town) -> None:
    for program, m, day in ((AGED, 5, 20), (FRAIL, 8, 26)):
        p = pick(town, program)
        row = town.find("payments", p, program, m)
        town.add("payments", dict(row, paid_date=d(2022, m, day)))
        town.expect("DOUBLE_PAID", p, program, m)
        town.expect("AMOUNT_MISMATCH", p, program, m)  # 多发: the sum is twice the approved amount
    # near miss: a 0.00 row beside the real one is not a payment
    q = pick(town, AGED)
    town.add("payments", dict(town.find("payments", q, AGED, 7), amount=Decimal("0.00"), note="金额为零，未实际发放"))


def amounts(town: Town) -> None:
    p = pick(town, TEKUN, "分散")
    town.find("payments", p, TEKUN, 3)["amount"] = Decimal(900)
    town.expect("AMOUNT_MISMATCH", p, TEKUN, 3)
    q = pick(town, DIBAO, head=True)
    town.find("payments", q, DIBAO, 7)["amount"] += 30
    town.expect("AMOUNT_MISMATCH", q, DIBAO, 7)
    # near miss: approved x.50, paid x.51; a difference of exactly 0.01 is not > 0.01
    r = pick(town, DIBAO, head=True)
    town.find("roster", r, DIBAO, 4)["monthly_amount"] += Decimal("0.50")
    town.find("payments", r, DIBAO, 4)["amount"] += Decimal("0.51")


def below_standard(town: Town) -> None:
    p = pick(town, LIVING)  # never raised to 80 after 2022-10-01
    for m in (10, 11, 12):
        set_amount(town, p, LIVING, m, 70)
        town.expect("BELOW_STANDARD", p, LIVING, m)
    q = pick(town, CARE, level="一级")  # raised a month late
    set_amount(town, q, CARE, 10, 80)
    town.expect("BELOW_STANDARD", q, CARE, 10)
    r = pick(town, ORPHAN, "散居", proxied=True)  # a typo in one month: 1282 for 1382
    set_amount(town, r, ORPHAN, 4, 1282)
    town.expect("BELOW_STANDARD", r, ORPHAN, 4)


def back_pay(town: Town) -> None:
    # near miss: the rise reached these cards late: 70 on time plus 10 补发 paid in November, listed under October;
    # the sum equals the approved 80, and a 补发 row is never a second payment
    for _ in range(3):
        p = pick(town, CARE, level="二级")
        row = town.find("payments", p, CARE, 10)
        row["amount"] = Decimal(70)
        town.add("payments", dict(row, amount=Decimal(10), paid_date=d(2022, 11, 16), note="补发2022年10月提标差额"))


def timing(town: Town) -> None:
    for program, sub_type, m in ((FRAIL, None, 9), (ORPHAN, "散居", 12)):  # never paid
        p = pick(town, program, sub_type, proxied=program == ORPHAN)
        town.drop("payments", p, program, m)
        town.expect("UNPAID", p, program, m)
    for program, m, paid in ((AGED, 4, d(2022, 5, 6)), (CARE, 11, d(2022, 11, 29)), (DIBAO, 2, d(2022, 3, 1))):
        p = pick(town, program, head=True if program == DIBAO else None)  # paid after the 28th
        town.find("payments", p, program, m)["paid_date"] = paid
        town.expect("LATE_PAID", p, program, m)


def proxies(town: Town) -> None:
    # collected by a nephew from August; the agreement was signed 09-01 but filed 09-20, after the 09-15 payment
    p = pick(town, TEKUN, "分散")
    nephew = mine(town, town.person(p.village, span(1970, 1990)))
    town.agree(p, nephew, "侄子", d(2022, 9, 1), d(2022, 9, 20))
    for m in range(8, 13):
        collect(town, p, TEKUN, m, nephew)
    town.find("payments", p, TEKUN, 9)["paid_date"] = d(2022, 9, 15)
    for m in (8, 9):
        town.expect("PROXY_UNAGREED", p, TEKUN, m)
    # collected all year by a daughter under an agreement valid until 11-15: November's payment that very day
    # still counts, December's does not
    q = pick(town, AGED)
    daughter = mine(town, town.person(q.village, span(1955, 1975), male=False))
    town.agree(q, daughter, "女儿", d(2021, 11, 10), d(2021, 11, 20), d(2022, 11, 15))
    for m in range(1, 13):
        collect(town, q, AGED, m, daughter)
    town.find("payments", q, AGED, 11)["paid_date"] = d(2022, 11, 15)
    town.expect("PROXY_UNAGREED", q, AGED, 12)
    # a 低保 household's money collected by the head's spouse in March, no agreement
    spouses = {m.head.id: m for m in town.people if m.relation == "配偶"}
    r = pick(town, DIBAO, head=True, where=lambda e: e.person.id in spouses)
    collect(town, r, DIBAO, 3, spouses[r.id])
    town.expect("PROXY_UNAGREED", r, DIBAO, 3)


def staff(town: Town) -> None:
    office = [s["_person"] for s in town.staff if s["kind"] == "工作人员"]
    secretaries = {s["unit"]: s["_person"] for s in town.staff if s["role"] == "党委书记"}
    chairs = [s["_person"] for s in town.staff if s["role"] == "委员会主任"]
    p = pick(town, TEKUN, "分散")  # a 村干部 holds the card in July and August, no agreement
    for m in (7, 8):
        collect(town, p, TEKUN, m, secretaries[p.village])
        town.expect("STAFF_PROXY", p, TEKUN, m)
        town.expect("PROXY_UNAGREED", p, TEKUN, m)
    q = pick(town, FRAIL)  # 民政办 staff collects in November under a filed agreement: only STAFF_PROXY
    town.agree(q, office[3], "邻居", d(2022, 10, 20), d(2022, 10, 25))
    collect(town, q, FRAIL, 11, office[3])
    town.expect("STAFF_PROXY", q, FRAIL, 11)
    mother = pick(town, DIBAO, head=True, where=born_by(1965, male=False))  # of 民政办 staff
    town.staff_member(mother, OFFICE, "", "近亲属", office[2], "母子")
    town.expect("STAFF_KIN", mother, DIBAO)
    town.enrol(chairs[1], CARE, level="二级")  # a 村干部 on 护理补贴 himself, paid to himself: no STAFF_PROXY
    town.expect("STAFF_KIN", chairs[1], CARE)
    father = pick(town, DIBAO, head=False, where=born_by(1965, male=True))  # of a 村干部, a 低保 member
    town.staff_member(father, father.village, "", "近亲属", secretaries[father.village], "父子")
    town.expect("STAFF_KIN", father, DIBAO)
    # near misses: a cadre's wife (近亲属, not staff) collects her mother-in-law's 高龄 under an agreement;
    # a 近亲属 whose 失能老人补贴 ended in May is not in the latest snapshot
    old = pick(town, AGED)
    wife = mine(town, town.person(old.village, span(1965, 1985), male=False))
    town.staff_member(wife, old.village, "", "近亲属", chairs[0], "夫妻")
    town.agree(old, wife, "儿媳", d(2021, 3, 2), d(2021, 3, 9))
    for m in range(1, 13):
        collect(town, old, AGED, m, wife)
    town.staff_member(former_recipient(town), OFFICE, "", "近亲属", office[0], "兄弟")


def former_recipient(town: Town) -> Person:
    """Left 失能老人补贴 in May and covered by nothing else since."""
    return next(e.person for e in town.enrolments if e.program == FRAIL and e.last == 5)


def shared_accounts(town: Town) -> None:
    a, b = pick(town, AGED), pick(town, AGED)  # b's money goes to a's card in May and June
    for m in (5, 6):
        town.find("payments", b, AGED, m)["bank_account"] = a.account
        town.expect("SHARED_ACCOUNT", m=m, bank_account=a.account)
    head = pick(town, DIBAO, head=True)  # one-off relief of a stranger paid onto a 低保 head's card
    stranger = mine(town, town.person(head.village, span(1960, 1990)))
    town.temp_relief(stranger, 8, 1000, day=12)["bank_account"] = head.account
    town.expect("SHARED_ACCOUNT", m=8, bank_account=head.account)
    # near miss: a child's 护理补贴 on the head's card; both rows name the head, so one household
    child = pick(town, DIBAO, head=False,
                 where=lambda e: e.person.relation == "子女" and e.person.head.id not in town.used)
    town.enrol(mine(town, child, child.head), CARE, level="一级", payee=child.head)


def crosschecks(town: Town) -> None:
    v = town.villages
    rich = mine(town, dibao_household(town, v[4], head_name="刘䶮")[0])  # 䶮 needs GB18030, not GBK
    for source, day, detail in (("车辆", d(2022, 3, 10), "名下登记小型轿车1辆"), ("房产", d(2022, 5, 20), "城区商品房1套")):
        town.crosschecked(rich, source, day, detail)
        town.expect("CROSSCHECK_HIT", rich, source=source)
    member = pick(town, DIBAO, head=False, where=born_by(1999))
    town.crosschecked(member, "工商", d(2022, 7, 1), "登记为个体工商户经营者")
    town.expect("CROSSCHECK_HIT", member, source="工商")
    # near misses: a record dated after as_of; a record of someone no longer covered; a record of a non-recipient
    town.crosschecked(pick(town, AGED), "车辆", d(2023, 1, 5), "名下登记车辆")
    town.crosschecked(former_recipient(town), "社保养老金", d(2022, 8, 1), "领取城乡居民养老保险")
    town.crosschecked(town.person(v[1], span(1960, 1980)), "财政供养", d(2022, 4, 1), "财政供养人员")


def missed(town: Town) -> None:
    v = town.villages
    for village, program, born, basis in ((v[2], AGED, d(1942, 8, 16), "年满80周岁（户籍数据）"),
                                          (v[3], CARE, span(1960, 1990), "残联新办一级残疾证"),
                                          (v[1], DIBAO, span(1965, 1985), "医保大额自付费用")):
        p = mine(town, town.person(village, born))
        suggest(town, p, program, basis)
        town.expect("MISSED_ELIGIBLE", p, program)
    suggest(town, pick(town, AGED), AGED, "年满80周岁（户籍数据）")  # near miss: already covered
    dead = mine(town, town.person(v[4], span(1950, 1970)))  # near miss: died
    town.crosschecked(dead, "死亡", d(2022, 11, 3))
    suggest(town, dead, CARE, "残联新办二级残疾证")


def suggest(town: Town, p: Person, program: str, basis: str) -> None:
    town.potential.append(dict(person_id=p.id, name=p.name, village=p.village, program=program, basis=basis))


def ages(town: Town) -> None:
    # completed years on 2022-12-31: born 2004-12-31 is 18 (fires), born 2005-01-01 is 17 (does not);
    # born 1943-03-01 is 79 (fires), born 1942-12-31 is 80 (does not)
    v = town.villages
    for program, sub_type, born in ((ORPHAN, "散居", d(2004, 12, 31)), (UNCARED, "", d(2004, 5, 2))):
        town.expect("AGE_INELIGIBLE", mine(town, child_with_guardian(town, v[3], program, sub_type, born)), program)
    town.expect("AGE_INELIGIBLE", mine(town, aged(town, v[2], d(1943, 3, 1))), AGED)
    mine(town, child_with_guardian(town, v[1], ORPHAN, "散居", d(2005, 1, 1)))
    mine(town, aged(town, v[0], d(1942, 12, 31), first=12))


def visits(town: Town) -> None:
    # last visits 11-30 (one day outside the 30 days before as_of), never, and in October
    for program, sub_type, last in ((TEKUN, "分散", d(2022, 11, 30)), (ORPHAN, "散居", None),
                                    (UNCARED, "", d(2022, 10, 31))):
        p = pick(town, program, sub_type, proxied=program != TEKUN)
        town.visit_until[p.id] = last or d(2021, 12, 31)
        if last and last.month == 11:
            town.visit(p, last)
        town.expect("NOT_VISITED", p)
    for day in (d(2022, 12, 1), d(2022, 12, 31)):  # near misses: visits on the edges of the window
        p = pick(town, TEKUN, "分散")
        town.visit_until[p.id] = d(2022, 11, 30)
        town.visit(p, day)


def temp_cash(town: Town) -> None:
    for m, method, amount in ((3, "现金", 800), (7, "实物", 300), (11, "现金", 1000)):
        p = mine(town, town.person(town.villages[m % len(town.villages)], span(1955, 1990)))
        row = town.temp_relief(p, m, amount, method, day=m + 5)  # no 登记备案号
        town.expect("TEMP_CASH_UNFILED", p, paid_date=row["paid_date"].isoformat())
