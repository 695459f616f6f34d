"""The wallet's hooks into other apps, kept here so those apps need not know the wallet."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Purchase
from .owned import member_saved, purchase_changed

post_save.connect(purchase_changed, sender=Purchase, dispatch_uid="wenku.wallet.owned")
post_delete.connect(purchase_changed, sender=Purchase, dispatch_uid="wenku.wallet.owned")
post_save.connect(member_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="wenku.wallet.owned")


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="wenku.wallet.signup_bonus")
def pay_signup_bonus(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """Every new member gets an account, and the sign-up bonus once (the ledger reference
    is the user id).

    Runs in the transaction that creates the user: if that rolls back, so does the bonus.
    Fixtures loaded raw are skipped (their ledger comes with them).
    """
    if created and not raw:
        from .ledger import ensure_members
        from .services import signup_bonus

        ensure_members([instance.pk])  # so a first purchase never has to create it
        signup_bonus(instance)
