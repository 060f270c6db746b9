"""The money findings of domain.md §5, each as "given these rows, expect exactly these findings", near misses included.

Rows go straight into a fresh store's live tables (one import batch per dataset, so sources resolve); `Rows` is also
used by tests/test_findings_people.py and tests/test_findings_engine.py.
"""
from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from analytics.findings import BY_CODE, findings, refresh
from conftest import person

AS_OF = dt.date(2022, 12, 31)


def m(month: int) -> dt.date:
    return dt.date(2022, month, 1)


class Rows:
    """Hand-made live rows; each dataset is one batch named "<dataset>.xlsx", rows numbered from 2 on Sheet1."""

    def __init__(self, con):
        self.con, self.batches, self.numbers = con, {}, itertools.count(2)

    def add(self, table: str, **row) -> int:
        if table not in self.batches:
            (batch_id,) = self.con.execute("select nextval('batch_id_seq')").fetchone()
            self.con.execute("insert into import_batch (batch_id, file_name, sha256, size_bytes, kind, uploaded_by, "
                             "uploaded_at, rows_read, rows_imported, rows_quarantined, strict) "
                             "values (?, ?, 'x', 0, ?, '测试', now(), 0, 0, 0, false)", [batch_id, f"{table}.xlsx", table])
            self.batches[table] = batch_id
        row_no = next(self.numbers)
        columns = ["batch_id", "sheet", "row_no", *row]
        self.con.execute(f"insert into {table} ({', '.join(columns)}) values ({', '.join('?' * len(columns))})",
                         [self.batches[table], "Sheet1", row_no, *row.values()])
        return row_no

    def roster(self, pid: str, program: str, month: int, amount="932", village="冬笋村", status="在保", **kw) -> int:
        return self.add("roster", person_id=pid, name=kw.pop("name", "对象" + pid[-4:]), program=program,
                        period=m(month), village=village, monthly_amount=None if amount is None else Decimal(amount),
                        status=status, **kw)

    def payment(self, pid: str, program: str, month: int, amount="932", day: int = 20, village="冬笋村", **kw) -> int:
        paid = kw.pop("paid_date", m(month).replace(day=day))
        return self.add("payments", person_id=pid, name=kw.pop("name", "对象" + pid[-4:]), program=program,
                        period=m(month), amount=Decimal(amount), paid_date=paid, village=village, **kw)


def keys(con, config, code: str, as_of: dt.date = AS_OF) -> set[tuple]:
    """Refresh, then the findings of one code as tuples of its key fields (period as YYYY-MM, dates ISO)."""
    refresh(con, config, as_of)
    frame = findings(con, codes=(code,))
    out = set()
    for row in frame.to_dict("records"):
        values = []
        for field in BY_CODE[code].key:
            value = row[field]
            if field == "period":
                value = value.strftime("%Y-%m")
            elif field == "paid_date":
                value = value.strftime("%Y-%m-%d")
            values.append(value)
        out.add(tuple(values))
    return out


def one(con, code: str) -> dict:
    (row,) = findings(con, codes=(code,)).to_dict("records")
    return row


A, B, C, D, E, F = (person(n) for n in range(1, 7))
KID = person(40, dt.date(2008, 1, 1))


def test_death_paid_needs_a_death_dated_before_the_first_of_the_month(fresh_db, config):
    rows = Rows(fresh_db)
    for month in (9, 10):
        rows.payment(A, "特困供养", month)
        rows.payment(B, "特困供养", month)
    rows.payment(C, "临时救助", 10, "500")
    rows.add("crosscheck", person_id=A, source="死亡", event_date=dt.date(2022, 9, 1))  # first day of September
    rows.add("crosscheck", person_id=B, source="死亡", event_date=dt.date(2022, 9, 30))
    rows.add("crosscheck", person_id=B, source="火化", event_date=dt.date(2022, 8, 31))  # the earliest counts
    rows.add("crosscheck", person_id=C, source="户籍注销", event_date=dt.date(2022, 7, 14))
    rows.add("crosscheck", person_id=D, source="车辆", event_date=dt.date(2022, 1, 1))
    assert keys(fresh_db, config, "DEATH_PAID") == {(A, "特困供养", "2022-10"), (B, "特困供养", "2022-09"),
                                                    (B, "特困供养", "2022-10"), (C, "临时救助", "2022-10")}
    found = findings(fresh_db, codes=("DEATH_PAID",))
    assert "2022年10月发放 500.00 元，但该对象已于 2022-07-14 死亡（户籍注销记录）" in set(found["explanation"])


