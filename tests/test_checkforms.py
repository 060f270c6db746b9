"""入户核查表 and 抽查: forms per household for chosen findings, a seeded draw that repeats whatever the stored row order,
audited with its seed and N; the .docx and the PDF carry the household, the findings and the standard questions."""
import io
import json
import subprocess

import docx
import pytest
from docx.oxml.ns import qn

from analytics.access import audit
from analytics.access.scope import ADMIN, VILLAGE, Scope
from analytics.core import store
from analytics.core.errors import Forbidden
from analytics.reports import checkform_docx, checkform_pdf, checkforms
from conftest import sample_copy

ADMIN_SCOPE = Scope("管理员甲", ADMIN)
DONGSUN = Scope("dongsun", VILLAGE, "冬笋村")


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_town_file):
    con = store.connect(sample_copy(sample_town_file, tmp_path_factory.mktemp("forms")))
    yield con
    con.close()


def drawn(forms):
    return [(f.village, f.head) for f in forms.forms]


def test_the_same_seed_draws_the_same_households_and_another_seed_others(sample, config):
    first = checkforms.sample(sample, config, 3, 2022, ADMIN_SCOPE)
    assert drawn(first) == drawn(checkforms.sample(sample, config, 3, 2022, ADMIN_SCOPE))
    assert drawn(first) != drawn(checkforms.sample(sample, config, 3, 2023, ADMIN_SCOPE))
    assert len(first.forms) == 3 * len(config.villages)
    assert [f.draw_rank for f in first.forms[:3]] == [1, 2, 3]


def test_the_draw_does_not_depend_on_the_order_rows_are_stored_in(sample, config, tmp_path):
    before = drawn(checkforms.sample(sample, config, 4, 7, ADMIN_SCOPE))
    sample.execute("begin transaction")
    try:
        sample.execute("create temp table shuffled as select * from roster order by md5(person_id || program) desc")
        sample.execute("delete from roster")
        sample.execute("insert into roster select * from shuffled")
        assert drawn(checkforms.sample(sample, config, 4, 7, ADMIN_SCOPE)) == before
    finally:
        sample.execute("rollback")


def test_the_draw_is_audited_with_its_seed_and_n(sample, config):
    checkforms.sample(sample, config, 2, 99, ADMIN_SCOPE)
    entry = audit.entries(sample, action=audit.SAMPLE).iloc[-1]
    detail = json.loads(entry["detail"])
    assert (detail["种子"], detail["每村户数"], entry["rows"]) == (99, 2, 2 * len(config.villages))


def test_a_village_account_draws_and_checks_in_its_own_village_only(sample, config):
    forms = checkforms.sample(sample, config, 2, 5, DONGSUN)
    assert {f.village for f in forms.forms} == {"冬笋村"} and len(forms.forms) == 2
    with pytest.raises(Forbidden):
        checkforms.sample(sample, config, 2, 5, DONGSUN, villages=("金源村",))
    other = sample.execute("select finding_key from finding where village = '金源村' limit 1").fetchone()[0]
    with pytest.raises(Forbidden):
        checkforms.for_findings(sample, config, [other], DONGSUN)


def test_findings_of_one_household_share_one_form_with_its_members(sample, config):
    head, household = sample.execute(
        "select head_id, household_id from roster where household_id is not null and period = '2022-12-01' "
        "group by all having count(*) >= 3 order by household_id limit 1").fetchone()
    members = sample.execute(  # one row per member and program: a 低保 member may also get a personal subsidy
        "select count(*) from roster where period = '2022-12-01' and person_id in "
        "(select person_id from roster where household_id = ?)", [household]).fetchone()[0]
    death = sample.execute("select finding_key from finding where code = 'DEATH_PAID' limit 1").fetchone()[0]
    sample.execute("begin transaction")
    try:  # two findings about this household's members
        sample.execute("insert into finding select * replace ('X|' || r.person_id as finding_key, r.person_id as "
                       "person_id, r.name as name) from finding, (select person_id, name from roster where "
                       "household_id = ? and period = '2022-12-01' limit 2) as r where finding_key = ?",
                       [household, death])
        keys = [k for (k,) in sample.execute("select finding_key from finding where finding_key like 'X|%'").fetchall()]
        forms = checkforms.for_findings(sample, config, keys, ADMIN_SCOPE)
    finally:
        sample.execute("rollback")
    (form,) = forms.forms
    assert len(form.members) == members and sorted(form.keys) == sorted(keys) and len(form.findings) == 2
    assert head[-4:] in form.head and head not in form.head  # masked


def test_the_docx_and_the_pdf_carry_the_household_findings_questions_and_where_to_record(sample, config, tmp_path):
    keys = [k for (k,) in sample.execute("select finding_key from finding where code in ('DEATH_PAID', 'STAFF_PROXY') "
                                         "order by finding_key limit 3").fetchall()]
    forms = checkforms.for_findings(sample, config, keys, ADMIN_SCOPE)
    document = docx.Document(io.BytesIO(checkform_docx.document(forms)))
    text = "\n".join([p.text for p in document.paragraphs] +
                     [c.text for t in document.tables for row in t.rows for c in row.cells])
    for form in forms.forms:
        assert form.head in text
        for title in form.findings["疑点"]:
            assert title in text
    for question, _ in checkforms.QUESTIONS:
        assert question in text
    assert "核查人（签字）" in text and "登记核实结论" in text
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "宋体"

    path = tmp_path / "forms.pdf"
    path.write_bytes(checkform_pdf.document(forms))
    pdf = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert pdf.count("入户核查表\n") >= len(forms.forms) and "卡折由谁保管" in pdf and "是否知晓享受金额" in pdf
    assert forms.forms[0].head.split("（")[0] in pdf
