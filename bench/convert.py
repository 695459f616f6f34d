"""Conversion benchmark: Wenku's pipeline end to end against the bare tools, in one run.

For a 10-page DOCX, a 20-slide PPTX, an XLSX, a 50-page PDF and a 300-page PDF (Chinese text,
made here) it measures, alternating the two so that machine noise hits both alike:

- pipeline: upload (create_document) → task queue (filesystem broker) → `wenku worker`
  (concurrency 1, warm LibreOffice) → ready with previews, polled in the database;
- bare: the same tool calls made directly in this process, one after the other: unoserver's
  XML-RPC convert to PDF, then pypdfium2 text of every page, render of the preview pages at
  the largest width, Pillow resize + WebP encode for each width, and a cover.

It prints the median seconds of each, the median of the runs' ratios (each pipeline run over
the bare run made right beside it, so that a slow spell of this shared machine cancels out;
target ≤ 1.2), pages per second, the cold
`soffice --convert-to pdf` time per DOCX against the warm one (target ≥ 3× faster), and peak
memory: the worker's processes, and the isolated PDF child for 50 against 300 pages (flat).

The quality checks (duplicates, stuffing: wenku.quality) run as the document is published
(the text analysis just before the publishing transaction, the library lookup inside it).
They are not conversion work, so the pipeline is timed with WENKU_QUALITY_CHECKS=0, and
their own cost on the same documents is printed separately.

The OCR part (bench/ocr.py: a 20-page scan against bare tesseract and against a 20-page text
PDF) runs last; --ocr-only runs it alone.

    .venv/bin/python bench/convert.py [--runs 7] [--ocr-only] [--ocr-runs 5] [--ocr-nice 0]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import xmlrpc.client
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = Path(tempfile.mkdtemp(prefix="wenku-bench-"))
os.environ["WENKU_DATA_DIR"] = str(DATA)
os.environ["WENKU_WORKER_CONCURRENCY"] = "1"
os.environ["WENKU_QUALITY_CHECKS"] = "0"  # timed separately, see quality_seconds()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenku.settings")
# The OCR child's nice (bench/ocr.py explains why 0 unless --ocr-nice): read before setup.
_pre = argparse.ArgumentParser(add_help=False)
_pre.add_argument("--ocr-nice", type=int, default=0)
os.environ["WENKU_OCR_NICE"] = str(_pre.parse_known_args()[0].ocr_nice)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from bench import samples  # noqa: E402
from wenku.library.models import Document  # noqa: E402
from wenku.publishing.importer import system_user  # noqa: E402
from wenku.publishing.uploads import create_document  # noqa: E402

OFFICE = {"docx", "pptx", "xlsx"}
FONTS_CONF = ROOT / "wenku" / "conversion" / "fonts.conf"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class BareTools:
    """unoserver + pypdfium2 + Pillow called directly, as a hand-written script would."""

    def __init__(self, work: Path) -> None:
        self.work = work
        port, uno_port = free_port(), free_port()
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
        self.server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "unoserver.server",
                "--port",
                str(port),
                "--uno-port",
                str(uno_port),
                "--user-installation",
                str(work / "bare-profile"),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.proxy = xmlrpc.client.ServerProxy(f"http://127.0.0.1:{port}", allow_none=True)
        deadline = time.monotonic() + 90
        while True:
            try:
                self.proxy.info()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("bare unoserver did not start") from None
                time.sleep(0.2)

    def close(self) -> None:
        os.killpg(self.server.pid, 15)
        try:
            self.server.wait(10)
        except subprocess.TimeoutExpired:  # unoserver waits on soffice: no need to be polite
            os.killpg(self.server.pid, 9)
            self.server.wait(10)

    def convert(self, src: Path) -> int:
        import pypdfium2 as pdfium

        out = self.work / "bare-out"
        out.mkdir(exist_ok=True)
        pdf_path = src
        if src.suffix[1:] in OFFICE:
            pdf_path = out / "converted.pdf"
            self.proxy.convert(str(src), None, str(pdf_path), "pdf", None, [], True, None, None)
        pdf = pdfium.PdfDocument(str(pdf_path))
        widths = sorted(settings.WENKU_PREVIEW_WIDTHS)
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_bounded()
            textpage.close()
            if index < settings.WENKU_PREVIEW_PAGES:
                image = page.render(scale=widths[-1] / page.get_width()).to_pil()
                for width in widths:
                    height = round(image.height * width / image.width)
                    scaled = image if width == image.width else image.resize((width, height))
                    scaled.save(out / f"{index}-{width}.webp", "WEBP", quality=78, method=0)
                if index == 0:
                    cover = image.resize((240, round(image.height * 240 / image.width)))
                    cover.save(out / "cover.webp", "WEBP", quality=78, method=0)
            page.close()
        count = len(pdf)
        pdf.close()
        return count


def cold_soffice(src: Path, work: Path) -> float:
    profile = f"file://{work}/cold-profile"
    start = time.perf_counter()
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "cold-out"),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)},
    )
    return time.perf_counter() - start


def quality_seconds(doc_id: int) -> float:
    """What the quality checks cost on a converted document (median of 3, in this process)."""
    from wenku.quality import index
    from wenku.quality.services import _facts, check_text

    text = index.document_text(doc_id)
    runs = []
    for _ in range(3):
        _facts.cache_clear()  # the text-only part is cached for one text: measure it each time
        start = time.perf_counter()
        check_text(text, library=index.DbLibrary(before=doc_id))
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def through_queue(owner, src: Path) -> tuple[float, int]:
    start = time.perf_counter()
    doc = create_document(owner, src, filename=src.name)
    deadline = start + 600
    while True:
        doc.refresh_from_db(fields=["status", "page_count", "failure_code"])
        if doc.status in (Document.Status.READY, Document.Status.FAILED):
            break
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{src.name} did not finish")
        time.sleep(0.005)
    elapsed = time.perf_counter() - start
    if doc.status != Document.Status.READY:
        raise RuntimeError(f"{src.name} failed: {doc.failure_code}")
    through_queue.last_id = doc.pk
    return elapsed, doc.page_count


def process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    tree, frontier = [root], [root]
    while frontier:
        frontier = [c for pid in frontier for c in children.get(pid, [])]
        tree += frontier
    return tree


def peak_memory(pid: int) -> tuple[str, int]:
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return fields["Name"].strip(), int(fields.get("VmHWM", "0 kB").split()[0]) // 1024


def child_peak_rss(src: Path, work: Path) -> float:
    """Peak RSS (MB) of the isolated PDF child for one conversion (pipeline called directly)."""
    from wenku.conversion.isolate import last_child_peak_mb
    from wenku.conversion.pipeline import convert_file

    convert_file(src, work / f"direct-{src.stem}", filename=src.name)
    return last_child_peak_mb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--ocr-only", action="store_true", help="only the OCR benchmark")
    parser.add_argument("--ocr-runs", type=int, default=5)
    parser.add_argument("--ocr-nice", type=int, default=0, help="WENKU_OCR_NICE for the run")
    args = parser.parse_args()

    work = DATA / "bench"
    work.mkdir()
    print(f"making samples in {work} …", flush=True)
    files = (
        {}
        if args.ocr_only
        else {
            "DOCX 10 pages": samples.make_docx(work / "report.docx", 10),
            "PPTX 20 slides": samples.make_pptx(work / "slides.pptx", 20),
            "XLSX": samples.make_xlsx(work / "budget.xlsx"),
            "PDF 50 pages": samples.make_pdf(work / "p50.pdf", 50, work),
            "PDF 300 pages": samples.make_pdf(work / "p300.pdf", 300, work),
        }
    )
    call_command("migrate", verbosity=0)
    owner = system_user()
    worker = subprocess.Popen(
        [sys.executable, "-m", "wenku", "worker", "--concurrency", "1", "--loglevel", "WARNING"],
        env=os.environ.copy(),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=open(DATA / "worker.log", "wb"),
    )
    if args.ocr_only:
        from bench import ocr as ocr_bench

        try:
            ocr_bench.run(owner, work, through_queue, args.ocr_runs)
        finally:
            os.killpg(worker.pid, 15)
            worker.wait(60)
        return
    bare = BareTools(work)
    try:
        through_queue(owner, files["DOCX 10 pages"])  # warm-up: LibreOffice started, queue live
        bare.convert(files["DOCX 10 pages"])
        rows = []
        for label, src in files.items():
            # The first run of each file is reported apart: in a fresh worker it pays for
            # first-time allocations and caches (a 300-page PDF: ~0.5 s against ~0.35 s).
            first, _ = through_queue(owner, src)
            bare.convert(src)
            pipe, direct, pages = [], [], 0
            for run in range(args.runs):
                order = [0, 1] if run % 2 == 0 else [1, 0]
                for which in order:
                    if which == 0:
                        seconds, pages = through_queue(owner, src)
                        pipe.append(seconds)
                    else:
                        start = time.perf_counter()
                        bare.convert(src)
                        direct.append(time.perf_counter() - start)
            p, d = statistics.median(pipe), statistics.median(direct)
            ratio = statistics.median(a / b for a, b in zip(pipe, direct, strict=True))
            quality = quality_seconds(through_queue.last_id)
            rows.append((label, pages, p, d, ratio, first, quality))
            print(f"  {label}: pipeline {p:.3f}s, bare {d:.3f}s", flush=True)

        cold = [cold_soffice(files["DOCX 10 pages"], work) for _ in range(3)]
        warm = []
        for _ in range(3):
            start = time.perf_counter()
            bare.proxy.convert(
                str(files["DOCX 10 pages"]),
                None,
                str(work / "w.pdf"),
                "pdf",
                None,
                [],
                True,
                None,
                None,
            )
            warm.append(time.perf_counter() - start)
        memory = [peak_memory(pid) for pid in process_tree(worker.pid)]
        rss50 = child_peak_rss(files["PDF 50 pages"], work)
        rss300 = child_peak_rss(files["PDF 300 pages"], work)
        from bench import ocr as ocr_bench

        ocr_bench.run(owner, work, through_queue, args.ocr_runs)
    finally:
        bare.close()
        os.killpg(worker.pid, 15)
        worker.wait(60)

    print()
    print(
        f"{'document':<16}{'pages':>6}{'pipeline s':>12}{'bare s':>9}{'ratio':>7}"
        f"{'pages/s':>9}{'first s':>9}{'quality s':>11}"
    )
    for label, pages, p, d, ratio, first, q in rows:
        print(
            f"{label:<16}{pages:>6}{p:>12.3f}{d:>9.3f}{ratio:>7.2f}{pages / p:>9.1f}"
            f"{first:>9.3f}{q:>11.3f}"
        )
    print("(medians of runs after one warm-up run of each file; ratio = median of pipeline/bare")
    print(" per pair of runs made side by side, target ≤ 1.2; first s = the pipeline's warm-up")
    print(" run; quality s = what the duplicate and stuffing checks add before publication, not")
    print(" in pipeline s)")
    docx = rows[0][2]
    print(f"10-page DOCX upload → ready with previews: {docx:.3f}s median (target ≤ 1 s)")
    cold_s, warm_s = statistics.median(cold), statistics.median(warm)
    print(
        f"LibreOffice DOCX→PDF: cold soffice {cold_s:.3f}s, warm {warm_s:.3f}s, "
        f"warm is {cold_s / warm_s:.1f}× faster (target ≥ 3×)"
    )
    print("worker peak memory (VmHWM): " + ", ".join(f"{n} {mb} MB" for n, mb in memory))
    print(f"isolated PDF child peak RSS: 50 pages {rss50:.0f} MB, 300 pages {rss300:.0f} MB")


if __name__ == "__main__":
    main()
