"""Show text that is not valid UTF-8 (a file name, a question) safely: its bad bytes escaped, e.g. `bad\\xffname`."""

from __future__ import annotations


def escaped(value: str | bytes) -> str:
    """Return `value` as printable, storable text; valid UTF-8 comes back unchanged."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    try:
        # Undecodable bytes of a file name or argument arrive as lone surrogates (Python's surrogateescape).
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
