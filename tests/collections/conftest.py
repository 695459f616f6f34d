from tests.api.conftest import (  # noqa: F401 (the same members and documents)
    _api_settings,
    author,
    make_doc,
    reader,
    staff,
)
