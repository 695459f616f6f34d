from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WalletConfig(AppConfig):
    name = "wenku.wallet"
    verbose_name = _("Points wallet")

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401 (registers receivers and checks)
