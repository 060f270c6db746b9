"""The sample town goes through the normal import path: no file rejected, exactly the planted rows quarantined."""
import pytest

from analytics.core import store
from analytics.demo import write_demo
from analytics.importing.files import import_file


@pytest.fixture(scope="module")
def imported(tmp_path_factory, config):
    folder = tmp_path_factory.mktemp("sample")
    manifest = write_demo(folder / "files")
    con = store.connect(folder / "sample.duckdb")
    reports = [import_file(con, name, (folder / "files" / name).read_bytes(), config) for name in manifest["files"]]
    yield manifest, reports, con
    con.close()


def test_no_sample_file_is_rejected(imported):
    _, reports, _ = imported
    assert [(r["file"], r["problems"][0]["message"]) for r in reports if r["status"] != "committed"] == []


def test_exactly_the_planted_rows_are_quarantined(imported):
    manifest, reports, con = imported
    found = {(r["file"], p["sheet"] or "", p["row"], p["column"]) for r in reports for p in r["problems"]
             if p["level"] == "错误"}
    planted = {(q["file"], q["sheet"], q["row"], q["column"]) for q in manifest["quarantine"]}
    assert found == planted
    stored = con.execute("select count(*) from quarantine").fetchone()[0]
    assert stored == len({(f, s, r) for f, s, r, _ in planted})


def test_every_dataset_of_the_sample_is_loaded(imported):
    _, _, con = imported
    for table in ("roster", "payments", "proxy_agreements", "staff", "crosscheck", "potential", "visits",
                  "institutions", "issues"):
        assert con.execute(f"select count(*) from {table}").fetchone()[0] > 0, table
    months = [r[0].month for r in con.execute("select distinct period from roster order by 1").fetchall()]
    assert months == list(range(1, 13))
