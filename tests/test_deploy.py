"""What a fresh office PC gets from the repository alone: declared dependencies and safe Streamlit defaults."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL = {"analytics", "ui", "pages", "app"}


def declared(requirements: Path) -> set[str]:
    names = set()
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[\[=<>~!; ]", line, maxsplit=1)[0].lower().replace("_", "-"))
    return names


def imported_modules(*folders: str) -> set[str]:
    found = set()
    files = [ROOT / "app.py", *(p for folder in folders for p in (ROOT / folder).rglob("*.py"))]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - LOCAL - {"__future__"}


def test_every_package_the_app_imports_is_declared_in_requirements():
    distributions = packages_distributions()
    needed = {name: {d.lower().replace("_", "-") for d in distributions.get(name, [name])}
              for name in imported_modules("analytics", "ui", "pages", "scripts")}
    missing = {name for name, dists in needed.items() if not dists & declared(ROOT / "requirements.txt")}
    assert not missing, f"imported but not in requirements.txt: {sorted(missing)}"


def test_the_oidc_login_extra_is_declared():
    assert re.search(r"^streamlit\[auth\]==", (ROOT / "requirements.txt").read_text(), re.MULTILINE)


def test_the_streamlit_config_shows_no_tracebacks_hides_unaudited_exports_and_fixes_the_light_theme():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["disableDataExport"] is True
    assert config["theme"]["base"] == "light"
