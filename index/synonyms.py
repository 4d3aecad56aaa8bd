"""Word families the stemmer does not merge, so BM25 can match "speaks for" to "spokesman", "died" to "death".

The Snowball stemmer strips regular suffixes only: irregular forms (spoke, born, won, led) and derived nouns
(spokesman, death, birth, winner) keep stems of their own. Each family below is written from English
morphology, not from any benchmark question; a question term from a family also searches its relatives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

FAMILIES = """
speak speaks spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen
die died dies dying dead death deaths deadly
kill killed killing killer killers
bear born birth births birthplace
win wins won winner winners winning
lose lost loses losing loss losses loser
lead led leads leading leader leaders leadership
buy bought buying buyer purchase purchased
sell sold selling seller sale sales
begin began begun beginning start started
hold held holding
meet met meeting
pay paid paying payment
run ran running runner
tell told telling
take took taken taking
give gave given giving
write wrote written writing writer author
choose chose chosen choice
fall fell fallen falling
rise rose risen rising
grow grew grown growth growing
know knew known
steal stole stolen theft thief
strike struck striking
build built building builder
bring brought
catch caught
fight fought fighting fighter
teach taught teacher teaching
sing sang sung singer song
drive drove driven driver
send sent sending
spend spent spending
shoot shot shooting shooter gunman
sink sank sunk sinking
fly flew flown flight flights
injure injured injury injuries injuring
marry married marriage wife husband
arrest arrested arrests detain detained
""".strip().splitlines()


def expansions(tokenize: Callable[[list[str]], list[list[str]]]) -> dict[str, tuple[str, ...]]:
    """Map each stem of a family member to the other stems of its family (through the index's tokenizer)."""
    table: dict[str, set[str]] = {}
    for line in FAMILIES:
        stems = {s for toks in tokenize(line.split()) for s in toks}
        for stem in stems:
            table.setdefault(stem, set()).update(stems - {stem})
    return {stem: tuple(sorted(others)) for stem, others in table.items() if others}


def expand(terms: Iterable[str], table: dict[str, tuple[str, ...]]) -> list[str]:
    """The terms followed by their relatives not already among them."""
    terms = list(terms)
    extra = dict.fromkeys(r for t in terms for r in table.get(t, ()))
    return terms + [r for r in extra if r not in set(terms)]
