"""user: accounts from the command line."""
from __future__ import annotations

import getpass
import sys

import pandas as pd

from analytics.access import accounts
from analytics.commands.common import cli_user
from analytics.core import config as config_module, store
from analytics.core.errors import JiuzhuError


def user(args) -> int:
    """The password comes from a prompt, or one line of stdin when it is not a terminal; never from the arguments."""
    con, by = store.connect(args.db), cli_user()
    if args.user_command == "add":
        accounts.add_user(con, config_module.load(), args.name, args.role, read_password(), village=args.village,
                          by=by)
        print(f"已新建{args.role}账户 {args.name}" + (f"（{args.village}）" if args.village else ""))
    elif args.user_command == "passwd":
        accounts.set_password(con, args.name, read_password(), by=by)
        print(f"已修改 {args.name} 的密码")
    elif args.user_command == "disable":
        accounts.disable(con, args.name, by=by)
        print(f"已停用账户 {args.name}")
    else:
        users = accounts.list_users(con)
        if users.empty:
            print("尚无账户：看板以单机模式运行，只能在本机访问")
        for u in users.itertuples():
            last = f"{u.last_login:%Y-%m-%d %H:%M}" if not pd.isna(u.last_login) else "从未登录"
            village = "" if pd.isna(u.village) else u.village
            print(f"{u.name:<12} {u.role:<6} {village:<6} {u.status:<12} 最近登录 {last}")
    return 0


def read_password() -> str:
    if sys.stdin.isatty():
        password = getpass.getpass("密码：")
        if getpass.getpass("再次输入密码：") != password:
            raise JiuzhuError("两次输入的密码不一致，未作改动")
        return password
    line = sys.stdin.readline()
    if not line:
        raise JiuzhuError("未从标准输入读到密码")
    return line.rstrip("\r\n")
