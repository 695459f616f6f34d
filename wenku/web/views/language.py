"""The language switcher's target: Django's set_language without a CSRF token.

The switcher is in the footer of every page, and anonymous readers' pages are shared by
everybody (wenku.web.pagecache): a page that carries a CSRF token cannot be shared. A forged
request can do no more here than switch a visitor's language (docs/decisions.md).
"""

from __future__ import annotations

from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language as django_set_language

set_language = csrf_exempt(django_set_language)
