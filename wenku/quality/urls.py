from django.urls import path

from . import views

app_name = "quality"
urlpatterns = [
    path("review/", views.review, name="review"),
    path("compare/<int:pk>/<int:other>/", views.compare, name="compare"),
    path("<int:pk>/decide/", views.decide, name="decide"),
]
