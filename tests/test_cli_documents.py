"""export --kind 公示|核查表|线索: each document written, scoped like the pages (a 村(居) account its own village's 公示
and forms, no register, also through --user) and audited."""
import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from analytics.access import accounts, audit
from analytics.core import config as config_module, store
from conftest import sample_copy

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def db(tmp_path_factory, sample_town_file):
    path = sample_copy(sample_town_file, tmp_path_factory.mktemp("cli-documents"))
    con = store.connect(path)
    config = config_module.load()
    accounts.add_user(con, config, "dongsun", "村(居)", "dongsun2026", village="冬笋村", by="test")
    accounts.add_user(con, config, "jiwei", "纪委", "jiwei2026x", by="test")
    con.close()
    return path


def run(db, *args):
    return subprocess.run([sys.executable, "-m", "analytics", "export", "--db", str(db), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def exports(db):
    con = store.connect(db)
    try:
        return [json.loads(d) for d in audit.entries(con, action=audit.EXPORT)["detail"]]
    finally:
        con.close()


def test_the_notice_is_written_as_workbook_and_pdf_and_audited(db, tmp_path):
    for suffix in (".xlsx", ".pdf"):
        out = tmp_path / f"公示{suffix}"
        done = run(db, "--kind", "公示", "--village", "冬笋村", "--month", "2022-12", "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 1000
    title = openpyxl.load_workbook(tmp_path / "公示.xlsx").active["A1"].value
    assert title == "冬笋村2022年12月低保、特困供养对象公示名单"
    assert exports(db)[-1] == {"内容": "冬笋村2022年12月公示名单（命令行）", "文件": "公示.pdf", "村(居)": "冬笋村"}


def test_a_village_account_gets_its_own_notice_and_forms_and_no_register(db, tmp_path):
    own = run(db, "--kind", "公示", "--village", "冬笋村", "--month", "2022-12", "--out", str(tmp_path / "a.pdf"),
              "--user", "dongsun")
    assert own.returncode == 0, own.stderr
    other = run(db, "--kind", "公示", "--village", "金源村", "--month", "2022-12", "--out", str(tmp_path / "b.pdf"),
                "--user", "dongsun")
    assert other.returncode == 1 and "金源村" in other.stderr and not (tmp_path / "b.pdf").exists()
    register = run(db, "--kind", "线索", "--out", str(tmp_path / "r.xlsx"), "--user", "dongsun")
    assert register.returncode == 1 and "无权查看问题线索移送登记" in register.stderr
    assert run(db, "--kind", "线索", "--out", str(tmp_path / "r.xlsx"), "--user", "jiwei").returncode == 0
    sample = run(db, "--kind", "核查表", "--sample", "2", "--seed", "1", "--village", "金源村",
                 "--out", str(tmp_path / "s.docx"), "--user", "dongsun")
    assert sample.returncode == 1 and "金源村" in sample.stderr
    con = store.connect(db)
    other_key = con.execute("select finding_key from finding where village = '金源村' limit 1").fetchone()[0]
    con.close()
    forms = run(db, "--kind", "核查表", "--finding", other_key, "--out", str(tmp_path / "f.pdf"), "--user", "dongsun")
    assert forms.returncode == 1 and not (tmp_path / "f.pdf").exists()


def test_the_same_seed_writes_the_same_sample_and_forms_of_chosen_findings(db, tmp_path):
    def heads(name, seed):
        out = tmp_path / name
        done = run(db, "--kind", "核查表", "--sample", "2", "--seed", str(seed), "--out", str(out))
        assert done.returncode == 0, done.stderr
        return [row.cells[3].text for row in docx.Document(io.BytesIO(out.read_bytes())).tables[0].rows[1:]]

    assert heads("a.docx", 7) == heads("b.docx", 7) != heads("c.docx", 8)
    con = store.connect(db)
    keys = [k for (k,) in con.execute("select finding_key from finding where code = 'DEATH_PAID' limit 2").fetchall()]
    con.close()
    done = run(db, "--kind", "核查表", "--finding", *keys, "--out", str(tmp_path / "f.pdf"))
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "f.pdf"), "-"], capture_output=True, text=True).stdout
    assert text.count("死亡后仍发放") >= 2


def test_usage_errors_name_what_is_missing(db, tmp_path):
    assert "--village 和 --month" in run(db, "--kind", "公示", "--out", str(tmp_path / "x.pdf")).stderr
    no_seed = run(db, "--kind", "核查表", "--sample", "2", "--out", str(tmp_path / "x.pdf"))
    assert no_seed.returncode == 2 and "--seed" in no_seed.stderr
    assert run(db, "--kind", "线索", "--out", str(tmp_path / "x.pdf")).returncode == 2
