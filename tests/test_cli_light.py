"""python -m analytics --help answers at once: the parser imports no heavy library; each command's handler does."""
import subprocess
import sys
from pathlib import Path

import pytest

from analytics import cli

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "numpy", "duckdb", "pyarrow", "openpyxl", "reportlab", "python_calamine", "plotly", "docx")


def imported_by(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "analytics", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("args", [("--help",), ("import", "--help"), ("user", "add", "x"), ("findings", "--bad")])
def test_the_help_and_usage_errors_load_no_heavy_library(args):
    loaded = {name.split(".")[0] for name in imported_by(*args)}
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_every_command_names_a_handler_that_exists():
    import importlib
    parser_commands = set(cli.build_parser()._subparsers._group_actions[0].choices)
    assert parser_commands == set(cli.COMMANDS)
    for target in cli.COMMANDS.values():
        module, _, name = target.partition(":")
        assert callable(getattr(importlib.import_module(module), name)), target


def test_lazy_choices_still_refuse_an_unknown_value(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.build_parser().parse_args(["findings", "--code", "NO_SUCH_CODE"])
    assert exit_.value.code == 2 and "DEATH_PAID" in capsys.readouterr().err


def test_the_findings_command_loads_no_workbook_writer():
    """openpyxl is for xlsx exports: the JSON and Parquet ones, and the audit entry they write, go without it."""
    done = subprocess.run([sys.executable, "-c", "import sys, analytics.commands.findings; "
                                                 "print('openpyxl' in sys.modules)"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
