"""Run one function in a forked child process whose memory and time are capped, and bring its result back.

Reading an uploaded workbook is the one step a hostile or broken file can turn against the whole app: python-calamine
builds a sheet as the full rectangle its cells span, so a 2 KB file with values in A1 and XFD1048576 asks for 512 GB
and aborts the process (calamine issue #693) — with it the dashboard of every user. In a child, such a file ends only
the child; the parent reports it in Chinese. The child also gives back all memory a big file took, at once.

The child never touches the store: it inherits the parent's DuckDB connection but leaves through os._exit, which runs
no finaliser, so nothing is ever checkpointed or written from it. Where fork is missing (Windows) the function runs
in-process, uncapped.
"""
from __future__ import annotations

import faulthandler
import os
import pickle
import select
import signal
import time
import traceback
from collections.abc import Callable
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
    peak_mb: float | None        # resident memory the child added (its whole peak if it died); None in-process

    def get(self) -> object:
        if self.error is not None:
            raise self.error
        return self.value


def run(fn: Callable, *args, limits: Limits, **kwargs) -> Outcome:
    """fn(*args, **kwargs) in a capped child."""
    if not hasattr(os, "fork"):
        try:
            return Outcome(fn(*args, **kwargs), None, None)
        except Exception as exc:  # noqa: BLE001 - handed over like the child's
            return Outcome(None, exc, None)
    start_rss = _rss(os.getpid())
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        _child(read_end, write_end, limits, fn, args, kwargs)
    os.close(write_end)
    try:
        payload, stopped = _collect(pid, read_end, start_rss, limits)
    except BaseException:  # interrupted while waiting: leave no child behind
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    _, status, usage = os.wait4(pid, 0)
    if not payload:
        return Outcome(None, Aborted(stopped or _reason(status)), round(usage.ru_maxrss / 1024, 1))
    kind, value, peak_mb = pickle.loads(payload)
    return Outcome(None, value, peak_mb) if kind == "raised" else Outcome(value, None, peak_mb)


def _child(read_end: int, write_end: int, limits: Limits, fn: Callable, args: tuple, kwargs: dict) -> None:
    try:
        os.close(read_end)
        faulthandler.disable()  # an abort here is expected and reported by the parent, not a crash to dump
        for number in (signal.SIGINT, signal.SIGTERM):  # the app's own handlers would try to stop a server here
            signal.signal(number, signal.SIG_DFL)
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
        with os.fdopen(write_end, "wb") as out:
            out.write(payload)
    finally:
        os._exit(0)


def _collect(pid: int, read_end: int, start_rss: int, limits: Limits) -> tuple[bytes, str | None]:
    """Read the child's answer while watching its resident memory and the clock; stop it when either runs over."""
    chunks, deadline, cap = [], time.monotonic() + limits.wall_seconds, start_rss + (limits.memory_mb << 20)
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while True:
            ready, _, _ = select.select([pipe], [], [], POLL_SECONDS)
            if ready:
                chunk = pipe.read(1 << 20)
                if not chunk:
                    return b"".join(chunks), None
                chunks.append(chunk)
                continue
            over = "memory" if _rss(pid) > cap else "time" if time.monotonic() > deadline else None
            if over:
                os.kill(pid, signal.SIGKILL)
                return b"", over


def _reason(status: int) -> str:
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
        return "time"
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGABRT:
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
