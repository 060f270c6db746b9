"""What several commands share: who a command runs as."""
from __future__ import annotations

import getpass

from analytics.access import accounts, scope


def scope_of(con, name: str | None) -> scope.Scope:
    """The account a command runs as; without one, the administrator at the keyboard (who holds the store itself)."""
    return accounts.scope_of(con, name) if name else scope.Scope(cli_user(), scope.ADMIN)


def cli_user() -> str:
    """Who the audit log names for a command: the operating-system user at the keyboard."""
    try:
        return f"命令行（{getpass.getuser()}）"
    except (KeyError, OSError):
        return "命令行"
