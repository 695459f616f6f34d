"""Walk the generated OpenAPI schema (drf-spectacular), operation by operation.

- Every operation that takes a body documents it with a named serializer; every operation
  documents a success and its errors, each error with the one error body (wenku.api.errors).
- No schema component comes from `inline_serializer`; the views read no request body or query
  parameter by hand (serializers and FilterSets do).
- Each operation is called for real, on real rows (a document, a collection, a complaint, a
  payout, a member), anonymously, as a member, as the owner and as staff, and then with hostile
  values in every documented body field and query parameter: the status must be one the schema
  documents for that operation, never a 5xx, and every error is in the one error format.

The schemathesis test (test_schemathesis.py) adds generated requests and body conformance.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from tests.api.conftest import token_client
from wenku.collections import services as collections
from wenku.moderation import services as moderation
from wenku.reviews import services as reviews
from wenku.wallet import payouts
from wenku.wallet import services as wallet

GENERATOR = SchemaGenerator()
SCHEMA = GENERATOR.get_schema(request=None, public=True)
WRITES = {"post", "put", "patch"}
OPERATIONS = [
    (method, path, op)
    for path, ops in SCHEMA["paths"].items()
    for method, op in ops.items()
    if method in {"get", "delete", *WRITES}
]
# Writes that take no body (a PUT that adds a favourite, a retry): nothing to document.
BODYLESS = {
    ("put", "/api/v1/documents/{id}/favourite"),
    ("put", "/api/v1/collections/{id}/favourite"),
    ("post", "/api/v1/staff/documents/{id}/retry"),
}
ERROR_REF = "#/components/schemas/Error"
API_DIR = Path(__file__).resolve().parents[2] / "wenku" / "api"

# Values an attacker sends where a field expects something else.
HOSTILE = [
    -1,
    0,
    2**63,
    10**40,
    1.5,
    "abc",
    "",
    "１２",  # full-width digits
    "𝕏\u202e\x00",
    "x" * 5000,
    True,
    None,
    [1, 2],
    ["a", ["b"]],
    {"a": 1},
]
NON_OBJECT_BODIES = ["[]", '"text"', "1", "null", "{", '{"unknown": 1}']


def _id(item: tuple) -> str:
    return f"{item[0].upper()} {item[1]}"


def _check_error_body(body: dict) -> None:
    assert isinstance(body.get("error"), str) and body["error"], body
    assert isinstance(body.get("detail"), str), body
    if "fields" in body:
        assert isinstance(body["fields"], dict), body
        for messages in body["fields"].values():
            assert isinstance(messages, list), body
            assert all(isinstance(m, str) for m in messages), body


def _ref_schema(content: dict) -> dict:
    ref = content["schema"].get("$ref", "")
    assert ref.startswith("#/components/schemas/"), content
    return SCHEMA["components"]["schemas"][ref.rsplit("/", 1)[1]]


# --- the schema itself ---------------------------------------------------------------------


@pytest.mark.parametrize("item", OPERATIONS, ids=_id)
def test_writes_document_their_body(item):
    method, path, op = item
    if method not in WRITES:
        assert "requestBody" not in op
        return
    if (method, path) in BODYLESS:
        assert "requestBody" not in op, "documented as bodyless but has a body"
        return
    content = op.get("requestBody", {}).get("content", {})
    assert content, f"{method} {path} takes a body but documents none"
    for media in content.values():
        assert _ref_schema(media).get("properties"), f"{method} {path}: a body without fields"


@pytest.mark.parametrize("item", OPERATIONS, ids=_id)
def test_operations_document_success_and_errors(item):
    method, path, op = item
    codes = {int(code) for code in op["responses"]}
    assert any(200 <= code < 300 for code in codes), f"{method} {path}: no success documented"
    assert {405, 406, 415} <= codes
    if method in WRITES and (method, path) not in BODYLESS:
        assert 400 in codes, f"{method} {path} takes a body: 400 must be documented"
    for code, response in op["responses"].items():
        if int(code) >= 400:
            assert response.get("description"), f"{method} {path} {code}: no description"
            schema = response["content"]["application/json"]["schema"]
            assert schema == {"$ref": ERROR_REF}, f"{method} {path} {code}: not the error body"


def test_no_component_comes_from_inline_serializer():
    for (name, kind), component in GENERATOR.registry._components.items():
        if kind != "schemas":
            continue
        cls = component.object if isinstance(component.object, type) else type(component.object)
        assert cls.__module__ != "drf_spectacular.utils", f"{name} is an inline_serializer"


def test_views_parse_no_input_by_hand():
    banned = re.compile(
        r"inline_serializer|OpenApiTypes\.OBJECT|query_params\.get|request\.(GET|POST)\b"
        r"|request\.data\.get|request\.data\["
    )
    for source in sorted(API_DIR.glob("views_*.py")):
        for number, line in enumerate(source.read_text().splitlines(), 1):
            assert not banned.search(line), f"{source.name}:{number}: {line.strip()}"
    for source in sorted(API_DIR.glob("*.py")):
        assert "inline_serializer" not in source.read_text(), source.name


def test_error_component_is_the_error_format():
    error = SCHEMA["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"error", "detail"}
    assert error["properties"]["fields"]["additionalProperties"]["type"] == "array"


# --- each operation, called ------------------------------------------------------------------


@pytest.fixture
def world(author, reader, staff, make_doc, settings):
    """Real rows for every path parameter: the author's document (bought by the reader), a
    collection holding it, the reader's complaint about it and comment on it, the author's
    payout request."""
    settings.WENKU_PAYOUT_MIN = 10
    settings.WENKU_PAYOUT_FEE = 1
    doc = make_doc(price=100, tags=("教育",))
    wallet.grant(staff, reader, 500, "funds")
    wallet.purchase_document(reader, doc.pk)
    shelf = collections.create(author, title="备考", is_public=True)
    collections.add(author, shelf, doc.pk)
    complaint = moderation.file_report(reader, "mismatch", doc, details="标题与内容不符").complaint
    payout = payouts.request_payout(author, 60)
    remark = reviews.comment(reader, doc.pk, "第三页的例题很有用")
    ids = {
        "documents": doc.pk,
        "collections": shelf.pk,
        "complaints": complaint.pk,
        "cases": complaint.pk,
        "members": author.pk,
        "payouts": payout.pk,
        "comments": remark.pk,
    }
    return {"ids": ids, "doc": doc, "author": author, "reader": reader, "staff": staff}


def _url(path: str, world: dict) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1)
        if name == "id":
            before = path[: match.start()].rstrip("/").rsplit("/", 1)[1]
            return str(world["ids"][before])
        return {"document": str(world["doc"].pk), "number": "1", "username": "author"}[name]

    return re.sub(r"\{(\w+)\}", value, path)


def _documented(op: dict) -> set[int]:
    return {int(code) for code in op["responses"]}


def _call(client: APIClient, method: str, url: str, body=None, query=None, raw: str | None = None):
    if raw is not None:
        return getattr(client, method)(url, raw, content_type="application/json")
    if method in WRITES:
        return getattr(client, method)(url, body or {}, format="json")
    return getattr(client, method)(url, query or {})


def _assert_documented(response, op: dict, what: str) -> None:
    status = response.status_code
    assert status < 500, f"{what}: {status}"
    assert status in _documented(op), f"{what}: {status} not documented ({sorted(_documented(op))})"
    if status >= 400:
        _check_error_body(json.loads(response.content))


def _fields(op: dict) -> list[str]:
    content = op.get("requestBody", {}).get("content", {})
    media = content.get("application/json") or next(iter(content.values()), None)
    return list(_ref_schema(media).get("properties", {})) if media else []


def _query(op: dict) -> list[str]:
    return [p["name"] for p in op.get("parameters", []) if p["in"] == "query"]


@pytest.mark.parametrize("item", OPERATIONS, ids=_id)
def test_each_operation_answers_a_documented_status(item, world, anon):
    method, path, op = item
    url = _url(path, world)
    owner = token_client(world["author"])
    staff_only = "/staff/" in path or "/moderation/" in path or path.endswith("/moderate")
    privileged = token_client(world["staff"]) if staff_only else owner
    # Each kind of caller first, the privileged one last (a DELETE may remove the row).
    for who, client in (
        ("anonymous", anon),
        ("reader", token_client(world["reader"])),
        ("staff", token_client(world["staff"])),
        ("owner", owner),
    ):
        if method != "delete":
            _assert_documented(_call(client, method, url), op, f"{who} {method} {url}")
    if method in WRITES and (method, path) not in BODYLESS:
        for raw in NON_OBJECT_BODIES:
            _assert_documented(_call(privileged, method, url, raw=raw), op, f"{url} body {raw}")
        for field in _fields(op):
            for value in HOSTILE:
                response = _call(privileged, method, url, body={field: value})
                _assert_documented(response, op, f"{method} {url} {field}={value!r:.40}")
    for name in _query(op):
        for value in HOSTILE:
            text = value if isinstance(value, str) else json.dumps(value)
            response = _call(privileged, method, url, query={name: text})
            _assert_documented(response, op, f"{method} {url}?{name}={text!r:.40}")
    if method == "delete":
        _assert_documented(_call(anon, method, url), op, f"anonymous delete {url}")
        _assert_documented(_call(privileged, method, url), op, f"delete {url}")


@pytest.mark.parametrize("kind", ["copyright", "counter", "mismatch", "download", "illegal"])
def test_complaint_fields_with_hostile_values(kind, world):
    """The complaint body's fields apply by `kind`: each field, with each kind, hostile."""
    op = SCHEMA["paths"]["/api/v1/complaints"]["post"]
    member = token_client(world["reader"])
    for field in _fields(op):
        if field == "kind":
            continue
        for value in HOSTILE:
            body = {"kind": kind, field: value}
            response = _call(member, "post", "/api/v1/complaints", body=body)
            _assert_documented(response, op, f"complaint {kind} {field}={value!r:.40}")


def test_complaint_document_ids_full_width_and_huge(world):
    """A Chinese keyboard's full-width digits name the document; a number longer than any ID
    (once a database error: 500) is just no document."""
    member = token_client(world["reader"])
    doc = world["doc"]
    wide = "".join(chr(ord(c) + 0xFEE0) for c in str(doc.pk))
    body = {"kind": "illegal", "document": wide, "details": "违法内容"}
    assert member.post("/api/v1/complaints", body, format="json").status_code == 201
    for huge in ("9" * 19, "9" * 5000, f"/d/{'9' * 30}/", "²"):
        body = {"kind": "spam", "document": huge, "details": "垃圾"}
        response = member.post("/api/v1/complaints", body, format="json")
        assert response.status_code == 400, huge[:40]
        assert "document" in response.json()["fields"]
