"""Run one function in a child process whose memory and time are capped, and bring its result back.

Reading an uploaded workbook is the one step a hostile or broken file can turn against the whole app: python-calamine
builds a sheet as the full rectangle its cells span, so a 2 KB file with values in A1 and XFD1048576 asks for 512 GB
and aborts the process (calamine issue #693) — with it the dashboard of every user. In a child, such a file ends only
the child; the parent reports it in Chinese. The child also gives back all memory a big file took, at once.

The child never touches the store: it is forked from a fork server that never opened it, and gets only the function's
arguments. Where there is no fork server (Windows) the function runs in-process, uncapped.
"""
from __future__ import annotations

import faulthandler
import multiprocessing
import os
import pickle
import signal
import sys
import time
import traceback
import types
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

try:
    import resource
except ImportError:  # Windows: no fork either, so nothing here uses it
    resource = None

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
POLL_SECONDS = 0.05
# A single absurd request (calamine's 512 GB) must fail at once instead of being written page by page; the real bound
# is the resident-memory watchdog below. Address space runs ~4x resident here (arrow and thread reservations).
ADDRESS_HEADROOM = 16 << 30
# Children come from a fork server: a clean single-threaded process started once, with the reader already imported.
# Forking the app itself (Streamlit's, DuckDB's and pyarrow's threads running) let a child inherit locks held by other
# threads: readers segfaulted at random once a page had been served.
_CONTEXT = multiprocessing.get_context("forkserver") if "forkserver" in multiprocessing.get_all_start_methods() else None
if _CONTEXT is not None:
    _CONTEXT.set_forkserver_preload(["analytics.importing.plan"])


@dataclass(frozen=True)
class Limits:
    memory_mb: int          # resident memory the child may add to what the parent held at the fork
    cpu_seconds: int
    wall_seconds: int


class Aborted(Exception):
    """The child was stopped or died before it could answer; `reason` is memory, time or crash."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Outcome:
    value: object
    error: BaseException | None  # what fn raised, or Aborted
    peak_mb: float | None        # resident memory the child added beyond its start; None in-process

    def get(self) -> object:
        if self.error is not None:
            raise self.error
        return self.value


def run(fn: Callable, *args, limits: Limits, **kwargs) -> Outcome:
    """fn(*args, **kwargs) in a capped child; fn and its arguments must pickle (a module-level function)."""
    if _CONTEXT is None:
        try:
            return Outcome(fn(*args, **kwargs), None, None)
        except Exception as exc:  # noqa: BLE001 - handed over like the child's
            return Outcome(None, exc, None)
    reader, writer = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_child, args=(writer, limits, fn, args, kwargs), daemon=True)
    with _main_module_hidden():
        child.start()
    writer.close()
    try:
        payload, stopped, peak = _collect(child.pid, reader, limits)
    finally:
        child.join(timeout=5)
        if child.is_alive():  # stopped, or interrupted while waiting: leave no child behind
            child.kill()
            child.join()
        reader.close()
    if not payload:
        return Outcome(None, Aborted(stopped or _reason(child.exitcode)), peak)
    kind, value, peak_mb = pickle.loads(payload)
    return Outcome(None, value, peak_mb) if kind == "raised" else Outcome(value, None, peak_mb)


@contextmanager
def _main_module_hidden():
    """multiprocessing re-runs the parent's __main__ in a new child; under Streamlit that is the page script being run,
    which would open the store and draw a page in the reader. For the instant of the start, there is no main module."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _child(writer, limits: Limits, fn: Callable, args: tuple, kwargs: dict) -> None:
    faulthandler.disable()  # an abort here is expected and reported by the parent, not a crash to dump
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort must not write a core file of gigabytes
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    address = _vsize() + ADDRESS_HEADROOM
    resource.setrlimit(resource.RLIMIT_AS, (address, address))
    start = _rss(os.getpid())
    try:
        message = ("ok", fn(*args, **kwargs))
    except BaseException as exc:  # noqa: BLE001 - every exception goes back to the parent to be raised there
        message = ("raised", exc)
    peak = max(0.0, (_high_water() - start) / 2**20)
    try:
        payload = pickle.dumps((*message, round(peak, 1)), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled comes back as its traceback
        text = "".join(traceback.format_exception(message[1])) if message[0] == "raised" else traceback.format_exc()
        payload = pickle.dumps(("raised", RuntimeError(f"读取进程出错：\n{text}"), round(peak, 1)))
    writer.send_bytes(payload)
    writer.close()


def _collect(pid: int, reader, limits: Limits) -> tuple[bytes, str | None, float]:
    """The child's answer, while watching its resident memory (beyond what it held at its start) and the clock;
    stop it when either runs over. Returns (answer or b"", why it was stopped, the most memory it was seen to add)."""
    start_rss = seen = _rss(pid)
    deadline, cap = time.monotonic() + limits.wall_seconds, start_rss + (limits.memory_mb << 20)
    while True:
        if reader.poll(POLL_SECONDS):
            try:
                return reader.recv_bytes(), None, 0.0
            except (EOFError, OSError):  # the child died without answering
                return b"", None, round(max(0, seen - start_rss) / 2**20, 1)
        seen = max(seen, _rss(pid))
        over = "memory" if seen > cap else "time" if time.monotonic() > deadline else None
        if over:
            os.kill(pid, signal.SIGKILL)
            return b"", over, round(max(0, seen - start_rss) / 2**20, 1)


def _reason(exitcode: int | None) -> str:
    """From the child's exit code (minus the signal number when a signal ended it)."""
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return "time"
    if exitcode == -signal.SIGABRT:
        return "memory"  # Rust aborts when an allocation fails: the address-space cap or the machine said no
    return "crash"


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _vsize() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * PAGE
    except OSError:
        return 0


def _high_water() -> int:
    """The child's peak resident memory (VmHWM), which starts at its resident size at the fork."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
