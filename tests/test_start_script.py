"""The README's start command on a stock Python: a copy of the project in a throwaway folder, started by Debian's own
/usr/bin/python3 (no site packages of ours, PEP 668 on) with an empty environment, reaches /_stcore/health; then the
Windows scripts' path (bootstrap.py start --desktop, what start.bat runs) on the same copy."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent
STOCK = Path("/usr/bin/python3")
PROJECT = ["app.py", "config.toml", ".streamlit", "analytics", "ui", "pages", "scripts", "requirements.txt",
           "requirements-dev.txt", "requirements.lock", "requirements-dev.lock"]
INSTALL_SECONDS = 600

pytestmark = pytest.mark.skipif(
    not STOCK.exists() or subprocess.run([str(STOCK), "-c", "import sys; sys.exit(sys.version_info < (3, 11))"]
                                         ).returncode, reason="no stock Python 3.11+ at /usr/bin/python3")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fresh") / "jiuzhu"
    folder.mkdir()
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    return folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stock_env(home: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home)}


def healthy_within(process: subprocess.Popen, port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return True
        except OSError:
            time.sleep(1)
    return False


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def streamlit_arguments(process: subprocess.Popen) -> list[str]:
    for child in psutil.Process(process.pid).children(recursive=True):
        if "streamlit" in child.cmdline():
            return child.cmdline()
    return []


def test_the_start_script_installs_into_its_own_venv_and_serves_on_a_stock_python(project, tmp_path):
    port = free_port()
    process = subprocess.Popen(["bash", str(project / "scripts" / "start.sh"), "--server.port", str(port)],
                               env=stock_env(tmp_path), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True, text=True)
    try:
        assert healthy_within(process, port, INSTALL_SECONDS), process.stdout.read() if process.poll() is not None else ""
        arguments = streamlit_arguments(process)
        assert Path(arguments[0]).parent.parent == project / ".venv"
        assert "--server.headless" not in arguments  # no display: a server start stays headless
    finally:
        stop(process)
    assert (project / ".venv" / ".installed-requirements.lock").exists()
    assert not list(Path("/usr/lib/python3/dist-packages").glob("streamlit*"))


def test_the_windows_scripts_python_path_opens_the_browser_on_a_desktop_start(project, tmp_path):
    """start.bat runs `py scripts\\bootstrap.py start --desktop`: the same script, here with the stock Python."""
    port = free_port()
    process = subprocess.Popen([str(STOCK), "-I", str(project / "scripts" / "bootstrap.py"), "start", "--desktop",
                                "--server.port", str(port)], cwd=tmp_path, env=stock_env(tmp_path),
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True, text=True)
    try:
        assert healthy_within(process, port, INSTALL_SECONDS)
        arguments = streamlit_arguments(process)
        assert arguments[arguments.index("--server.headless") + 1] == "false"
    finally:
        stop(process)


def test_the_windows_scripts_call_the_shared_bootstrap_with_the_py_launcher():
    start, test, python = ((ROOT / "scripts" / name).read_bytes() for name in ("start.bat", "test.bat", "python.bat"))
    assert b"\r\n" in start and b"\n" not in start.replace(b"\r\n", b"")
    assert b"scripts\\bootstrap.py start --desktop %*" in start and b"scripts\\bootstrap.py test %*" in test
    assert b"py -%%v" in python and b"3.12 3.11" in python
    assert sys.platform != "win32" or shutil.which("py")
