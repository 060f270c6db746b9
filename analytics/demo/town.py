"""The sample town's people and their monthly roster and payment rows, clean under every check (domain.md §8).

Everything here is synthetic. The baseline is built so that no check of domain.md §5 fires on it; analytics.demo.plants
then adds each finding at a known place. Rows are dicts keyed by the contract's canonical field names, so one model
feeds every file layout and every scale (a scale only multiplies the head counts).
"""
from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from analytics.core.config import Config
from analytics.importing.ids import luhn_ok, make_id

DIBAO, TEKUN, ORPHAN, UNCARED = "低保", "特困供养", "孤儿", "事实无人抚养儿童"
LIVING, CARE, AGED, FRAIL, TEMP = "困难残疾人生活补贴", "重度残疾人护理补贴", "高龄津贴", "失能老人补贴", "临时救助"
MONTHS = tuple(dt.date(2022, m, 1) for m in range(1, 13))
AS_OF = dt.date(2022, 12, 31)
SCALES = {"town": 1, "district": 40}  # multiplies every head count; city scale is not built
OFFICE = "庆隆镇民政和社会事务办"
BANK = "重庆农村商业银行"
PAY_DAYS = (12, 15, 18, 20, 25, 28)  # 28 is the due day itself: still on time
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林唐谭蒋冉向邓余彭"
MALE = ("德明", "国强", "建华", "志刚", "永福", "光荣", "世平", "大友", "元富", "成军", "洪书", "明亮", "泽民", "安全")
FEMALE = ("秀英", "桂兰", "淑芬", "玉珍", "明珍", "素华", "春梅", "德芬", "凤英", "小琴", "翠华", "红梅", "兴秀")
CHILD = ("子涵", "浩然", "欣怡", "梓轩", "雨涵", "俊杰", "诗琪", "宇航", "佳怡", "博文", "一诺", "思远")


