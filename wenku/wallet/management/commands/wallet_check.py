"""`wenku manage wallet_check`: prove the points ledger. Exits non-zero if anything is off."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from wenku.wallet.ledger import audit
from wenku.wallet.reports import platform_balances


class Command(BaseCommand):
    help = (
        "Check the points ledger: every transaction and the whole ledger sum to zero, every "
        "member's cached balance equals their entries and is not negative, every paid "
        "purchase has its debit. Exit status 1 if not."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=50, help="problems listed per kind")

    def handle(self, *args, limit: int = 50, **options) -> None:
        report = audit(limit=limit)
        self.stdout.write(
            f"{report.transactions} transactions, {report.entries} entries, "
            f"{report.accounts} accounts"
        )
        for code, total in platform_balances().items():
            self.stdout.write(f"  platform:{code} {total:+d}")
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"PROBLEM: {problem}")
            raise CommandError(f"the ledger does not balance: {len(report.problems)} problem(s)")
        self.stdout.write(self.style.SUCCESS("ledger OK: balanced, and cached balances match"))
