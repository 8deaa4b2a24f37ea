"""The one error the parsers raise, and small readers that raise it.

A payload whose shape the parsers do not know must fail loudly and say which field is wrong,
so the spider can count and log it instead of storing a half-read document.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from spiders.parsing.encoding import decode_body


class ShapeError(ValueError):
    """A payload does not have the shape the parser knows; `field` names the offending field."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"field {field!r}: {problem}")
        self.field = field
        self.problem = problem


def describe(value: Any) -> str:
    """A short, one-line picture of a value for error messages."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_mapping(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ShapeError(field, f"expected an object, got {describe(value)}")
    return value


def as_list(value: Any, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise ShapeError(field, f"expected a list, got {describe(value)}")
    return value


def as_count(value: Any, field: str) -> int:
    """A whole number that some API versions send as a string ("145012")."""
    if isinstance(value, bool):
        raise ShapeError(field, f"expected a whole number, got {describe(value)}")
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    else:
        raise ShapeError(field, f"expected a whole number, got {describe(value)}")
    if number < 0:
        raise ShapeError(field, f"expected a whole number >= 0, got {number}")
    return number


def required_text(container: Mapping[str, Any], key: str, field: str) -> str:
    """A non-blank string at `key`; anything else is a shape error naming `field`."""
    if key not in container:
        raise ShapeError(field, "is missing")
    value = container[key]
    if not isinstance(value, str) or not value.strip():
        raise ShapeError(field, f"expected non-empty text, got {describe(value)}")
    return value


def optional_text(container: Mapping[str, Any], key: str, field: str) -> str:
    """A string that may be absent or null (read as ""); any other type is a shape error."""
    value = container.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ShapeError(field, f"expected text or null, got {describe(value)}")
    return value


def load_json(body: bytes | str) -> Any:
    """The JSON document in a response body (bytes, or text already decoded); ShapeError when
    it is not JSON. Bytes are read as parsing.encoding.decode_body reads them."""
    text = decode_body(body).text if isinstance(body, bytes) else body
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ShapeError("(response)", f"is not JSON ({error.msg} at offset {error.pos})") from None


def is_not_json(error: ShapeError) -> bool:
    """Whether a ShapeError says the whole body was not JSON (rather than JSON of a wrong shape)."""
    return error.field == "(response)" and error.problem.startswith("is not JSON")
