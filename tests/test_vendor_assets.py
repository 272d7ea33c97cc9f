"""The front-end assets installed by `make setup` are served locally, by WhiteNoise in production."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

REPO = Path(__file__).resolve().parents[1]
VENDOR = REPO / "vendor"
SETUP = "make setup (npm ci, scripts/vendor_assets.py) has not run"


def test_the_font_css_names_only_the_used_weights_and_files_present() -> None:
    css = VENDOR / "fonts" / "noto-sans-sc.css"
    assert css.is_file(), SETUP
    text = css.read_text(encoding="utf-8")
    assert set(re.findall(r"font-weight: (\d+);", text)) == {"400", "700"}
    urls = re.findall(r"url\(([^)]+)\)", text)
    assert urls and all(url.startswith("./files/") and url.endswith(".woff2") for url in urls)
    for url in urls:
        assert (css.parent / url).is_file(), url
    copied = {path.name for path in (VENDOR / "fonts" / "files").iterdir()}
    assert copied == {url.removeprefix("./files/") for url in urls}  # nothing unused copied


def test_collected_vendor_files_are_served_without_debug(tmp_path: Path, settings: Any) -> None:
    assert (VENDOR / "htmx" / "htmx.min.js").is_file(), SETUP
    assert ("vendor", VENDOR) in [
        (prefix, Path(path)) for prefix, path in django_settings.STATICFILES_DIRS
    ]
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    script = client.get("/static/vendor/htmx/htmx.min.js")
    assert script.status_code == 200
    assert b"htmx" in b"".join(script.streaming_content)
    font_css = client.get("/static/vendor/fonts/noto-sans-sc.css")
    assert font_css.status_code == 200
    first = re.search(rb"url\(\./(files/[^)]+)\)", b"".join(font_css.streaming_content))
    assert first is not None
    font = client.get(f"/static/vendor/fonts/{first.group(1).decode()}")
    assert font.status_code == 200
    assert b"".join(font.streaming_content)[:4] == b"wOF2"
