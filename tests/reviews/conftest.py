import pytest

from tests.api.conftest import (  # noqa: F401 (the same members and documents)
    _api_settings,
    anon,
    author,
    make_doc,
    reader,
    staff,
)


@pytest.fixture
def second(django_user_model):
    return django_user_model.objects.create_user("second", password="pw-second-123")