def span(first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(first, 1, 1), dt.date(last, 12, 31)


@dataclass(eq=False)
class Person:
    id: str
    name: str
    birth: dt.date
    village: str
    group: str
    account: str
    head: Person | None = None  # the 低保 household head, for members of a 低保 household
    relation: str = ""          # 与户主关系

    @property
    def male(self) -> bool:
        return int(self.id[16]) % 2 == 1  # the ID's 17th digit

    def age_on(self, day: dt.date) -> int:
        return day.year - self.birth.year - ((day.month, day.day) < (self.birth.month, self.birth.day))


@dataclass(eq=False)
class Enrolment:
    person: Person
    program: str
    sub_type: str = ""
    level: str = ""                # 残疾等级 of 护理补贴
    first: int = 1                 # first month covered
    last: int = 12                 # last month covered; the month after shows one inactive row
    exit_status: str = "退出"
    amount: Decimal | None = None  # fixed approved amount (低保 household, 失能); None = by standard or age
    payee: Person | None = None    # guardian or proxy (with a filed agreement), or the 低保 head for a child
    household_no: str = ""
    size: int | None = None
    started: dt.date | None = None

    @property
    def pays(self) -> bool:
        """低保 pays the household head; members are covered with a blank amount."""
        return self.program != DIBAO or self.person.head is self.person


@dataclass
class Town:
    config: Config
    rng: random.Random
    factor: int
    people: list[Person] = field(default_factory=list)
    enrolments: list[Enrolment] = field(default_factory=list)
    roster: list[dict] = field(default_factory=list)
    payments: list[dict] = field(default_factory=list)
    agreements: list[dict] = field(default_factory=list)
    staff: list[dict] = field(default_factory=list)
    crosscheck: list[dict] = field(default_factory=list)
    potential: list[dict] = field(default_factory=list)
    visits: list[dict] = field(default_factory=list)
    institutions: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    visit_until: dict[str, dt.date] = field(default_factory=dict)  # generated visits after this date are left out
    used: set[str] = field(default_factory=set)                    # people a plant has taken
    _ids: set[str] = field(default_factory=set)
    _accounts: set[str] = field(default_factory=set)
    _institution_accounts: dict[str, str] = field(default_factory=dict)  # program -> where its 集中 money goes
    _standards: dict[tuple, Decimal] = field(default_factory=dict)
    _index: dict[tuple, list[dict]] = field(default_factory=lambda: defaultdict(list))

    @property
    def villages(self) -> tuple[str, ...]:
        return self.config.village_names

    # --- people and accounts -------------------------------------------------------------------------------------
    def person(self, village: str, born: dt.date | tuple[dt.date, dt.date], male: bool | None = None,
               name: str = "", relation: str = "") -> Person:
        rng = self.rng
        birth = born if isinstance(born, dt.date) else born[0] + dt.timedelta(rng.randint(0, (born[1] - born[0]).days))
        male = rng.random() < 0.5 if male is None else male
        given = CHILD if birth.year >= 2003 else MALE if male else FEMALE
        p = Person(self._new_id(birth, male), name or rng.choice(SURNAMES) + rng.choice(given), birth, village,
                   f"{rng.randint(1, 8)}组", self.account(), relation=relation)
        self.people.append(p)
        return p

    def _new_id(self, birth: dt.date, male: bool) -> str:
        # IDs issued after 铜梁县 became a district (2014) carry 500151
        area = "500151" if birth.year >= 2012 or self.rng.random() < 0.1 else "500224"
        while True:
            pid = make_id(area, birth, self.rng.randrange(1 if male else 2, 999, 2))  # 17th digit odd = male
            if pid not in self._ids:
                self._ids.add(pid)
                return pid

    def account(self) -> str:
        """A new card number, Luhn-valid and never reused: only the plants share a card."""
        while True:
            body = "623190" + "".join(str(self.rng.randrange(10)) for _ in range(12))
            number = body + next(d for d in "0123456789" if luhn_ok(body + d))
            if number not in self._accounts:
                self._accounts.add(number)
                return number

    # --- enrolments and their monthly rows ------------------------------------------------------------------------
    def enrol(self, person: Person, program: str, sub_type: str = "", **kw) -> Enrolment:
        e = Enrolment(person, program, sub_type, **kw)
        if e.started is None:
            e.started = (dt.date(2022, e.first, self.rng.randint(1, 20)) if e.first > 1
                         else dt.date(self.rng.randint(2012, 2021), self.rng.randint(1, 12), 1))
        self.enrolments.append(e)
        for m in range(e.first, min(e.last + 1, 12) + 1):
            self._roster_row(e, m, active=m <= e.last)
            if m <= e.last and e.pays:
                self.add("payments", self._payment_row(e, m))
        return e

    def approved(self, e: Enrolment, month: dt.date) -> Decimal | None:
        if e.program == DIBAO or e.amount is not None:
            return e.amount
        if e.program == AGED:
            age = e.person.age_on(month)
            return Decimal(300 if age >= 100 else 100 if age >= 90 else 50)
        return self.standard(e.program, e.sub_type or e.level, month)

    def standard(self, program: str, sub_type: str, month: dt.date) -> Decimal:
        key = (program, sub_type, month)
        if key not in self._standards:
            rates = [s for s in self.config.standards
                     if s.program == program and s.sub_type in ("", sub_type) and s.effective <= month]
            self._standards[key] = max(rates, key=lambda s: s.effective).amount
        return self._standards[key]

    def account_of(self, e: Enrolment) -> str:
        if e.sub_type == "集中":
            if e.program not in self._institution_accounts:
                self._institution_accounts[e.program] = self.account()
            return self._institution_accounts[e.program]
        return (e.payee or e.person).account

    def _roster_row(self, e: Enrolment, m: int, active: bool) -> None:
        p, month = e.person, MONTHS[m - 1]
        head = p.head if e.program == DIBAO else None
        ended = e.last < 12 and m >= e.last and e.exit_status == "退出"
        self.add("roster", dict(
            program=e.program, period=month, village=p.village, person_id=p.id, name=p.name, sub_type=e.sub_type,
            disability_level=e.level, monthly_amount=self.approved(e, month), household_id=e.household_no,
            head_id=head.id if head else "", head_name=head.name if head else "", household_size=e.size,
            relation=p.relation if head else "", start_date=e.started, end_date=MONTHS[e.last - 1] if ended else None,
            status="在保" if active else e.exit_status, bank_account=self.account_of(e) if e.pays else "",
            bank_name=BANK if e.pays else "", group_name=p.group))

    def _payment_row(self, e: Enrolment, m: int) -> dict:
        p, month = e.person, MONTHS[m - 1]
        payee = None if e.sub_type == "集中" else e.payee or p  # institutions are paid by account, no payee named
        family = {DIBAO: 0, TEKUN: 1}.get(e.program, 2)        # the payment file the row goes out in
        day = PAY_DAYS[(family * 2 + self.villages.index(p.village) + m) % len(PAY_DAYS)]
        head = p.head if family == 2 else None                  # only the 一卡通 list has a 户主 column
        return dict(
            period=month, person_id=p.id, name=p.name, program=e.program, sub_type=e.sub_type,
            amount=self.approved(e, month), paid_date=month.replace(day=day), village=p.village,
            head_id=head.id if head else "", head_name=head.name if head else "",
            payee_id=payee.id if payee else "", payee_name=payee.name if payee else "",
            bank_account=self.account_of(e), bank_name=BANK, method="银行", filing_no="", note="")

    def temp_relief(self, p: Person, m: int, amount: int, method: str = "银行", filing_no: str = "",
                    day: int = 10) -> dict:
        by_bank = method == "银行"
        return self.add("payments", dict(
            period=MONTHS[m - 1], person_id=p.id, name=p.name, program=TEMP, sub_type="", amount=Decimal(amount),
            paid_date=dt.date(2022, m, day), village=p.village, head_id="", head_name="", payee_id=p.id,
            payee_name=p.name, bank_account=p.account if by_bank else "", bank_name=BANK if by_bank else "",
            method=method, filing_no=filing_no, note=""))

    # --- row index, the other datasets, ground truth ----------------------------------------------------------------
    def add(self, kind: str, row: dict) -> dict:
        getattr(self, kind).append(row)
        if kind in ("roster", "payments"):
            self._index[kind, row["person_id"], row["program"], row["period"].month].append(row)
        return row

    def find(self, kind: str, person: Person, program: str, m: int) -> dict:
        (row,) = self._index[kind, person.id, program, m]
        return row

    def drop(self, kind: str, person: Person, program: str, m: int) -> None:
        row = self.find(kind, person, program, m)
        getattr(self, kind).remove(row)
        self._index[kind, person.id, program, m].remove(row)

    def agree(self, p: Person, proxy: Person, relation: str, signed: dt.date, filed: dt.date | None,
              valid_until: dt.date | None = None) -> None:
        self.agreements.append(dict(person_id=p.id, name=p.name, proxy_name=proxy.name, proxy_id=proxy.id,
                                    relation=relation, signed_date=signed, filed_date=filed, valid_until=valid_until))

    def crosschecked(self, p: Person, source: str, day: dt.date, detail: str = "公安户籍比对") -> None:
        self.crosscheck.append(dict(person_id=p.id, name=p.name, source=source, event_date=day, detail=detail))

    def staff_member(self, p: Person, unit: str, role: str, kind: str, related: Person | None = None,
                     relation: str = "") -> dict:
        return self.add("staff", dict(person_id=p.id, name=p.name, unit=unit, role=role, kind=kind,
                                      related_staff_id=related.id if related else "", relation=relation, _person=p))

    def visit(self, p: Person, day: dt.date, visitor: str = "", note: str = "", **extra) -> dict:
        return self.add("visits", dict(person_id=p.id, name=p.name, village=p.village, visit_date=day,
                                       visitor=visitor, note=note, **extra))

    def expect(self, code: str, person: Person | None = None, program: str | None = None, m: int | None = None,
               **extra) -> None:
        """One finding of the ground truth, keyed as domain.md §5 keys it (no month, no program where it has none)."""
        self.findings.append(dict(code=code, person_id=person.id if person else None, program=program,
                                  period=f"2022-{m:02d}" if m else None, **extra))


def dibao_household(town: Town, village: str, first: int = 1, last: int = 12, head_name: str = "") -> list[Person]:
    rng = town.rng
    head = town.person(village, span(1950, 1990), name=head_name, relation="户主")
    members = [head]
    if rng.random() < 0.6:
        near = (head.birth - dt.timedelta(1000), min(head.birth + dt.timedelta(1000), dt.date(1995, 1, 1)))
        members.append(town.person(village, near, male=not head.male, relation="配偶"))
    if head.birth.year >= 1970:
        members += [town.person(village, span(2006, 2019), relation="子女") for _ in range(rng.randint(0, 2))]
    if rng.random() < 0.25:
        members.append(town.person(village, span(1928, 1941), relation="父母"))
    sub = "城市" if village == town.villages[0] else "农村"  # 镜滩社区 is the town's urban community
    amount = Decimal(round(len(members) * (717 if sub == "城市" else 581) * rng.uniform(0.35, 0.9)))
    number = f"庆低{sub[0]}{len(town.people):05d}"
    for m in members:
        m.head, m.group = head, head.group
        town.enrol(m, DIBAO, sub, amount=amount if m is head else None, size=len(members), household_no=number,
                   first=first, last=last)
    for m in members:
        child = m.birth.year >= 2004  # a child's subsidies are paid to the head, on the head's card
        if m.relation == "父母":
            town.enrol(m, AGED)
        if rng.random() < 0.2:
            town.enrol(m, LIVING, payee=head if child else None)
        if rng.random() < 0.08:
            town.enrol(m, CARE, level=rng.choice(("一级", "二级")), payee=head if child else None)
    return members


def child_with_guardian(town: Town, village: str, program: str, sub_type: str,
                        born: dt.date | tuple = span(2006, 2019)) -> Person:
    child = town.person(village, born)
    guardian = town.person(village, span(1950, 1985))  # one guardian per child: no card serves two households
    town.agree(child, guardian, town.rng.choice(("祖父母", "外祖父母", "叔伯", "姑姨")), *filed_dates(town))
    town.enrol(child, program, sub_type, payee=guardian)
    if town.rng.random() < 0.15:
        town.enrol(child, CARE, level="一级", payee=guardian)
    return child


def aged(town: Town, village: str, born: dt.date | tuple = span(1920, 1941), **kw) -> Person:
    p = town.person(village, born)
    proxy = None
    if p.birth.year <= 1930 and town.rng.random() < 0.3:
        proxy = town.person(village, span(1955, 1975))
        town.agree(p, proxy, "子女", *filed_dates(town))
    town.enrol(p, AGED, payee=proxy, **kw)
    return p


def filed_dates(town: Town) -> tuple[dt.date, dt.date]:
    signed = dt.date(town.rng.randint(2019, 2021), town.rng.randint(1, 11), town.rng.randint(1, 28))  # filed by 2022
    return signed, signed + dt.timedelta(town.rng.randint(3, 20))


def natural_death(town: Town, village: str) -> None:
    """Paid to the month of death, marked 死亡 on the next roster, gone after: nothing fires."""
    p = town.person(village, span(1920, 1941))
    m = town.rng.randint(2, 11)
    day = dt.date(2022, m, town.rng.randint(1, 28))
    town.enrol(p, AGED, last=m, exit_status="死亡")
    town.find("roster", p, AGED, m + 1)["end_date"] = day
    town.crosschecked(p, town.rng.choice(("死亡", "火化")), day)
