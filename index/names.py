"""People's names: spot them in prose, keep the forms one article uses, and match spellings across articles.

An article says "Prime Minister Boris Johnson", then "Johnson", then "the prime minister": `Cast` keeps one
`Person` per individual with every form and role seen, so a later surname, title or role finds the full name.
Across articles `same_person` compares folded surnames ("Zelenskyy", "Zelenskiy" and "Zelensky" fold alike) and
first initials when both sides have one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_WORD = rf"[{_UPPER}][\w'’\-]*"
_PARTICLE = r"(?:de|da|di|du|van|von|der|den|bin|ibn|al|la|le|dos|del|ter)"
# A run of capitalised words, allowing initials ("J.") and name particles ("van", "de") between them. The initial
# is tried first: as a word, "R" of "John R. Bolton" would end the run at the full stop.
# After the first word, an Arabic article may be joined by a hyphen ("Abdel Fattah el-Sisi", "Bashar al-Assad").
JOINED_ARTICLE = r"(?:al|el|ad|ud|bin|ibn|abu)-"
# A word of a name in any case, as questions type it: letters first, then letters, digits, apostrophes, hyphens.
NAME_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
NAME_RUN = re.compile(rf"(?:[A-Z]\.|{_WORD})(?:[ \t]+(?:{_PARTICLE}[ \t]+)*(?:[A-Z]\.|(?:{JOINED_ARTICLE})?{_WORD}))*")

TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. prof prof. professor sir dame lord lady president vice prime minister
    premier chancellor senator sen. sen representative rep. rep congressman congresswoman governor gov. gov
    mayor secretary speaker king queen prince princess pope cardinal bishop archbishop rev. reverend judge
    justice general gen. colonel col. captain capt. lieutenant sergeant chief commissioner ambassador
    attorney deputy leader sheikh emir ayatollah chairman chairwoman chair ceo director coach officer
    spokesman spokeswoman spokesperson detective inspector superintendent councillor councilor minority
    majority whip incoming former acting foreign health interior finance defence defense home state
    interim mp mep crown first legislator lawmaker executive activist adviser advisor envoy monsenor
    monsignor candidate nominee engineer lawyer doctor scientist researcher analyst economist teacher student
    witness official sheriff inspector manager founder author assemblyman assemblywoman assemblymember councilman
    councilwoman actor actress editor prosecutor""".split()
) | frozenset(
    # Trades written before a name ("Comic artist Jenn St-Onge", "Singer Ann Lee").
    "artist writer cartoonist illustrator singer musician comedian producer designer novelist poet".split()
    # ... and an encyclopedia's ("Biographer Martin Brecht points out").
    + "biographer historian scholar theologian philosopher sociologist journalist columnist commentator".split()
)
# An age written before a name, capitalised where it opens a sentence: "Fourteen-year-old Zoe said".
_AGE = re.compile(r"[^\W_]+-(?:year|month|week)s?-old", re.IGNORECASE)
# Capitalised words that start sentences or name things other than people.
_NOT_NAMES = frozenset(
    """the a an in on at to of for from by with as and but or so if when while after before during since
    however also then meanwhile later earlier yesterday today tomorrow this that these those there here
    he she it they we i you his her its their our my your some many most all both each another other
    according following despite although though because unlike under over about around between
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december wikinews image photo file it's what who why how where
    mr mrs ms dr one saying speaking officials police authorities residents witnesses experts researchers
    scientists analysts critics protesters organisers organizers sources doctors reports others people
    several had until im ive id ill""".split()
)
ORG_WORDS = frozenset(
    """department ministry committee university party council police court agency association company
    inc corporation corp union organization organisation times news house senate congress government
    airlines airline bank republic states kingdom nations board service institute foundation commission
    office force army navy club league federation group center centre hospital school college museum
    network post journal press media authority church parliament assembly fc city county street station
    airport river island islands united national international reuters bbc cnn twitter facebook
    google apple microsoft nasa who fbi cia guard northern southern eastern western herald bulletin fund trust
    partnership limited ltd services education constitution amendment coalition politics representatives
    metro""".split()
)
# Letters written after a name, not part of it ("Judge Durham Hall QC", "Kama Melly QC", "Sir Ian Smith KBE"):
# matched in capitals only, as they are written.
POST_NOMINALS = frozenset("QC KC SC MP MEP MSP MLA TD OBE MBE CBE KBE DBE GBE PhD FRS JP".split())
_PLACE_PREPOSITIONS = re.compile(r"(?:\b(?:in|at|near|across|into|outside|inside)\s+)$")


