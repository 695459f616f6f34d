"""OCR part of the conversion benchmark (bench/convert.py --ocr-only runs only this).

For a 20-page scan (image-only PDF, Chinese text rendered at 300 dpi) and a 20-page text PDF
of the same kind, through the real queue and worker:
- time-to-ready of each (upload → ready with previews; the scan's OCR runs after);
- the OCR job's own pages per second, against bare `tesseract` (the same command, the same
  page images, one after the other) made in the same run: ratio target ≤ 1.2;
- scan time-to-ready over text-PDF time-to-ready: target ≤ 1.5.
"""

from __future__ import annotations

import statistics
import subprocess
import time
from pathlib import Path

PAGES = 20


def _wait_ocr(doc_id: int, timeout: float = 1800) -> float:
    from wenku.conversion.models import OcrJob

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = OcrJob.objects.filter(pk=doc_id).first()
        if job is not None and job.status in (OcrJob.Status.DONE, OcrJob.Status.FAILED):
            return job.seconds
        time.sleep(0.1)
    raise RuntimeError("OCR did not finish")


def bare_tesseract(scan: Path, work: Path) -> float:
    """Render the pages like a hand-written script would, then time tesseract alone."""
    import pypdfium2 as pdfium

    from wenku.conversion import ocr

    pdf = pdfium.PdfDocument(str(scan))
    images = []
    for index in range(len(pdf)):
        path = work / f"bare-{index}.pgm"
        ocr.render_for_ocr(pdf[index], path, 300)
        images.append(path)
    pdf.close()
    start = time.perf_counter()
    for path in images:
        subprocess.run(
            ocr.tesseract_argv(path, path.with_suffix(""), ocr.languages()),
            env=ocr.tesseract_env(),
            check=True,
            capture_output=True,
            timeout=300,
        )
    return time.perf_counter() - start


def run(owner, work: Path, through_queue, runs: int = 3) -> None:
    from bench import samples

    scan = samples.make_scan_pdf(work / "scan20.pdf", samples.scan_texts(PAGES))
    text = samples.make_pdf(work / "text20.pdf", PAGES, work)
    through_queue(owner, text)  # warm-up
    ready_scan, ready_text, ocr_s, bare_s = [], [], [], []
    for _ in range(runs):
        seconds, _ = through_queue(owner, text)
        ready_text.append(seconds)
        seconds, _ = through_queue(owner, scan)
        ready_scan.append(seconds)
        ocr_s.append(_wait_ocr(through_queue.last_id))
        bare_s.append(bare_tesseract(scan, work))
    rs, rt = statistics.median(ready_scan), statistics.median(ready_text)
    o, b = statistics.median(ocr_s), statistics.median(bare_s)
    ratio = statistics.median(a / c for a, c in zip(ocr_s, bare_s, strict=True))
    print()
    print(f"OCR, {PAGES}-page scan ({runs} runs, medians):")
    print(
        f"  time-to-ready: scan {rs:.3f}s, text PDF {rt:.3f}s, ratio {rs / rt:.2f} (target ≤ 1.5)"
    )
    print(
        f"  OCR: pipeline {o:.2f}s = {PAGES / o:.2f} pages/s, bare tesseract {b:.2f}s = "
        f"{PAGES / b:.2f} pages/s, ratio {ratio:.2f} (target ≤ 1.2)"
    )
