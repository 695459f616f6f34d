"""Sign-up, sign-in pages and member profiles."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wenku.collections import services as collections
from wenku.library import services
from wenku.library.models import Document
from wenku.security.redirects import safe_next

from .forms import RegisterForm
from .models import User


class SignInView(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def register(request: HttpRequest) -> HttpResponse:
    target = safe_next(request, reverse("web:home"))
    if request.user.is_authenticated:
        return redirect(target)
    if request.method == "POST":
        form = RegisterForm(request.POST)
        if form.is_valid():
            user = form.save()
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            messages.success(
                request, _("Welcome, %(name)s! Your account is ready.") % {"name": user.shown_name}
            )
            return redirect(target)
    else:
        form = RegisterForm()
    return render(request, "accounts/register.html", {"form": form, "next": target})


@require_safe
def profile(request: HttpRequest, username: str) -> HttpResponse:
    member = get_object_or_404(User, username=username, is_active=True)
    own = request.user.is_authenticated and request.user.pk == member.pk
    show_all = own or (request.user.is_authenticated and request.user.is_staff)
    if show_all:
        documents = Document.objects.filter(owner=member).select_related("owner", "category")
    else:
        documents = services.listed_documents().filter(owner=member)
    page = Paginator(documents.order_by("-created_at", "-id"), 24).get_page(request.GET.get("page"))
    stats = services.author_figures(member)
    return render(
        request,
        "accounts/profile.html",
        {
            "member": member,
            "own": own,
            "show_all": show_all,
            "page_obj": page,
            "documents": page.object_list,
            "stats": stats,
            "collections": collections.public_of(member)[:50],
        },
    )
