"""Upload fuzzing: mutated PDF/DOCX/XLSX/PPTX/TXT files through the conversion pipeline.

300 files (bit flips, truncations, zeroed blocks, duplicated chunks, spliced headers) go
through convert_file in-process, with the pipeline's own isolation (PDFium in a forked,
rlimited child; LibreOffice warm, with its own timeouts): every one must end as a result or
a ConversionError, within the per-file timeout. A sample also goes through
`wenku convert --json` as a subprocess: exit 0 or 1 and one parseable JSON object.
The mutations come from a fixed seed, so a failure is reproducible.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conversion.samples import make_docx, make_pptx, make_xlsx
from wenku.conversion.pipeline import convert_file
from wenku.library.failures import ConversionError

from .conftest import minimal_pdf

PER_FILE_TIMEOUT = 30  # seconds given to the pipeline; a hang is anything beyond + slack
SLACK = 15
TOTAL = 300
SUBPROCESS_SAMPLE = 12
# How many of the 300 each seed gets: office files cost a LibreOffice call when they survive.
SHARE = {"pdf": 120, "txt": 60, "docx": 40, "xlsx": 40, "pptx": 40}


def _seeds(folder: Path) -> dict[str, bytes]:
    text = ("第一章 总则\n本办法适用于全市职业教育工作。\n" * 20).encode()
    return {
        "pdf": minimal_pdf("Wenku fuzz seed"),
        "txt": text,
        "docx": make_docx(folder / "s.docx", pages=1).read_bytes(),
        "xlsx": make_xlsx(folder / "s.xlsx", sheets=1).read_bytes(),
        "pptx": make_pptx(folder / "s.pptx", slides=1).read_bytes(),
    }


def mutate(data: bytes, seeds: dict[str, bytes], rng: random.Random) -> bytes:
    buf = bytearray(data)
    kind = rng.choice(["flip", "flip", "truncate", "zero", "dup", "splice"])
    if kind == "flip":
        for _ in range(rng.randint(1, 32)):
            pos = rng.randrange(len(buf))
            buf[pos] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        buf = buf[: rng.randrange(1, len(buf))]
    elif kind == "zero":
        start = rng.randrange(len(buf))
        buf[start : start + rng.randint(1, 512)] = bytes(min(512, len(buf) - start))
    elif kind == "dup":
        start = rng.randrange(len(buf))
        chunk = buf[start : start + rng.randint(1, 2048)]
        at = rng.randrange(len(buf))
        buf[at:at] = chunk * rng.randint(1, 8)
    else:  # another format's header on this body: sniffing must not be fooled into a crash
        other = seeds[rng.choice(list(seeds))]
        cut = rng.randint(4, 600)
        buf = bytearray(other[:cut]) + buf[cut:]
    return bytes(buf)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("fuzz")
    seeds = _seeds(folder)
    rng = random.Random(20261129)
    files = []
    for ext, count in SHARE.items():
        for index in range(count):
            path = folder / f"{ext}-{index:03d}.{ext}"
            path.write_bytes(mutate(seeds[ext], seeds, rng))
            files.append(path)
    assert len(files) == TOTAL
    return files


@pytest.mark.slow
def test_mutated_files_never_crash_or_hang(corpus, office_session, tmp_path):
    outcomes: dict[str, int] = {}
    slowest = 0.0
    for path in corpus:
        started = time.monotonic()
        try:
            result = convert_file(
                path,
                tmp_path / path.stem,
                filename=path.name,
                preview_pages=1,
                widths=[200],
                cover_width=120,
                max_pages=50,
                timeout=PER_FILE_TIMEOUT,
            )
            code = "ready" if result.page_count >= 0 else "?"
        except ConversionError as exc:
            code = exc.code  # a clean refusal with a reason
        elapsed = time.monotonic() - started
        slowest = max(slowest, elapsed)
        assert elapsed < PER_FILE_TIMEOUT + SLACK, f"{path.name} hung ({elapsed:.0f}s)"
        assert code != "internal", f"{path.name}: internal error"
        outcomes[code] = outcomes.get(code, 0) + 1
    print(f"fuzz outcomes: {outcomes}, slowest {slowest:.1f}s")
    assert sum(outcomes.values()) == TOTAL


@pytest.mark.slow
def test_convert_command_exit_codes(corpus):
    sample = random.Random(7).sample(corpus, SUBPROCESS_SAMPLE)
    for path in sample:
        run = subprocess.run(
            [sys.executable, "-m", "wenku", "convert", "--json", "--timeout", "30", str(path)],
            capture_output=True,
            text=True,
            timeout=PER_FILE_TIMEOUT + 60,  # LibreOffice starts cold in a fresh process
        )
        assert run.returncode in (0, 1), f"{path.name}: exit {run.returncode} {run.stderr[-500:]}"
        report = json.loads(run.stdout)
        assert report["status"] in ("ready", "failed")
