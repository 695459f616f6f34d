from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectionsConfig(AppConfig):
    name = "wenku.collections"
    label = "doc_collections"  # not the name of a stdlib module, in tables and migrations
    verbose_name = _("Collections")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save  # app registry ready now

        from . import services
        from .models import Collection

        for signal in (post_save, post_delete):
            signal.connect(services.forget_titles, sender=Collection, dispatch_uid="titles")
