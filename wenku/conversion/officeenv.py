"""How the warm LibreOffice is launched: executables, launcher, profile settings, ports.

Used by office.py (the manager); kept apart so that file stays about conversions.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

from wenku.library.failures import ConversionError

SOFFICE_BIN_CANDIDATES = (
    "/usr/lib/libreoffice/program/soffice.bin",
    "/opt/libreoffice/program/soffice.bin",
)
FONTS_CONF = Path(__file__).with_name("fonts.conf")

# Runs unoserver's own main() with two changes: its 5 s + 2 s of blind start-up sleeps become
# short ones (office.py polls the XML-RPC port instead), and soffice.bin, which unoserver
# starts, gets PR_SET_PDEATHSIG so it dies with unoserver (which dies with us).
LAUNCHER = r"""
import ctypes, signal, subprocess, sys, threading, time
import unoserver.server as server

_sleep = time.sleep

class _Time:
    def __getattr__(self, name):
        return getattr(time, name)

    @staticmethod
    def sleep(seconds):
        main = threading.current_thread() is threading.main_thread()
        _sleep(min(seconds, 0.05 if main else 0.75))

server.time = _Time()
_libc = ctypes.CDLL(None)

def _die_with_parent():
    _libc.prctl(1, signal.SIGKILL, 0, 0, 0)

class _Popen(subprocess.Popen):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("preexec_fn", _die_with_parent)
        super().__init__(*args, **kwargs)

subprocess.Popen = _Popen
sys.argv[0] = "unoserver"
sys.exit(server.main())
"""

REGISTRY_ITEMS = {
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution"): "true",
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel"): "3",
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks"): "true",
    ("/org.openoffice.Office.Linguistic/General", "DefaultLocale_CJK"): "zh-CN",
    ("/org.openoffice.Office.Common/Misc", "UseOpenCL"): "false",
    # No network, for any document (linked images, OLE/DDE links, included files, external
    # data ranges, WEBSERVICE(), HTML styles): every fetch goes through a proxy that is a
    # closed local port, so it fails at once and nothing leaves the machine.
    # Spreadsheets show their stored results, never recalculated on load (WEBSERVICE()).
    ("/org.openoffice.Office.Calc/Formula/Load", "OOXMLRecalcMode"): "1",  # never
    ("/org.openoffice.Office.Calc/Formula/Load", "ODFRecalcMode"): "1",
    ("/org.openoffice.Inet/Settings", "ooInetProxyType"): "2",  # manual
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy"): "",
    **{
        ("/org.openoffice.Inet/Settings", f"ooInet{kind}Proxy{part}"): value
        for kind in ("HTTP", "HTTPS", "FTP")
        for part, value in (("Name", "127.0.0.1"), ("Port", "9"))
    },
}
# The same for the process environment (curl, which LibreOffice's web access uses, reads it).
DEAD_PROXY = "http://127.0.0.1:9"
PROXY_ENV = {
    name: DEAD_PROXY
    for base in ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy")
    for name in (base, base.upper())
} | {"no_proxy": "", "NO_PROXY": ""}


def soffice_bin() -> str:
    for candidate in SOFFICE_BIN_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("soffice")
    if found:
        real = Path(found).resolve().with_name("soffice.bin")
        if os.access(real, os.X_OK):
            return str(real)
    raise ConversionError("office_failed", "LibreOffice (soffice.bin) is not installed")


def server_python() -> str:
    """A Python that imports `uno` (Debian's, or a venv made from it with site packages)."""
    import importlib.util

    if importlib.util.find_spec("uno") is not None:
        return sys.executable
    return "/usr/bin/python3"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def group_processes(pgid: int) -> dict[int, str]:
    """{pid: comm} of the live processes in process group `pgid` (from /proc)."""
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        comm = stat[stat.find("(") + 1 : stat.rfind(")")]
        fields = stat[stat.rfind(")") + 2 :].split()
        # fields: state, ppid, pgrp, ...; zombies (Z) are already dead
        if len(fields) > 2 and int(fields[2]) == pgid and fields[0] != "Z":
            found[int(entry.name)] = comm
    return found


def write_registry(xcu: Path, items: dict[tuple[str, str], str]) -> None:
    """Set `items` in a LibreOffice registrymodifications.xcu, keeping everything else."""
    header = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    )
    text = xcu.read_text(encoding="utf-8") if xcu.exists() else header + "</oor:items>\n"
    lines = [
        line
        for line in text.splitlines()
        if not any(f'oor:path="{p}"' in line and f'oor:name="{n}"' in line for p, n in items)
    ]
    ours = [
        f'<item oor:path="{p}"><prop oor:name="{n}" oor:op="fuse"><value>{v}</value></prop></item>'
        for (p, n), v in items.items()
    ]
    try:
        end = max(i for i, line in enumerate(lines) if "</oor:items>" in line)
    except ValueError:
        lines, end = header.splitlines(), len(header.splitlines())
        lines.append("</oor:items>")
    lines[end:end] = ours
    xcu.parent.mkdir(parents=True, exist_ok=True)
    xcu.write_text("\n".join(lines) + "\n", encoding="utf-8")
