"""Plain HTTP reads of a running replica, for the tests of its routes (imported by name: tests/ is
on the path once tests/conftest.py loads)."""

import json
import urllib.error
import urllib.request


def fetch(url: str) -> tuple[int, str, str]:
    """(status, content type, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def fetch_json(url: str) -> tuple[int, dict]:
    status, content_type, body = fetch(url)
    assert content_type.startswith("application/json")
    return status, json.loads(body)
