"""Attack: rebuild the paid text of a document through search, one character at a time:
knowing a phrase on a paid page, ask for the phrase plus each candidate next character and
watch which query still finds the document. Search matches words on every page (the
feature), so what stops the prober is that results show only preview text, and that the
thousands of queries per character hit the search rate limit (docs/decisions.md, Leaks)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from wenku.search.indexing import sync_document

pytestmark = pytest.mark.django_db
SECRET = "暗号是青松明月照大江"  # on page 7 only (paid); the prober knows "暗号是"
CANDIDATES = (
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月己"
    + "青"
)  # noqa: E501


@pytest.fixture
def limited(settings):
    settings.WENKU_RATELIMIT = True
    settings.WENKU_RATE_LIMITS = {**settings.WENKU_RATE_LIMITS, "search": (5, 600)}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def paid_doc(make_doc):
    def text(number: int) -> str:
        body = f"第{number}页：职业教育是国民教育体系的重要组成部分。"
        return body + (SECRET if number == 7 else "")

    doc = make_doc(title="职业教育材料", pages=8, text=text, price=10)
    sync_document(doc)
    return doc


def test_results_show_preview_text_only(paid_doc):
    for url in ("/search/?q=暗号是", "/api/v1/search?q=暗号是"):
        body = Client().get(url).content.decode()
        assert f"/d/{paid_doc.pk}/" in body  # found: search reads every page
        assert "青松" not in body and "明月" not in body  # but shows nothing past the query


@pytest.mark.parametrize("url", ["/search/?q=", "/api/v1/search?q="])
def test_extending_a_known_phrase_is_stopped_by_the_rate_limit(paid_doc, limited, url):
    client = Client(REMOTE_ADDR="203.0.113.9")
    answers = []
    for char in CANDIDATES:
        response = client.get(url + "暗号是" + char)
        answers.append(response.status_code)
        if response.status_code == 200:
            assert "青松" not in response.content.decode()
    assert answers[:5] == [200] * 5 and set(answers[5:]) == {429}
    # The right next character ("青") came last: the prober never saw it confirmed.
    assert answers[CANDIDATES.index("青")] == 429


def test_forged_forwarding_headers_and_a_second_account_do_not_reset_it(
    paid_doc, limited, make_user
):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(5):
        assert client.get(f"/search/?q=暗号是{n}").status_code == 200
    forged = client.get("/search/?q=暗号是x", HTTP_X_FORWARDED_FOR=f"198.51.100.{7}")
    assert forged.status_code == 429
    assert client.get("/search/?q=暗号是y", HTTP_X_REAL_IP="198.51.100.8").status_code == 429
    # A member has their own counter, and it is just as small.
    member = Client(REMOTE_ADDR="203.0.113.9")
    member.force_login(make_user("second"))
    codes = [member.get(f"/api/v1/search?q=暗号是{n}").status_code for n in range(7)]
    assert codes == [200] * 5 + [429, 429]
