"""Template workbooks: the contract's headers, an example row, drop-downs, and they import cleanly."""
import io

import openpyxl
import pytest

from analytics.core.contract import DATASETS
from analytics.importing.plan import plan_import
from analytics.importing.templates import template_workbook


@pytest.mark.parametrize("kind", sorted(DATASETS))
def test_template_has_the_contract_headers_and_is_recognised_as_its_dataset(kind, config):
    data = template_workbook(kind, config)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert [c.value for c in sheet[1]] == [f.label for f in DATASETS[kind].fields]
    plan = plan_import(f"{DATASETS[kind].label}模板.xlsx", data, config)
    assert plan.kind == kind and plan.rows.num_rows + len(plan.quarantine) == 1


def test_program_and_village_columns_offer_drop_downs(config):
    book = openpyxl.load_workbook(io.BytesIO(template_workbook("roster", config)))
    sheet = book.worksheets[0]
    formulas = [v.formula1 for v in sheet.data_validations.dataValidation]
    lists = book["选项"]
    listed = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)
                                       if lists.cell(r, c).value] for c in range(1, lists.max_column + 1)}
    assert listed["村(居)"] == list(config.village_names)
    assert listed["救助类别"] == list(config.program_names)
    assert len(formulas) >= 3 and lists.sheet_state == "hidden"


def test_readme_lists_the_columns_of_the_contract():
    from pathlib import Path

    from analytics.core.contract import markdown_table
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme
