"""The reading sandbox through its portable path — a spawned child watched by the parent through psutil, with no kernel
limits — which is what Windows gets; JIUZHU_SANDBOX=spawn forces it here so it is tested on Linux."""
from __future__ import annotations

import importlib
import multiprocessing
import pickle
import time

import pytest

from analytics.core.errors import FileRejected
from analytics.importing import sandbox
from analytics.importing.plan import plan_isolated
from test_bad_files import BIG_FILE_MB, BIG_FILE_SECONDS, far_cells, ratio_bomb, with_sheet_xml

SMALL = sandbox.Limits(memory_mb=100, cpu_seconds=2, wall_seconds=30)


@pytest.fixture(autouse=True)
def portable(monkeypatch):
    monkeypatch.setenv("JIUZHU_SANDBOX", "spawn")
    assert sandbox.start_method() == "spawn"


def grow(megabytes: int) -> int:
    """Touch `megabytes` of memory, 10 MB at a time, the way a reader fills a sheet."""
    held = []
    for _ in range(megabytes // 10):
        held.append(bytearray(10 << 20))
        held[-1][::4096] = b"x" * len(held[-1][::4096])
        time.sleep(0.01)
    return len(held)


def spin() -> None:
    while True:
        pass


def fail() -> None:
    raise ValueError("坏了")


def importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError:
        return False
    return True


def refused_within_the_cap(file_name: str, data: bytes, config) -> FileRejected:
    start = time.perf_counter()
    outcome = plan_isolated(file_name, data, config)
    seconds = time.perf_counter() - start
    assert isinstance(outcome.error, FileRejected), outcome.error
    assert outcome.peak_mb is not None and outcome.peak_mb <= BIG_FILE_MB
    assert seconds <= BIG_FILE_SECONDS
    return outcome.error


def test_a_spawned_child_hands_back_its_value_and_what_it_raised():
    assert sandbox.run(grow, 20, limits=SMALL).get() == 2
    with pytest.raises(ValueError, match="坏了"):
        sandbox.run(fail, limits=SMALL).get()


def test_a_hidden_package_is_not_installed_for_the_child():
    assert sandbox.run(importable, "wave", limits=SMALL).get()
    assert not sandbox.run(importable, "wave", limits=SMALL, hidden=("wave",)).get()


def test_the_watchdog_stops_a_child_that_grows_past_its_memory_cap():
    outcome = sandbox.run(grow, 1000, limits=SMALL)
    assert isinstance(outcome.error, sandbox.Aborted) and outcome.error.reason == "memory"
    assert 100 <= outcome.peak_mb < 400  # stopped once past the 100 MB cap


def test_the_watchdog_stops_a_child_that_spins_past_its_cpu_cap():
    start = time.perf_counter()
    outcome = sandbox.run(spin, limits=SMALL)
    assert isinstance(outcome.error, sandbox.Aborted) and outcome.error.reason == "time"
    assert time.perf_counter() - start < 10


def test_cells_at_a1_and_xfd1048576_are_refused_within_the_cap(config):
    """No range declared: calamine's 512 GB request fails in the child, which alone ends."""
    message = str(refused_within_the_cap("发放.xlsx", far_cells(), config))
    assert "内存超过上限" in message and "看板未受影响" in message


def test_a_declared_range_of_17_billion_cells_is_refused_before_reading(config):
    data = with_sheet_xml(b'<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                          b'<row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData>')
    message = str(refused_within_the_cap("发放.xlsx", data, config))
    assert "A1:XFD1048576" in message and "17,179,869,184 个单元格" in message and "未读取" in message


def test_a_zip_bomb_is_refused_within_the_cap(config):
    message = str(refused_within_the_cap("发放.xlsx", ratio_bomb(), config))
    assert "压缩炸弹" in message and "未解压" in message


def test_windows_gets_the_portable_path_and_its_abort_codes_read_as_memory(monkeypatch):
    monkeypatch.delenv("JIUZHU_SANDBOX")
    monkeypatch.setattr(sandbox.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert sandbox.start_method() == "spawn"
    assert sandbox._reason(0xC0000409) == sandbox._reason(3) == "memory"  # fail-fast and abort() on Windows
    assert sandbox._reason(1) == "crash"


def test_a_child_gone_before_the_watch_begins_still_hands_back_its_answer():
    """A small file from a warm fork server can be read before the parent starts watching: its pid is gone then."""
    context = multiprocessing.get_context("spawn")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=sandbox._child, args=(writer, SMALL, False, grow, (10,), {}))
    child.start()
    writer.close()
    child.join()
    payload, stopped, _ = sandbox._collect(child, reader, SMALL)
    assert stopped is None and pickle.loads(payload)[:2] == ("ok", 1)
