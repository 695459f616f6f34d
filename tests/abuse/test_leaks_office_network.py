"""Attack: upload a document that makes the server's LibreOffice fetch a web address while
converting it (server-side request forgery, a tracking pixel that reveals the server, data
pulled from an internal service into a public preview). A local HTTP listener counts every
request; converting documents that reference it in every way their formats allow must make
none."""

from __future__ import annotations

import http.server
import threading
import urllib.request

import pytest

from tests.abuse import remote_samples

pytestmark = pytest.mark.slow


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def _answer(self) -> None:
        _Counter.hits.append(f"{self.command} {self.path}")
        body = remote_samples.PNG if self.path.endswith(".png") else b"<a>remote</a>"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_HEAD = do_PROPFIND = do_OPTIONS = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def listener():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    # The listener works: a request from here is counted (so zero below means zero).
    urllib.request.urlopen(base + "/probe", timeout=5).read()
    assert _Counter.hits == ["GET /probe"]
    _Counter.hits.clear()
    yield base
    server.shutdown()


@pytest.fixture(scope="module")
def office():
    from wenku.conversion.office import get_office

    manager = get_office()
    manager.ensure_started()
    return manager


@pytest.mark.parametrize("fmt", list(remote_samples.BUILDERS))
def test_conversion_makes_no_network_request(listener, office, tmp_path, fmt):
    src = remote_samples.BUILDERS[fmt](tmp_path / f"remote.{fmt}", listener)
    _Counter.hits.clear()
    out = office.convert_to_pdf(src, tmp_path / "remote.pdf")
    assert out.stat().st_size > 0  # converted (the document was read, links and all)
    office.convert(src, tmp_path / "again.pdf")  # a second open (warm instance, cached links)
    assert _Counter.hits == [], f"LibreOffice fetched {_Counter.hits} converting {fmt}"


def test_the_samples_do_reach_the_listener_without_the_blocking_profile(listener, tmp_path):
    """The control: LibreOffice with a fresh default profile fetches from the listener for
    these samples (so the zero above is the profile's doing, not the samples' failure)."""
    import os
    import shutil

    from wenku.conversion import tools

    files = [str(build(tmp_path / f"remote.{fmt}", listener)) for fmt, build in
             remote_samples.BUILDERS.items()]  # fmt: skip
    profile = tmp_path / "default-profile"
    _Counter.hits.clear()
    soffice = shutil.which("soffice") or "soffice"
    tools.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "out"), *files],
        timeout=240,
        env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    fetched = {hit.split()[1] for hit in _Counter.hits}
    assert {"/odt-linked.png", "/pptx-linked.png", "/html-img.png"} <= fetched
