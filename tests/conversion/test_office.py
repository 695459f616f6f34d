"""The warm LibreOffice: recycling, clean shutdown, dying with its owner, settings."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from wenku.conversion import tools
from wenku.conversion.office import OfficeManager
from wenku.conversion.officeenv import (
    FONTS_CONF,
    REGISTRY_ITEMS,
    group_processes,
    write_registry,
)
from wenku.conversion.pipeline import convert_file

ROOT = Path(__file__).resolve().parents[2]


def _wait_gone(pgid: int, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not group_processes(pgid):
            return True
        time.sleep(0.1)
    return False


def test_recycled_after_n_conversions(samples, office, tmp_path):
    office.ensure_started()
    saved = office.restart_after
    starts = office.starts
    try:
        office.restart_after = office.conversions + 1
        convert_file(samples["docx"], tmp_path / "a")
        assert not office.running  # recycled right after the Nth conversion
        office.restart_after = saved
        convert_file(samples["docx"], tmp_path / "b")
        assert office.running and office.starts == starts + 1
    finally:
        office.restart_after = saved


def test_profile_is_isolated_and_macros_are_disabled(office):
    assert office.profile is not None
    assert "office" in office.profile.parts
    xcu = (office.profile / "user" / "registrymodifications.xcu").read_text()
    assert 'oor:name="DisableMacrosExecution"' in xcu
    assert "<value>true</value>" in xcu
    for (path, name), value in REGISTRY_ITEMS.items():
        assert f'oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}<' in xcu


def test_write_registry_replaces_old_values(tmp_path):
    xcu = tmp_path / "registrymodifications.xcu"
    key = ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel")
    write_registry(xcu, {key: "0"})
    write_registry(xcu, {key: "3"})
    text = xcu.read_text()
    assert text.count('oor:name="MacroSecurityLevel"') == 1 and "<value>3</value>" in text


def test_fontconfig_maps_windows_chinese_fonts():
    expected = {
        "宋体": "Noto Serif CJK SC",
        "SimSun": "Noto Serif CJK SC",
        "仿宋_GB2312": "Noto Serif CJK SC",
        "楷体": "Noto Serif CJK SC",
        "黑体": "Noto Sans CJK SC",
        "Microsoft YaHei": "Noto Sans CJK SC",
        "等线": "Noto Sans CJK SC",
    }
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    for family, target in expected.items():
        out = tools.run(["fc-match", "-f", "%{family[0]}", family], timeout=20, env=env)
        assert out.stdout.decode() == target, family
    # Latin faces are not dragged onto the CJK fonts.
    out = tools.run(["fc-match", "-f", "%{family[0]}", "Arial"], timeout=20, env=env)
    assert "CJK" not in out.stdout.decode()


def test_shutdown_kills_the_whole_process_group(settings):
    # Same slot directory as the session's instance: it takes the next free slot.
    manager = OfficeManager(settings.DATA_DIR / "office", call_timeout=60, restart_after=10)
    try:
        manager.ensure_started()
        pgid = manager.proc.pid
        assert "soffice.bin" in group_processes(pgid).values()
    finally:
        manager.shutdown()
    assert _wait_gone(pgid, 10)


def test_libreoffice_dies_when_its_owner_is_killed():
    """SIGKILL the owning process: PR_SET_PDEATHSIG takes unoserver and soffice along."""
    code = (
        "import sys, time\n"
        "from wenku.cli import _django_setup\n"
        "_django_setup()\n"
        "from wenku.conversion.office import get_office\n"
        "o = get_office()\n"
        "o.ensure_started()\n"
        "print(o.proc.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    proc = tools.spawn(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=-1,
    )
    try:
        line = proc.stdout.readline().decode().strip()
        assert line.isdigit(), line
        pgid = int(line)
        assert "soffice.bin" in group_processes(pgid).values()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        assert _wait_gone(pgid, 15), group_processes(pgid)
    finally:
        tools.kill_group(proc)


def test_crashed_soffice_is_noticed_and_replaced(samples, office, tmp_path):
    office.ensure_started()
    starts = office.starts
    os.kill(office.soffice_pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while office.running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not office.running
    result = convert_file(samples["docx"], tmp_path)
    assert result.page_count == 3 and office.starts == starts + 1