def test_inactive_paid_needs_an_uploaded_roster_of_their_village_that_lacks_them(fresh_db, config):
    rows = Rows(fresh_db)
    rows.roster(A, "高龄津贴", 5, "100", status="停发")
    rows.roster(B, "高龄津贴", 5, "100", end_date=dt.date(2022, 4, 30))  # 在保 in words, ended in April
    rows.roster(C, "高龄津贴", 5, "100")
    rows.roster(E, "高龄津贴", 5, "100", village="金源村")  # active, but in another village than the payment's
    for pid in (A, B, C, D, E):
        rows.payment(pid, "高龄津贴", 5, "100")
    rows.payment(F, "高龄津贴", 5, "100", village="同康村")  # no 同康村 roster, but on no May roster at all (S9)
    rows.payment(C, "高龄津贴", 6, "100")  # no roster uploaded for June at all
    rows.roster(A, "高龄津贴", 7, "100", village="金源村")
    rows.payment(A, "高龄津贴", 7, "100", village=None)  # no village on the row: their roster village that month
    assert keys(fresh_db, config, "INACTIVE_PAID") == {(A, "高龄津贴", "2022-05"), (B, "高龄津贴", "2022-05"),
                                                       (D, "高龄津贴", "2022-05"), (E, "高龄津贴", "2022-05"),
                                                       (F, "高龄津贴", "2022-05")}
    texts = set(findings(fresh_db, codes=("INACTIVE_PAID",))["explanation"])
    assert "2022年5月冬笋村高龄津贴名册中该对象状态为“停发”，但仍发放 100.00 元" in texts
    assert "2022年5月冬笋村高龄津贴名册中无此人，但仍发放 100.00 元" in texts


def test_double_paid_counts_positive_rows_but_never_back_pay_or_one_off_relief(fresh_db, config):
    rows = Rows(fresh_db)
    rows.payment(A, "高龄津贴", 5, "100", day=12)
    rows.payment(A, "高龄津贴", 5, "100", day=20)
    rows.payment(B, "重度残疾人护理补贴", 10, "70")
    rows.payment(B, "重度残疾人护理补贴", 10, "10", paid_date=dt.date(2022, 11, 16), note="补发2022年10月提标差额")
    rows.payment(C, "高龄津贴", 7, "100")
    rows.payment(C, "高龄津贴", 7, "0.00", note="金额为零，未实际发放")
    rows.payment(D, "临时救助", 3, "500")
    rows.payment(D, "临时救助", 3, "800")
    assert keys(fresh_db, config, "DOUBLE_PAID") == {(A, "高龄津贴", "2022-05")}
    assert one(fresh_db, "DOUBLE_PAID")["amount"] == 100


def test_double_paid_by_two_villages_that_both_list_the_person(fresh_db, config):
    """Each village's roster row pairs with its own payment, yet the month is paid twice."""
    rows = Rows(fresh_db)
    for village in ("冬笋村", "金源村"):
        rows.roster(A, "特困供养", 6, village=village)
        rows.payment(A, "特困供养", 6, village=village)
    rows.roster(B, "特困供养", 6)
    rows.payment(B, "特困供养", 6)
    rows.roster(C, "特困供养", 6)  # control: listed and paid once
    rows.payment(C, "特困供养", 6)
    rows.payment(C, "特困供养", 6, day=21)
    assert keys(fresh_db, config, "DOUBLE_PAID", dt.date(2022, 6, 30)) == {(A, "特困供养", "2022-06"),
                                                                         (C, "特困供养", "2022-06")}


def test_amount_mismatch_sums_back_pay_and_tolerates_one_cent(fresh_db, config):
    rows = Rows(fresh_db)
    for pid, approved, paid in ((A, "932", ["900"]), (B, "80", ["70", "10"]), (C, "300.50", ["300.51"]),
                                (D, "100", ["100", "100"]), (E, None, ["581"])):
        rows.roster(pid, "高龄津贴", 3, approved)
        for amount in paid:
            rows.payment(pid, "高龄津贴", 3, amount, note="补发" if amount == "10" else None)
    rows.roster(F, "临时救助", 3, "500")
    rows.payment(F, "临时救助", 3, "800")
    assert keys(fresh_db, config, "AMOUNT_MISMATCH") == {(A, "高龄津贴", "2022-03"), (D, "高龄津贴", "2022-03")}
    texts = set(findings(fresh_db, codes=("AMOUNT_MISMATCH",))["explanation"])
    assert "2022年3月核定 932.00 元，实发 900.00 元（1 笔），少发 32.00 元" in texts


