from django.urls import path

from . import views, views_payouts, views_staff, views_topup

app_name = "wallet"
urlpatterns = [
    path("", views.home, name="home"),
    path("signin/", views.signin, name="signin"),
    path("purchases/", views.purchases, name="purchases"),
    path("earnings/", views.earnings, name="earnings"),
    path("buy/<int:pk>/", views.buy, name="buy"),
    path("download/<int:pk>/", views.download, name="download"),
    path("file/<str:token>/", views.file, name="file"),
    path("topup/", views_topup.choose, name="topup"),
    path("topup/<uuid:order_id>/", views_topup.order, name="topup_order"),
    path("topup/sandbox/<uuid:order_id>/", views_topup.sandbox_checkout, name="sandbox_checkout"),
    path("topup/callback/<slug:gateway>/", views_topup.callback, name="topup_callback"),
    path("staff/ledger/", views_staff.ledger, name="staff_ledger"),
    path("staff/grant/", views_staff.grant, name="staff_grant"),
    path("payouts/", views_payouts.mine, name="payouts"),
    path("staff/payouts/", views_payouts.staff_queue, name="staff_payouts"),
    path("staff/payouts/<int:pk>/", views_payouts.staff_decide, name="staff_payout_decide"),
    path("staff/payouts/export.csv", views_payouts.staff_export, name="staff_payouts_export"),
]
