"""HTML (and WordPress post content) to plain paragraphs: no tags, entities decoded, shortcodes removed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Blocks that start a new paragraph; inline tags just flow.
_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav "
    "ol p pre section table td th tr ul".split()
)
# Never article text: code, styling, embedded media and their captions.
_DROPPED = frozenset("script style noscript template iframe object svg figcaption head title select".split())
# WordPress media shortcodes wrap captions and image markup: dropped with what they enclose.
_MEDIA_SHORTCODE = re.compile(
    r"\[(caption|wp_caption|gallery|audio|video|playlist|embed)\b[^\]]*\].*?\[/\1\]", re.DOTALL | re.IGNORECASE
)
# Any other shortcode tag: [name], [name attr="x"], [name /] and [/name]. Plain brackets such as [sic]
# or [1] are text, so a bare [word] counts only when it is a known WordPress tag.
_KNOWN = "caption|wp_caption|gallery|audio|video|playlist|embed|contact-form-7|contact-form|vc_row|vc_column|et_pb_\\w+"
_SHORTCODE = re.compile(
    rf"\[/?(?:{_KNOWN})\b[^\]]*\]|\[/?[A-Za-z][\w-]*\s+[^\]]*=[^\]]*\]|\[[A-Za-z][\w-]*\s*/\]|\[/[A-Za-z][\w-]*\]",
    re.IGNORECASE,
)
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
# Characters a YAML reader or a text file should not carry: C0/C1 controls (but tab and newline),
# lone surrogates and the non-characters U+FFFE/U+FFFF.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def remove_shortcodes(text: str) -> str:
    """Drop WordPress shortcodes: media ones with what they enclose, others keeping their inner text."""
    return _SHORTCODE.sub("", _MEDIA_SHORTCODE.sub("", text))


def clean_line(text: str) -> str:
    """One line of printable text: controls dropped, every run of whitespace one space."""
    return " ".join(_UNPRINTABLE.sub("", text).split())


class _Paragraphs(HTMLParser):
    def __init__(self, blank_lines_break: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.blank_lines_break = blank_lines_break
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._dropping: list[str] = []

    def _flush(self) -> None:
        line = clean_line("".join(self._current))
        if line:
            self.paragraphs.append(line)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self._dropping.append(tag)
        elif tag in _BLOCKS and not self._dropping:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS and not self._dropping:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._dropping:
            if tag == self._dropping[-1]:
                self._dropping.pop()
            return
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._dropping:
            return
        if self.blank_lines_break:
            first, *rest = _BLANK_LINE.split(data)
            self._current.append(first)
            for part in rest:
                self._flush()
                self._current.append(part)
        else:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_paragraphs(html: str, *, blank_lines_break: bool = False) -> list[str]:
    """Return the text paragraphs of an HTML fragment.

    `blank_lines_break` reads blank lines as paragraph breaks, as WordPress does with post content it stores
    without <p> tags.
    """
    parser = _Paragraphs(blank_lines_break)
    parser.feed(remove_shortcodes(html))
    parser.close()
    return parser.paragraphs


def html_to_line(html: str) -> str:
    """Return an HTML fragment (a title, a name) as one line of text."""
    return " ".join(html_to_paragraphs(html))
