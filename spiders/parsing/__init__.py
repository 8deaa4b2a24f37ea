"""Pure parsing of the sources' payloads: plain functions over text, JSON and dicts."""

from spiders.parsing.shape import ShapeError

__all__ = ["ShapeError"]
