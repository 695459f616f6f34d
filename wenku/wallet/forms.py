"""Wallet forms: the document price field (used by the upload and edit forms), staff grants
and top-up."""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.contrib.auth import get_user_model
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import conf

WHOLE_NUMBER = re.compile(r"^\+?[0-9]{1,12}$")


def _price_help() -> str:
    return gettext("Points a reader pays to download. 0 or empty = free. At most %(max)d.") % {
        "max": conf.price_max()
    }


class PriceField(forms.IntegerField):
    """A price in whole points from 0 to WENKU_PRICE_MAX (read when validating, so the site
    setting applies without a restart). Empty means free. Decimals, negative numbers and
    anything else get one clear message."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Price (points)"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", lazy(_price_help, str)())
        super().__init__(**kwargs)
        self.widget.attrs.update(
            min=0, max=lazy(lambda: str(conf.price_max()), str)(), step=1, inputmode="numeric"
        )

    def _message(self) -> str:
        return gettext("Enter the price as a whole number of points from 0 to %(max)d.") % {
            "max": conf.price_max()
        }

    def to_python(self, value) -> int:
        text = unicodedata.normalize("NFKC", str(value if value is not None else "")).strip()
        if text in self.empty_values:
            return 0
        if not WHOLE_NUMBER.match(text):
            raise forms.ValidationError(self._message(), code="invalid")
        return int(text)

    def validate(self, value) -> None:
        if value < 0 or value > conf.price_max():
            raise forms.ValidationError(self._message(), code="out_of_range")

    def run_validators(self, value) -> None:
        pass  # range checked in validate() against the current setting


class GrantForm(forms.Form):
    username = forms.CharField(label=_("Member (user name)"), max_length=150)
    points = forms.IntegerField(
        label=_("Points"),
        help_text=_("Positive to grant, negative to correct. The balance cannot go below zero."),
    )
    memo = forms.CharField(label=_("Reason"), max_length=200)

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise forms.ValidationError(_("No member has this user name."), code="unknown")
        return user

    def clean_points(self) -> int:
        points = self.cleaned_data["points"]
        limit = conf.int_setting("WENKU_GRANT_MAX")
        if points == 0 or abs(points) > limit:
            raise forms.ValidationError(
                _("Enter a non-zero number of points, at most %(max)d either way.")
                % {"max": limit},
                code="range",
            )
        return points


class TopUpForm(forms.Form):
    points = forms.TypedChoiceField(label=_("Points"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from .topup import price_cents

        points = self.fields["points"]
        assert isinstance(points, forms.ChoiceField)  # declared below as one
        points.choices = [
            (
                p,
                gettext("%(points)d points for ¥%(yuan)s")
                % {"points": p, "yuan": f"{price_cents(p) / 100:.2f}"},
            )
            for p in conf.topup_packages()
        ]


class PayoutForm(forms.Form):
    # A text field: the service parses it (whole points only), so the site and the API give
    # the same refusal for "1.5", "-3" or "abc".
    points = forms.CharField(
        label=_("Points to withdraw"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class RejectPayoutForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the author)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
