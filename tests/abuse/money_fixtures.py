"""Shared pieces of the money abuse tests (tests/abuse/test_money_*.py): a small real PDF
writer, the attacker's probes of everything beyond the preview, and the wallet fixtures.

Named money_fixtures (not conftest) so the leaks tests in the same package keep their own."""

from __future__ import annotations

from django.urls import reverse

from tests.wallet.conftest import (  # noqa: F401 - fixtures used by the test modules
    _wallet_settings,
    author,
    beyond_marker,
    buyer,
    fund,
    make_doc,
    make_user,
    original_bytes,
    other,
    staff,
)
from wenku.wallet.models import Entry, LedgerTransaction


def pdf_bytes(pages: list[str]) -> bytes:
    """A valid PDF with one line of Latin text per page (Helvetica, so no font to embed):
    pypdfium2 opens it and extracts the text, as the conversion pipeline does."""
    objects: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    font_ref = 3 + 2 * len(pages)
    for i, text in enumerate(pages):
        safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream = f"BT /F1 14 Tf 72 720 Td ({safe}) Tj ET".encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_ref} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def beyond_preview_leaks(client, doc, free: int = 5) -> list[str]:
    """Everything beyond the preview this client gets: page images (site and API), page text
    (API), the document page's text, a download link. Empty = nothing leaked."""
    leaks = []
    for number in range(free + 1, doc.page_count + 1):
        for width in (500, 1000):
            url = reverse("web:page_image", args=[doc.pk, number, width])
            if client.get(url).status_code == 200:
                leaks.append(url)
        api_text = client.get(reverse("api:document_page", args=[doc.pk, number]))
        if api_text.status_code == 200 or beyond_marker(number).encode() in api_text.content:
            leaks.append(f"api page {number}")
        image = client.get(reverse("api:document_page_image", args=[doc.pk, number]))
        if image.status_code == 200:
            leaks.append(f"api image {number}")
    page = body(client.get(doc.get_absolute_url()))
    leaks += [
        f"page text {n}"
        for n in range(free + 1, doc.page_count + 1)
        if beyond_marker(n).encode() in page
    ]
    link = client.get(reverse("api:document_download", args=[doc.pk]))
    if link.status_code == 200:
        leaks.append("download link")
    return leaks


def moved(*reasons: str) -> int:
    """Ledger entries of these reasons (all but the tests' own funding grants by default)."""
    entries = Entry.objects.all()
    if reasons:
        return entries.filter(transaction__reason__in=reasons).count()
    return entries.exclude(transaction__reason=LedgerTransaction.Reason.GRANT).count()
