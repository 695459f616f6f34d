from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("documents/<int:pk>/rate", views.rate, name="rate"),
    path("documents/<int:pk>/comment", views.comment, name="comment"),
    path("comments/<int:pk>/helpful", views.helpful, name="helpful"),
    path("comments/<int:pk>/report", views.report, name="report"),
    path("comments/<int:pk>/moderate", views.moderate, name="moderate"),
]
