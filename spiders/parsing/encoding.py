"""Response bodies into text, saying when the encoding had to be guessed.

The APIs and pages declare UTF-8, but old Drupal and IIS servers answer some requests in
Windows-1252 with no charset at all. Such a body is still read (as Windows-1252), and
`guessed` tells the spider to count it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name actually used
    guessed: bool  # True: the body is not UTF-8 and nothing declared what it is


def decode_body(body: bytes, content_type: str | None = None, *, html: bool = False) -> Decoded:
    """Text of a body: a BOM wins; then UTF-8 when the bytes are valid UTF-8; then the charset
    the Content-Type (or, for `html`, a <meta> tag) declares; else Windows-1252, guessed."""
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        return Decoded(body[len(bom):].decode(bom_encoding, errors="replace"), bom_encoding, False)
    try:
        return Decoded(body.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    declared = http_content_type_encoding(content_type) if content_type else None
    if declared is None and html:
        declared = html_body_declared_encoding(body)
    codec = resolve_encoding(declared) if declared else None
    if codec and codecs.lookup(codec).name != "utf-8":
        return Decoded(body.decode(codec, errors="replace"), codec, False)
    # Windows-1252 leaves five bytes undefined; a stray one becomes U+FFFD, not a lost document.
    return Decoded(body.decode("cp1252", errors="replace"), "cp1252", True)
