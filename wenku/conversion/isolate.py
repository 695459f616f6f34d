"""Run untrusted-input work (PDFium) in a forked child with memory and time limits.

Why os.fork + a pipe rather than multiprocessing: Celery's prefork children are daemonic
(billiard refuses to start children from them), the function and its arguments need no
pickling, and the child starts in ~1 ms with every module already imported.

The child:
- gets RLIMIT_AS = what it inherited + WENKU_CONVERT_MEMORY_MB, RLIMIT_CPU = the timeout
  (a spinning child is stopped by the kernel even if the parent stalls), no core dumps, a file
  size limit, and SIGKILL if the parent dies (PR_SET_PDEATHSIG);
- reports progress and its result as JSON lines on the pipe (never pickle: a child whose
  PDFium was exploited must not be able to run code in the parent by what it sends);
- leaves with os._exit: no atexit handlers, no finalizers, so the parent's database
  connection, LibreOffice instance and temp files are never touched by it.

The parent calls on_progress (in its own process and thread), at least every ~1 s, and
kills the child at the deadline (ConversionError("timeout")). A child killed by a signal
(PDFium crashed on a hostile file) means "corrupt"; running out of memory "too_complex".
"""

from __future__ import annotations

import contextlib
import faulthandler
import json
import math
import os
import resource
import select
import signal
import time
import traceback
from collections.abc import Callable
from typing import Any

from wenku.library.failures import ConversionError

from .tools import _LIBC, PR_SET_PDEATHSIG

MAX_MESSAGE_BYTES = 512 * 1024 * 1024
FILE_SIZE_LIMIT = 512 * 1024 * 1024
HEARTBEAT_EVERY = 1.0
PROGRESS_EVERY = 0.2  # the child sends at most this often (plus every stage change)

Progress = Callable[[str, int, int], None]
_last_peak_kb = 0  # peak RSS of the last child reaped in this process (benchmarks read it)


def last_child_peak_mb() -> float:
    return _last_peak_kb / 1024


def _vm_size() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def run_isolated(
    fn: Callable[..., Any],
    *args: Any,
    timeout: float,
    memory_mb: int,
    on_progress: Progress | None = None,
    **kwargs: Any,
) -> Any:
    """Call fn(*args, emit=..., **kwargs) in a forked child; return its JSON-able result.

    `emit(stage, done, total)` inside the child becomes on_progress in the parent.
    ConversionError raised in the child is re-raised here with the same code.
    """
    if timeout <= 0:
        raise ConversionError("timeout", "no time left for the PDF step")
    limit = _vm_size() + memory_mb * 1024 * 1024
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # --- child ---
        os.close(read_fd)
        cpu = int(math.ceil(timeout)) + 1  # CPU seconds never exceed wall seconds here
        _child(write_fd, limit, cpu, fn, args, kwargs)  # never returns
    os.close(write_fd)
    try:
        return _parent(pid, read_fd, timeout, on_progress)
    finally:
        os.close(read_fd)


# --- child ---------------------------------------------------------------------------------


def _child(fd: int, limit: int, cpu: int, fn, args, kwargs) -> None:
    status = 0
    try:
        if _LIBC is not None:
            _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        faulthandler.disable()  # a PDFium crash is reported as "corrupt", not as a dump
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))  # SIGXCPU, then SIGKILL
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
        last = {"t": 0.0, "stage": ""}

        def emit(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if stage != last["stage"] or done >= total or now - last["t"] >= PROGRESS_EVERY:
                last.update(t=now, stage=stage)
                _send(fd, {"type": "progress", "stage": stage, "done": done, "total": total})

        try:
            result = fn(*args, emit=emit, **kwargs)
            _send(fd, {"type": "result", "value": result})
        except ConversionError as exc:
            _send(fd, {"type": "error", "code": exc.code, "detail": exc.detail})
        except MemoryError:
            _send(fd, {"type": "error", "code": "too_complex", "detail": "out of memory"})
        except BaseException as exc:  # noqa: BLE001 - reported, the child then exits
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            _send(fd, {"type": "error", "code": "internal", "detail": detail})
    except BaseException:  # noqa: BLE001 - even the pipe failed: exit non-zero
        status = 70
    finally:
        os._exit(status)


def _send(fd: int, message: dict) -> None:
    data = json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n"
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


# --- parent --------------------------------------------------------------------------------


# long: the parent's side of the child protocol: wait, kill, read, in one place
def _parent(pid: int, fd: int, timeout: float, on_progress: Progress | None) -> Any:
    deadline = time.monotonic() + timeout
    buffer = bytearray()
    total = 0
    result: dict | None = None
    last_progress: tuple[str, int, int] | None = None
    last_call = time.monotonic()
    eof = False
    try:
        while not eof:
            now = time.monotonic()
            if now >= deadline:
                raise ConversionError("timeout", f"PDF processing took over {timeout:.0f}s")
            wait = min(HEARTBEAT_EVERY, deadline - now)
            ready, _, _ = select.select([fd], [], [], wait)
            if ready:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    eof = True
                else:
                    total += len(chunk)
                    if total > MAX_MESSAGE_BYTES:
                        raise ConversionError("too_complex", "the PDF step sent too much data")
                    buffer += chunk
                while b"\n" in buffer:
                    line, _, rest = bytes(buffer).partition(b"\n")
                    buffer = bytearray(rest)
                    message = _decode(line)
                    kind = message.get("type")
                    if kind == "progress":
                        last_progress = (
                            str(message.get("stage", "")),
                            int(message.get("done", 0)),
                            int(message.get("total", 0)),
                        )
                        if on_progress is not None:
                            on_progress(*last_progress)
                            last_call = time.monotonic()
                    elif kind in ("result", "error"):
                        result = message
            if (
                on_progress is not None
                and last_progress is not None
                and time.monotonic() - last_call >= HEARTBEAT_EVERY
            ):
                on_progress(*last_progress)  # heartbeat: same stage, same numbers
                last_call = time.monotonic()
    except BaseException:
        _kill(pid)
        raise
    status = _reap(pid, deadline)
    if result is not None and result.get("type") == "result":
        return result.get("value")
    if result is not None:
        code = str(result.get("code", "internal"))
        detail = str(result.get("detail", ""))
        try:
            raise ConversionError(code, detail)
        except ValueError:
            raise ConversionError("internal", f"{code}: {detail}") from None
    # No answer: the child died.
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            raise ConversionError("timeout", "PDF step used up its CPU time")
        if sig == signal.SIGKILL:  # most likely the kernel's OOM killer
            raise ConversionError("too_complex", "PDF step was killed (out of memory?)")
        raise ConversionError("corrupt", f"PDF step crashed with signal {sig}")
    raise ConversionError("internal", f"PDF step exited with status {status}")


def _decode(line: bytes) -> dict:
    try:
        message = json.loads(line)
    except ValueError as exc:
        raise ConversionError("internal", "garbled message from the PDF step") from exc
    if not isinstance(message, dict):
        raise ConversionError("internal", "garbled message from the PDF step")
    return message


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _reap(pid: int, deadline: float) -> int:
    """Wait for the child that closed its pipe (it is exiting); kill it if it lingers."""
    end = max(deadline, time.monotonic()) + 5
    while True:
        try:
            done, status, usage = os.wait4(pid, os.WNOHANG)
        except ChildProcessError:
            return 0
        if done:
            global _last_peak_kb
            _last_peak_kb = usage.ru_maxrss
            return status
        if time.monotonic() > end:
            _kill(pid)
            return 0
        time.sleep(0.005)
