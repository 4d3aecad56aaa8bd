"""Check a question before it is searched: only real text gets through, anything else one clear error."""

from __future__ import annotations

from index.errors import QuestionError


def decode_question(data: bytes) -> str:
    """Decode a question read as bytes (a line of standard input), or raise QuestionError."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QuestionError(f"question is not valid UTF-8 (byte {exc.start}): send it as UTF-8 text") from None
    return check_question(text)


def check_question(text: str) -> str:
    """Return `text` stripped, or raise QuestionError when it is not valid text or holds nothing to search."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # Bytes the shell could not decode arrive as lone surrogates (Python's surrogateescape).
        raise QuestionError(f"question is not valid UTF-8 (at character {exc.start}): send it as UTF-8 text") from None
    if "\x00" in text:
        raise QuestionError("question contains a NUL character: send plain text")
    if not text.strip():
        raise QuestionError("question is empty: type a few words")
    return text.strip()
