from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import User


class RegisterForm(UserCreationForm):
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Optional. Only the site's staff can see it."),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "email")
        labels = {"display_name": _("Display name")}
        help_texts = {
            "display_name": _("Optional. Shown on your documents instead of your user name.")
        }
