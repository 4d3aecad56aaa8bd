"""Whom a question means by an office ("the Azores regional president", "Polish interior minister's message"), read
against how the archive introduces the people it quotes ("Vasco Cordeiro, the regional president", "Interior
Minister Joachim Brudziński").

Pure string work: which speakers hold the office is for the searcher to look up in its articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.names import NAME_WORD, TITLES, fold

# Offices a question may name someone by. Words that only qualify an office ("acting", "foreign", "state") are
# not here: they narrow it.
ROLE_HEADS = frozenset(
    fold(word)
    for word in """minister president premier chancellor senator governor mayor secretary king queen prince princess
    pope cardinal bishop archbishop judge general colonel captain chief commissioner ambassador attorney sheriff
    spokesperson director coach ceo chair envoy prosecutor inspector
    superintendent detective councillor councilor lawmaker legislator leader engineer lawyer doctor scientist
    researcher economist analyst activist professor historian meteorologist forecaster epidemiologist physician
    surgeon""".split()
)
_SYNONYMS = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "chairman": "chair", "chairwoman": "chair",
    "chairperson": "chair", "pm": "minister", "prez": "president", "pres": "president",
}  # fmt: skip
# Words that end the words qualifying an office, before it or after "of".
_STOP = frozenset(
    fold(word)
    for word in """the a an of to in on at by for with from and or but as what how why when where who whom which
    whose did does do has have had was were is are be been will would could should can may might that this these those
    there their his her its our your my he she they it we you i said says say told tell about after before
    during while than then so if not no any some""".split()
)
_QUALIFIERS = 4
# What makes the words before a name an introduction: an office, or a title written before names ("Mr").
_OFFICE_WORDS = ROLE_HEADS | frozenset(fold(title.rstrip(".")) for title in TITLES)
_GIVEN_NAMES = 3
# Words of an introduction, a hyphenated office in parts ("Secretary-General").
_PART = re.compile(r"[^\W\d_][\w'’]*")
# How an apposition that introduces someone opens: "Vasco Cordeiro, the regional president,", "X, then minister".
_APPOSITION_OPENERS = frozenset("the a an former then now also its his her their".split())
# A full stop after an initial ("John G. Roberts", "U.S.") ends no clause.
_CLAUSE_END = re.compile(r"[,;:!?\"“”()\[\]\n—–]|(?<!\b[A-Z])\.")
_APPOSITION = re.compile(r"\s*,\s*(?P<words>[^,;:.!?\"“”()\n]{1,60}?)\s*(?:[,;:.!?\"“”()\n]|$)")
# A name set off by commas after an office: "England's transport secretary, Grant Shapps, announced".
_CLOSES_APPOSITION = re.compile(r"\s*,")
# Where the words before an office end: a function word (an office's "of" aside) or a verb of speech.
_INTRODUCTION_ENDS = (_STOP - {"of"}) | frozenset("and or but with while said says told".split())


@dataclass(frozen=True)
class Role:
    """An office named in a question: its head word ("minister"), the words that narrow it ("polish", "interior"),
    and the span of the question it takes, which is not part of the topic."""

    head: str
    qualifiers: frozenset[str]
    start: int
    end: int


def role_in(question: str) -> Role | None:
    """The first office the question names, with up to four words before it that qualify it ("Iraq's acting prime
    minister") and those after an "of" ("president of the Azores")."""
    words = list(NAME_WORD.finditer(question))
    plain = [_plain(m[0]) for m in words]
    for i, head in enumerate(plain):
        # Only the singular: "prosecutors agree", "historians claim" name a group, not one holder whose words are asked.
        if head not in ROLE_HEADS:
            continue
        first = i
        while first > 0 and i - first < _QUALIFIERS and plain[first - 1] not in _STOP:
            first -= 1
        last = i
        if i + 1 < len(plain) and plain[i + 1] == "of":
            # "president of the Azores", "secretary of state"; not "secretary of state defend".
            j = i + 2 + (i + 2 < len(plain) and plain[i + 2] == "the")
            while j < len(plain) and j - i <= _QUALIFIERS and (words[j][0][:1].isupper() or plain[j] in _OFFICE_WORDS):
                last = j
                j += 1
        qualifiers = frozenset(plain[first:i] + plain[i + 2 : last + 1]) - _STOP
        return Role(head, qualifiers, words[first].start(), words[last].end())
    return None


def descriptions(text: str, surname: str) -> set[str]:
    """The words an article introduces a person by, around each mention of their `surname`: an office right before
    the name and up to four words before it in its clause ("Polish Prime Minister Mateusz Morawiecki", "Iraq's
    acting prime minister Adil Abdul-Mahdi"), and an apposition after it that names an office ("Vasco Cordeiro, the
    regional president,"). Words before a name that end on no office ("critics of Trump") describe someone else."""
    found: set[str] = set()
    if surname not in text:
        return found
    for mention in re.finditer(rf"(?<![\w'’\-]){re.escape(surname)}(?![\w\-])", text):
        clauses = _CLAUSE_END.split(text[max(0, mention.start() - 120) : mention.start()])
        before, at = _before_given_names(clauses[-1])
        opens = mention.start() - len(clauses[-1]) - 1
        if at == 0 and len(clauses) > 1 and text[opens] == "," and _CLOSES_APPOSITION.match(text, mention.end()):
            # "Angela Merkel's spokesperson, Steffen Seibert, said": the office before the name's apposition.
            before, at = _before_given_names(clauses[-2])
        plain = [_plain(w) for w in before]
        if at > 0 and plain[at - 1] in _OFFICE_WORDS:
            # "Montana Secretary of State Corey Stapleton": an office's "of" is part of it.
            first = at - 1
            while first > 0 and at - first <= _QUALIFIERS and plain[first - 1] not in _INTRODUCTION_ENDS:
                first -= 1
            found.update(plain[first:at])
        apposition = _APPOSITION.match(text, mention.end(), mention.end() + 120)
        words = [_plain(w) for w in _PART.findall(apposition["words"])] if apposition else []
        # "Vasco Cordeiro, the regional president,", "Ricardo Rosselló Nevares, Puerto Rico's governor,".
        apposed = bool(words) and (words[0] in _APPOSITION_OPENERS | _OFFICE_WORDS or words[-1] in _OFFICE_WORDS)
        if apposed and _OFFICE_WORDS.intersection(words):
            found.update(words)
    return found - _STOP


def _before_given_names(clause: str) -> tuple[list[str], int]:
    """The words of the clause before a surname, and where its given names ("Mateusz", "Amy Berman") start: the
    office, if any, stands right before."""
    before = _PART.findall(clause)
    at = len(before)
    while at > 0 and len(before) - at < _GIVEN_NAMES and before[at - 1][:1].isupper():
        if _plain(before[at - 1]) in _OFFICE_WORDS:
            break
        at -= 1
    return before, at


def _plain(word: str) -> str:
    """A word as `fold` writes it (lower case, no accents, doubled letters single), without its possessive, one
    word for an office's synonyms ("spokesman" is "spokesperson")."""
    plain = fold(re.sub(r"['’]s?$", "", word))
    return _SYNONYMS.get(plain, plain)