def test_below_standard_uses_the_standard_in_force_by_sub_type_and_grade(fresh_db, config):
    rows = Rows(fresh_db)
    rows.roster(A, "困难残疾人生活补贴", 9, "70")   # 70 until 2022-10-01
    rows.roster(A, "困难残疾人生活补贴", 10, "70")  # then 80
    rows.roster(B, "重度残疾人护理补贴", 10, "80", disability_level="二级")  # 二级 is 80 from October
    rows.roster(C, "重度残疾人护理补贴", 10, "80", disability_level="一级")  # 一级 is 90
    rows.roster(D, "孤儿", 4, "1382", sub_type="散居")
    rows.roster(E, "孤儿", 4, "1382", sub_type="集中")  # 集中 is 1582
    rows.roster(F, "高龄津贴", 4, "50")  # no fixed standard
    rows.roster(KID, "事实无人抚养儿童", 4, "1282", status="停发")  # not active: compared with nothing (issue 16 S12)
    assert keys(fresh_db, config, "BELOW_STANDARD") == {(A, "困难残疾人生活补贴", "2022-10"),
                                                        (C, "重度残疾人护理补贴", "2022-10"), (E, "孤儿", "2022-04")}


def test_unpaid_needs_an_approved_amount_and_as_of_past_the_due_day(fresh_db, config):
    rows = Rows(fresh_db)
    rows.roster(A, "失能老人补贴", 9, "200")
    rows.roster(B, "失能老人补贴", 9, "200")
    rows.payment(B, "失能老人补贴", 9, "0.00")  # a 0.00 row is not a payment
    rows.roster(C, "低保", 9, None, head_id=D)  # a covered member is not paid
    rows.roster(D, "低保", 9, "1200", head_id=D)
    rows.payment(D, "低保", 9, "1200")
    rows.roster(E, "失能老人补贴", 9, "200", status="退出")
    rows.roster(F, "临时救助", 9, "500")
    rows.roster(A, "失能老人补贴", 12, "200")
    rows.payment(B, "失能老人补贴", 12, "200")  # December's payments file is in (issue 16 S1)
    assert keys(fresh_db, config, "UNPAID", as_of=dt.date(2022, 12, 28)) == {(A, "失能老人补贴", "2022-09"),
                                                                          (B, "失能老人补贴", "2022-09")}
    assert (A, "失能老人补贴", "2022-12") in keys(fresh_db, config, "UNPAID", as_of=dt.date(2022, 12, 29))


def test_late_paid_fires_after_the_due_day_and_reports_days_late(fresh_db, config):
    rows = Rows(fresh_db)
    rows.payment(A, "高龄津贴", 4, "100", paid_date=dt.date(2022, 5, 6))
    rows.payment(B, "高龄津贴", 4, "100", day=28)  # the due day itself is on time
    rows.payment(C, "高龄津贴", 4, "100", day=20)
    rows.payment(C, "高龄津贴", 4, "10", paid_date=dt.date(2022, 6, 1), note="补发")  # the first payment counts
    rows.payment(D, "临时救助", 4, "500", day=29)
    assert keys(fresh_db, config, "LATE_PAID") == {(A, "高龄津贴", "2022-04")}
    assert one(fresh_db, "LATE_PAID")["days_late"] == 8


