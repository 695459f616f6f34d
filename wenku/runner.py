"""`wenku run` (web + worker on the embedded default) and `wenku worker`."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command


def worker_command(concurrency: int, beat: bool, loglevel: str = "INFO") -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "wenku",
        "worker",
        "--concurrency",
        str(concurrency),
        "--loglevel",
        loglevel,
        # The filesystem broker has no fan-out: no gossip, mingle or remote-control events.
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--max-tasks-per-child",
        "500",
    ]
    if beat:
        cmd += ["--beat", "--schedule", settings.CELERY_BEAT_SCHEDULE_FILENAME]
    return cmd


def web_command(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "wenku.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        "4",
        "--timeout",
        "120",
        "--access-logfile",
        "-",
    ]


def prepare(load_demo: bool) -> None:
    """First start: create the database; load demo documents into an empty library."""
    call_command("migrate", interactive=False, verbosity=0)
    if load_demo:
        from wenku.publishing.demo import load_demo_documents  # models: after django.setup()

        count = load_demo_documents()
        if count:
            print(f"wenku: queued {count} demo documents for conversion", flush=True)


def run_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="wenku run", description="web server and worker")
    parser.add_argument("--host", default=os.environ.get("WENKU_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("WENKU_PORT", "8000")))
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--no-demo", action="store_true", help="do not load demo documents")
    args = parser.parse_args(argv)

    prepare(load_demo=not args.no_demo)
    env = {**os.environ, "WENKU_DATA_DIR": str(settings.DATA_DIR)}
    children = [
        subprocess.Popen(worker_command(settings.WENKU_WORKER_CONCURRENCY, beat=True), env=env),
        subprocess.Popen(web_command(args.host, args.port, args.web_workers), env=env),
    ]
    print(
        f"wenku: serving http://{args.host}:{args.port}/  (data: {settings.DATA_DIR})", flush=True
    )
    return _supervise(children)


def _supervise(children: list[subprocess.Popen]) -> int:
    """Run until a signal or until one child exits; then stop the others."""
    stopping = False

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    while not stopping:
        for child in children:
            if child.poll() is not None:
                print(f"wenku: {child.args[2:5]} exited with {child.returncode}", file=sys.stderr)
                stopping, code = True, 1
        time.sleep(0.5)
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + 20
    for child in children:
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
    return code


def worker_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="wenku worker", description="a conversion worker")
    parser.add_argument("--concurrency", type=int, default=settings.WENKU_WORKER_CONCURRENCY)
    parser.add_argument(
        "--beat", action="store_true", help="also run the periodic recovery (one per site)"
    )
    parser.add_argument("--loglevel", default="INFO")
    args = parser.parse_args(argv)
    cmd = worker_command(args.concurrency, args.beat, args.loglevel)
    os.execv(cmd[0], cmd)
    return 0  # not reached
