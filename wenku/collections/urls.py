from django.urls import path

from . import views

app_name = "collections"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.create, name="create"),
    path("add/", views.add_item, name="add_item"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/items/", views.item_action, name="item_action"),
    path("<int:pk>/favourite/", views.favourite, name="favourite"),
]
