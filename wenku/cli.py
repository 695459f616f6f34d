"""The `wenku` command line.

wenku run [--host H] [--port P]      web server + background worker (embedded default)
wenku worker [--concurrency N] [--beat]   a conversion worker alone (scale-out)
wenku convert FILE [--out DIR] [--json]   the conversion pipeline on one file, no database
wenku import PATH... [--owner USER] [--category SLUG] [--wait] [--json]
wenku manage COMMAND ...             Django's management commands (also: python -m wenku)
"""

from __future__ import annotations

import os
import sys


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenku.settings")
    import django

    django.setup()


def _pending_migrations() -> bool:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _prepare_database(command: str) -> None:
    """Commands that use the library need its tables. On a fresh data directory `import`
    creates them as `wenku run` does; a worker (one of many, in scale-out) never migrates a
    shared database by itself, it says what to run instead. `quality` checks a file against
    the library only when there is one, and creates nothing."""
    if command not in MIGRATE_FIRST and command not in NEEDS_MIGRATED or not _pending_migrations():
        return
    if command in NEEDS_MIGRATED:
        print(
            "wenku: the database is not migrated; run `wenku manage migrate` (or `wenku run`)"
            " first",
            file=sys.stderr,
        )
        sys.exit(2)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


MIGRATE_FIRST = {"import"}
NEEDS_MIGRATED = {"worker"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__.strip())
        sys.exit(0)
    command, rest = argv[0], argv[1:]
    if command == "manage":
        from django.core.management import execute_from_command_line

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenku.settings")
        execute_from_command_line(["wenku manage", *rest])
        return
    commands = {
        "run": ("wenku.runner", "run_main"),
        "worker": ("wenku.runner", "worker_main"),
        "convert": ("wenku.conversion.command", "main"),
        "import": ("wenku.publishing.importer", "main"),
        "quality": ("wenku.quality.command", "main"),
    }
    if command not in commands:
        print(f"wenku: unknown command {command!r}\n\n{__doc__.strip()}", file=sys.stderr)
        sys.exit(2)
    _django_setup()
    _prepare_database(command)
    import importlib

    module, func = commands[command]
    sys.exit(getattr(importlib.import_module(module), func)(rest) or 0)
