"""Static files in production: collectstatic, then WhiteNoise serves them with DEBUG off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.test import Client


def test_collected_admin_files_are_served_without_debug(tmp_path: Path, settings: Any) -> None:
    settings.STATIC_ROOT = tmp_path / "static"
    assert settings.DEBUG is False
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "static/admin/css/base.css").is_file()
    assert (tmp_path / "static/admin/css/base.css.gz").is_file()  # compressed beside it

    client = Client()  # a new handler: WhiteNoise reads STATIC_ROOT when it starts
    # Each file answer is a stream: read it whole and close it (an open file is a warning).
    response = client.get("/static/admin/css/base.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert b"".join(response.streaming_content).strip()  # read to the end: the file closes
    compressed = client.get("/static/admin/css/base.css", HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"
    assert b"".join(compressed.streaming_content)[:2] == b"\x1f\x8b"
    assert client.get("/static/admin/css/no-such-file.css").status_code == 404