def test_proxy_unagreed_needs_a_filed_agreement_valid_on_the_paid_date(fresh_db, config):
    rows = Rows(fresh_db)
    proxies = {pid: person(100 + i, dt.date(1970, 1, 1)) for i, pid in enumerate((A, B, C, D, E))}
    for pid, proxy in proxies.items():
        rows.payment(pid, "高龄津贴", 11, "100", paid_date=dt.date(2022, 11, 15), payee_id=proxy, payee_name="代领人")
    signed, filed = dt.date(2021, 3, 1), dt.date(2021, 3, 9)
    rows.add("proxy_agreements", person_id=B, proxy_name="代领人", proxy_id=proxies[B], signed_date=signed,
             filed_date=filed, valid_until=dt.date(2022, 11, 15))  # valid until the paid date itself
    rows.add("proxy_agreements", person_id=C, proxy_name="代领人", proxy_id=proxies[C], signed_date=signed,
             filed_date=filed, valid_until=dt.date(2022, 11, 14))  # expired the day before
    rows.add("proxy_agreements", person_id=D, proxy_name="代领人", proxy_id=proxies[D], signed_date=signed,
             filed_date=dt.date(2022, 11, 20))  # filed after the payment
    rows.add("proxy_agreements", person_id=E, proxy_name="代领人", proxy_id=proxies[E], signed_date=signed)
    rows.payment(F, "低保", 3, "900", payee_id=A, payee_name="户主")  # the head collects
    rows.roster(F, "低保", 3, None, head_id=A)
    rows.payment(KID, "孤儿", 3, "1382", payee_name="对象" + KID[-4:])  # the name is the beneficiary's own
    assert keys(fresh_db, config, "PROXY_UNAGREED") == {(A, "高龄津贴", "2022-11"), (C, "高龄津贴", "2022-11"),
                                                        (D, "高龄津贴", "2022-11"), (E, "高龄津贴", "2022-11")}
    texts = set(findings(fresh_db, codes=("PROXY_UNAGREED",))["explanation"])
    assert any("代领协议已于 2022-11-14 到期" in t for t in texts)
    assert any("代领协议 2022-11-20 才备案" in t for t in texts)


def test_staff_proxy_fires_for_staff_and_cadres_but_not_kin_or_themselves(fresh_db, config):
    rows = Rows(fresh_db)
    clerk, cadre, kin = (person(200 + i, dt.date(1980, 1, 1)) for i in range(3))
    rows.add("staff", person_id=clerk, name="干部甲", kind="工作人员", unit="民政办", role="专干")
    rows.add("staff", person_id=cadre, name="干部乙", kind="村干部", unit="冬笋村", role="书记")
    rows.add("staff", person_id=kin, name="亲属丙", kind="近亲属")
    rows.payment(A, "特困供养", 7, payee_id=clerk)
    rows.payment(B, "特困供养", 7, payee_id=cadre)
    rows.payment(C, "特困供养", 7, payee_id=kin)
    rows.payment(cadre, "重度残疾人护理补贴", 7, "80", payee_id=cadre)
    assert keys(fresh_db, config, "STAFF_PROXY") == {(A, "特困供养", "2022-07"), (B, "特困供养", "2022-07")}


def test_shared_account_counts_households_and_leaves_out_concentrated_care(fresh_db, config):
    rows = Rows(fresh_db)
    rows.payment(A, "高龄津贴", 5, "100", bank_account="6231001")
    rows.payment(B, "高龄津贴", 5, "100", bank_account="6231001")
    rows.roster(C, "低保", 5, "900", head_id=C)  # a child's subsidy on the head's card: one household
    rows.roster(D, "低保", 5, None, head_id=C)
    rows.payment(C, "低保", 5, "900", bank_account="6231002")
    rows.payment(D, "重度残疾人护理补贴", 5, "80", bank_account="6231002")
    for pid in (E, F):  # an institution's account
        rows.roster(pid, "特困供养", 5, sub_type="集中")
        rows.payment(pid, "特困供养", 5, bank_account="9000001")
    assert keys(fresh_db, config, "SHARED_ACCOUNT") == {("6231001", "2022-05")}
    assert one(fresh_db, "SHARED_ACCOUNT")["amount"] == 200


def test_temp_cash_unfiled_needs_cash_or_kind_without_a_filing_number(fresh_db, config):
    rows = Rows(fresh_db)
    rows.payment(A, "临时救助", 3, "800", method="现金")
    rows.payment(B, "临时救助", 7, "300", method="实物")
    rows.payment(C, "临时救助", 7, "300", method="现金", filing_no="庆民临备〔2022〕0701号")
    rows.payment(D, "临时救助", 7, "300", method="银行")
    rows.payment(E, "高龄津贴", 7, "100", method="现金")
    assert keys(fresh_db, config, "TEMP_CASH_UNFILED") == {(A, "2022-03-20"), (B, "2022-07-20")}