@dataclass(frozen=True)
class Mention:
    """A name found in the text: `words` without leading titles; `titles` lowercased."""

    start: int
    end: int
    words: tuple[str, ...]
    titles: tuple[str, ...]

    @property
    def person_like(self) -> bool:
        """Whether this names a person rather than an organisation or place."""
        if any(_fold_plain(w) in ORG_WORDS for w in self.words):
            return False
        return len(self.words) >= 2 or any(t.rstrip(".") in _PERSON_TITLES for t in self.titles)


_TIME_QUALIFIERS = frozenset({"former", "incoming", "acting", "interim"})
_PERSON_TITLES = frozenset("mr mrs ms dr prof professor sir dame president senator sen rep governor mayor".split())


def titled_person(titles: tuple[str, ...]) -> bool:
    """Whether one of these titles (written before a name, in any case) is a person's: "Turkish president Erdoğan"
    names a person although the title is in lower case and outside the capitalised run."""
    return any(t.rstrip(".") in _PERSON_TITLES for t in titles)


def mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every capitalised name in text[start:end], leading function words and titles split off."""
    end = len(text) if end is None else end
    found: list[Mention] = []
    for match in NAME_RUN.finditer(text, start, end):
        words = match.group().split()
        titles: list[str] = []
        while words and (_fold_plain(words[0]) in _NOT_NAMES or words[0].lower() in TITLES or _AGE.fullmatch(words[0])):
            word = words.pop(0)
            if word.lower() in TITLES:
                titles.append(word.lower())
        while words and (words[-1].lower() in TITLES or words[-1] in POST_NOMINALS):
            words.pop()
        possessive = next((i for i, w in enumerate(words) if w.endswith(("'s", "’s", "s'", "s’"))), None)
        if possessive is not None:
            # "Biden's Twitter account": the name ends at the possessive.
            words = words[: possessive + 1]
        words = [w[:-2] if w.endswith(("'s", "’s")) else w.rstrip("'’") for w in words]
        words = [w for w in words if w]
        inner = [i for i, w in enumerate(words) if w.lower() in TITLES]
        if inner:
            # "United States President Donald Trump": the name follows the last title.
            titles = [w.lower() for w in words[: inner[-1] + 1] if w.lower() in TITLES]
            words = words[inner[-1] + 1 :]
        of_title = _OF_TITLE.search(text, max(0, match.start() - 40), match.start())
        long_words = [w for w in words if len(w) > 2 and w[:1].isupper()]
        if of_title and len(long_words) >= 3:
            # "President of Ukraine Volodymyr Zelenskyy", "Senator from Vermont Bernie Sanders": the first word is
            # the place the title belongs to.
            words = words[-2:]
            titles = titles or [w for w in (of_title.group(1) or of_title.group(2)).lower().split() if w in TITLES]
        # A capitalised particle is part of the surname ("Rebecca Nyandeng De Mabior"), not another name's word.
        capitals = [i for i, w in enumerate(words) if w[:1].isupper() and not re.fullmatch(_PARTICLE, w.lower())]
        if len(capitals) > 3 and not titles:
            # "Company CEO Tim Cook": the person's name is the tail of the run; "Lead Paul Sun-Hyung Lee": a
            # hyphenated given name after a first name keeps that first name.
            first = capitals[-3] if _given_before_hyphenated(words[capitals[-3]], words[capitals[-2]]) else capitals[-2]
            words = words[first:]
        if words:
            found.append(Mention(match.start(), match.end(), tuple(words), tuple(titles)))
    return found


def _given_before_hyphenated(before: str, given: str) -> bool:
    """Whether `before` is a first name ahead of a hyphenated one ("Paul" of "Paul Sun-Hyung Lee"), not an
    organisation's word ("Commission" of "European Commission Jean-Claude Juncker")."""
    return (
        re.fullmatch(r"[A-Z][a-z]+-[A-Z][a-z]+", given) is not None
        and re.fullmatch(r"[A-Z][a-z]{2,}", before) is not None
        and _fold_plain(before) not in ORG_WORDS | _NOT_NAMES
    )


