"""A 村(居) account's scope, enforced in analytics (issue 7): on the sample town, everything a 冬笋村 account can read or
export — the queries, every export, the CLI `findings` and `export` run as that account — names no person, ID number
or bank account of another village, and asking for another village refuses."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from analytics.access import accounts, audit
from analytics.findings import view as findings_view
from analytics.campaign import ledger, ledger_io, village_list
from analytics.reports import meeting, meeting_pdf, meeting_xlsx
from analytics.analysis import people
from analytics.core import store
from analytics.core.errors import Forbidden
from analytics.core.filters import Filters
from analytics.findings import findings
from analytics.access.privacy import Privacy
from analytics.access.scope import VILLAGE, Scope
from conftest import outside_village, sample_copy

ROOT = Path(__file__).resolve().parent.parent
HOME = "冬笋村"
DONGSUN = Scope("dongsun", VILLAGE, HOME)


@pytest.fixture(scope="module")
def sample(tmp_path_factory, config, sample_town_file):
    path = sample_copy(sample_town_file, tmp_path_factory.mktemp("scope"))
    con = store.connect(path)
    accounts.add_user(con, config, "dongsun", VILLAGE, "dongsun2026", village=HOME, by="test")
    yield con, path
    con.close()


@pytest.fixture(scope="module")
def others(sample) -> tuple[str, ...]:
    found = outside_village(sample[0], HOME)
    assert len(found) > 100  # the checks below have something to find
    return found


def leaks(text: str, others: tuple[str, ...]) -> list[str]:
    return [v for v in others if v in text]


def workbook_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for cell in row if cell is not None)


def test_the_scope_locks_every_filtered_read_to_its_village(sample, others):
    con = sample[0]
    locked = DONGSUN.filters(Filters())
    found = findings(con, locked)
    issues = ledger.issues(con, locked, meeting.dates(con, None, None)[0])
    residents = people.village_people(con, HOME, locked)
    assert len(found) and len(issues) and len(residents)
    assert set(found["village"]) == {HOME} and set(issues["village"]) == {HOME}
    assert not leaks(found.to_csv() + issues.to_csv() + residents.to_csv(), others)
    with pytest.raises(Forbidden, match="无权查看金源村"):
        people.village_people(con, "金源村", locked)
    with pytest.raises(Forbidden, match="无权查看金源村"):
        findings(con, locked.narrowed(villages=("金源村",)))


def test_a_person_or_an_issue_of_another_village_refuses(sample):
    con = sample[0]
    someone = con.execute("select person_id from roster where village = '金源村' and person_id not in "
                          "(select person_id from roster where village = $home) limit 1", {"home": HOME}).fetchone()[0]
    with pytest.raises(Forbidden, match="无权查看此对象"):
        people.profile(con, someone, DONGSUN)
    assert len(people.profile(con, someone, Scope("领导甲", "领导"))["roster"])
    theirs, status = con.execute("select issue_no, status from ledger_issue where village <> $home "
                                 "and status = '待整改' limit 1", {"home": HOME}).fetchone()
    for read in (ledger.issue, ledger.history, ledger.linked_findings):
        with pytest.raises(Forbidden, match="冬笋村"):
            read(con, theirs, DONGSUN)
    with pytest.raises(Forbidden):
        ledger_io.changes(con, [theirs], DONGSUN)
    to = ledger.FLOW[status][0]
    with pytest.raises(Forbidden, match="冬笋村"):
        ledger.change_status(con, theirs, to, scope=DONGSUN)
    with pytest.raises(Forbidden, match=f"纪委账户无权把问题改为“{to}”"):
        ledger.change_status(con, theirs, to, scope=Scope("纪委甲", "纪委"))
    with pytest.raises(Forbidden, match="无权修改：整改措施"):
        ledger.edit(con, theirs, {"measures": "改"}, scope=Scope("纪委甲", "纪委"))
    assert ledger.issue(con, theirs, Scope("领导甲", "领导"))["status"] == status  # nothing changed


def test_every_export_a_village_account_can_make_names_no_one_of_another_village(sample, config, others):
    con = sample[0]
    locked = DONGSUN.filters(Filters())
    as_of = meeting.dates(con, None, None)[0]
    pack = meeting.build(con, config, scope=DONGSUN, village=HOME)
    exports = {
        "疑点清单": findings_view.workbook(findings(con, locked), Privacy()),
        "问题台账": ledger_io.workbook(con, ledger.issues(con, locked, as_of), config.town, as_of, Privacy(), DONGSUN),
        "整改清单": village_list.workbook(con, config, HOME, scope=DONGSUN),
        "会议材料": meeting_xlsx.workbook(pack),
    }
    for what, data in exports.items():
        text = workbook_text(data)
        assert HOME in text, what
        assert not leaks(text, others), what
    pdf = subprocess.run(["pdftotext", "-", "-"], input=meeting_pdf.brief(pack), capture_output=True, check=True)
    assert HOME in pdf.stdout.decode() and not leaks(pdf.stdout.decode(), others)
    with pytest.raises(Forbidden, match="只能导出本村"):
        meeting.build(con, config, scope=DONGSUN)
    with pytest.raises(Forbidden, match="无权查看金源村"):
        village_list.workbook(con, config, "金源村", scope=DONGSUN)


def cli(path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analytics", *args, "--db", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def closed_copy(sample, tmp_path) -> Path:
    """The sample's store for a command of its own (one process per file)."""
    sample[0].execute("checkpoint")
    path = tmp_path / "cli.duckdb"
    path.write_bytes(sample[1].read_bytes())
    return path


def test_the_cli_run_as_a_village_account_exports_its_village_only_and_masked(sample, tmp_path, others):
    path = closed_copy(sample, tmp_path)
    done = cli(path, "findings", "--user", "dongsun", "--format", "json")
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert records and {r["village"] for r in records} == {HOME}
    assert all("*" in r["person_id"] for r in records if r["person_id"])
    assert not leaks(done.stdout, others)
    done = cli(path, "export", "--user", "dongsun", "--out", str(tmp_path / "pack.xlsx"))
    assert done.returncode == 0, done.stderr
    text = workbook_text((tmp_path / "pack.xlsx").read_bytes())
    assert HOME in text and not leaks(text, others)
    refused = cli(path, "export", "--user", "dongsun", "--village", "金源村", "--out", str(tmp_path / "x.xlsx"))
    assert refused.returncode == 1 and "当前账户只能查看冬笋村的数据" in refused.stderr
    assert not (tmp_path / "x.xlsx").exists()
    unknown = cli(path, "findings", "--user", "nobody")
    assert unknown.returncode == 1 and "没有名为 nobody 的用户" in unknown.stderr
    con = store.connect(path)
    logged = audit.entries(con, user="dongsun", action=audit.EXPORT)
    con.close()
    assert len(logged) == 2 and logged["rows"].iloc[0] == len(records)


def test_the_cli_without_a_user_is_the_administrator_at_the_keyboard(sample, tmp_path):
    path = closed_copy(sample, tmp_path)
    done = cli(path, "findings", "--format", "json")
    records = json.loads(done.stdout)
    assert len({r["village"] for r in records}) > 1 and any(len(r["person_id"] or "") == 18 and "*" not in
                                                            r["person_id"] for r in records)
