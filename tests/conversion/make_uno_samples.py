"""Write password-protected and macro-carrying samples through LibreOffice's UNO API.

Run as a subprocess by the test fixtures (UNO's bridge threads stay out of the pytest
process):  python make_uno_samples.py UNO_PORT SRC_DOCX SRC_XLSX OUT_DIR MARKER_PATH PASSWORD

With `--control PROFILE_DIR PORT MACRO_ODT`, it instead proves the macro sample is live:
it starts a throw-away LibreOffice whose macro security is lowered, opens the document
asking for macros to run, and exits 0 if the macro wrote its marker file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import uno
from com.sun.star.beans import NamedValue, PropertyValue


def prop(name, value):
    return PropertyValue(Name=name, Value=value)


def connect(port: int, wait: float = 30.0):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + wait
    while True:
        try:
            ctx = resolver.resolve(
                f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
            )
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def store(doc, path: Path, props) -> None:
    uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(str(path)), tuple(props)))


def make(port: int, src_docx: Path, src_xlsx: Path, out: Path, marker: Path, password: str) -> None:
    desktop = connect(port)
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(str(src_docx)), "_blank", 0, (prop("Hidden", True),)
    )
    # OOXML: LibreOffice encrypts when the EncryptionData says how (ECMA-376 Standard).
    ooxml = uno.Any(
        "[]com.sun.star.beans.NamedValue",
        (NamedValue("OOXPassword", password), NamedValue("CryptoType", "Standard")),
    )
    store(
        doc,
        out / "encrypted.docx",
        [prop("FilterName", "MS Word 2007 XML"), PropertyValue("EncryptionData", 0, ooxml, 0)],
    )
    store(
        doc, out / "encrypted.doc", [prop("FilterName", "MS Word 97"), prop("Password", password)]
    )
    store(doc, out / "encrypted.odt", [prop("FilterName", "writer8"), prop("Password", password)])
    doc.close(True)
    sheet = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(str(src_xlsx)), "_blank", 0, (prop("Hidden", True),)
    )
    store(
        sheet,
        out / "encrypted.xls",
        [prop("FilterName", "MS Excel 97"), prop("Password", password)],
    )
    store(
        sheet,
        out / "encrypted.xlsx",
        [
            prop("FilterName", "Calc MS Excel 2007 XML"),
            PropertyValue("EncryptionData", 0, ooxml, 0),
        ],
    )
    sheet.close(True)

    # A document whose "open" event runs a Basic macro that writes a marker file.
    doc = desktop.loadComponentFromURL(
        "private:factory/swriter", "_blank", 0, (prop("Hidden", True),)
    )
    doc.Text.insertString(doc.Text.End, "宏测试文档：春眠不觉晓，处处闻啼鸟。", False)
    libraries = doc.BasicLibraries
    if libraries.hasByName("Standard"):
        library = libraries.getByName("Standard")
    else:
        library = libraries.createLibrary("Standard")
    library.insertByName(
        "Module1",
        f'Sub Main\n  Open "{marker}" For Output As #1\n  Print #1, "ran"\n  Close #1\nEnd Sub\n',
    )
    binding = uno.Any(
        "[]com.sun.star.beans.PropertyValue",
        (
            prop("EventType", "Script"),
            prop(
                "Script",
                "vnd.sun.star.script:Standard.Module1.Main?language=Basic&location=document",
            ),
        ),
    )
    uno.invoke(doc.Events, "replaceByName", ("OnLoad", binding))
    store(doc, out / "macro.odt", [prop("FilterName", "writer8")])
    doc.close(True)


def control(profile: Path, port: int, macro_odt: Path, marker: Path, soffice: str) -> int:
    """Exit 0 if the macro runs in a LibreOffice that allows macros (proves the sample)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from wenku.conversion.officeenv import write_registry

    env = dict(os.environ)
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--terminate_after_init",
        ],
        timeout=60,
        env=env,
        check=False,
    )
    write_registry(
        profile / "user" / "registrymodifications.xcu",
        {("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel"): "0"},
    )
    proc = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            f"--accept=socket,host=127.0.0.1,port={port};urp;",
        ],
    )  # same process group as this script: a timeout that kills us kills it too
    try:
        desktop = connect(port, wait=60)
        # MacroExecutionMode 4 = ALWAYS_EXECUTE_NO_WARN
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(str(macro_odt)), "_blank", 0, (prop("MacroExecutionMode", 4),)
        )
        deadline = time.monotonic() + 10
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        doc.close(True)
        return 0 if marker.exists() else 1
    finally:
        proc.kill()
        proc.wait(10)


if __name__ == "__main__":
    if sys.argv[1] == "--control":
        _, _, profile, port, macro_odt, marker, soffice = sys.argv
        sys.exit(control(Path(profile), int(port), Path(macro_odt), Path(marker), soffice))
    _, port, src_docx, src_xlsx, out, marker, password = sys.argv
    make(int(port), Path(src_docx), Path(src_xlsx), Path(out), Path(marker), password)