_OF_TITLE = re.compile(
    r"((?:[A-Za-z]+\s+){0,2}[A-Za-z]+)\s+(?:of|from)\s+(?:the\s+)?$"
    # "Ambassador to Germany Richard Grenell", "Special Representative for Iran Brian Hook": an envoy's post, not
    # "spoke to Kim Jong Un".
    r"|((?:[A-Za-z]+\s+){0,2}(?i:ambassador|envoy|adviser|advisor|representative|delegate))\s+(?:to|for)\s+(?:the\s+)?$"
)


def after_place_preposition(text: str, mention: Mention) -> bool:
    """Whether an untitled name follows "in", "at", "from"...: then it is more likely a place than a person."""
    return not mention.titles and bool(_PLACE_PREPOSITIONS.search(text[max(0, mention.start - 12) : mention.start]))


@dataclass
class Person:
    """One individual in one article: the fullest name seen, every form used and every role given."""

    name: str
    forms: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


class Cast:
    """The people one article names, looked up by any form of their name or by a role."""

    def __init__(self) -> None:
        self.people: list[Person] = []

    def add(self, words: tuple[str, ...], titles: tuple[str, ...] = ()) -> Person:
        """Record a mention, merging it with the person it names if already known."""
        name = " ".join(words)
        person = self.find(name)
        if person is None:
            person = Person(name)
            self.people.append(person)
        elif len(words) > len(person.name.split()):
            person.name = name
        person.forms.add(name)
        if titles:
            person.forms.add(" ".join((*titles, name)))
            person.roles.add(" ".join(t.rstrip(".") for t in titles))
        return person

    def find(self, name: str, *, first_names: bool = True) -> Person | None:
        """The known person `name` refers to: the same full name, or a surname (or first name) of one."""
        words = name.split()
        for person in self.people:
            if name in person.forms or name == person.name:
                return person
        for person in self.people:
            full = person.name.split()
            if len(words) == 1 and (words[0] == full[-1] or (first_names and len(full) > 1 and words[0] == full[0])):
                return person
            if len(words) >= 2 and len(full) == 1 and words[-1] == full[0]:
                return person
            if len(words) >= 2 and len(full) >= 2 and same_person(name, person.name) and _firsts_agree(words, full):
                return person
        if len(words) == 1:
            near = [p for p in self.people if len(p.name.split()) > 1 and _one_letter_off(words[0], p.surname)]
            if len(near) == 1:
                return near[0]
            # "Rosselló" after "Ricardo Rosselló Nevares": the first of two surnames (Spanish, South Sudanese "John
            # Luk Jok") stands for the whole name, when no one's last name is that word.
            paternal = [p for p in self.people if len(full := p.name.split()) >= 3 and full[-2] == words[0]]
            if len(paternal) == 1:
                return paternal[0]
        return None

    def by_role(self, role: str, order: list[Person] | None = None) -> Person | None:
        """The latest person given `role`: "the prime minister" or "the minister" both find a prime minister.

        `order`: the people as the text named them up to the role (latest last); by default, as first met."""
        words = role.lower().split()
        # The role may run into the verb phrase ("the president had previously"): try it shorter and shorter.
        for n in range(len(words), 0, -1):
            head = words[n - 1]
            # "the local health minister" is not the civil aviation minister: a title word qualifying the head must
            # be in the person's role too ("former" and the like qualify no one).
            qualifiers = {w for w in words[: n - 1] if w in TITLES and w not in _TIME_QUALIFIERS}
            for person in reversed(self.people if order is None else order):
                if any(head in r.split() and qualifiers <= set(r.split()) for r in person.roles):
                    return person
        return None


