"""The sample town through the normal import path: refresh finds exactly the planted findings (precision = recall = 1)."""
from __future__ import annotations

import json

import pytest

from analytics.core import store
from analytics.demo import write_demo
from analytics.findings import BY_CODE, findings, refresh
from analytics.findings.export import records
from analytics.importing.files import import_file


@pytest.fixture(scope="module")
def town(tmp_path_factory, config):
    out = tmp_path_factory.mktemp("town")
    manifest = write_demo(out)
    con = store.connect(out / "town.duckdb")
    for name in manifest["files"]:
        assert import_file(con, name, (out / name).read_bytes(), config)["status"] == "committed", name
    yield con, manifest
    con.close()


def key(item: dict) -> str:
    """A finding as its code's key (domain.md §5), the way the ground truth writes it."""
    fields = {f: item.get(f) for f in BY_CODE[item["code"]].key}
    return json.dumps({"code": item["code"], **fields}, ensure_ascii=False, sort_keys=True)


def test_the_sample_town_gives_exactly_the_planted_findings(town, config):
    con, manifest = town
    done = refresh(con, config)
    assert str(done.as_of) == manifest["as_of"] and not done.missing
    found = {key(r) for r in records(findings(con))}
    planted = {key(f) for f in manifest["findings"]}
    true_positives = found & planted
    assert (len(true_positives) / len(found), len(true_positives) / len(planted)) == (1.0, 1.0), (
        sorted(found - planted), sorted(planted - found))
    assert done.counts == manifest["counts"]
