"""Restore documents whose counter-notice waiting period has passed (run periodically)."""

from django.core.management.base import BaseCommand

from wenku.moderation.services import tick


class Command(BaseCommand):
    help = "Restore documents whose counter-notice waiting period passed without legal action."

    def handle(self, *args, **options) -> None:
        restored = tick()
        self.stdout.write(f"restored {restored} documents")
