from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member. Custom from day one so fields can be added without a painful migration."""

    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    bio = models.CharField(_("about"), max_length=300, blank=True)

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username
