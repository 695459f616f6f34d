"""The only place in Wenku that starts subprocesses.

Every process runs in its own process group (session) so that a timeout or a shutdown kills
the whole tree (LibreOffice forks helpers), and every call has a timeout. `spawn` is the
Popen variant for long-lived helpers (the warm LibreOffice); `kill_group` ends one. A tool
keeps the priority (nice) of its caller, also against other sessions (`keep_priority`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1


class ToolTimeout(Exception):
    """A command ran past its timeout; its whole process group was killed."""

    def __init__(self, argv: Sequence[str], timeout: float) -> None:
        super().__init__(f"{argv[0]} timed out after {timeout:.1f}s")
        self.argv = list(argv)
        self.timeout = timeout


@dataclass
class ToolResult:
    returncode: int
    stdout: bytes
    stderr: bytes
    seconds: float


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name or "libc.so.6", use_errno=True)
    except OSError:  # pragma: no cover - non-glibc systems
        return None


_LIBC = _libc()


def die_with_parent(sig: int = signal.SIGTERM) -> Callable[[], None]:
    """A preexec_fn: the child gets `sig` when the thread that started it dies.

    Linux ties PR_SET_PDEATHSIG to the creating *thread*; callers start long-lived helpers
    from a thread that lives as long as they need the helper (see office.py).
    """

    def _set() -> None:
        if _LIBC is not None:
            _LIBC.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)

    return _set


def keep_priority() -> None:
    """A preexec_fn (after setsid): a niced caller's tool keeps its priority.

    Where the kernel groups processes by session for scheduling (Linux autogroup, on by
    default in Debian), a process that starts a new session leads a new group whose own
    nice, 0, is what the scheduler weighs against other sessions; the nice it inherited only
    ranks it inside its group, alone there. So a tool started by the OCR child at nice 10
    (ocr.py) would take a full share of the CPU from the worker's conversions. The new group
    gets the caller's nice (raising a nice needs no privilege)."""
    nice = os.getpriority(os.PRIO_PROCESS, 0)
    if nice <= 0:
        return
    try:
        with open("/proc/self/autogroup", "w") as fh:
            fh.write(str(nice))
    except OSError:  # no autogroup in this kernel: the process's nice is what counts
        pass


def _child_setup(sig: int) -> Callable[[], None]:
    die = die_with_parent(sig)

    def _set() -> None:
        die()
        keep_priority()

    return _set


def run(
    argv: Sequence[str],
    *,
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    input: bytes | None = None,
    check: bool = False,
) -> ToolResult:
    """Run a command to completion; on timeout kill its process group and raise ToolTimeout."""
    if timeout is None or timeout <= 0:
        raise ValueError("every tool call needs a positive timeout")
    started = time.monotonic()
    proc = subprocess.Popen(
        list(argv),
        stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(env) if env is not None else None,
        cwd=cwd,
        start_new_session=True,
        preexec_fn=_child_setup(signal.SIGKILL),
    )
    try:
        out, err = proc.communicate(input=input, timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        proc.communicate()
        raise ToolTimeout(argv, timeout) from None
    except BaseException:
        kill_group(proc)
        raise
    result = ToolResult(proc.returncode, out, err, time.monotonic() - started)
    if check and proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, list(argv), out, err)
    return result


def spawn(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    stdout: int | None = subprocess.DEVNULL,
    stderr: int | None = subprocess.DEVNULL,
    death_signal: int = signal.SIGTERM,
) -> subprocess.Popen:
    """Start a long-lived helper in its own process group that dies with its parent thread.

    The caller owns it: it must end it with `kill_group` (and bound every wait on it).
    """
    return subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        env=dict(env) if env is not None else None,
        cwd=cwd,
        start_new_session=True,
        preexec_fn=_child_setup(death_signal),
    )


def kill_group(proc: subprocess.Popen, *, grace: float = 0.0) -> None:
    """End `proc` and everything in its process group; reap `proc` (bounded wait).

    With `grace` > 0 send SIGTERM first and wait that long before SIGKILL.
    """
    pgid = proc.pid  # start_new_session=True: the group id is the leader's pid
    if grace > 0 and proc.poll() is None:
        _signal_group(pgid, signal.SIGTERM)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    # Even if the leader has exited, helpers it forked may still be in the group.
    _signal_group(pgid, signal.SIGKILL)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover - a process in D state
        log.warning("process %s did not exit after SIGKILL", proc.pid)


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass
    except PermissionError:  # pragma: no cover - group id reused by another user
        log.warning("cannot signal process group %s", pgid)
