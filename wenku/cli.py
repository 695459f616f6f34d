"""The `wenku` command: run, worker, convert, import, and Django's own commands (manage)."""

from __future__ import annotations

import os
import sys


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenku.settings")
    import django

    django.setup()


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        print("usage: wenku {run,worker,convert,import,manage} ...")
        sys.exit(0)
    command, rest = argv[0], argv[1:]
    if command == "manage":
        from django.core.management import execute_from_command_line

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenku.settings")
        execute_from_command_line(["wenku manage", *rest])
        return
    print(f"wenku: unknown command {command!r}", file=sys.stderr)
    sys.exit(2)
