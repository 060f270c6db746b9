"""The sample town: deterministic, every finding planted 2+ times, and nothing else firing.

`rule_findings` below is an independent, literal reading of domain.md §5 over the generator's rows (quarantined rows
left out); the generator's ground truth must equal it exactly, near misses included.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import defaultdict
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from analytics.core.config import load
from analytics.core.contract import DATASETS
from analytics.demo import build_demo, write_demo
from analytics.importing.ids import check_person_id, normalise

CODES = ("DEATH_PAID", "DEAD_ON_ROSTER", "INACTIVE_PAID", "EXCLUSIVE_DUP", "DOUBLE_PAID", "AMOUNT_MISMATCH",
         "BELOW_STANDARD", "UNPAID", "LATE_PAID", "PROXY_UNAGREED", "STAFF_PROXY", "SHARED_ACCOUNT", "STAFF_KIN",
         "CROSSCHECK_HIT", "MISSED_ELIGIBLE", "AGE_INELIGIBLE", "NOT_VISITED", "TEMP_CASH_UNFILED", "INSTITUTION_RISK")
DEATH_SOURCES = ("死亡", "火化", "户籍注销")
AS_OF = dt.date(2022, 12, 31)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    return out, write_demo(out)


@pytest.fixture(scope="module")
def town():
    return build_demo()


def month_end(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def finding(code, person=None, program=None, month=None, **extra) -> str:
    row = dict(code=code, person_id=person, program=program, period=f"{month:%Y-%m}" if month else None, **extra)
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def rule_findings(town, other_reading: bool = False) -> set[str]:
    """The rules of domain.md §5. `other_reading` takes the other side wherever the text leaves room: the household
    head only from the same program's roster, BELOW_STANDARD on active rows only, "paid" as any row at all."""
    cfg, rules = town.config, town.config.rules
    roster = [r for r in town.roster if "_bad" not in r]
    pays = [r for r in town.payments if "_bad" not in r]
    positive = [p for p in pays if p["amount"] > 0]
    out: set[str] = set()

    def active(r):
        return (r["status"] in ("在保", "正常", "") and (r["start_date"] or r["period"]) <= month_end(r["period"])
                and (r["end_date"] is None or r["end_date"] >= r["period"]))

    exists = {(r["program"], r["village"], r["period"]) for r in roster}
    on = {(r["person_id"], r["program"], r["period"]): r for r in roster if active(r)}
    by_person = defaultdict(list)
    for r in roster:
        by_person[r["person_id"], r["period"]].append(r)
    latest = {}
    for program, village, month in exists:
        latest[program, village] = max(month, latest.get((program, village), month))
    snapshot = {(pid, prog): r for (pid, prog, month), r in on.items() if latest[prog, r["village"]] == month}
    death = {}
    for c in town.crosscheck:
        if c["source"] in DEATH_SOURCES:
            death[c["person_id"]] = min(c["event_date"], death.get(c["person_id"], c["event_date"]))
    staff_ids = {s["person_id"]: s["kind"] for s in town.staff if "_bad" not in s}

    def head_of(p):
        if p["head_id"]:
            return p["head_id"]
        rows = [r for r in by_person[p["person_id"], p["period"]]
                if r["head_id"] and (not other_reading or r["program"] == p["program"])]
        return rows[0]["head_id"] if rows else p["person_id"]

    for p in positive:
        key = (p["person_id"], p["program"], p["period"])
        if p["person_id"] in death and death[p["person_id"]] < p["period"]:
            out.add(finding("DEATH_PAID", *key))
        village = p["village"] or next((r["village"] for r in by_person[p["person_id"], p["period"]]), None)
        if (p["program"], village, p["period"]) in exists and key not in on:
            out.add(finding("INACTIVE_PAID", *key))
    for (pid, prog), r in snapshot.items():
        if pid in death and death[pid] < r["period"]:
            out.add(finding("DEAD_ON_ROSTER", pid, prog))
        if pid in staff_ids:
            out.add(finding("STAFF_KIN", pid, prog))
        age = age_on(pid, month_end(r["period"]))
        rule = next((a for a in cfg.age_rules if a.program == prog), None)
        if rule and ((rule.max_age and age >= rule.max_age) or (rule.min_age and age < rule.min_age)):
            out.add(finding("AGE_INELIGIBLE", pid, prog))
    programs_on = defaultdict(set)
    for pid, prog, month in on:
        programs_on[pid, month].add(prog)
    for (pid, month), progs in programs_on.items():
        for pair in cfg.exclusive_pairs:
            if pair.a in progs and pair.b in progs:
                out.add(finding("EXCLUSIVE_DUP", pid, pair.a, month, program_b=pair.b))
    out |= money_findings(town, on, pays, pays if other_reading else positive)
    out |= proxy_findings(town, positive, staff_ids, head_of)
    out |= shared_account_findings(positive, on, head_of, rules.shared_account_min_households)
    for r in on.values() if other_reading else roster:
        if cfg.program(r["program"]).fixed_standard and r["monthly_amount"] is not None:
            if r["monthly_amount"] < standard(cfg, r["program"], r["sub_type"] or r["disability_level"], r["period"]):
                out.add(finding("BELOW_STANDARD", r["person_id"], r["program"], r["period"]))
    covered = {pid for pid, _ in snapshot}
    for c in town.crosscheck:
        if c["source"] not in DEATH_SOURCES and c["person_id"] in covered and c["event_date"] <= AS_OF:
            out.add(finding("CROSSCHECK_HIT", c["person_id"], source=c["source"]))
    for pot in town.potential:
        if (pot["person_id"], pot["program"]) not in snapshot and not death.get(pot["person_id"], dt.date.max) <= AS_OF:
            out.add(finding("MISSED_ELIGIBLE", pot["person_id"], pot["program"]))
    window = AS_OF - dt.timedelta(days=rules.visit_interval_days)
    visited = {v["person_id"] for v in town.visits if "_bad" not in v and window <= v["visit_date"] <= AS_OF}
    for (pid, prog), r in snapshot.items():
        if (prog, r["sub_type"]) in {("特困供养", "分散"), ("孤儿", "散居"), ("事实无人抚养儿童", "")} and pid not in visited:
            out.add(finding("NOT_VISITED", pid))
    for p in pays:
        if p["program"] == "临时救助" and p["method"] in ("现金", "实物") and not p["filing_no"]:
            out.add(finding("TEMP_CASH_UNFILED", p["person_id"], paid_date=p["paid_date"].isoformat()))
    for home in town.institutions:
        for item in ("legal_registration", "fire_approval", "property_right", "catering_licence", "finance_rules"):
            if home[item] != "是":
                out.add(finding("INSTITUTION_RISK", institution=home["name"], item=item))
        if home["residents"] > rules.max_residents_per_caregiver * home["caregivers"]:
            out.add(finding("INSTITUTION_RISK", institution=home["name"], item="caregiver_ratio"))
    return out