def _firsts_agree(a: list[str], b: list[str]) -> bool:
    """Within one article, "Abdullah Kurdi" is not "Alan Kurdi": two first names written out must be one the
    start of the other ("Tom", "Thomas" are not; an initial "T." agrees with both)."""
    x, y = _fold_plain(a[0]), _fold_plain(b[0])
    if re.fullmatch(_PARTICLE, a[0].lower()) or re.fullmatch(_PARTICLE, b[0].lower()):
        # "De Blasio" is "Bill de Blasio".
        return True
    if len(a[0].rstrip(".")) <= 1 or len(b[0].rstrip(".")) <= 1:
        return x[:1] == y[:1]
    return x.startswith(y) or y.startswith(x)


def _one_letter_off(word: str, surname: str) -> bool:
    """An article's own misspelling of a surname ("Sarea" then "Saree"): same length of five letters or more,
    same first letter, one letter changed or two neighbours swapped. Lengths must agree, so that "Johnston" is
    never "Johnson"."""
    a, b = _fold_plain(word), _fold_plain(surname)
    if len(a) != len(b) or len(a) < 5 or a[0] != b[0] or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    return len(diff) == 1 or swapped


# Folding is pure and asked of the same few words again and again (attribution compares every mention with every
# person): cached, attributing the 293 Wikinews articles took 1.65 s instead of 2.57.
@functools.lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Spelling-insensitive form of one name word: no accents or case, doubled letters and -iy/-ij endings folded,
    no joined article ("el-Sisi" is "Sisi", as "al-Sisi" is)."""
    plain = _fold_plain(re.sub(rf"^{JOINED_ARTICLE}(?=\w)", "", word, flags=re.IGNORECASE))
    plain = re.sub(r"(.)\1+", r"\1", plain)
    return re.sub(r"(?:iy|ij|yj)$", "y", plain)


# Letters NFKD leaves whole.
_UNDECOMPOSED = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss", "ı": "i"})


@functools.lru_cache(maxsize=1 << 16)
def _fold_plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if c.isalnum()).lower()


# "Robert Downey Jr." is "Downey": a generational suffix is no surname.
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


# Titles as a reader abbreviates them before a name ("PM Minnis", "Sgt. Ruiz"); the news spells them out.
_TYPED_TITLES = frozenset("pm sgt lt cmdr adm supt insp det pres".split())
_NAME_TITLES = TITLES | _TYPED_TITLES | {w + "." for w in TITLES | _TYPED_TITLES}


def strip_titles(name: str) -> list[str]:
    """The words of a name without its titles, generational suffix or possessive: the name follows the last title
    before its surname ("Polish PM Morawiecki", "Coast Guard Capt. Rochester" are "Morawiecki", "Rochester")."""
    words = [w.rstrip(",") for w in name.replace("’s", "").replace("'s", "").split() if _fold_plain(w)]
    while len(words) > 1 and (words[-1].lower() in _SUFFIXES or words[-1] in POST_NOMINALS):
        # "Kama Melly QC" is Kama Melly.
        words.pop()
    titles = [i for i, w in enumerate(words[:-1]) if w.lower() in _NAME_TITLES]
    return words[titles[-1] + 1 :] if titles else words


def same_person(asked: str, speaker: str) -> bool:
    """Whether a name as a reader typed it can be `speaker`: surnames fold alike, first initials agree."""
    a, s = strip_titles(asked), strip_titles(speaker)
    if not a or not s or fold(a[-1]) != fold(s[-1]):
        return False
    if len(a) == 1 or len(s) == 1:
        return True
    # "Tom Reed" is "Engineer Tom Reed" and "Thomas J. Reed", but not "Anna Reed".
    short, long = sorted((a[:-1], s[:-1]), key=len)
    return any(fold(w)[:1] == fold(short[0])[:1] for w in long)


# A single word this short ("Ann", "Bel") is too often a given or middle name to stand for a first surname.
_MIN_FIRST_SURNAME = 4


class NameIndex:
    """Names bucketed by folded surname (and, for three words or more, by the words between that may be a surname
    too), each bucket in the order given: a lookup reads one bucket instead of every speaker the archive quotes."""

    def __init__(self, names: Iterable[str]) -> None:
        self._by_surname: dict[str, list[str]] = {}
        self._by_given: dict[str, list[str]] = {}
        for name in names:
            words = strip_titles(name)
            if not words:
                continue
            keys = [fold(words[-1]), *sorted(_inner_surnames(words))]
            for key in dict.fromkeys(keys):
                self._by_surname.setdefault(key, []).append(name)
            if len(words) >= 2:
                self._by_given.setdefault(fold(words[0]), []).append(name)

    def matching(self, person: str) -> list[str]:
        """`matching_names` over the names given, reading one bucket."""
        words = strip_titles(person)
        return matching_names(person, self._by_surname.get(fold(words[-1]), [])) if words else []

    def given_name(self, word: str) -> list[str]:
        """The names of the one person whose given name is `word` ("Bernie", "kanye"; "Olek" for both "Olek Zelensky"
        and "Olek Zelenskyy"), or none when people share it.

        Spelt as the archive spells it but for accents and case: folding doubled letters, right for surnames
        written from another alphabet, makes "Need the exact words ..." ask for Ned Lamont."""
        words = strip_titles(word)
        named = self._by_given.get(fold(words[0]), []) if len(words) == 1 and len(words[0]) >= 3 else []
        named = [name for name in named if _fold_plain(strip_titles(name)[0]) == _fold_plain(words[0])]
        return named if all(same_person(named[0], name) for name in named[1:]) else []


def matching_names(person: str, names: Iterable[str]) -> list[str]:
    """The names `person` can mean, in the order given: those `same_person` accepts, and, when none of them is a
    full name, those whose given name and a surname before the last `person` writes ("Ricardo Rosselló" for "Ricardo
    Rosselló Nevares", "Rebecca Nyandeng" for "Rebecca Nyandeng De Mabior"; "Martin Luther" is not "Martin Luther
    King" where Martin Luther is quoted), or, for one word that is no one's last name, whose surname before the last
    it is ("Rosselló")."""
    names = list(names)
    found = [name for name in names if same_person(person, name)]
    words = strip_titles(person)
    if len(words) == 1 and not found and len(words[0]) >= _MIN_FIRST_SURNAME:
        # One word that is no one's last name may be someone's first of two ("Rosselló").
        word = fold(words[0])
        return [name for name in names if word in _inner_surnames(strip_titles(name))]
    if len(words) < 2 or any(" " in name for name in found):
        return found
    return found + [name for name in names if name not in found and _first_surnames_agree(words, name)]


def _first_surnames_agree(asked: list[str], speaker: str) -> bool:
    s = strip_titles(speaker)
    return fold(asked[-1]) in _inner_surnames(s) and fold(asked[0]) == fold(s[0])


def _inner_surnames(words: list[str]) -> set[str]:
    """The words between a name's first and last that may be a surname read alone: "Rosselló" of "Ricardo Rosselló
    Nevares", "Nyandeng" of "Rebecca Nyandeng De Mabior"; never an initial or a particle ("C.", "De")."""
    return {fold(w) for w in words[1:-1] if len(w.strip(".")) >= _MIN_FIRST_SURNAME}
