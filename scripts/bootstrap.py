"""Set up the project's own virtual environment and run the dashboard or the tests: the one script behind
scripts/start.sh, scripts/test.sh, scripts\\start.bat and scripts\\test.bat, so Linux and Windows share it.

    python scripts/bootstrap.py start [--desktop] [streamlit options]   # the dashboard
    python scripts/bootstrap.py test [pytest options]                   # every test
    python scripts/bootstrap.py wheelhouse [DIR]                        # download every wheel, for an offline PC
    python scripts/bootstrap.py lock                                    # regenerate requirements*.lock

Nothing goes into the Python that runs this script (Debian's refuses: PEP 668): packages go into .venv (or
JIUZHU_VENV), installed from the hash-pinned lock files — from wheelhouse/ with no network when that folder exists.
Standard library only: it runs before anything is installed.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"start": "requirements.lock", "test": "requirements-dev.lock"}
SOURCES = {"requirements.lock": "requirements.txt", "requirements-dev.lock": "requirements-dev.txt"}
MIN_PYTHON = (3, 11)
# The wheelhouse covers the office PCs we expect: 64-bit Windows and x86-64 Linux, Python 3.11 and 3.12.
PLATFORMS = {"win_amd64": ["win_amd64"],
             "linux_x86_64": ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64",
                              "manylinux_2_12_x86_64", "manylinux2010_x86_64", "manylinux_2_5_x86_64",
                              "manylinux1_x86_64"]}
PYTHONS = ["3.11", "3.12"]
UV = "uv==0.13.9"
TEST_APT = ["chromium", "fonts-noto-cjk", "poppler-utils", "poppler-data"]


def say(text: str) -> None:
    print(f"[bootstrap] {text}", flush=True)


def venv_dir() -> Path:
    return Path(os.environ.get("JIUZHU_VENV") or ROOT / ".venv")


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def child_env() -> dict[str, str]:
    """UTF-8 everywhere: a GBK console must not fail on a rare name character such as 䶮."""
    return {**os.environ, "PYTHONUTF8": "1", "PYTHONIOENCODING": "utf-8", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def check_python() -> None:
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"需要 Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} 或更高版本（当前 {sys.version.split()[0]}）；"
                 "请从 python.org 安装 Python 3.11 或 3.12")


def sudo() -> list[str]:
    return [] if not hasattr(os, "geteuid") or os.geteuid() == 0 else ["sudo"]


def apt_install(packages: list[str]) -> bool:
    """Debian/UOS/Kylin packages through apt-get, as root or through sudo; False where there is no apt."""
    if not shutil.which("apt-get"):
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    say(f"apt-get install {' '.join(packages)}")
    subprocess.run([*sudo(), "apt-get", "update", "-qq"], env=env, check=True, stdin=subprocess.DEVNULL)
    subprocess.run([*sudo(), "apt-get", "install", "-y", "-qq", *packages], env=env, check=True,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    return True


def ensure_venv_module() -> None:
    """Debian splits venv's pip bootstrap (ensurepip) into the python3-venv package."""
    if importlib.util.find_spec("ensurepip") is not None:
        return
    minor = f"python3.{sys.version_info.minor}-venv"
    if not apt_install(["python3-venv", minor] if _apt_knows(minor) else ["python3-venv"]):
        sys.exit("这台电脑的 Python 缺少 venv 模块（ensurepip）；请安装 python3-venv 后重试")
    importlib.invalidate_caches()


def _apt_knows(package: str) -> bool:
    return subprocess.run(["apt-cache", "show", package], capture_output=True).returncode == 0


def create_venv(venv: Path) -> Path:
    python = venv_python(venv)
    if python.exists() and subprocess.run([str(python), "-c", "import pip"], capture_output=True).returncode == 0:
        return python
    ensure_venv_module()
    shutil.rmtree(venv, ignore_errors=True)  # a half-made one from a failed attempt
    say(f"创建虚拟环境 {venv}（Python {sys.version.split()[0]}）")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    return python


