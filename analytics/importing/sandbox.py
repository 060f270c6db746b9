"""Run one function in a child process whose memory and time are capped, and bring its result back.

Reading an uploaded workbook is the one step a hostile or broken file can turn against the whole app: python-calamine
builds a sheet as the full rectangle its cells span, so a 2 KB file with values in A1 and XFD1048576 asks for 512 GB
and aborts the process (calamine issue #693) — with it the dashboard of every user. In a child, such a file ends only
the child; the parent reports it in Chinese. The child also gives back all memory a big file took, at once.

The child never touches the store: it gets only the function's arguments. Where the OS has a fork server (Linux,
macOS) the child is forked from it and also carries kernel limits (address space, CPU); everywhere (Windows, or
JIUZHU_SANDBOX=spawn) the parent watches the child's resident memory, CPU time and the clock through psutil and ends
it when one runs over — the portable path, which the tests force on Linux.
"""
from __future__ import annotations

import faulthandler
import multiprocessing
import multiprocessing.forkserver
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

import psutil

try:
    import resource
except ImportError:  # Windows: the portable path needs none of it
    resource = None

POLL_SECONDS = 0.05
READY = b""  # the child's first message: it has started and imported fn; its memory from here on is what fn adds
# A single absurd request (calamine's 512 GB) must fail at once instead of being written page by page; the real bound
# is the resident-memory watchdog below. Address space runs ~4x resident here (arrow and thread reservations).
ADDRESS_HEADROOM = 16 << 30
# A failed allocation aborts a Rust reader: SIGABRT on POSIX, abort() or a fail-fast exit code on Windows.
ABORT_CODES = {-getattr(signal, "SIGABRT", 6), 3, 0xC0000409}


def start_method() -> str:
    """forkserver where the OS has one: a clean single-threaded process started once, with the reader already imported.
    Forking the app itself (Streamlit's, DuckDB's and pyarrow's threads running) let a child inherit locks held by other
    threads: readers segfaulted at random once a page had been served. spawn elsewhere, or when JIUZHU_SANDBOX=spawn."""
    if os.environ.get("JIUZHU_SANDBOX") == "spawn" or "forkserver" not in multiprocessing.get_all_start_methods():
        return "spawn"
    return "forkserver"


if start_method() == "forkserver":
    multiprocessing.get_context("forkserver").set_forkserver_preload(["analytics.importing.plan"])


def warm() -> None:
    """Start the fork server now rather than at the first file: it imports the reader (pandas, pyarrow, calamine) on
    the other core while the caller loads its own modules and opens the store."""
    if start_method() == "forkserver":
        multiprocessing.forkserver.ensure_running()


@dataclass(frozen=True)
class Limits:
    memory_mb: int          # resident memory the child may add to what it held once started
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
    peak_mb: float | None        # resident memory the child added beyond its start

    def get(self) -> object:
        if self.error is not None:
            raise self.error
        return self.value


def run(fn: Callable, *args, limits: Limits, hidden: tuple[str, ...] = (), **kwargs) -> Outcome:
    """fn(*args, **kwargs) in a capped child; fn and its arguments must pickle (a module-level function). The
    packages named in `hidden`, unless the fork server has loaded them, cannot be imported there: code that tries
    takes them as not installed."""
    method = start_method()
    context = multiprocessing.get_context(method)
    reader, writer = context.Pipe(duplex=False)
    kernel = method == "forkserver" and resource is not None
    child = context.Process(target=_child, args=(writer, limits, kernel, fn, args, kwargs, hidden),
                            daemon=True)
    with _main_module_hidden():
        child.start()
    writer.close()
    try:
        payload, stopped, peak = _collect(child, reader, limits)
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


def _child(writer, limits: Limits, kernel: bool, fn: Callable, args: tuple, kwargs: dict,
           hidden: tuple[str, ...] = ()) -> None:
    faulthandler.disable()  # an abort here is expected and reported by the parent, not a crash to dump
    if hidden:
        sys.meta_path.insert(0, _Hidden(frozenset(hidden)))
    if kernel:
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort must not write a core file of gigabytes
            resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
            address = psutil.Process().memory_info().vms + ADDRESS_HEADROOM
            resource.setrlimit(resource.RLIMIT_AS, (address, address))
        except (ValueError, OSError):  # macOS may refuse an address-space limit: the parent's watch still holds
            pass
    start = psutil.Process().memory_info().rss
    writer.send_bytes(READY)
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


@dataclass(frozen=True)
class _Hidden:
    """An import finder that answers "not installed" for the given top-level packages."""
    packages: frozenset[str]

    def find_spec(self, name: str, path=None, target=None):
        if name.partition(".")[0] in self.packages:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def _collect(child, reader, limits: Limits) -> tuple[bytes, str | None, float]:
    """The child's answer, while watching the clock and, once it is ready, its resident memory beyond what it held then
    and its CPU time; stop it when one runs over. Returns (answer or b"", why it was stopped, the most memory it was
    seen to add)."""
    try:
        watched = psutil.Process(child.pid)
    except psutil.NoSuchProcess:  # done already (a small file, from a warm fork server): its answer is in the pipe
        watched = None
    deadline, start_rss, seen = time.monotonic() + limits.wall_seconds, None, 0
    while True:
        if reader.poll(POLL_SECONDS):
            try:
                message = reader.recv_bytes()
            except (EOFError, OSError):  # the child died without answering
                return b"", None, _added(seen, start_rss)
            if message != READY or start_rss is not None:
                return message, None, 0.0
            start_rss = seen = _usage(watched)[0]
            continue
        rss, cpu = _usage(watched)
        seen = max(seen, rss)
        over = ("memory" if start_rss is not None and seen > start_rss + (limits.memory_mb << 20) else
                "time" if cpu > limits.cpu_seconds or time.monotonic() > deadline else None)
        if over:
            child.kill()
            return b"", over, _added(seen, start_rss)


def _usage(process: psutil.Process | None) -> tuple[int, float]:
    """Resident bytes and CPU seconds of a child; zeros once it has gone (its answer or its exit code tells why)."""
    if process is None:
        return 0, 0.0
    try:
        with process.oneshot():
            times = process.cpu_times()
            return process.memory_info().rss, times.user + times.system
    except psutil.Error:
        return 0, 0.0


def _added(seen: int, start_rss: int | None) -> float:
    return round(max(0, seen - (start_rss or seen)) / 2**20, 1)


def _reason(exitcode: int | None) -> str:
    """From the child's exit code (minus the signal number when a signal ended it)."""
    if exitcode in (-getattr(signal, "SIGXCPU", 24), -getattr(signal, "SIGKILL", 9)):
        return "time"
    if exitcode in ABORT_CODES:
        return "memory"  # an allocation the address-space cap or the machine refused
    return "crash"


def _high_water() -> int:
    """The child's peak resident memory: VmHWM on Linux, the peak working set on Windows, ru_maxrss elsewhere."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    info = psutil.Process().memory_info()
    if hasattr(info, "peak_wset"):
        return info.peak_wset
    scale = 1 if sys.platform == "darwin" else 1024  # macOS counts bytes, Linux kilobytes
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale if resource else info.rss
