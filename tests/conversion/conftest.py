"""Fixtures for the conversion tests: one warm LibreOffice per session, generated samples."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from . import samples as S

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def office():
    """The session's warm LibreOffice (the same one the pipeline uses)."""
    from wenku.conversion.office import get_office, shutdown_office

    manager = get_office()
    manager.ensure_started()
    yield manager
    shutdown_office()


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("samples")


@pytest.fixture(scope="session")
def samples(office, sample_dir) -> dict[str, Path]:
    """name -> path of every generated sample (see samples.py for what each one is)."""
    from wenku.conversion import tools

    d = sample_dir
    out: dict[str, Path] = {}
    out["docx"] = S.make_docx(d / "sample.docx", pages=3)
    out["pptx"] = S.make_pptx(d / "sample.pptx", slides=3)
    out["xlsx"] = S.make_xlsx(d / "sample.xlsx", sheets=2)
    out["docx10"] = S.make_docx(d / "ten.docx", pages=10, paragraphs=3)
    exports = {
        "doc": ("docx", "MS Word 97"),
        "odt": ("docx", "writer8"),
        "rtf": ("docx", "Rich Text Format"),
        "pdf": ("docx", None),
        "xls": ("xlsx", "MS Excel 97"),
        "ods": ("xlsx", "calc8"),
        "ppt": ("pptx", "MS PowerPoint 97"),
        "odp": ("pptx", "impress8"),
    }
    for fmt, (src, filtername) in exports.items():
        out[fmt] = office.convert(out[src], d / f"sample.{fmt}", filtername=filtername)
    # WPS compatibility-mode files are OLE2 Word/Excel/PowerPoint files (see samples.py).
    for wps, ms in (("wps", "doc"), ("et", "xls"), ("dps", "ppt")):
        out[wps] = Path(shutil.copyfile(out[ms], d / f"sample.{wps}"))
    out.update(S.make_texts(d))

    marker = d / S.MACRO_MARKER_NAME
    tools.run(
        [
            sys.executable,
            str(HERE / "make_uno_samples.py"),
            str(office.uno_port),
            str(out["docx"]),
            str(out["xlsx"]),
            str(d),
            str(marker),
            S.PASSWORD,
        ],
        timeout=120,
        check=True,
    )
    encrypted = ("encrypted.docx", "encrypted.doc", "encrypted.odt")
    for name in (*encrypted, "encrypted.xls", "encrypted.xlsx", "macro.odt"):
        out[name] = d / name
    out["macro_marker"] = marker
    out["encrypted.pdf"] = office.convert(
        out["docx"],
        d / "encrypted.pdf",
        filter_options=["EncryptFile=true", f"DocumentOpenPassword={S.PASSWORD}"],
    )
    return out
