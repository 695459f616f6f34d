"""The forked child that runs PDFium: limits, crashes, timeouts, progress."""

from __future__ import annotations

import os
import signal
import time

import pytest

from wenku.conversion.isolate import run_isolated
from wenku.conversion.pipeline import render_page
from wenku.library.failures import ConversionError


def _ok(a, b, emit):
    emit("text", 1, 2)
    return {"sum": a + b, "pid": os.getpid()}


def _crash(emit):
    os.kill(os.getpid(), signal.SIGSEGV)


def _hog(emit):
    blocks = []
    while True:
        blocks.append(bytearray(64 * 1024 * 1024))


def _sleepy(emit):
    emit("render", 0, 5)
    time.sleep(30)


def _refuse(emit):
    raise ConversionError("no_pages", "nothing here")


def _bug(emit):
    raise KeyError("oops")


def test_result_and_progress_come_back():
    events = []
    value = run_isolated(
        _ok,
        2,
        3,
        timeout=10,
        memory_mb=256,
        on_progress=lambda *e: events.append((*e, os.getpid())),
    )
    assert value["sum"] == 5 and value["pid"] != os.getpid()
    # on_progress runs in the calling process (it may write the database), not in the child
    assert events == [("text", 1, 2, os.getpid())]


def test_crash_is_corrupt():
    with pytest.raises(ConversionError) as info:
        run_isolated(_crash, timeout=10, memory_mb=256)
    assert info.value.code == "corrupt"


def test_memory_limit():
    started = time.monotonic()
    with pytest.raises(ConversionError) as info:
        run_isolated(_hog, timeout=30, memory_mb=300)
    assert info.value.code == "too_complex"
    assert time.monotonic() - started < 10


def test_timeout_kills_the_child_and_heartbeats_meanwhile():
    events = []
    started = time.monotonic()
    with pytest.raises(ConversionError) as info:
        run_isolated(_sleepy, timeout=2.5, memory_mb=256, on_progress=lambda *e: events.append(e))
    assert info.value.code == "timeout"
    assert time.monotonic() - started < 4
    assert len(events) >= 2 and set(events) == {("render", 0, 5)}  # first + heartbeats


def test_expected_failure_keeps_its_code():
    with pytest.raises(ConversionError) as info:
        run_isolated(_refuse, timeout=10, memory_mb=256)
    assert info.value.code == "no_pages"


def test_bug_in_child_is_internal():
    with pytest.raises(ConversionError) as info:
        run_isolated(_bug, timeout=10, memory_mb=256)
    assert info.value.code == "internal" and "oops" in info.value.detail


def test_render_page_on_demand(samples, tmp_path):
    from PIL import Image

    images = render_page(samples["pdf"], 3, [400, 800], tmp_path)
    assert sorted(images) == [400, 800]
    for width, path in images.items():
        with Image.open(path) as img:
            assert img.format == "WEBP" and img.width == width
    with pytest.raises(ConversionError):
        render_page(samples["pdf"], 4, [400], tmp_path)
