"""Bad input fails with the right reason, quickly, and the next conversion still works."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from wenku.conversion import tools
from wenku.conversion.pipeline import convert_file
from wenku.library.failures import ConversionError

from . import samples as S

HERE = Path(__file__).resolve().parent


def fails(src: Path, work: Path, code: str, *, within: float = 10.0, **kwargs) -> ConversionError:
    started = time.monotonic()
    with pytest.raises(ConversionError) as info:
        convert_file(src, work, **kwargs)
    elapsed = time.monotonic() - started
    assert info.value.code == code, f"{info.value.code}: {info.value.detail}"
    assert elapsed < within, f"took {elapsed:.1f}s"
    return info.value


def test_zero_bytes(tmp_path):
    src = tmp_path / "empty.docx"
    src.touch()
    fails(src, tmp_path / "out", "empty", within=1)


def test_too_large_sparse_file(tmp_path, settings):
    settings.WENKU_MAX_UPLOAD_MB = 100
    src = tmp_path / "huge.pdf"
    with src.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: no disk used
    fails(src, tmp_path / "out", "too_large", within=1)


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".txt"])
def test_png_and_elf_under_document_names(suffix, tmp_path):
    for make in (S.make_png, S.make_elf):
        src = make(tmp_path / f"not-a-document{suffix}")
        fails(src, tmp_path / "out", "unsupported", within=1)


def test_random_bytes(tmp_path):
    src = tmp_path / "noise.doc"
    src.write_bytes(os.urandom(20_000))
    fails(src, tmp_path / "out", "unsupported", within=1)


def test_docx_named_pdf_still_converts_as_docx(samples, tmp_path):
    src = Path(shutil.copyfile(samples["docx"], tmp_path / "really-a-docx.pdf"))
    result = convert_file(src, tmp_path / "out", filename=src.name)
    assert result.format == "docx" and result.page_count == 3
    assert S.SENTENCES[0] in result.pages[0].text


def test_corrupt_pdf(tmp_path):
    src = tmp_path / "garbage.pdf"
    src.write_bytes(b"%PDF-1.7\n" + os.urandom(10_000))
    fails(src, tmp_path / "out", "corrupt")


def test_truncated_pdf(samples, tmp_path):
    data = samples["pdf"].read_bytes()
    src = tmp_path / "truncated.pdf"
    src.write_bytes(data[: len(data) // 2])
    fails(src, tmp_path / "out", "corrupt")


def test_truncated_docx(samples, tmp_path):
    data = samples["docx"].read_bytes()
    src = tmp_path / "truncated.docx"
    src.write_bytes(data[: len(data) // 2])
    fails(src, tmp_path / "out", "corrupt")


def test_truncated_doc(samples, tmp_path):
    data = samples["doc"].read_bytes()
    src = tmp_path / "truncated.doc"
    src.write_bytes(data[: len(data) // 3])
    fails(src, tmp_path / "out", "corrupt")


def test_docx_with_broken_xml(samples, tmp_path):
    import zipfile

    src = tmp_path / "broken.docx"
    with zipfile.ZipFile(samples["docx"]) as zin, zipfile.ZipFile(src, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = b"<w:document not xml" + os.urandom(200)
            zout.writestr(info, data)
    fails(src, tmp_path / "out", "corrupt")


@pytest.mark.parametrize(
    "name",
    [
        "encrypted.pdf",
        "encrypted.docx",
        "encrypted.doc",
        "encrypted.odt",
        "encrypted.xls",
        "encrypted.xlsx",
    ],
)
def test_password_protected(name, samples, tmp_path):
    fails(samples[name], tmp_path / "out", "encrypted", within=5)


def test_encrypted_office_file_does_not_hang_even_without_the_precheck(samples, tmp_path, office):
    """Belt and braces: LibreOffice itself gets a dummy password and fails at once."""
    started = time.monotonic()
    for name in ("encrypted.docx", "encrypted.doc", "encrypted.odt", "encrypted.xls"):
        with pytest.raises(ConversionError):
            office.convert(samples[name], tmp_path / f"{name}.pdf", timeout=30)
    assert time.monotonic() - started < 15


def test_zip_bomb_ratio(samples, tmp_path):
    src = S.make_zip_bomb(samples["docx"], tmp_path / "bomb.docx", megabytes=64)
    assert src.stat().st_size < 2 * 1024 * 1024
    fails(src, tmp_path / "out", "zip_bomb", within=2)


def test_zip_bomb_member_count(samples, tmp_path):
    src = S.make_many_members(samples["docx"], tmp_path / "many.docx", count=12_000)
    fails(src, tmp_path / "out", "zip_bomb", within=3)


def test_macro_document_converts_without_running_the_macro(samples, tmp_path):
    """Decision: documents with macros are converted; their macros never run."""
    marker = samples["macro_marker"]
    marker.unlink(missing_ok=True)
    result = convert_file(samples["macro.odt"], tmp_path / "out")
    assert result.format == "odt" and "春眠不觉晓" in result.pages[0].text
    time.sleep(0.5)
    assert not marker.exists()


@pytest.mark.slow
def test_macro_sample_is_live_when_macros_are_allowed(samples, tmp_path, office):
    """Control for the test above: a LibreOffice that allows macros does run this one."""
    from wenku.conversion.officeenv import free_port, soffice_bin

    marker = samples["macro_marker"]
    marker.unlink(missing_ok=True)
    result = tools.run(
        [
            sys.executable,
            str(HERE / "make_uno_samples.py"),
            "--control",
            str(tmp_path / "profile"),
            str(free_port()),
            str(samples["macro.odt"]),
            str(marker),
            soffice_bin(),
        ],
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    marker.unlink(missing_ok=True)


def test_two_thousand_pages_in_bounded_time(samples, tmp_path, settings):
    # Memory stays flat in the page count: 2,000 pages fit in a small allowance.
    settings.WENKU_CONVERT_MEMORY_MB = 300
    src = S.make_repeated_pdf(samples["pdf"], tmp_path / "big.pdf", pages=2000)
    started = time.monotonic()
    result = convert_file(src, tmp_path / "ready", preview_pages=5)
    assert time.monotonic() - started < 60
    assert result.page_count == 2000 and result.preview_pages == 5
    assert S.SENTENCES[0] in result.pages[1999].text
    fails(src, tmp_path / "refused", "too_many_pages", within=5, max_pages=1000)


def test_pdf_without_pages(tmp_path):
    import pypdfium2 as pdfium

    src = tmp_path / "nothing.pdf"
    pdf = pdfium.PdfDocument.new()
    pdf.save(str(src))
    pdf.close()
    fails(src, tmp_path / "out", "no_pages")


@pytest.mark.parametrize("name", ["../../x.pdf", "<script>.docx", "a/b\\c.pdf", "名字 (1).docx"])
def test_hostile_file_names_are_only_used_for_their_extension(name, samples, tmp_path):
    src = samples["pdf"] if name.endswith(".pdf") else samples["docx"]
    work = tmp_path / "deep" / "out"
    before = set(tmp_path.rglob("*"))
    result = convert_file(src, work, filename=name)
    assert result.page_count == 3
    created = set(tmp_path.rglob("*")) - before
    assert created and all(work in p.parents or p in (work, work.parent) for p in created)


def test_hung_libreoffice_times_out_and_the_next_conversion_works(samples, tmp_path, office):
    office.ensure_started()
    starts = office.starts
    stopped = [pid for pid, comm in office.processes().items() if comm == "soffice.bin"]
    assert stopped, office.processes()
    for pid in stopped:
        os.kill(pid, signal.SIGSTOP)
    events = []
    try:
        fails(
            samples["docx"],
            tmp_path / "hung",
            "timeout",
            within=12,
            timeout=4,
            on_progress=lambda *e: events.append(e),
        )
    finally:
        for pid in stopped:  # already killed with its group; harmless if so
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
    # Heartbeats while LibreOffice hung: the caller could keep its progress row fresh.
    assert events.count(("office", 0, 1)) >= 3
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in stopped) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in stopped)
    result = convert_file(samples["docx"], tmp_path / "after")
    assert result.page_count == 3
    assert office.starts == starts + 1


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
