"""What a fresh office PC gets from the repository alone: declared dependencies and safe Streamlit defaults."""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import bootstrap  # noqa: E402 - a script, not a package

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


def test_the_cli_prints_utf8_on_a_gbk_console(tmp_path):
    """䶮 is in GB18030 but not in GBK: a Windows console or pipe in code page 936 would raise on it."""
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    store = str(tmp_path / "s.duckdb")
    subprocess.run([sys.executable, "-m", "analytics", "user", "add", "䶮文书", "--role", "管理员", "--db", store],
                   input="abc12345x\n".encode(), env=env, cwd=ROOT, check=True, capture_output=True)
    listed = subprocess.run([sys.executable, "-m", "analytics", "user", "list", "--db", store], env=env, cwd=ROOT,
                            capture_output=True)
    assert listed.returncode == 0, listed.stderr.decode("utf-8", "replace")
    assert "䶮文书" in listed.stdout.decode("utf-8")


def test_a_desktop_start_opens_the_browser_and_a_server_start_stays_headless():
    python = Path("python")
    assert bootstrap.streamlit_command(python, ["--desktop", "--server.port", "9000"])[-4:] == [
        "--server.headless", "false", "--server.port", "9000"]
    assert "--server.headless" not in bootstrap.streamlit_command(python, ["--server.address", "0.0.0.0"])
    assert bootstrap.streamlit_command(python, ["--desktop", "--server.headless", "true"])[-2:] == [
        "--server.headless", "true"]


def test_the_lock_files_pin_every_package_with_hashes_for_windows_and_linux():
    for lock, source in bootstrap.SOURCES.items():
        text = (ROOT / lock).read_text(encoding="utf-8")
        assert text.startswith(f"# from {source} by `python scripts/bootstrap.py lock` (uv pip compile --universal")
        entries = re.split(r"\n(?=[a-z0-9])", text.split("\n", 1)[1])
        pins = {entry.split("==")[0] for entry in entries}
        assert declared(ROOT / source) <= pins | declared(ROOT / "requirements.txt") <= pins
        assert all("==" in entry and "--hash=sha256:" in entry for entry in entries)
