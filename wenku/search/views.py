"""The search page (server-rendered, works without JavaScript) and title suggestions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wenku.collections import services as collections

from . import services
from .forms import SearchForm, category_choices


def run_search(form: SearchForm) -> services.SearchResults:
    """The search a valid (or partly valid) form asks for."""
    form.is_valid()
    return services.search(
        form.value("q", ""),
        form.filters(),
        sort=form.value("sort", "relevance"),
        page=form.value("page", 1),
    )


def hint(res: services.SearchResults) -> str:
    if res.mode == "title":
        return _("Only titles were searched: type two or more characters to search the full text.")
    if res.mode == "none" and not res.query.is_blank:
        return _("Type letters or digits to search: punctuation and symbols are ignored.")
    if res.mode in ("text", "title") and not res.count:
        return _("No documents match. Try fewer or shorter words, or remove some filters.")
    return ""


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    res = run_search(form)
    params = request.GET.copy()
    params.pop("page", None)
    sorts = []
    for value, label in form.fields["sort"].choices:
        params["sort"] = value
        sorts.append({"value": value, "label": label, "query": params.urlencode()})
    context = {
        "form": form,
        "res": res,
        "q": form.value("q", ""),
        "hint": hint(res),
        "sorts": sorts,
        "categories": category_choices(),
        "formats": SearchForm.FORMAT_CHOICES,
        "prices": SearchForm.FREE_CHOICES,
        "dates": form.fields["date"].choices,
        "selected": {k: request.GET.get(k, "") for k in ("category", "format", "free", "date")},
        "start": (res.page - 1) * res.per_page + 1,
        "truncated": res.count > res.num_pages * res.per_page,
        # Public collections matching the words, above the documents on the first page.
        "collections": collections.search(form.value("q", "")) if res.page == 1 else [],
    }
    return render(request, "search/results.html", context)


@require_GET
def suggest(request: HttpRequest) -> JsonResponse:
    q = request.GET.get("q", "")[:100]
    response = JsonResponse({"q": q, "suggestions": services.suggest(q)})
    response["Cache-Control"] = "public, max-age=60"
    return response
