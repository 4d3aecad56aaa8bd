"""Read article files: the seed's `date YYYY-MM-DD` header format and Markdown with YAML front matter.

Every offset refers to the whole decoded file, so a quote can always be checked against the file itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from index.errors import ArticleError
from index.escape import escaped
from index.models import Article
from index.sentences import paragraphs, sentences

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md")
TITLE_CHARS = 80
_DATE_HEADER = re.compile(r"\s*date[ \t]+(\S+)[ \t]*\n?")
_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class Skipped:
    """A file the build could not use, with the reason."""

    path: str
    reason: str


def discover(root: Path) -> list[Path]:
    """List every article file under `root`, recursively, in a stable order."""
    if not root.is_dir():
        raise ArticleError(f"articles folder {root} does not exist: set articles_dir or pass --articles DIR")
    return sorted(
        p for p in root.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file() and not _hidden(p, root)
    )


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def article_id(path: Path, root: Path) -> str:
    """Return the stable id: the path relative to the articles folder, without its extension."""
    return path.relative_to(root).with_suffix("").as_posix()


def read_bytes_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_articles(root: Path) -> tuple[list[Article], list[Skipped]]:
    """Parse every article under `root`; bad files are skipped with one warning line each."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    inside = root.resolve()
    for path in discover(root):
        rel = path.relative_to(root).as_posix()
        try:
            untrusted = _untrusted(path, rel, inside)
            if untrusted:
                raise ArticleError(untrusted)
            # Read the resolved target, the very file that was checked to lie inside the folder.
            articles.append(parse_article(path.resolve().read_bytes(), article_id(path, root), rel))
        except (ArticleError, OSError) as exc:
            rel = escaped(rel)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            log.warning("skipped %s: %s", rel, reason)
            skipped.append(Skipped(rel, reason))
    return articles, skipped


def _untrusted(path: Path, rel: str, inside: Path) -> str | None:
    """Say why a file must not be read: a name that is not UTF-8, or a link that leads out of the folder."""
    if escaped(rel) != rel:
        return "file name is not valid UTF-8: rename it"
    if not path.resolve().is_relative_to(inside):
        return "symlink to a file outside the articles folder: only files inside it are indexed"
    return None


def parse_article(data: bytes, aid: str, rel_path: str) -> Article:
    """Parse one file's bytes into an Article, or raise ArticleError with the reason."""
    if b"\x00" in data:
        raise ArticleError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"not UTF-8 (byte {exc.start}): save it as UTF-8") from None
    offset = 1 if text.startswith("\ufeff") else 0
    if not text[offset:].strip():
        raise ArticleError("empty file")
    front = _FRONT_MATTER.match(text, offset)
    if text.startswith("---", offset) and front is None:
        raise ArticleError("front matter opened with '---' but never closed")
    if front:
        meta = _parse_front_matter(front.group(1))
        body_start = front.end()
        date = _coerce_date(meta.pop("date", None))
        title = _str_or_none(meta.pop("title", None))
        url = _str_or_none(meta.pop("url", None))
        author = _str_or_none(meta.pop("author", None))
    else:
        meta, title, url, author, date = {}, None, None, None, None
        body_start = offset
        header = _DATE_HEADER.match(text, offset)
        if header:
            date = _coerce_date(header.group(1))
            body_start = header.end()
    body = text[body_start:]
    if not body.strip():
        raise ArticleError("no article text after the header")
    derived = title is None
    if title is None:
        title = derive_title(body)
    return Article(
        id=aid,
        path=rel_path,
        text=text,
        body_start=body_start,
        title=title,
        title_derived=derived,
        date=date,
        url=url,
        author=author,
        content_hash=read_bytes_hash(data),
        meta=meta,
    )


def _parse_front_matter(block: str) -> dict[str, Any]:
    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise ArticleError(f"broken YAML front matter{where}") from None
    except ValueError as exc:
        # PyYAML builds dates itself and raises ValueError for impossible ones such as 2023-02-29.
        raise ArticleError(f"impossible date in front matter ({exc}): use a real YYYY-MM-DD date") from None
    if not isinstance(meta, dict):
        raise ArticleError("front matter is not a mapping of keys to values")
    return {str(k): v for k, v in meta.items()}


def _coerce_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ArticleError(f"impossible date {text!r}: use YYYY-MM-DD") from None


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def derive_title(body: str, limit: int = TITLE_CHARS) -> str:
    """Make a display title from the first sentence, shortened on a word boundary."""
    first_para = paragraphs(body)[0]
    first = sentences(body, *first_para)[0]
    sentence = " ".join(body[first[0] : first[1]].split())
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—-")
    return cut + "…"