def install(python: Path, lock: str) -> None:
    """pip install from the lock, with every file's hash checked; skipped when this lock is installed already."""
    lock_path = ROOT / lock
    stamp = python.parent.parent / f".installed-{lock}"
    digest = hashlib.sha256(lock_path.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    command = [str(python), "-m", "pip", "install", "--quiet", "--require-hashes", "--only-binary=:all:",
               "-r", str(lock_path)]
    wheelhouse = ROOT / "wheelhouse"
    if wheelhouse.is_dir():
        say(f"从 {wheelhouse} 离线安装依赖")
        command += ["--no-index", "--find-links", str(wheelhouse)]
    else:
        say(f"安装依赖（{lock}）")
    subprocess.run(command, check=True, env=child_env())
    stamp.write_text(digest)


def streamlit_command(python: Path, args: list[str]) -> list[str]:
    """--desktop (the .bat, a double-click): the browser opens by itself; a server start stays headless."""
    desktop = "--desktop" in args
    args = [a for a in args if a != "--desktop"]
    if desktop and not any(a.startswith("--server.headless") for a in args):
        args = ["--server.headless", "false", *args]
    return [str(python), "-m", "streamlit", "run", str(ROOT / "app.py"), *args]


def test_tools() -> None:
    """Debian's chromium and CJK fonts for the browser tests; poppler renders and reads the meeting brief's PDF."""
    if sys.platform != "linux":
        return
    have = (shutil.which("chromium") and shutil.which("pdftoppm") and Path("/usr/share/poppler/cMap").is_dir()
            and "Noto Sans CJK" in subprocess.run(["fc-list"], capture_output=True, text=True).stdout
            if shutil.which("fc-list") else False)
    if not have:
        apt_install(TEST_APT)


def wheelhouse(target: Path) -> None:
    """Every locked file for every expected office PC, downloaded on a connected one (any OS)."""
    target.mkdir(parents=True, exist_ok=True)
    unmarked = target / "requirements-all.txt"  # markers would be judged for this PC, not the target one
    unmarked.write_text(re.sub(r" ;[^\\\n]*", "", (ROOT / "requirements-dev.lock").read_text(encoding="utf-8")),
                        encoding="utf-8")
    for platform, tags in PLATFORMS.items():
        for version in PYTHONS:
            say(f"下载 {platform} / Python {version}")
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
                            "--only-binary=:all:", "--implementation", "cp", "--python-version", version,
                            *(f"--platform={tag}" for tag in tags), "-d", str(target), "-r", str(unmarked)],
                           check=True, env=child_env())
    unmarked.unlink()
    say(f"完成：{len(list(target.glob('*.whl')))} 个文件在 {target}；把整个项目文件夹（含 wheelhouse）复制到目标电脑")


def lock() -> None:
    """requirements*.lock from requirements*.txt: pinned, hashed, for Windows and Linux, Python 3.11 and 3.12."""
    with tempfile.TemporaryDirectory() as tools:
        subprocess.run([sys.executable, "-m", "venv", tools], check=True)
        python = venv_python(Path(tools))
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", UV], check=True)
        uv = python.parent / ("uv.exe" if os.name == "nt" else "uv")
        for lock_name, source in SOURCES.items():
            subprocess.run([str(uv), "pip", "compile", "--quiet", "--universal", "--python-version", "3.11",
                            "--generate-hashes", "--no-header", "--output-file", lock_name, source],
                           check=True, cwd=ROOT)
            path = ROOT / lock_name
            path.write_text(f"# from {source} by `python scripts/bootstrap.py lock` (uv pip compile --universal "
                            "--generate-hashes): every file of every pinned version, Windows and Linux, Python 3.11+; "
                            "do not edit\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
            say(f"{lock_name} ← {source}")


def main(argv: list[str]) -> int:
    check_python()
    command, args = (argv[0], argv[1:]) if argv else ("start", [])
    if command == "wheelhouse":
        wheelhouse(Path(args[0]) if args else ROOT / "wheelhouse")
        return 0
    if command == "lock":
        lock()
        return 0
    if command not in LOCKS:
        sys.exit(__doc__)
    python = create_venv(venv_dir())
    install(python, LOCKS[command])
    if command == "test":
        test_tools()
        run = [str(python), "-m", "pytest", "-q", *args]
    else:
        run = streamlit_command(python, args)
    return subprocess.call(run, cwd=ROOT, env=child_env())


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
    except subprocess.CalledProcessError as exc:
        sys.exit(f"失败：{' '.join(map(str, exc.cmd))}（退出码 {exc.returncode}）")
