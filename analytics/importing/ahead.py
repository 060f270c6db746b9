"""Files read ahead of their commit: each file's plan is made in its own reading process (the sandbox), so while one
file is written the next ones are read and every core is busy.

Reading starts when a PlansAhead is made, so a command can start it before it loads the store's modules.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from analytics.core.config import Config
from analytics.core.errors import FileRejected
from analytics.importing.plan import ImportPlan, plan_import

# a file given as (name, bytes), as a path to read, or as the plan the upload page has already shown
Source = ImportPlan | Path | tuple[str, bytes]
# plans under way at once, one reading process per core of the machines we run on; with the plan being written, at
# most DEPTH + 1 are held
DEPTH = 2


class PlansAhead:
    """The files' plans in the order given, DEPTH of them under way ahead of the one taken; a plan given as such
    passes as it is. Each item is an ImportPlan or a Future of one (plan_of turns either into the plan)."""

    def __init__(self, sources: Iterable[Source], config: Config, *, kind: str | None = None,
                 program: str | None = None, period: dt.date | None = None, given: dict[str, str] | None = None,
                 depth: int = DEPTH, reader: ThreadPoolExecutor | None = None):
        self.sources = list(sources)
        self.config = config
        self.options = {"kind": kind, "program": program, "period": period, "given": given}
        self._reader = reader or ThreadPoolExecutor(max_workers=depth)
        self._ahead = [self._start(s) for s in self.sources[:depth]]
        self._depth = depth

    def __len__(self) -> int:
        return len(self.sources)

    def __iter__(self) -> Iterator[ImportPlan | Future]:
        for source in self.sources[self._depth:]:
            self._ahead.append(self._start(source))
            yield self._ahead.pop(0)
        while self._ahead:
            yield self._ahead.pop(0)

    def __enter__(self) -> PlansAhead:
        return self

    def __exit__(self, *exc) -> None:
        """Plans not yet begun are dropped; one under way is waited for, so no reading process outlives the import."""
        self._reader.shutdown(wait=True, cancel_futures=True)

    def _start(self, source: Source) -> ImportPlan | Future:
        if isinstance(source, ImportPlan):
            return source
        return self._reader.submit(plan_of, source, self.config, **self.options)


def plan_of(source: Source | Future, config: Config, kind=None, program=None, period=None, given=None) -> ImportPlan:
    """The plan of a source; of one planned ahead, its plan or its refusal, raised here as if planned now."""
    if isinstance(source, Future):
        return source.result()
    if isinstance(source, ImportPlan):
        return source
    if isinstance(source, Path):
        try:
            source = (source.name, source.read_bytes())
        except OSError as exc:
            raise FileRejected(source.name, _unreadable(exc)) from None
    name, data = source
    return plan_import(name, data, config, kind=kind, program=program, period=period, given=given)


def _unreadable(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "文件不存在，请检查路径和文件名"
    if isinstance(error, PermissionError):
        return "没有读取该文件的权限"
    if isinstance(error, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    return f"无法读取（系统错误码 {error.errno}）"
