from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wenku.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from .backends import user_changed

        user = get_user_model()
        post_save.connect(user_changed, sender=user, dispatch_uid="accounts.user_version")
        post_delete.connect(user_changed, sender=user, dispatch_uid="accounts.user_version")
