"""The SQL that moves a dataset's rows between its live table and its archive, built apart from running it.

Only table and column names vary, and they come from the contract (analytics/core/contract.py), never from a user; values
are bound parameters. Built statements are plain strings, so tests can read them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from analytics.core.contract import DATASETS
from analytics.core.db import quote_identifier


@dataclass(frozen=True)
class Moves:
    kind: str

    @cached_property
    def live(self) -> str:
        return quote_identifier(self.kind)

    @cached_property
    def archive(self) -> str:
        return quote_identifier(self.kind + "_archive")

    @cached_property
    def in_staged_scope(self) -> str:
        """Live rows `r` sharing the scope of a row of `staging` (for a list without scope: any staged row); of a
        dataset with supplementary files (补发), not their rows: a corrected main file replaces the main file only."""
        parts = [f"s.{quote_identifier(c)} is not distinct from r.{quote_identifier(c)}"
                 for c in DATASETS[self.kind].scope]
        shared = "exists (select 1 from staging as s" + (" where " + " and ".join(parts) if parts else "") + ")"
        if DATASETS[self.kind].adds_when:
            shared += " and r.batch_id not in (select batch_id from import_batch where adds)"
        return shared

    def insert_staged(self) -> str:
        """Parameters: batch id."""
        return f"insert into {self.live} by name select ? as batch_id, * from staging"

    def insert_restaged(self) -> str:
        return f"insert into {self.live} by name select * from staging"

    def archive_staged_scope(self, by_sub_type: bool = False) -> str:
        """Parameters: the event id that moves them, then (by_sub_type) the file's 类别."""
        return (f"insert into {self.archive} by name select r.*, ? as archived_by, now() as archived_at "
                f"from {self.live} as r where {self._scope(by_sub_type)}")

    def delete_staged_scope(self, by_sub_type: bool = False) -> str:
        """Parameters: (by_sub_type) the file's 类别."""
        return f"delete from {self.live} as r where {self._scope(by_sub_type)}"

    def _scope(self, by_sub_type: bool) -> str:
        """A file for one 类别 (城市 低保) replaces that 类别's rows only."""
        return self.in_staged_scope + (" and r.sub_type is not distinct from ?" if by_sub_type else "")

    def archive_batch(self) -> str:
        """Parameters: event id, batch id."""
        return (f"insert into {self.archive} by name select *, ? as archived_by, now() as archived_at "
                f"from {self.live} where batch_id = ?")

    def delete_batch(self) -> str:
        """Parameters: batch id."""
        return f"delete from {self.live} where batch_id = ?"

    def bring_back_event(self) -> str:
        """Parameters: the event whose moved-out rows come back."""
        return (f"insert into {self.live} by name select * exclude (archived_by, archived_at) "
                f"from {self.archive} where archived_by = ?")

    def forget_event(self) -> str:
        return f"delete from {self.archive} where archived_by = ?"

    def stage_archived_batch(self) -> str:
        """Parameters: batch id."""
        return (f"create temp table staging as select * exclude (archived_by, archived_at) "
                f"from {self.archive} where batch_id = ?")

    def forget_archived_batch(self) -> str:
        return f"delete from {self.archive} where batch_id = ?"


def insert_all(table: str) -> str:
    """Append a registered relation `incoming` to one of the store's own tables."""
    if table not in ("quarantine", "import_problem"):
        raise ValueError(f"not an import table: {table!r}")
    return f"insert into {quote_identifier(table)} by name select * from incoming"
