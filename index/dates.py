"""Find the article-date range a question asks about ("in August 2024", "last week", "since March").

Own regexes find the candidate phrases; `dateparser` only interprets day-precise phrases ("13th of Aug.
2024", "August 13") because there it handles ordinals, abbreviations, invalid days ("31 June") and the most
recent past date for a missing year (29 February included) better than hand-written code. It is not used to
find phrases: `dateparser.search` is slow (milliseconds per question) and over-eager (it reads "5G" or "3
medals" as dates). Months, years and relative periods are computed with `datetime`, because `dateparser`
returns a single instant, not a range ("August 2024" becomes one day, "last week" today minus seven days).

Precision over recall: a wrong filter hides the right answer. So years are 1900-2099 only; explicit dates need a
preposition ("in 1973", not "the 1973 building" nor "the Act of 1998"; a day with its year needs none); a bare
year or lone month followed by an ordinary word is not a date ("in 2000 words", "since May took office");
capitalised relative words mid-question are names ("USA Today"); "today" is a date only in news questions (see
`_NEWS_TODAY_RE`); and a range that starts after today is ignored, its phrase left in the question.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange

import dateparser

from index.models import DateRange

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_RELATIVE_KINDS = frozenset({"relative", "ago", "rolling"})
# Prepositions allowed before each kind of point ("" for none); relative points and days with a year need none. Not
# "of": "the Scotland Act of 1998", "the class of 2019", "out of 2000" are names and numbers.
_PREPOSITIONS = {
    "day": {"in", "during", "on", "from", "as of"},
    "iso": {"", "in", "during", "on", "from", "as of"},
    "month_year": {"in", "during", "throughout", "from", "as of"},
    "month": {"in", "during", "throughout"},
    "year": {"in", "during", "throughout", "from", "as of"},
    "decade": {"in", "during", "throughout", "from"},
}
# A relative phrase after one of these is not relative to today: "in its last year", "their last week".
_DETERMINERS = frozenset("a an the its his her their our my your whose that this each every".split())
# "today" alone mostly means "nowadays" ("How many live in France today?"); it is a date only in a range ("from
# last week to today") or in a question about news: "What did the mayor say today?", "Today, what happened?".
_NEWS_TODAY_RE = re.compile(r"\b(?:did|happen\w*|said|says|announced|reported|earlier|so far)\b", re.IGNORECASE)
_DATEPARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}

# A word after a bare year or lone month that still lets it be a date ("in 2019 the ...", "in March and").
_FUNCTION_WORDS = (
    r"and|or|to|through|until|till|when|where|what|who|whom|why|how|which|that|about|after|before|did|does|do|"
    r"was|were|is|are|has|had|have|will|would|could|should|can|in|on|at|for|with|by|from|of|the|a|an|as|than|"
    r"so|but|if|while|during|compared|versus|vs|according|regarding|concerning|against|there|this|these|those|"
    r"his|her|its|their|he|she|it|they|we|you|i"
)
_ORDINARY_WORD_NEXT = rf"(?!\s+(?!(?:{_FUNCTION_WORDS})\b)(?-i:[a-z]))"
_YEAR = r"(?<![\d,.$£€])(?:19|20)\d\d(?![\d%]|[.,]\d)"
# "May" alone must be capitalised (else it is the verb); "may 2024" and "may 5" are dates in any case.
_MONTH_FULL = (
    r"(?:january|february|march|april|june|july|august|september|october|november|december|(?-i:May)|may(?=\s+\d))"
)
_MONTH_ANY = rf"(?:{_MONTH_FULL}|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?:\.|\b))"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_COUNT = rf"(?:\d{{1,3}}|{'|'.join(_NUMBER_WORDS)})"
_UNIT = r"(?:hour|day|week|month|year)s?"
_NOT_OF = r"(?!\s+of\b)"
_NO_NUMBER = r"(?!,?\s+\d)"  # a year-less day or month followed by a number is not one: "on 17 July 1505"
# One point in time; the group that matched last names its kind (see `_point`).
_POINT = rf"""
(?:(?:early|mid|late)(?:-|\s+))?
(?:
  (?P<iso>(?<!\d)\d{{4}}-\d\d-\d\d(?!\d))
| (?P<day>(?:{_DAY}\s+(?:of\s+)?{_MONTH_ANY}|{_MONTH_ANY}\s+{_DAY})(?:,?\s+(?P<day_year>{_YEAR})|{_NO_NUMBER}))
| (?P<month_year>(?P<my_month>{_MONTH_ANY}),?\s+(?:of\s+)?(?P<my_year>{_YEAR}))
| (?P<month>(?P<m_month>{_MONTH_FULL}){_ORDINARY_WORD_NEXT}{_NO_NUMBER})
| (?P<decade>the\s+(?:(?:early|mid|late)(?:-|\s+))?(?P<dec_year>(?:19|20)\d0)s)
| (?P<year>(?P<y_year>{_YEAR}){_ORDINARY_WORD_NEXT})
| (?P<rolling>(?:the\s+)?(?:last|past)\s+(?P<r_count>{_COUNT})\s+(?P<r_unit>{_UNIT})
    |(?:the\s+)?past\s+(?P<r_unit1>day|week|month|year)|the\s+last\s+(?P<r_unit2>week|month|year)){_NOT_OF}
| (?P<ago>(?P<a_count>{_COUNT})\s+(?P<a_unit>(?:day|week|month|year)s?)\s+ago)
| (?P<relative>(?P<rel_day>today|yesterday)
    |(?:earlier\s+)?(?P<rel_which>this|last)\s+(?P<rel_unit>week|month|year){_NOT_OF})
)
(?!\w|['’]s\b)
"""
_POINT_RE = re.compile(_POINT, re.IGNORECASE | re.VERBOSE)
_POINT_UNNAMED = re.sub(r"\(\?P<\w+>", "(?:", _POINT)
_PHRASE_RE = re.compile(
    rf"""
(?<![\w-])
(?:
  (?:between|from|in|during)\s+(?P<x>{_POINT_UNNAMED})
    \s*(?:and|to|until|till|through|or|-|–)\s*(?:(?:in|during)\s+)?(?P<y>{_POINT_UNNAMED})
| (?P<open>since|after|before|until|till|up\s+(?:to|until)|through)\s+(?P<o>{_POINT_UNNAMED})
| (?:(?P<prep>in|during|throughout|of|on|from|over|within|for|as\s+of)\s+
    (?:the\s+year\s+|the\s+(?=\d\d?(?:st|nd|rd|th)\b))?)?
  (?P<p>{_POINT_UNNAMED})
)
(?!\s*[-–/]\s*\d)
""",
    re.IGNORECASE | re.VERBOSE,
)
_SPACES_RE = re.compile(r"\s{2,}")
_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([?.!,;:])")
_DOUBLE_COMMA_RE = re.compile(r",(?=[,?.!;:])")
_LEADING_RE = re.compile(r"^[\s,;:–-]+")
_TRAILING_RE = re.compile(r"(?:[\s,;:–-]+(?:and|or))?[\s,;:–-]*(?=[?.!]*$)", re.IGNORECASE)
_WORD_RE = re.compile(r"\w")

Span = tuple[dt.date, dt.date]


def parse_date_range(question: str, today: dt.date) -> tuple[DateRange | None, str]:
    """Return the article-date range a question asks about (None when it names none) and the question with the
    date phrase removed."""
    ranges: list[DateRange] = []
    removed: list[tuple[int, int]] = []
    for match in _PHRASE_RE.finditer(question):
        found = _interpret(match, question, today)
        if found and (found.start is None or found.start <= today):
            ranges.append(found)
            removed.append(match.span())
    if not ranges:
        return None, question
    starts = [r.start for r in ranges if r.start]
    ends = [r.end for r in ranges if r.end]
    date_range = DateRange(
        min(starts) if len(starts) == len(ranges) else None, max(ends) if len(ends) == len(ranges) else None
    )
    if date_range == DateRange(None, None):
        return None, question  # e.g. "since 2019 ... before 2021": their hull is everything
    return date_range, _remove(question, removed)


def _interpret(match: re.Match[str], question: str, today: dt.date) -> DateRange | None:
    """The range one matched phrase stands for, or None when it is not a usable date."""
    if match["x"] is not None:
        end = _point(_point_match(match["y"]), today, today)
        start = _point(_point_match(match["x"]), end[1], today) if end else None
        if not (start and end) or start[0] > end[1]:
            return None
        return DateRange(start[0], end[1])
    if match["open"] is not None:
        span = _point(_point_match(match["o"]), today, today)
        if span is None:
            return None
        keyword = match["open"].lower()
        if keyword == "since":
            return DateRange(span[0], None)
        if keyword == "after":
            return DateRange(span[1] + dt.timedelta(days=1), None)
        if keyword == "before":
            return DateRange(None, span[0] - dt.timedelta(days=1))
        return DateRange(None, span[1])
    point = _point_match(match["p"])
    if not _meant_as_date(point, " ".join((match["prep"] or "").lower().split()), question, match.start()):
        return None
    span = _point(point, today, today)
    return DateRange(*span) if span else None


def _meant_as_date(point: re.Match[str], prep: str, question: str, start: int) -> bool:
    """Whether a point after this preposition ("" for none), its phrase starting at `start`, is a date."""
    kind = str(point.lastgroup)
    if kind not in _RELATIVE_KINDS:
        return prep in _PREPOSITIONS[kind] or (kind == "day" and not prep and point["day_year"] is not None)
    before = question[:start].strip(" \"'“‘")
    if point[0][0].isupper() and (prep or before):
        return False  # a name: "USA Today", "on This Week"
    if not prep and before.rpartition(" ")[2].lower() in _DETERMINERS:
        return False
    if (point["rel_day"] or "").lower() == "today":
        return bool(_NEWS_TODAY_RE.search(question))
    return True


def _point(m: re.Match[str], base: dt.date, today: dt.date) -> Span | None:
    """The first and last day of a point; a missing year means the most recent one not after `base`."""
    kind = m.lastgroup
    if kind == "iso":
        try:
            day = dt.date.fromisoformat(m["iso"])
        except ValueError:
            return None
        return day, day
    if kind == "day":
        parsed = dateparser.parse(
            m["day"],
            languages=["en"],
            settings={**_DATEPARSER_SETTINGS, "RELATIVE_BASE": dt.datetime.combine(base, dt.time())},
        )
        return (parsed.date(), parsed.date()) if parsed else None
    if kind == "month_year":
        return _month(int(m["my_year"]), _month_number(m["my_month"]))
    if kind == "month":
        month = _month_number(m["m_month"])
        return _month(base.year if month <= base.month else base.year - 1, month)
    if kind == "year":
        year = int(m["y_year"])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if kind == "decade":
        year = int(m["dec_year"])
        return dt.date(year, 1, 1), dt.date(year + 9, 12, 31)
    if kind == "rolling":
        unit = (m["r_unit"] or m["r_unit1"] or m["r_unit2"]).lower().rstrip("s")
        count = _count(m["r_count"]) if m["r_count"] else 1
        return _shift(today, unit, count), today
    if kind == "ago":
        unit = m["a_unit"].lower().rstrip("s")
        anchor = _shift(today, unit, _count(m["a_count"]))
        return (anchor, anchor) if unit == "day" else _unit(anchor, unit)
    if m["rel_day"]:
        day = today if m["rel_day"].lower() == "today" else today - dt.timedelta(days=1)
        return day, day
    unit = m["rel_unit"].lower()
    anchor = today if m["rel_which"].lower() == "this" else _shift(today, unit, 1)
    return _unit(anchor, unit)


def _point_match(text: str) -> re.Match[str]:
    """The named match of a point found by `_PHRASE_RE`; its `lastgroup` is the point's kind."""
    m = _POINT_RE.fullmatch(text)
    assert m is not None, text  # `_PHRASE_RE` embeds the same pattern
    return m


def _month_number(name: str) -> int:
    return _MONTHS.index(name[:3].lower()) + 1


def _month(year: int, month: int) -> Span:
    return dt.date(year, month, 1), dt.date(year, month, monthrange(year, month)[1])


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _shift(day: dt.date, unit: str, count: int) -> dt.date:
    """`day` moved `count` units back; months and years keep the day of month where it exists."""
    if unit == "hour":
        return day - dt.timedelta(days=-(-count // 24))
    if unit == "day":
        return day - dt.timedelta(days=count)
    if unit == "week":
        return day - dt.timedelta(weeks=count)
    months = day.year * 12 + day.month - 1 - (count * 12 if unit == "year" else count)
    year, month = divmod(months, 12)
    return dt.date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _unit(day: dt.date, unit: str) -> Span:
    """The Monday-to-Sunday week, calendar month or calendar year that holds `day`."""
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return _month(day.year, day.month)
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def _remove(question: str, spans: list[tuple[int, int]]) -> str:
    """The question without the date phrases, with spacing and punctuation tidied."""
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(question[pos:start])
        pos = end
    parts.append(question[pos:])
    text = _SPACES_RE.sub(" ", " ".join(parts))
    text = _DOUBLE_COMMA_RE.sub("", _SPACE_BEFORE_PUNCT_RE.sub(r"\1", text))
    text = _TRAILING_RE.sub("", _LEADING_RE.sub("", text)).strip()
    if not _WORD_RE.search(text):
        return question
    if question.lstrip()[:1].isupper():
        text = text[0].upper() + text[1:]
    return text


_PERIOD_ONLY_RE = re.compile(
    r"^\s*(?:(?:in|during|throughout|from|over|on|for)\s+)?(?P<p>.+?)[\s?.!]*$", re.IGNORECASE | re.DOTALL
)


def period_only(question: str, today: dt.date) -> DateRange | None:
    """The period a question consists of and nothing else ("August 2019", "in 2019?", "last week"), else None.

    Such a question asks what happened then; unlike a period inside a question it needs no preposition.
    """
    whole = _PERIOD_ONLY_RE.match(question)
    point = _POINT_RE.fullmatch(whole["p"]) if whole else None
    span = _point(point, today, today) if point else None
    if span is None or span[0] > today:
        return None
    return DateRange(*span)
