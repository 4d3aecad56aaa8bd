"""Interview transcripts: which paragraphs are whose answer.

Wikinews prints an interview as turns, each opening a paragraph with its speaker's tag: "((WN))" or "((Wikinews))"
before the interviewer's questions, the interviewee's name or initials before an answer ("((Rich Bowen))",
"((RB))", and in older articles "Natasha Gownaris:" or "NG:"). The untagged paragraphs after a tag go on with the
same turn, until the next tag or a line that is no sentence (a heading, a caption).

Inside an answer the interviewee is the narrator: "I said, "..."" or "my blog post was "..."" quotes the
interviewee, while "they said "..."" or "my mom was like "..."" quotes someone else. A whole sentence quoted in
narration that voices no one ('the old way was, "..."') is the interviewee's too; a term, a title, or what "they",
"people" or "we" say or think is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.names import Cast, Person

# "((Rich Bowen))", "((WN)) :", "((RB))".
_PAREN_TAG = re.compile(r"\(\((?P<tag>[^()\n]{1,40})\)\)[ \t]*:?[ \t]*")
# "Natasha Gownaris: ", "NG: ": a name or initials before a colon, read only where paren tags show an interview.
_COLON_TAG = re.compile(r"(?P<tag>[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,3})[ \t]*:[ \t]+")
INTERVIEWER_TAGS = frozenset({"wn", "wikinews"})
_PARAGRAPH = re.compile(r"[^\n]+")
# A paragraph that ends in no mark of a sentence: a heading or a caption, which ends a turn.
_SENTENCE_CLOSE = re.compile(r"[.!?:;\"”’)\]…]\s*$")


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: text[start:end] (its tag left out), spoken by whoever `tag` names."""

    start: int
    end: int
    tag: str
    questions_only: bool
    bracketed: bool  # "((Rich Bowen))", not "Natasha Gownaris: ", which opens photo captions too


