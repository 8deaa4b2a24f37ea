"""Bodies into text: declared encodings, UTF-8, and Windows-1252 guessed when nothing says."""

from __future__ import annotations

from spiders.parsing.encoding import decode_body

TEXT = "Malmström – “Global Alliance” · Département"


def test_utf8_needs_no_guess_with_or_without_charset():
    for content_type in (None, "application/json", "text/html; charset=utf-8"):
        decoded = decode_body(TEXT.encode(), content_type)
        assert (decoded.text, decoded.guessed) == (TEXT, False)


def test_windows_1252_without_charset_is_read_and_flagged():
    decoded = decode_body(TEXT.encode("cp1252"), "application/json")
    assert (decoded.text, decoded.encoding, decoded.guessed) == (TEXT, "cp1252", True)


def test_a_utf8_label_on_windows_1252_bytes_is_a_guess_too():
    decoded = decode_body(TEXT.encode("cp1252"), "text/html; charset=UTF-8", html=True)
    assert (decoded.text, decoded.guessed) == (TEXT, True)


def test_declared_encodings_are_believed():
    latin = "Département, Malmström".encode("latin-1")
    assert decode_body(latin, "text/html; charset=ISO-8859-1").guessed is False
    page = b'<html><head><meta charset="windows-1252"></head><body>' + TEXT.encode("cp1252")
    decoded = decode_body(page, "text/html", html=True)
    assert decoded.text.endswith(TEXT) and not decoded.guessed
    # A <meta> declaration counts for pages only.
    assert decode_body(page, "application/json").guessed


def test_a_byte_order_mark_wins():
    decoded = decode_body("\ufeff".encode() + TEXT.encode(), "text/html; charset=windows-1252")
    assert (decoded.text, decoded.guessed) == (TEXT, False)
