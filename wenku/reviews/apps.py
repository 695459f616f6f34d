from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "wenku.reviews"
    verbose_name = _("Ratings and comments")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from . import models, services  # models are loaded only now

        post_delete.connect(
            services.on_rating_deleted, sender=models.Rating, dispatch_uid="reviews.totals"
        )
