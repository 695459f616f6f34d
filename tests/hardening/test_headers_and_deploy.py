"""Security headers on pages, API and docs; `check --deploy` clean with production settings;
secrets only from the environment; conversion children get a CPU limit."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db

PRODUCTION_ENV = {
    "WENKU_DEBUG": "0",
    "WENKU_SECURE": "1",
    "WENKU_SECRET_KEY": "prod-" + "k3y" * 20 + "-not-a-real-secret-9f8e7d6c5b4a",
    "WENKU_ALLOWED_HOSTS": "wenku.example",
}


def _check_deploy(extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WENKU_SECRET")}
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env={**env, "DJANGO_SETTINGS_MODULE": "wenku.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    run = _check_deploy(PRODUCTION_ENV)
    assert run.returncode == 0, run.stdout + run.stderr


def test_secure_mode_needs_the_secret_key_from_the_environment():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "WENKU_SECRET_KEY"}
    run = _check_deploy(env)
    assert run.returncode != 0 and "WENKU_SECRET_KEY" in run.stderr


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/api/v1/documents", "/robots.txt"])
def test_security_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp.replace("style-src-attr 'unsafe-inline'", "")


def test_pages_have_no_inline_scripts(client, make_doc):
    """CSP script-src 'self' blocks inline code: the pages must not rely on any."""
    doc = make_doc()
    for url in ["/", f"/d/{doc.pk}/", "/accounts/login/", "/search/?q=教育"]:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or "application/ld+json" in tag, (url, tag)
        assert not re.search(r"\son[a-z]+=", html), url  # no onclick= etc.


def test_api_docs_are_served_locally(client):
    assert client.get("/api/v1/schema").status_code == 200
    for url in ["/api/v1/docs", "/api/v1/redoc"]:
        response = client.get(url)
        html = response.content.decode()
        assert (
            response.status_code == 200
            and "'unsafe-eval'" not in response["Content-Security-Policy"]
        )
        assert not re.search(r"(src|href)=\"https?://", html), url  # no CDN
        for asset in re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", html):
            assert client.get(asset).status_code == 200, asset
    script = client.get("/api/v1/docs", {"script": ""})
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def _cpu_limit(emit) -> list[int]:
    return list(resource.getrlimit(resource.RLIMIT_CPU))


def test_isolated_child_has_a_cpu_limit():
    from wenku.conversion.isolate import run_isolated

    soft, hard = run_isolated(_cpu_limit, timeout=10, memory_mb=256)
    assert soft == 11 and hard == 16