def age_on(pid: str, day: dt.date) -> int:
    born = dt.date(int(pid[6:10]), int(pid[10:12]), int(pid[12:14]))
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def standard(cfg, program: str, sub_type: str, month: dt.date) -> Decimal:
    rates = [s for s in cfg.standards if s.program == program and s.sub_type in ("", sub_type) and s.effective <= month]
    return max(rates, key=lambda s: s.effective).amount


def money_findings(town, on, pays, paid) -> set[str]:
    out = set()
    rows, firsts, counted = defaultdict(list), {}, defaultdict(int)
    for p in pays:
        rows[p["person_id"], p["program"], p["period"]].append(p)
    for p in (p for p in pays if p["amount"] > 0):
        key = (p["person_id"], p["program"], p["period"])
        firsts[key] = min(p["paid_date"], firsts.get(key, p["paid_date"]))
        counted[key] += "补发" not in p["note"]
    paid_keys = {(p["person_id"], p["program"], p["period"]) for p in paid}
    for key, n in counted.items():
        if n > 1 and key[1] != "临时救助":
            out.add(finding("DOUBLE_PAID", *key))
    for key, first in firsts.items():
        if key[1] != "临时救助" and first > key[2].replace(day=town.config.rules.due_day):
            out.add(finding("LATE_PAID", *key))
    for key, r in on.items():
        approved = r["monthly_amount"]
        if approved is None or key[1] == "临时救助":
            continue
        if key in paid_keys and abs(sum(p["amount"] for p in rows[key]) - approved) > Decimal("0.01"):
            out.add(finding("AMOUNT_MISMATCH", *key))
        if approved > 0 and key not in firsts and AS_OF > key[2].replace(day=town.config.rules.due_day):
            out.add(finding("UNPAID", *key))
    return out


