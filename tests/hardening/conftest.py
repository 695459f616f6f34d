"""Fixtures of the hardening tests: members, listed documents, seed files for the fuzzers."""

from __future__ import annotations

import pytest

from tests.api.conftest import (  # noqa: F401 - the same members and documents as the API tests
    _api_settings,
    anon,
    author,
    category,
    make_doc,
    reader,
    staff,
)


def minimal_pdf(text: str = "Hello Wenku") -> bytes:
    """A valid one-page PDF with a text layer, written by hand (offsets computed)."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.fixture(scope="session")
def office_session():
    """One warm LibreOffice for the in-process conversion tests of this folder."""
    from wenku.conversion.office import get_office, shutdown_office

    manager = get_office()
    manager.ensure_started()
    yield manager
    shutdown_office()
