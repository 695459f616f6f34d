from django.contrib import admin
from django.urls import include, path

from wenku.web.views.language import set_language

urlpatterns = [
    # Before Django's own: the switcher posts without a CSRF token (wenku.web.views.language).
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("wenku.accounts.urls")),
    path("search/", include("wenku.search.urls")),
    path("wallet/", include("wenku.wallet.urls")),
    path("collections/", include("wenku.collections.urls")),
    path("reviews/", include("wenku.reviews.urls")),
    path("quality/", include("wenku.quality.urls")),
    path("moderation/", include("wenku.moderation.urls")),
    path("api/v1/", include("wenku.api.urls")),
    path("", include("wenku.web.urls")),
]
