"""Attribute each quotation of an article to its speaker, with rules over the words around it.

In order: a speaker named next to the quote ("X said", "said X", "X told reporters", "X wrote", "according to
X", "X: ..."), a pronoun or a role ("he said", "the minister said") resolved to the person the article named
before, another quote of the same sentence ("X said "a" and "b""), or the quote just before when this one stands
alone with no other name in between. Names are resolved to the fullest form the article uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.names import NAME_RUN, Cast, Mention, Person, after_place_preposition, mentions
from index.quotations import QuoteSpan, find_quotations

_VERB = (
    r"(?:said|says|say|added|adds|told|tells|wrote|writes|tweeted|tweets|posted|stated|states|explained|"
    r"noted|argued|argues|claimed|claims|commented|remarked|continued|insisted|insists|warned|warns|"
    r"announced|declared|asked|asks|replied|responded|concluded|acknowledged|admitted|suggested|"
    r"described|called|urged|stressed|emphasised|emphasized|confirmed|recalled|observed|mentioned|predicted|"
    r"promised|vowed|answered|joked|countered|alleged|maintained|opined|pointed\s+out|"
    r"reiterated|reported|commented|elaborated|clarified|testified|wrote\s+on\s+\w+|tweeted\s+that)"
)
_PRONOUN = r"(?:he|she|He|She)"
_ROLE = r"(?:[Tt]he\s+(?P<role>(?:[a-z\-]+\s+){0,2}[a-z\-]+))"
_NAME = rf"(?P<name>{NAME_RUN.pattern})"
_SUBJECT = rf"(?:(?P<pron>{_PRONOUN})|{_ROLE}|{_NAME})"
_APPOSITIVE = r",?(?:\s*(?P<appos>[^,\"“”]{1,90}),)?"
_ADVERB = r"(?:\s+(?:also|later|then|previously|further|once|had|has|have|would|will|earlier|recently|\w+ly))*"

# After the closing mark: '," said Smith' / '," Smith said' / '," he told reporters'.
_TAIL_VERB_FIRST = re.compile(rf"^[\s,.!?;—–-]*{_VERB}\s+{_SUBJECT}")
_TAIL_SUBJECT_FIRST = re.compile(rf"^[\s,.!?;—–-]*{_SUBJECT}{_APPOSITIVE}{_ADVERB}\s+{_VERB}\b")
# Before the opening mark, the last "Smith said ..." of the lead-in wins.
_LEAD = re.compile(rf"{_SUBJECT}{_APPOSITIVE}{_ADVERB}\s+{_VERB}\b")
_ACCORDING = re.compile(rf"[Aa]ccording\s+to\s+{_SUBJECT}")
_COLON = re.compile(rf"(?:^|\n)\s*{_NAME}\s*:\s*$")
# What may stand between two quotes of one speaker in one sentence.
_JOINER = re.compile(r"^[\s,;:.]*(?:and|or|but|adding|before adding|and added|then|while)?[\s,;:—–-]*(?:that\s+)?$")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“A-Z])")
_TAIL_LIMIT = 160
# A lead-in verb this close to the quote ("X said on Friday, ") beats a name after it.
_NEAR = 60
_LEAD_LIMIT = 300
_ROLE_APPOSITIVE_BEFORE = re.compile(rf"\b[Tt]he\s+(?P<role>(?:[A-Za-z\-]+\s+){{0,3}}[A-Za-z\-]+)(?:\s+of\s+[^,]{{1,60}})?,\s+{_NAME}")
_ROLE_APPOSITIVE_AFTER = re.compile(
    rf"{_NAME},\s+(?:the|a|an|who\s+is\s+the)\s+(?P<role>(?:[A-Za-z\-]+\s+){{0,3}}[A-Za-z\-]+)(?:\s+of\b[^,]{{0,60}})?,"
)


@dataclass(frozen=True)
class Quotation:
    """One quotation of an article: the verbatim words text[start:end] and who said them (None: unknown)."""

    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    how: str

    def to_row(self) -> list[object]:
        return [self.article_id, self.start, self.end, self.text, self.speaker, self.how]


def attribute(article_id: str, text: str, body_start: int = 0) -> list[Quotation]:
    """Find the quotations of one article and attribute each to its speaker."""
    spans = find_quotations(text, body_start)
    masked = _mask_quotes(text, spans)
    cast, person_mentions = _cast(masked, body_start)
    found: list[Quotation] = []
    previous: tuple[QuoteSpan, Person | None] | None = None
    for span in spans:
        person, how = _speaker(masked, span, cast, person_mentions, previous)
        found.append(Quotation(article_id, span.start, span.end, text[span.start : span.end],
                               person.name if person else None, how))  # fmt: skip
        previous = (span, person)
    return found


def _mask_quotes(text: str, spans: list[QuoteSpan]) -> str:
    """Blank the quoted letters (punctuation stays) so that names inside quotes are never taken for speakers."""
    chars = list(text)
    for span in spans:
        for i in range(span.start, span.end):
            if chars[i].isalnum():
                chars[i] = "x"
    return "".join(chars)


def _cast(masked: str, body_start: int) -> tuple[Cast, list[tuple[int, Person]]]:
    cast = Cast()
    found: list[tuple[int, Person]] = []
    for m in mentions(masked, body_start):
        if m.person_like and not after_place_preposition(masked, m):
            found.append((m.start, cast.add(m.words, m.titles)))
        elif len(m.words) == 1 and cast.find(m.words[0]) is not None:
            person = cast.find(m.words[0])
            assert person is not None
            found.append((m.start, person))
    for pattern in (_ROLE_APPOSITIVE_BEFORE, _ROLE_APPOSITIVE_AFTER):
        for match in pattern.finditer(masked, body_start):
            person = cast.find(_clean_name(match.group("name")))
            if person is not None:
                person.roles.add(match.group("role").lower())
    return cast, found


def _speaker(
    masked: str,
    span: QuoteSpan,
    cast: Cast,
    person_mentions: list[tuple[int, Person]],
    previous: tuple[QuoteSpan, Person | None] | None,
) -> tuple[Person | None, str]:
    lead_start = _sentence_start(masked, span.open)
    lead = masked[lead_start : span.open]
    tail = _tail(masked, span)
    if previous and previous[0].close > lead_start and _JOINER.match(masked[previous[0].close : span.open]):
        return previous[1], "same sentence"
    leads = list(_LEAD.finditer(lead))
    if leads and len(lead) - leads[-1].end() <= _NEAR:
        return _resolve(masked, leads[-1], cast, person_mentions, lead_start, "named before")
    for pattern in (_TAIL_VERB_FIRST, _TAIL_SUBJECT_FIRST):
        match = pattern.match(tail)
        if match:
            return _resolve(masked, match, cast, person_mentions, lead_start, "named after")
    according = _ACCORDING.search(lead) or _ACCORDING.match(tail.lstrip(" ,"))
    if according:
        return _resolve(masked, according, cast, person_mentions, lead_start, "according to")
    if leads:
        return _resolve(masked, leads[-1], cast, person_mentions, lead_start, "named before")
    colon = _COLON.search(lead)
    if colon:
        return _resolve(masked, colon, cast, person_mentions, lead_start, "colon")
    if previous and previous[1] and not lead.strip(" \t\n“\"") and _no_name_between(masked, previous[0], span):
        return previous[1], "continues"
    return None, "unattributed"


def _resolve(
    masked: str, match: re.Match[str], cast: Cast, person_mentions: list[tuple[int, Person]], before: int, how: str
) -> tuple[Person | None, str]:
    if match.group("pron"):
        return _antecedent(masked, person_mentions, before), "pronoun"
    if match.group("role"):
        return cast.by_role(match.group("role")), "role"
    name = _clean_name(match.group("name"))
    appos = match.groupdict().get("appos")
    if appos and not _names_person(name):
        # "The Senate Minority Leader, Chuck Schumer, said": the name is in the apposition.
        name = _clean_name(appos) if _names_person(appos) else name
    if not name:
        return None, "unattributed"
    person = cast.find(name)
    if person is None:
        words = tuple(strip_leading(name.split()))
        if not words:
            return None, "unattributed"
        person = cast.add(words)
    return person, how


def strip_leading(words: list[str]) -> list[str]:
    found = mentions(" ".join(words))
    return list(found[-1].words) if found else []


def _names_person(text: str) -> bool:
    return any(m.person_like for m in mentions(text))


def _clean_name(name: str) -> str:
    found = mentions(name)
    return " ".join(found[-1].words) if found else ""


def _antecedent(masked: str, person_mentions: list[tuple[int, Person]], before: int) -> Person | None:
    """The subject of the nearest earlier sentence naming someone: the first person it mentions."""
    earlier = [(pos, p) for pos, p in person_mentions if pos < before]
    if not earlier:
        return None
    start = _sentence_start(masked, earlier[-1][0])
    return next(p for pos, p in earlier if pos >= start)


def _sentence_start(masked: str, pos: int) -> int:
    floor = max(0, pos - _LEAD_LIMIT)
    para = masked.rfind("\n", floor, pos)
    start = para + 1 if para >= 0 else floor
    for match in _SENTENCE_END.finditer(masked, start, pos):
        start = match.end()
    return start


def _tail(masked: str, span: QuoteSpan) -> str:
    """The rest of the quote's sentence; empty when the quote ended it ('... end."  Next sentence')."""
    pos = span.close
    stop = masked.find("\n", pos, pos + _TAIL_LIMIT)
    tail = masked[pos : stop if stop >= 0 else pos + _TAIL_LIMIT]
    ended_inside = masked[span.start : span.end].rstrip().endswith(".")
    if re.match(r"\s*[.]", tail) or (ended_inside and re.match(r"\s+[A-Z]", tail)):
        return ""
    return tail


def _no_name_between(masked: str, before: QuoteSpan, after: QuoteSpan) -> bool:
    between = masked[before.close : after.open]
    return after.open - before.close < 400 and not any(m.person_like for m in mentions(between))