def payee_of(p, head: str) -> str:
    """The payee ID; else the payee name matched to the beneficiary's or the head's; else the beneficiary."""
    if p["payee_id"] or not p["payee_name"]:
        return p["payee_id"] or p["person_id"]
    return {p["name"]: p["person_id"], p["head_name"]: head}.get(p["payee_name"], "name:" + p["payee_name"])


def agreed(a, p, payee: str) -> bool:
    return (a["person_id"] == p["person_id"] and payee in (a["proxy_id"], "name:" + a["proxy_name"])
            and a["signed_date"] <= p["paid_date"] and a["filed_date"] is not None
            and a["filed_date"] <= p["paid_date"] and (a["valid_until"] is None or a["valid_until"] >= p["paid_date"]))


def proxy_findings(town, positive, staff_ids, head_of) -> set[str]:
    out = set()
    for p in positive:
        key, head = (p["person_id"], p["program"], p["period"]), head_of(p)
        payee = payee_of(p, head)
        if payee not in (p["person_id"], head) and not any(agreed(a, p, payee) for a in town.agreements):
            out.add(finding("PROXY_UNAGREED", *key))
        if staff_ids.get(p["payee_id"]) in ("工作人员", "村干部") and p["payee_id"] != p["person_id"]:
            out.add(finding("STAFF_PROXY", *key))
    return out


def shared_account_findings(positive, on, head_of, minimum) -> set[str]:
    households = defaultdict(set)
    for p in positive:
        roster_row = on.get((p["person_id"], p["program"], p["period"]))
        if p["bank_account"] and not (roster_row and roster_row["sub_type"] == "集中"):
            households[p["bank_account"], p["period"]].add(head_of(p))
    return {finding("SHARED_ACCOUNT", month=month, bank_account=account)
            for (account, month), heads in households.items() if len(heads) >= minimum}


def as_keys(findings) -> set[str]:
    return {json.dumps(f, ensure_ascii=False, sort_keys=True) for f in findings}


def test_ground_truth_is_exactly_what_the_rules_find(town):
    expected, found = as_keys(town.findings), rule_findings(town)
    assert found - expected == set(), "fires but not planted"
    assert expected - found == set(), "planted but does not fire"


def test_ground_truth_holds_under_the_other_reading_of_each_loose_rule(town):
    assert rule_findings(town, other_reading=True) == as_keys(town.findings)


def test_every_code_is_planted_at_least_twice(demo):
    _, manifest = demo
    assert set(manifest["counts"]) == set(CODES)
    assert all(n >= 2 for n in manifest["counts"].values())


def test_the_same_seed_gives_the_same_manifest(demo, tmp_path):
    _, manifest = demo
    assert write_demo(tmp_path) == manifest


def test_every_listed_file_exists_and_opens(demo, sheets):
    out, manifest = demo
    assert {name for name, _ in sheets} == set(manifest["files"])
    assert all(rows for rows in sheets.values())
    assert "示例数据" in (out / "说明.txt").read_text(encoding="utf-8")
    assert json.loads((out / "ground_truth.json").read_text(encoding="utf-8")) == manifest


