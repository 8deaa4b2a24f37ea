"""Europol newsroom: everything that knows this source (see README.md)."""