def interview_turns(text: str, start: int = 0) -> list[Turn]:
    """The turns of the interview in text[start:], in order; none where no paragraph opens on "((...))"."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text, start) if text[m.start() : m.end()].strip()]
    if not any(_PAREN_TAG.match(text, a) for a, _ in paragraphs):
        return []
    turns: list[Turn] = []
    open_turn: tuple[int, int, str, list[bool], bool] | None = None

    def close() -> None:
        if open_turn is not None:
            a, b, tag, asks, bracketed = open_turn
            turns.append(Turn(a, b, tag, all(asks), bracketed))

    for a, b in paragraphs:
        paren = _PAREN_TAG.match(text, a)
        tag = paren or _COLON_TAG.match(text, a)
        body = text[a:b].rstrip()
        if tag is not None:
            close()
            open_turn = (tag.end(), b, tag.group("tag").strip(), [body.endswith("?")], paren is not None)
        elif open_turn is not None and _SENTENCE_CLOSE.search(body):
            a0, _, tag_text, asks, bracketed = open_turn
            open_turn = (a0, b, tag_text, [*asks, body.endswith("?")], bracketed)
        else:
            close()
            open_turn = None
    close()
    return turns


def is_interviewer(tag: str, turns: list[Turn]) -> bool:
    """"WN", "Wikinews", or a tag all of whose turns only ask ("((WSS))", "((RS))")."""
    if tag.lower() in INTERVIEWER_TAGS:
        return True
    return all(t.questions_only for t in turns if t.tag == tag)


def initials(name: str) -> str:
    """"Rich Bowen" -> "RB"."""
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def turn_at(turns: list[Turn], pos: int) -> Turn | None:
    return next((t for t in turns if t.start <= pos < t.end), None)


def interviewee(turn: Turn, turns: list[Turn], cast: Cast) -> Person | None:
    """Who answers in a turn: the person its tag names in full ("Rich Bowen") or by initials ("RB") when one person
    of the article has them; no one for the interviewer ("WN", or a tag that only asks)."""
    if is_interviewer(turn.tag, turns):
        return None
    if not turn.tag.isupper():
        return cast.find(turn.tag)
    matching = [p for p in cast.people if initials(p.name) == turn.tag.replace(".", "")]
    return matching[0] if len(matching) == 1 else None


def narrated(lead: str) -> bool:
    """Whether the words before a quote in an answer make the interviewee its speaker ('and I said, ')."""
    return bool(FIRST_PERSON_SPEECH.search(lead) or MY_UTTERANCE.search(lead))


# 'and I said, "' / 'I told them, "' / 'I'm like, "' / 'So I thought: "' / 'we can say, "': the narrator speaks
# or thinks aloud, right before the quote; not in a clause of condition ("Had I said "...", nobody would") or an
# aside ("The theme, as I told you, "..."").
FIRST_PERSON_SPEECH = re.compile(
    r"(?:(?<![Hh]ad\s)(?<![Ii]f\s)(?<![Aa]s\s)(?<![Ww]hen\s)\bI\s+(?:(?:also|then|just|once|even|had|have|can|could|will|would|actually|literally|basically|simply)\s+)*"
    r"(?:said|say|wrote|write|told\s[^\"“”,.;]{0,30}?|tell\s[^\"“”,.;]{0,30}?|asked|replied|answered|responded|"
    r"tweeted|posted|added|was\s+like|am\s+like|thought|think|was\s+thinking|wondered|was\s+wondering)|"
    r"\bI['’]m\s+like|\b[Ww]e\s+(?:(?:can|could|would|then|just)\s+)*(?:said|say)|"
    r"\bmade\s+me\s+(?:wonder|think))[\s,:]*$"
)
# "The very first sentence of my blog post on Tuesday was "...": the narrator's own text.
MY_UTTERANCE = re.compile(
    r"\b[Mm]y\s+(?:[\w\-]+\s+){0,2}(?:blog\s+post|post|tweet|statement|words|letter|e-?mail|message|reply|answer|"
    r"speech|article|op-ed|column|book)\b[^\"“”.;!?]{0,60}$"
)


# Anyone but the narrator alone ("they", "you", "we", "people", "her"), and "like" or "saying", which voice someone
# ('it sounds like "..."', 'people went like "..."', 'They fired me. Saying, "...').
_SOMEONE_ELSE = re.compile(
    r"\b(?:[Tt]hey|[Tt]hem|[Tt]heir|[Hh]e|[Hh]is|[Ss]he|[Hh]er|[Yy]ou|[Yy]our|[Ww]e|[Uu]s|[Oo]ur|[Pp]eople|"
    r"[Ss]omeone|[Ss]omebody|[Ee]veryone|[Aa]nyone|[Ll]ike|[Ss]aying|[Aa]sking|[Tt]elling)\b"
)
# Narration the rules can read: Latin letters only (an answer in Hindi says nothing to them).
_LATIN = re.compile(r"[^\W\d_]")
# A whole sentence of four words or more, closed by its own mark.
_WHOLE_SENTENCE = re.compile(r"(?:\S+\s+){3,}\S*[.!?][\])]?\s*$")


def own_statement(lead: str, quoted: str, tail: str) -> bool:
    """Whether an answer's quotation is the interviewee's own sentence ('In the past, the relationship was
    effectively, "Fedora gets snapshots, then RHEL is built."', 'I'm always reminded of "what if my family were
    there?"'): only a whole sentence, after narration in the same sentence that voices no one else ('they say', 'it
    sounds like', 'we thought'). Most quotations of an answer are others' words, terms or titles."""
    if not lead.strip() or not _WHOLE_SENTENCE.search(quoted) or _SOMEONE_ELSE.search(f"{lead} {tail}"):
        return False
    return all(ord(c) < 0x250 for c in _LATIN.findall(f"{lead}{quoted}{tail}"))
