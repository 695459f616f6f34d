"""Schemathesis against /api/v1/schema, in-process on the WSGI app: for every operation,
generated requests (anonymous and with a member's token) must never get a 5xx and every
response must match the schema (status code, content type, body, headers).

Zero 5xx and zero schema violations is the acceptance rule of the API issue. Examples per
operation are bounded so the run stays well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture
def member_token(db, django_user_model, make_doc) -> str:
    user = django_user_model.objects.create_user("fuzzer", password="pw-fuzz-123")
    make_doc(owner=user, tags=("教育",))  # ids 1.. exist, so some paths find something
    make_doc(price=5)
    return Token.objects.get_or_create(user=user)[0].key


from wenku.wsgi import application  # noqa: E402 - pytest-django has set Django up by now

# The schema view needs no database, so loading at collection time is fine.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema", application)


@pytest.mark.schemathesis
@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same cases in CI every run: a failure is reproducible
)
def test_api_conforms_to_schema(case, member_token):
    case.call_and_validate(checks=CHECKS)
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Token {member_token}"})
