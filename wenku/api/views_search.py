"""GET /api/v1/search: the search page as JSON. No logic here beyond shaping the response."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from wenku.search.forms import SearchForm
from wenku.search.views import run_search


@require_GET
def search(request: HttpRequest) -> JsonResponse:
    """Query parameters: q, category (slug or id), format (pdf, doc, ppt, xls, txt or an exact
    extension), free (1/0), pages_min, pages_max, date (day/week/month/year),
    sort (relevance/newest/downloads), page. Snippets are HTML: escaped text with <mark>."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        fields = {
            name: [str(e["message"]) for e in errs]
            for name, errs in form.errors.get_json_data().items()
        }
        first = next(iter(fields.values()))[0]
        # The API's error shape; "errors" (the form's own format) is kept for older clients.
        body = {
            "error": "invalid",
            "detail": first,
            "fields": fields,
            "errors": form.errors.get_json_data(),
        }
        return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
    res = run_search(form)
    return JsonResponse(
        {
            "count": res.count,
            # text: full text; title: one character, titles only; browse: filters only;
            # none: nothing searchable in q (blank, punctuation, emoji).
            "mode": res.mode,
            "page": res.page,
            "num_pages": res.num_pages,
            "results": [
                {
                    "id": r.document.pk,
                    "title": r.document.title,
                    "url": request.build_absolute_uri(r.url) if r.url else "",
                    "format": r.document.format,
                    "pages": r.document.page_count,
                    "snippet": str(r.snippet),
                    "score": round(r.score, 6) if r.score is not None else None,
                }
                for r in res.results
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
