from django.urls import path

from . import views_search, views_wallet

app_name = "api"
urlpatterns = [
    path("search", views_search.search, name="search"),
    path("documents/<int:pk>/purchase", views_wallet.purchase, name="document_purchase"),
    path("documents/<int:pk>/download", views_wallet.download, name="document_download"),
    path("me/balance", views_wallet.balance, name="me_balance"),
]
