"""Collection pages. Thin: services decide; a refusal from them is shown by the middleware
(404/403 pages) or, beside a form, as a message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wenku.security.redirects import safe_next

from . import services
from .forms import CollectionForm
from .services import CollectionError


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    collection = services.get_for_viewer(request.user, pk)
    rows = services.items(request.user, collection)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    own = request.user.is_authenticated and request.user.pk == collection.owner_id
    context = {
        "collection": collection,
        "page_obj": page,
        "items": page.object_list,
        "own": own,
        "favourite": services.is_favourite(request.user, collection),
    }
    response = render(request, "collections/detail.html", context)
    if not collection.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    context = {
        "collections": services.of_owner(request.user),
        "favourites": services.favourites_of(request.user),
    }
    return render(request, "collections/mine.html", context)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        collection = services.create(request.user, **form.cleaned_data)
        messages.success(request, _("Collection created."))
        return redirect(collection)
    return render(request, "collections/form.html", {"form": form, "collection": None})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    collection = services.get_for_owner(request.user, pk)
    form = CollectionForm(request.POST or None, instance=collection)
    if request.method == "POST":
        if "delete" in request.POST:
            services.delete(request.user, collection)
            messages.success(request, _("Collection deleted."))
            return redirect("collections:mine")
        if form.is_valid():
            services.update(request.user, collection, **form.cleaned_data)
            messages.success(request, _("Collection saved."))
            return redirect(collection)
    return render(request, "collections/form.html", {"form": form, "collection": collection})


@login_required
@require_POST
def add_item(request: HttpRequest) -> HttpResponse:
    """The document page's "add to collection" box: collection and document from the form."""
    back = safe_next(request, "/")
    try:
        collection = services.get_for_owner(request.user, int(request.POST.get("collection") or 0))
        created = services.add(request.user, collection, request.POST.get("document"))[1]
    except (ValueError, CollectionError) as error:
        messages.error(request, getattr(error, "message", _("Choose one of your collections.")))
        return redirect(back)
    if created:
        messages.success(request, _("Added to “%(title)s”.") % {"title": collection.title})
    else:
        messages.info(request, _("Already in “%(title)s”.") % {"title": collection.title})
    return redirect(back)


@login_required
@require_POST
def item_action(request: HttpRequest, pk: int) -> HttpResponse:
    collection = services.get_for_owner(request.user, pk)
    document = request.POST.get("document")
    action = request.POST.get("action")
    if action == "remove":
        services.remove(request.user, collection, document)
    elif action in ("up", "down"):
        services.move(request.user, collection, document, -1 if action == "up" else 1)
    return redirect(collection)


@login_required
@require_POST
def favourite(request: HttpRequest, pk: int) -> HttpResponse:
    collection = services.get_for_viewer(request.user, pk)
    if request.POST.get("action") == "remove":
        services.unfavourite(request.user, collection)
    else:
        services.favourite(request.user, collection)
    return redirect(collection)
