"""python -m analytics user: accounts from the command line, the password from stdin and never from the arguments."""
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analytics.commands import users
from analytics.core.errors import JiuzhuError

ROOT = Path(__file__).resolve().parent.parent


def user(db, *args, stdin=""):
    command = [sys.executable, "-m", "analytics", "user", *args, "--db", str(db)]
    return subprocess.run(command, cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120)


def audit_actions(db) -> list[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select action, detail from audit_log order by seq").fetchall()


def test_the_first_admin_is_created_with_the_password_read_from_stdin(tmp_path):
    db = tmp_path / "s.duckdb"
    assert "尚无账户：看板以单机模式运行" in user(db, "list").stdout
    done = user(db, "add", "王主任", "--role", "管理员", stdin="qinglong2022\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "已新建管理员账户 王主任"
    assert user(db, "add", "冬笋村文书", "--role", "村(居)", "--village", "冬笋村", stdin="dongsun2022\n").returncode == 0
    listed = user(db, "list").stdout
    assert listed.split() == ["王主任", "管理员", "正常", "最近登录", "从未登录",
                              "冬笋村文书", "村(居)", "冬笋村", "正常", "最近登录", "从未登录"]
    assert "scrypt" not in listed and "qinglong2022" not in listed + done.stdout + done.stderr
    (action, detail), _ = audit_actions(db)
    assert action == "账户变更" and "qinglong2022" not in detail and "scrypt" not in detail


def test_a_village_account_disable_and_passwd_each_leave_an_audit_entry(tmp_path):
    db = tmp_path / "s.duckdb"
    assert user(db, "add", "冬笋村文书", "--role", "村(居)", "--village", "冬笋村", stdin="dongsun2022\n").returncode == 0
    assert user(db, "passwd", "冬笋村文书", stdin="dongsun2023\n").stdout.strip() == "已修改 冬笋村文书 的密码"
    assert user(db, "disable", "冬笋村文书").stdout.strip() == "已停用账户 冬笋村文书"
    assert "已停用" in user(db, "list").stdout
    assert [a for a, _ in audit_actions(db)] == ["账户变更"] * 3
    assert [json.loads(d)["操作"] for _, d in audit_actions(db)] == ["新建账户", "修改密码", "停用账户"]


def test_a_password_given_as_an_argument_is_refused_by_argparse(tmp_path):
    db = tmp_path / "s.duckdb"
    for args in (("add", "王主任", "--role", "管理员", "qinglong2022"), ("add", "王主任", "--role", "管理员",
                                                                       "--password", "qinglong2022"),
                 ("passwd", "王主任", "qinglong2022")):
        done = user(db, *args, stdin="qinglong2022\n")
        assert done.returncode == 2 and "unrecognized arguments" in done.stderr
    assert "尚无账户" in user(db, "list").stdout


def test_a_weak_password_an_empty_stdin_and_an_unknown_user_exit_1_in_chinese(tmp_path):
    db = tmp_path / "s.duckdb"
    weak = user(db, "add", "李四", "--role", "领导", stdin="short\n")
    assert weak.returncode == 1 and "密码至少 8 位，且须同时包含字母和数字" in weak.stderr
    empty = user(db, "add", "李四", "--role", "领导")
    assert empty.returncode == 1 and "未从标准输入读到密码" in empty.stderr
    unknown = user(db, "disable", "无此人")
    assert unknown.returncode == 1 and "没有名为 无此人 的用户" in unknown.stderr
    village = user(db, "add", "文书", "--role", "村(居)", stdin="dongsun2022\n")
    assert village.returncode == 1 and "村(居)账户须指定所属村(居)" in village.stderr
    assert "尚无账户" in user(db, "list").stdout


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_at_a_terminal_the_password_is_asked_twice_without_echo(monkeypatch):
    typed = iter(["qinglong2022", "qinglong2022", "qinglong2022", "qinglong2023"])
    prompts = []
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(users.getpass, "getpass", lambda prompt: prompts.append(prompt) or next(typed))
    assert users.read_password() == "qinglong2022" and prompts == ["密码：", "再次输入密码："]
    with pytest.raises(JiuzhuError, match="两次输入的密码不一致"):
        users.read_password()
