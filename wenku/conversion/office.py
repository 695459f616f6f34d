# long: the warm LibreOffice pool (start, health, convert, recycle) is one state machine
"""A warm LibreOffice per process (unoserver), with timeouts, restarts and safety checks.

One `OfficeManager` per process (`get_office()`), started lazily on first use:

- The server is `python -m unoserver.server` run through a small launcher (LAUNCHER): it
  replaces unoserver's blind 7 s of start-up sleeps by short ones (we poll the XML-RPC
  port instead) and starts soffice.bin directly (not through the oosplash wrapper) with
  PR_SET_PDEATHSIG, so LibreOffice dies with unoserver, and unoserver with us.
- Each instance has its own LibreOffice profile in a numbered slot under
  DATA_DIR/office/, held by an flock while the process lives; profiles are reused, so the
  first-start cost (LibreOffice exits with 81 and must be started again) is paid once.
  The profile is seeded with registry settings: macros disabled outright, remote links
  blocked, Chinese as the default Asian language (untagged text gets SC glyph forms).
- LibreOffice sees our fontconfig (fonts.conf): Windows Chinese font names → Noto CJK.
- Every call is timed out; on a timeout, a dead server or a broken connection the instance
  is killed (whole process group) and the next call starts a fresh one. After
  WENKU_OFFICE_RESTART_AFTER conversions it is recycled (soffice only grows).
- preflight.py refuses password-protected files ("encrypted") and zip bombs before
  LibreOffice sees them; a dummy password is passed too, so an encrypted file that slips
  through fails at once instead of waiting for a password.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import http.client
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import xmlrpc.client
from collections.abc import Callable
from pathlib import Path

from wenku.library.failures import ConversionError

from . import tools
from .officeenv import (
    FONTS_CONF,
    LAUNCHER,
    PROXY_ENV,
    REGISTRY_ITEMS,
    free_port,
    group_processes,
    server_python,
    soffice_bin,
    write_registry,
)

log = logging.getLogger(__name__)

DUMMY_PASSWORD = "wenku-no-password"
MAX_SLOTS = 64
START_TIMEOUT = 90.0
HEARTBEAT_EVERY = 1.0


def _settings():
    from django.conf import settings

    return settings


class _TimeoutTransport(xmlrpc.client.Transport):
    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host):
        conn = super().make_connection(host)
        conn.timeout = self.timeout
        return conn


# --- the manager -----------------------------------------------------------------------------


class OfficeManager:
    """One warm LibreOffice, used by one conversion at a time."""

    def __init__(
        self,
        root: Path,
        *,
        call_timeout: float = 120.0,
        restart_after: int = 200,
        start_timeout: float = START_TIMEOUT,
    ) -> None:
        self.root = Path(root)
        self.call_timeout = call_timeout
        self.restart_after = max(1, restart_after)
        self.start_timeout = start_timeout
        self.pid = os.getpid()
        self.proc: subprocess.Popen | None = None
        self.soffice_pid = 0
        self.port = 0
        self.uno_port = 0
        self.conversions = 0
        self.starts = 0
        self._lock = threading.RLock()
        self._slot_fd: int | None = None
        self.profile: Path | None = None
        self._keeper_stop: threading.Event | None = None

    # --- lifecycle ---
    @property
    def running(self) -> bool:
        """unoserver and its soffice.bin are both alive."""
        if self.proc is None or self.proc.poll() is not None:
            return False
        return not self.soffice_pid or _alive(self.soffice_pid)

    def ensure_started(
        self, *, deadline: float | None = None, heartbeat: Callable[[], None] | None = None
    ) -> None:
        """Start LibreOffice unless a healthy instance runs (deadline: time.monotonic())."""
        with self._lock:
            if self.running and self.conversions < self.restart_after:
                return
            self.stop()
            try:
                self._start(deadline, heartbeat)
                return
            except ConversionError as exc:
                self.stop()
                if exc.code == "timeout":
                    raise
                log.warning("LibreOffice did not start (%s): retrying on a fresh profile", exc)
                if self.profile is not None:
                    shutil.rmtree(self.profile, ignore_errors=True)  # maybe it was damaged
            try:
                self._start(deadline, heartbeat)
            except ConversionError:
                self.stop()
                raise

    # long: starting unoserver: spawn, wait for the port, clean up on failure, together
    def _start(self, deadline: float | None, heartbeat: Callable[[], None] | None) -> None:
        started = time.monotonic()
        profile = self._claim_profile()
        self._prepare_profile(profile)
        self.port, self.uno_port = free_port(), free_port()
        while self.uno_port == self.port:
            self.uno_port = free_port()
        argv = [
            server_python(),
            "-c",
            LAUNCHER,
            "--interface",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--uno-port",
            str(self.uno_port),
            "--user-installation",
            str(profile),  # unoserver turns the path into a file:// URL itself
            "--executable",
            soffice_bin(),
            "--conversion-timeout",
            str(int(self.call_timeout) + 10),  # backstop: our own deadline acts first
            "--quiet",
        ]
        env = self._environment(profile)
        # LibreOffice leaves its lu*.tmp folders behind when killed; the slot is ours alone.
        for leftover in Path(env["TMPDIR"]).iterdir():
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
        log_path = profile.parent / f"{profile.name}.log"
        big = log_path.exists() and log_path.stat().st_size > 5 * 1024 * 1024
        log_file = log_path.open("wb" if big else "ab")
        try:
            # PR_SET_PDEATHSIG follows the creating *thread*: start from the main thread if
            # we can, so a short-lived caller thread ending does not take LibreOffice along.
            self.proc = self._spawn_from_long_lived_thread(argv, env, log_file)
        finally:
            log_file.close()
        self.conversions = 0
        self.starts += 1
        deadline = min(deadline or float("inf"), started + self.start_timeout)
        beat = time.monotonic()
        while True:
            if self.proc.poll() is not None:
                raise ConversionError(
                    "office_failed", f"unoserver exited with {self.proc.returncode} at start"
                )
            try:
                self._proxy(timeout=5).info()
                break
            except (OSError, http.client.HTTPException, xmlrpc.client.Error):
                if time.monotonic() > deadline:
                    raise ConversionError("timeout", "LibreOffice did not start in time") from None
                if heartbeat is not None and time.monotonic() - beat >= HEARTBEAT_EVERY:
                    heartbeat()
                    beat = time.monotonic()
                time.sleep(0.05)
        soffice = [pid for pid, comm in self.processes().items() if comm == "soffice.bin"]
        self.soffice_pid = soffice[0] if soffice else 0
        log.info(
            "LibreOffice ready on port %s (profile %s) in %.1fs",
            self.port,
            profile.name,
            time.monotonic() - started,
        )

    def _spawn_from_long_lived_thread(self, argv, env, log_file) -> subprocess.Popen:
        if threading.current_thread() is threading.main_thread():
            return tools.spawn(argv, env=env, stdout=log_file, stderr=log_file)
        # Not on the main thread: start it from a daemon thread that lives as long as the
        # manager, so the death signal is tied to the process rather than to our caller.
        result: dict = {}
        ready = threading.Event()
        stop = threading.Event()

        def keeper() -> None:
            try:
                result["proc"] = tools.spawn(argv, env=env, stdout=log_file, stderr=log_file)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                result["error"] = exc
            ready.set()
            stop.wait()

        thread = threading.Thread(target=keeper, name="wenku-office-keeper", daemon=True)
        thread.start()
        ready.wait(30)
        self._keeper_stop = stop
        if "error" in result:
            raise result["error"]
        return result["proc"]

    def _environment(self, profile: Path) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("WENKU_", "DJANGO_", "CELERY_", "DATABASE"))
        }
        env.update(
            FONTCONFIG_FILE=str(FONTS_CONF),
            SAL_ENABLE_FILE_LOCKING="1",
            SAL_USE_VCLPLUGIN="svp",  # headless rendering backend, no X11 needed
            HOME=str(profile.parent / "home"),
            TMPDIR=str(profile.parent / "tmp"),
            LANG=os.environ.get("LANG", "C.UTF-8") or "C.UTF-8",
        )
        env.update(PROXY_ENV)  # no network for documents (officeenv.REGISTRY_ITEMS)
        (profile.parent / "home").mkdir(exist_ok=True)
        (profile.parent / "tmp").mkdir(exist_ok=True)
        return env

    def _claim_profile(self) -> Path:
        if self.profile is not None and self._slot_fd is not None:
            return self.profile
        self.root.mkdir(parents=True, exist_ok=True)
        for n in range(MAX_SLOTS):
            lock_path = self.root / f"slot-{n}.lock"
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            self._slot_fd = fd
            slot = self.root / f"slot-{n}"
            slot.mkdir(exist_ok=True)
            self.profile = slot / "profile"
            return self.profile
        raise ConversionError("office_failed", f"all {MAX_SLOTS} office profile slots busy")

    def _prepare_profile(self, profile: Path) -> None:
        xcu = profile / "user" / "registrymodifications.xcu"
        if not xcu.exists():
            # A fresh profile makes soffice exit with 81 ("restart me") on its first start:
            # initialise it once, then reuse it.
            try:
                tools.run(
                    [
                        soffice_bin(),
                        "--headless",
                        "--invisible",
                        "--nologo",
                        "--norestore",
                        "--nofirststartwizard",
                        f"-env:UserInstallation={profile.as_uri()}",
                        "--terminate_after_init",
                    ],
                    timeout=self.start_timeout,
                    env=self._environment(profile),
                )
            except tools.ToolTimeout as exc:
                raise ConversionError("timeout", "LibreOffice profile setup timed out") from exc
        items = dict(REGISTRY_ITEMS)
        if 'oor:name="ooSetupLastVersion"' not in xcu.read_text(encoding="utf-8"):
            # Without it every start runs LibreOffice's "first start of a new version"
            # work (~0.8 s). LibreOffice only writes it on a clean exit, which ours never is.
            version = self._product_version()
            if version:
                items[("/org.openoffice.Setup/Product", "ooSetupLastVersion")] = version
        write_registry(xcu, items)
        # Stale lock files from a killed instance would make LibreOffice refuse the profile.
        with contextlib.suppress(FileNotFoundError):
            (profile / ".lock").unlink()
        for stale in profile.glob("user/.lock"):
            stale.unlink(missing_ok=True)

    def _product_version(self) -> str:
        """LibreOffice's major.minor version ("7.4"), as its registry records it."""
        try:
            out = tools.run([soffice_bin(), "--version"], timeout=30).stdout.decode()
        except (tools.ToolTimeout, OSError):
            return ""
        match = re.search(r"(\d+\.\d+)\.\d+", out)
        return match.group(1) if match else ""

    def stop(self) -> None:
        """Kill the instance (LibreOffice and unoserver); the next call starts a new one."""
        with self._lock:
            proc, self.proc = self.proc, None
            soffice, self.soffice_pid = self.soffice_pid, 0
            if proc is not None and soffice and proc.poll() is None:
                # soffice.bin first, so that unoserver (its parent, blocked waiting for it)
                # reaps it; killed together, it would be left a zombie for init to reap.
                with contextlib.suppress(ProcessLookupError):
                    os.kill(soffice, signal.SIGKILL)
                deadline = time.monotonic() + 2
                while Path(f"/proc/{soffice}").exists() and time.monotonic() < deadline:
                    time.sleep(0.01)
            if proc is not None:
                tools.kill_group(proc, grace=0.0)
            if self._keeper_stop is not None:
                self._keeper_stop.set()
                self._keeper_stop = None

    def processes(self) -> dict[int, str]:
        """{pid: command name} of the instance's process group (unoserver, soffice.bin)."""
        return group_processes(self.proc.pid) if self.proc is not None else {}

    def shutdown(self) -> None:
        self.stop()
        if self._slot_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._slot_fd)
            self._slot_fd = None
            self.profile = None

    # --- calls ---
    def _proxy(self, timeout: float) -> xmlrpc.client.ServerProxy:
        return xmlrpc.client.ServerProxy(
            f"http://127.0.0.1:{self.port}",
            transport=_TimeoutTransport(timeout),
            allow_none=True,
        )

    # long: one conversion with its retry and restart rules, kept together
    def convert(
        self,
        src: Path,
        dst: Path,
        *,
        timeout: float | None = None,
        filtername: str | None = None,
        filter_options: list[str] | None = None,
        heartbeat: Callable[[], None] | None = None,
        password: str = DUMMY_PASSWORD,
    ) -> Path:
        """Convert `src` to `dst` (type from dst's extension); raise ConversionError."""
        timeout = min(self.call_timeout, timeout) if timeout else self.call_timeout
        if timeout <= 0:
            raise ConversionError("timeout", "no time left for LibreOffice")
        with self._lock:
            if os.getpid() != self.pid:
                raise RuntimeError("OfficeManager used after fork; call get_office()")
            deadline = time.monotonic() + timeout
            self.ensure_started(deadline=deadline, heartbeat=heartbeat)
            timeout = deadline - time.monotonic()
            if timeout <= 0:
                raise ConversionError("timeout", "no time left after starting LibreOffice")
            dst.unlink(missing_ok=True)
            outcome: dict = {}
            proxy = self._proxy(timeout + 5)

            def call() -> None:
                try:
                    proxy.convert(
                        str(src),  # inpath
                        None,  # indata
                        str(dst),  # outpath
                        None,  # convert_to
                        filtername,
                        filter_options or [],
                        False,  # update_index: keep the document's own TOC page numbers
                        None,  # infiltername
                        password,
                    )
                except BaseException as exc:  # noqa: BLE001 - handed to the caller
                    outcome["error"] = exc

            worker = threading.Thread(target=call, name="wenku-office-call", daemon=True)
            worker.start()
            while True:
                worker.join(min(HEARTBEAT_EVERY, max(0.0, deadline - time.monotonic())))
                if not worker.is_alive():
                    break
                if time.monotonic() >= deadline:
                    log.warning("LibreOffice call timed out after %.0fs: restarting", timeout)
                    self.stop()
                    worker.join(10)
                    raise ConversionError("timeout", f"LibreOffice took over {timeout:.0f}s")
                if heartbeat is not None:
                    heartbeat()
            self.conversions += 1
            error = outcome.get("error")
            if error is not None:
                self._raise_for(error)
            if not dst.exists() or dst.stat().st_size == 0:
                raise ConversionError("office_failed", "LibreOffice wrote no output")
            if self.conversions >= self.restart_after:
                self.stop()  # recycled: the next call starts a fresh, small soffice
            return dst

    def _raise_for(self, error: BaseException) -> None:
        if isinstance(error, xmlrpc.client.Fault):
            message = str(error.faultString)
            if "TimeoutError" in message:
                self.stop()
                raise ConversionError("timeout", "unoserver conversion timeout") from error
            if not self.running:
                self.stop()
                raise ConversionError("office_failed", f"LibreOffice died: {message}") from error
            if re.search(r"Could not load document|IllegalArgumentException|IOException", message):
                raise ConversionError("corrupt", f"LibreOffice cannot open it: {message}")
            raise ConversionError("office_failed", message) from error
        if isinstance(error, TimeoutError | socket.timeout):
            self.stop()
            raise ConversionError("timeout", "LibreOffice call timed out") from error
        # Connection refused / reset / closed: the server or soffice died (maybe crashed on
        # this very file). Start afresh next time.
        self.stop()
        raise ConversionError("office_failed", f"LibreOffice connection lost: {error!r}")

    def convert_to_pdf(self, src: Path, out_pdf: Path, **kwargs) -> Path:
        return self.convert(src, out_pdf, **kwargs)


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2 :][:1] not in ("Z", "X", "")


# --- one per process ----------------------------------------------------------------------

_office: OfficeManager | None = None
_office_lock = threading.Lock()


def get_office() -> OfficeManager:
    """This process's warm LibreOffice manager (started on first conversion)."""
    global _office
    with _office_lock:
        if _office is None or _office.pid != os.getpid():
            # After a fork (Celery prefork) the parent's instance is not ours: leave it alone.
            settings = _settings()
            _office = OfficeManager(
                Path(settings.DATA_DIR) / "office",
                call_timeout=float(settings.WENKU_OFFICE_TIMEOUT),
                restart_after=int(settings.WENKU_OFFICE_RESTART_AFTER),
            )
        return _office


def shutdown_office() -> None:
    global _office
    with _office_lock:
        office, _office = _office, None
    if office is not None and office.pid == os.getpid():
        office.shutdown()


atexit.register(shutdown_office)
