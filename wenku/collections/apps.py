from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectionsConfig(AppConfig):
    name = "wenku.collections"
    label = "doc_collections"  # not the name of a stdlib module, in tables and migrations
    verbose_name = _("Collections")
