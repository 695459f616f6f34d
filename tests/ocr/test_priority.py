"""The OCR child's priority reaches its tesseract, also against other sessions.

tools.run starts each tool in a session of its own (to kill its whole tree on a timeout).
Where Linux groups scheduling by session (autogroup, on by default in Debian) a new session's
group has nice 0 whatever its process inherited: a tesseract of the OCR child at nice 10
took a whole share of the CPU from the worker's new conversions. These run the real thing in
a forked child niced like the OCR child."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from wenku.conversion import tools

AUTOGROUP = Path("/proc/self/autogroup")
PROBE = "nice; cat /proc/self/autogroup 2>/dev/null || echo no-autogroup"


def _run_at(nice: int) -> str:
    os.nice(nice)
    return tools.run(["sh", "-c", PROBE], timeout=30).stdout.decode()


def _in_child_at(nice: int) -> list[str]:
    with multiprocessing.get_context("fork").Pool(1) as pool:
        return pool.apply(_run_at, (nice,)).split()


def test_a_tool_started_at_nice_10_runs_at_nice_10_in_its_new_session():
    out = _in_child_at(10)
    assert out[0] == "10"  # the process's own nice
    if AUTOGROUP.exists():
        # its session's scheduling group: "/autogroup-N nice 10", not nice 0
        assert out[1].startswith("/autogroup-") and out[2:] == ["nice", "10"], out
        # A group of its own (killable). Our own file is empty when we are in the root
        # group (as under CI's runner): that group is never the tool's either.
        own = AUTOGROUP.read_text().split()
        assert not own or out[1] != own[0], (out, own)


def test_a_tool_of_a_process_at_nice_0_keeps_nice_0():
    out = _in_child_at(0)
    assert out[0] == "0"
    if AUTOGROUP.exists():
        assert out[2:] == ["nice", "0"], out