def test_csv_files_decode_in_the_intended_encodings(demo):
    out, _ = demo
    raw = (out / "2022年社会救助信息比对疑点名单.csv").read_bytes()
    assert "刘䶮" in raw.decode("gb18030")  # 䶮 is outside GBK
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert (out / "2022年困难群众摸排对象名单.csv").read_text(encoding="utf-16").startswith("姓名,")
    assert (out / "2022年09月一卡通补贴资金发放明细.csv").read_text(encoding="utf-16").startswith("序号,")
    assert (out / "庆隆镇民政工作人员及村干部近亲属备案表.csv").read_bytes().startswith("\ufeff姓名,".encode())


def test_every_dataset_kind_has_a_file_whose_headers_name_its_required_fields(sheets):
    heads = [{c for row in rows[:4] for c in row if isinstance(c, str)} for rows in sheets.values()]
    for kind, dataset in DATASETS.items():
        from_title = {"program", "period", "village"} if dataset.monthly else set()  # title, file or sheet name
        assert any(all(set(f.headers) & cells for f in dataset.required if f.name not in from_title)
                   for cells in heads), kind


def test_ids_in_normal_cells_are_valid_and_bad_ones_are_only_where_quarantine_says(demo, sheets):
    _, manifest = demo
    seen = set()
    for (name, sheet), rows in sheets.items():
        for n, row in enumerate(rows, 1):
            for cell in row:
                looks_like_id = isinstance(cell, str) and re.fullmatch(r"\d{17}[\dX]", normalise(cell))
                if (looks_like_id and check_person_id(cell).error) or (isinstance(cell, float) and cell > 1e16):
                    seen.add((name, sheet, n))
    id_plants = {(q["file"], q["sheet"], q["row"]) for q in manifest["quarantine"]
                 if q["reason"].startswith(("ID stored as a number", "wrong check digit"))}
    assert len(id_plants) == 2
    assert seen == id_plants


def test_ids_come_in_every_messy_spelling(sheets):
    messy = [c for rows in sheets.values() for row in rows for c in row
             if isinstance(c, str) and check_person_id(c).value not in (None, c)]
    assert any(" " in c for c in messy) and any(c.startswith("'") for c in messy)
    assert any(c.endswith("x") for c in messy) and any("０" in c for c in messy)


def test_quarantine_entries_point_at_the_bad_cells(demo, sheets):
    _, manifest = demo
    config = load()
    villages = {*config.village_names, *(a for v in config.villages for a in v.aliases)}
    spellings = {s for p in config.programs for s in (p.name, *p.spellings)}
    is_bad = {"ID stored as a number": lambda c: isinstance(c, float),
              "wrong check digit": lambda c: check_person_id(c).error,
              "unknown village": lambda c: c not in villages,
              "negative amount": lambda c: float(c) < 0,
              "unparseable date": lambda c: c == "2022年11月31日",
              "unknown program": lambda c: c not in spellings}
    assert len(manifest["quarantine"]) >= 6
    for q in manifest["quarantine"]:
        rows = sheets[q["file"], q["sheet"]]
        header = next(row for row in rows if q["column"] in row)
        cell = rows[q["row"] - 1][header.index(q["column"])]
        assert next(bad for reason, bad in is_bad.items() if q["reason"].startswith(reason))(cell), q


@pytest.fixture(scope="module")
def sheets(demo) -> dict[tuple[str, str], list[list]]:
    """Every sheet of every file as rows of cells, read once; CSVs decoded by their BOM, else as GB18030."""
    out, manifest = demo
    found = {}
    for name in manifest["files"]:
        path = out / name
        if path.suffix == ".csv":
            raw = path.read_bytes()
            encoding = "utf-16" if raw[:2] == b"\xff\xfe" else "utf-8-sig" if raw[:3] == b"\xef\xbb\xbf" else "gb18030"
            found[name, ""] = list(csv.reader(io.StringIO(raw.decode(encoding))))
        else:
            book = CalamineWorkbook.from_path(path)
            for sheet in book.sheet_names:
                found[name, sheet] = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    return found
