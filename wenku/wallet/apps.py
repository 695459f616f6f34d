from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WalletConfig(AppConfig):
    name = "wenku.wallet"
    verbose_name = _("Points wallet")

    def ready(self) -> None:
        from wenku.library import access  # app registry ready: models importable now

        from . import checks, signals  # noqa: F401 (registers receivers and checks)
        from .services import owns_copy  # app registry ready: models importable now

        access.register_purchase_check(owns_copy)
