"""Recognise questions about people and stories: who said what, who wrote what, how a story unfolded.

    "What did Boris Johnson say about the Brexit deadline?"   -> said,     Boris Johnson, the Brexit deadline
    "Carrie Lam's comments on the extradition bill"            -> said,     Carrie Lam, the extradition bill
    "How did Pompeo respond to the drone attacks?"             -> said,     Pompeo, the drone attacks
    "How did Tsiaras rank the planet?"                         -> said (loose: only if Tsiaras is quoted)
    "Sturgeon on face coverings"                               -> said (loose: only if Sturgeon is quoted)
    "What did Jane Doe write about the bridge?"                -> wrote,    Jane Doe, the bridge
    "How did the Hong Kong protests unfold?" / "timeline of X" -> timeline, -, the Hong Kong protests

Pure string work: whether the person is really a speaker or an author is for the searcher to check.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from typing import Literal

from index.names import JOINED_ARTICLE, NAME_WORD, TITLES
from index.roles import role_in

Kind = Literal["said", "wrote", "timeline"]

_END = r"\s*[?.!]*\s*$"
_TOPIC = r"(?P<topic>.+?)"
_PERSON = r"(?P<person>[^?,;:]+?)"
_ABOUT = r"(?:about|on|of|regarding|concerning|over|in\s+response\s+to)"
_WH = r"(?:what|how|why|whom|who|which|when|where)"
_AUX = r"(?:did|does|do|has|have|had|was|is|were|would|will)"
# A name as typed: capitalised words, perhaps with a title ("Dr.") and particles ("bin", "de"), which are in
# lower case: read without case, "Zara Kay say she asks" took "Kay" for a particle and "say she" into the name.
# "․" (U+2024, one-dot leader) stands for a full stop in some names ("Sergey M․").
_NAMED = r"(?P<person>[^\W\d_][\w.․'’\-]*(?:\s+(?:(?-i:[a-z]{1,3})\s+)?[^\W\d_][\w.․'’\-]*){0,3}?)"
# "How does X jokingly introduce himself", "How did X try to explain": a manner adverb or an attempt may stand
# between the name and the verb.
_ADVERB = (
    r"(?:(?-i:[a-z]+ly|sometimes|often|reportedly)\s+)?"
    r"(?:(?-i:try|tries|tried|attempt|attempted|go\s+on|went\s+on)\s+to\s+)?"
)
_VERBS = (
    r"(?:say|said|tell|told|tweet|tweeted|write|wrote|post|promise|pledge|vow|announce|describe|characteri[sz]e|"
    r"call|urge|demand|decide|predict|offer|warn|thank|hope|wish|ask|admit|direct|respond|react|reply|think|"
    r"claim|argue|explain|insist|suggest|accuse|blame|praise|critici[sz]e|condemn|deny|confirm|reveal|recall|"
    r"express|mean|want|expect|propose|intend|advise|recommend|apologi[sz]e|defend|acknowledge|concede|reject|"
    r"dismiss|complain|joke|boast|plead|appeal|comment|remark|stress|declare|mock|"
    # Judging in words: "How did X rank the planet among candidates?" asks what X said of it.
    r"rank|rate|assess|judge|view|label|brand|dub|portray|answer|justify|justified|threaten|remember|introduce|"
    r"cite|quote|attack|slam|blast|mention|shout|scream|exclaim|state|compare|qualif|oppose|cr(?:y|ied)\s+out|"
    # "Has X spoken about ...", "What did X make of ...", "How did X pay tribute to ...".
    r"speak|spoke|ma(?:ke|de)(?=\s+of\b)|pa(?:y|id)(?=\s+(?:tribute|homage)\b)|"
    r"emphasi[sz]e|allege|hail|congratulat|insult|mourn|credit|welcome|"
    # Thinking and feeling aloud: "How did X feel about ...", "What did X believe ...", "How did X sum up ...".
    r"feel|felt|believe|worr|fear|sum(?=\s+up\b)|written|conclude|pray|pitch)"
)
# Where a name followed by more words ends: before a lower-case word or at the question's end.
_WHOLE_NAME = rf"(?=\s+(?-i:[a-z])|{_END})"
# A name, then its verb of speech, in lower case so that a surname that starts like one ("Teller") stays in the name.
# Only a verb's own endings follow it: "Fox News commentator Ari Fleischer", "Hurley's Alan Shepard callback".
_VERB_ENDING = r"(?:e?[sd]|ed|ing|e|y|ie[sd]|t|n|ate[sd]?|ating|ions?)?\b"
_NAME_THEN_VERB = rf"{_NAMED}\s+{_ADVERB}(?-i:(?=[a-z])){_VERBS}{_VERB_ENDING}"
# What the news writes before a name: "Navy Information Agency head Arba Agung", "Goa chief minister Manohar
# Parrikar". Up to five words, none a word that would make the name someone else's ("critics of X", "X and Y").
# Or "the" and up to two words before a title: "the religious scholar Martin Marty", "the foreign minister Wang Yi".
_THE_TITLE = rf"the\s+(?:[a-z\-]+\s+){{0,2}}?(?:{'|'.join(re.escape(t) for t in sorted(TITLES))})\s+"
_ROLE = (
    r"(?P<role>(?:(?!(?:of|by|from|against|with|for|about|to|and|or|than|as|at|in|on|the|a|an)\b)[^\s,?]+\s+){1,5}?"
    rf"(?=(?-i:[A-Z]))|{_THE_TITLE}(?=(?-i:[A-Z])))??"
)
_ROLE_WORD = re.compile(rf"(?!{JOINED_ARTICLE})[a-z][\w'’\-]{{3,}}$")
_SAY = r"(?:say|said|says|think|thought|tweet(?:ed)?|comment(?:ed)?|state[d]?|claim(?:ed)?)"
_NOUNS = (
    r"(?:comments?|remarks?|statements?|views?|words|quotes?|response|reaction|position|thoughts?|account|"
    r"message|verdict|assessment|take)"
)
# What carries someone's words: "What did Trump's statement say about ...?"
_CARRIERS = (
    r"(?:statement|tweet|letter|message|post|speech|remark|comment|announcement|note|release|email|video|"
    r"caption|interview|decree|ruling|testimony|memo|op-ed|essay|blog(?:\s+post)?|book)s?"
)
# Words a person gives: "What message did Modi send to the victims?", "What health claim did X make ...?"
_GIVEN = (
    r"(?:[\w\-]+\s+)?(?:message|advice|warning|tribute|caption|explanation|reason|promise|answer|words|condolences|"
    r"thanks|apology|assurance|pledge|appeal|plea|wishes|excuse|argument|example|prediction|image|metaphor|phrase|"
    r"slogan|comparison|contrast|distinction|conclusion|lesson|line|claim|theory|point|case|verdict|insult|term|"
    r"label|nickname|prayer|jab|quip|dig|barb|swipe)"
)
_GIVE = (
    r"(?-i:send|sent|give|gave|given|deliver|issue|post|share|put|leave|left|offer|pass|use|make|made|draw|drew|"
    r"float|aim)\w*"
)
# What someone's words are called: "Trump's Twitter tribute to Elijah Cummings", "Biden's criticism of ...".
_SPOKEN = (
    r"(?:tweets?|posts?|tributes?|criticism|critique|pitch|pledges?|promises?|remembrance|point|messages?|verdict|"
    r"line|answers?|reactions?|responses?|case|arguments?|warnings?|statements?|letters?|praise|plea|appeals?|"
    r"defen[cs]e|explanation|apology|words|quotes?|views?|take|stance|position|thoughts|comments?|remarks?|speech|"
    r"testimony|assessment|description|predictions?|advice|condolences|thanks|reply|retort|comeback|claims?|"
    r"vows?|announcement|op-ed|eulogy|theory|reasoning|rationale|problems?|objections?|concerns?|worry|worries|"
    r"opinion|proposals?|plans?|ideas?|suggestions?|rebukes?|threats?|forecasts?|denials?|admissions?|accusations?|"
    r"complaints?|assurances?|rebuttals?|boasts?|quips?|jabs?|updates?)"
)
# What a request to the bot opens on: "pull up Trump's tweet about ...", "remind me what Pelosi said ...".
_REQUEST = re.compile(
    r"^\s*(?:(?:can|could|would)\s+(?:you|u)\s+|please\s+|pls\s+)*"
    r"(?:pull\s+up|show\s+me|find\s+me|find|give\s+me|get\s+me|dig\s+up|(?:i\s+)?need|(?:i['’]?m\s+)?looking\s+for|"
    r"remind\s+me(?:\s+of)?|tell\s+me|walk\s+me\s+through)\s+(?:the\s+)?(?=\S)",
    re.IGNORECASE,
)
_IS_THERE = r"(?:(?:is|are)\s+there\s+)?"
_QUOTE_FROM = rf"^\s*{_IS_THERE}(?:an?\s+|the\s+|any\s+)?quotes?\s+(?:of|by|from)\s+"
_RULES: list[tuple[Kind, bool, str]] = [
    ("timeline", False,
     rf"^\s*how\s+(?:did|has|have|does|do)\s+{_TOPIC}\s+(?:unfold(?:ed)?|develop(?:ed)?|evolve[d]?|play(?:ed)?\s+out)"),
    ("timeline", False,
     rf"^\s*(?:give\s+me\s+|show\s+me\s+)?(?:an?\s+|the\s+)?(?:timeline|chronology)\s+(?:of|for|on)\s+{_TOPIC}"),
    ("wrote", False,
     rf"^\s*what\s+(?:did|has|have|does|had)\s+{_PERSON}\s+(?:write|written|wrote|report(?:ed)?)\s+{_ABOUT}\s+{_TOPIC}"),
    ("said", False, rf"^\s*(?:what|how)\s+(?:did|has|have|does|do|had)\s+{_PERSON}\s+{_SAY}\s+{_ABOUT}\s+{_TOPIC}"),
    ("said", False,
     rf"^\s*how\s+(?:did|has|have|does|do)\s+{_PERSON}\s+(?:respond(?:ed)?|react(?:ed)?|reply|replied|answer(?:ed)?)"
     rf"\s+(?:to|on)\s+{_TOPIC}"),
    ("said", False,
     rf"^\s*(?:what\s+(?:were|are|was|is)\s+)?{_PERSON}['’]s?\s+{_NOUNS}\s+(?:on|about|to|regarding|over|of)\s+{_TOPIC}"),
    ("said", True,
     rf"^\s*(?:what|how)\s+(?:did|has|have|does|do|had)\s+{_PERSON}['’]s?\s+{_CARRIERS}\s+(?-i:{_VERBS}|read|note)\w*"
     rf"(?:\s+(?:{_ABOUT}\s+)?{_TOPIC})?"),
    ("said", False, rf"^\s*what\s+(?:did|has|have|does|had)\s+{_PERSON}\s+(?:say|said)"),
    ("said", True,
     rf"^\s*(?:what|which)\s+{_GIVEN}\s+(?:did|has|have|does|do|had)\s+{_ROLE}{_NAMED}\s+{_GIVE}(?:\s+{_TOPIC})?"),
    # "Quote from Karen Alley about warm currents", "Is there a quote by Ben Affleck remembering Tony Mendez?"
    ("said", False, rf"{_QUOTE_FROM}{_NAMED}\s+(?P<topic>(?-i:[a-z]+ing)\b.*)"),
    ("said", False, rf"{_QUOTE_FROM}{_PERSON}(?:\s+{_ABOUT}\s+{_TOPIC})?"),
    # "anything from Dorsa Derakhshani about her schooling?", "Any comments from X on Y?"
    ("said", True,
     rf"^\s*{_IS_THERE}(?:any\s+)?(?:anything|something|words|comments?|statements?)\s+"
     rf"(?:of|by|from)\s+{_PERSON}\s+{_ABOUT}\s+{_TOPIC}"),
    # "Trump reacting to Pelosi's announcement", "Jorgensen talking about the rabies treatment".
    ("said", True,
     rf"^\s*{_PERSON}\s+(?:reacting|responding|talking|speaking|commenting|weighing\s+in)\s+(?:to|about|on)\s+"
     rf"{_TOPIC}"),
    # "Biden's criticism of Trump sending officers", "Trump's Twitter tribute to Elijah Cummings", "What's Adam
    # Kokesh's central campaign pledge about the federal government?", "Warren's tweet thanking de Blasio".
    ("said", True,
     rf"^\s*(?:what\s+(?:was|is|were|are)\s+|what['’]s\s+)?{_PERSON}['’]s?\s+(?P<owned>(?:[\w\-]+\s+){{0,2}}?)"
     rf"{_SPOKEN}"
     rf"(?:\s+(?:about|on|to|of|for|over|regarding|that|after|when|at|in|with)\b|(?=\s+(?-i:[a-z]+ing)\b))"
     rf"\s*{_TOPIC}"),
    # "Can reef protection offset warming? Looking for Mark Hay's answer".
    ("said", True,
     rf"^\s*(?P<topic>.+?[?.!])\s+(?:(?:i['’]?m\s+)?looking\s+for|need|want)\s+{_PERSON}['’]s?\s+"
     rf"(?:[\w\-]+\s+)?(?:line|answer|quote|take|comment|response|reaction|words|view|statement)s?"),
    # "What was said by Zoe, 14, about her fear ...?", "What was said by X when Pence cut in?"
    ("said", True,
     rf"^\s*what\s+(?:was|is|has\s+been)\s+said\s+by\s+{_PERSON}(?:\s*,[^,?]{{1,40}},)?"
     rf"(?:\s+(?:{_ABOUT}|when|after|before|while|during|at|as)\s+{_TOPIC})?"),
    # "Which attack on the wall came from Xavier Becerra?", "Which Charlottesville comment from Trump drew criticism?"
    ("said", True,
     rf"^\s*(?:which|what)\s+{_TOPIC}\s+(?:came|comes|come)\s+from\s+{_ROLE}{_NAMED}{_WHOLE_NAME}"
     rf"(?:\s+(?P<more>.*?))?"),
    ("said", True,
     rf"^\s*(?:which|what)\s+(?P<topic>.*?)\b{_NOUNS}\s+(?:from|by)\s+{_ROLE}{_NAMED}{_WHOLE_NAME}"
     rf"(?:\s+(?P<more>.*?))?"),
    # "According to Tim Manning, when should FEMA be brought in?", "Per Sara Seager, why ...?"
    ("said", True, rf"^\s*(?:according\s+to|per)\s+{_PERSON}\s*,\s*{_TOPIC}"),
    # A fact-check: "Confirm that Biden called Trump a clown", "Is it right that Hammond welcomed the result?"
    ("said", True,
     rf"^\s*(?:is\s+it\s+(?:true|right|correct|accurate)|(?:can\s+you\s+)?(?:confirm|check|verify))\s+"
     rf"(?:that\s+|whether\s+|if\s+)?{_ROLE}{_NAME_THEN_VERB}(?P<topic>.*)"),
    # "Where, according to Tristan Smith, might crews switch off their transponders?"
    ("said", True, rf"^\s*{_WH}\s*,\s*according\s+to\s+{_PERSON}\s*,\s*{_TOPIC}"),
    # "Sturgeon on face coverings", "Zoe, the 14-year-old on the top deck, on fearing for her life", "Putin re the
    # airliner".
    ("said", True, rf"^\s*{_PERSON}(?:\s*,[^,?]{{1,60}},)?\s+(?:on|re)\s+{_TOPIC}"),
    # "Dr Livermore: is drug-resistant E. coli spreading through food?"
    ("said", True, rf"^\s*{_PERSON}\s*:\s*{_TOPIC}"),
    # "What did Tom Yi tell ...?", "What did Navy head Arba Agung tell ...?", "What had X written ...?"
    ("said", True,
     rf"^\s*(?P<before>(?:{_WH}\b(?:\s+\S+){{0,4}}?\s+)?{_AUX})\s+{_ROLE}{_NAME_THEN_VERB}(?P<topic>.*)"),
    # "Under what status of her parents does Eastman say she qualifies?": a question opening on a preposition.
    ("said", True,
     rf"^\s*(?P<before>(?-i:[A-Z])\w*\s+{_WH}\b(?:\s+\S+){{0,6}}?\s+{_AUX})\s+{_ROLE}{_NAME_THEN_VERB}"
     rf"(?P<topic>.*)"),
    # "What rhyme about indulgences is attributed to Johann Tetzel?"
    ("said", True, rf"^\s*{_TOPIC}\s+(?:is|was|are|were|has\s+been)\s+attributed\s+to\s+{_PERSON}"),
    # "Why might crews turn off their transponders, according to Tristan Smith, and for how long?", "How many
    # quakes has Puerto Rico logged, per USGS's John Geiger?"
    ("said", True,
     rf"^\s*{_TOPIC}(?:\s*,?\s+according\s+to|\s*,\s*per)\s+{_PERSON}\s*(?:,\s*(?P<more>.*?))?"),
]
# "remind me what Pelosi said when she launched the inquiry": after a request only, as "What early Greek wrote
# about air?" asks who.
_WHAT_THEY_SAID = re.compile(
    rf"^\s*what\s+{_ROLE}{_NAMED}\s+(?-i:said|says|told|tweeted|wrote|thinks|thought|meant)\b"
    rf"(?:\s+{_ABOUT}\b)?(?:\s+{_TOPIC})?{_END}",
    re.IGNORECASE | re.DOTALL,
)
# "USGS's John Geiger", "the WHO's Mike Ryan": an organisation before the name, all of them capitalised.
_ORGANISATION = re.compile(
    r"^(?:the\s+)?(?:(?-i:[A-Z])[\w.&\-]*\s+)*?(?-i:[A-Z])[\w.&\-]*['’]s?\s+(?=(?:(?-i:[A-Z])\S*\s*)+$)"
)
# Where an affiliation after a name starts: "Man-kei Tam of Amnesty International".
AFFILIATION = re.compile(r"\s+(?:of|from|at)\s")
_PATTERNS = [(kind, loose, re.compile(rule + _END, re.IGNORECASE | re.DOTALL)) for kind, loose, rule in _RULES]
_SPEAKS = re.compile(_NAME_THEN_VERB, re.IGNORECASE)
_PRONOUNS = frozenset("he she they it we you i this that there".split())
# "How did Markham Robinson state the party's view": a question word opens no name.
_WH_WORDS = frozenset("what how why whom who which when where".split())
_LOOSE_WORDS = 4
_NOT_IN_TITLES = frozenset("the a an of that to in on by for with from and or".split())
_MAX_NAME_WORDS = 8
_VERB_WORD = re.compile(rf"{_VERBS}\w*$", re.IGNORECASE)


@dataclass(frozen=True)
class PeopleQuestion:
    """A question about what a person said or wrote, or about a story's course.

    `loose` marks "X on Y", which only means a person when X is someone the archive quotes.
    """

    kind: Kind
    person: str | None
    topic: str
    loose: bool = False


def parse_people_question(question: str) -> PeopleQuestion | None:
    """Return what the question asks about people or a story, or None for an ordinary topic question."""
    parsed = _parse(question)
    context = _CONTEXT.match(question) if parsed is None else None
    if context is None:
        return parsed
    # "During the Nashville debate, what jab did Trump aim at Biden?": the question after the scene it sets, whose
    # words are part of the topic.
    parsed = _parse(question[context.end() :])
    if parsed is None or parsed.kind == "timeline":
        return None
    return replace(parsed, topic=" ".join(f"{parsed.topic} {context['scene']}".split()))


def after_heading(question: str) -> PeopleQuestion | None:
    """The question after a heading that is no one the archive quotes ("Check: Xavier Becerra's line on PG&E ...",
    "Poland's health minister after the mayor died: what brief line did Szumowski give?", "Brexit: what did Johnson
    say?"), which "X: Y" had read as X's words on Y. The heading joins the topic, as a scene does."""
    heading = _HEADING.match(question)
    parsed = parse_people_question(question[heading.end() :]) if heading else None
    if heading is None or parsed is None or parsed.kind == "timeline":
        return None
    return replace(parsed, topic=" ".join(f"{parsed.topic} {heading['heading']}".split()))


_HEADING = re.compile(r"^\s*(?P<heading>[^:?]{1,80}?)\s*:\s*(?=\S)")
# A scene set before the question: "During the Nashville debate, ...", "At sentencing, ...".
_CONTEXT = re.compile(
    r"^\s*(?P<scene>(?:during|at|in|after|before|following|amid|on|when|while|as|besides|(?:apart|aside)\s+from|"
    r"other\s+than)\b[^,?;:]{1,80}),\s*(?=\S)",
    re.IGNORECASE,
)


def _parse(question: str) -> PeopleQuestion | None:
    asked = _REQUEST.sub("", question)
    patterns: list[tuple[Kind, bool, re.Pattern[str]]] = [("said", True, _WHAT_THEY_SAID)] if asked != question else []
    for kind, loose, pattern in patterns + _PATTERNS:
        match = pattern.match(asked)
        if not match:
            continue
        groups = {k: (v or "").strip(" \t\n\"'“”?.!") for k, v in match.groupdict().items()}
        person = re.sub(_ORGANISATION, "", groups.get("person") or "") or None
        topic = " ".join(part for part in (groups.get("topic"), groups.get("more")) if part)
        if person and ("role" in groups or _titled(person) or _role_before_name(person)):
            # "Navy Information Agency head Arba Agung", "the minister Ann Lee", "What did field director Ed
            # Mangan say": the name starts after the last lower-case word of what comes before it.
            words = person.split()
            name = words[_last_role_word(words) + 1 :]
            # "critics of Ann Lee": the words before are no role, and Ann Lee is not who speaks.
            person = " ".join(name) if name and not name[0][:1].islower() else None
        owned = groups.get("owned", "")
        office = role_in(owned) if owned else None
        named = owned[office.end :].split() if office else []
        if named and all(w[:1].isupper() for w in named):
            # "Spanton's lawyer Rubel reaction": the words are the lawyer's, not those of whom they act for.
            person = " ".join(named)
        if "before" in groups:
            # "Whom did X thank after the attack?": all but the name and the auxiliary is the topic.
            before = groups["before"].rsplit(" ", 1)[0] if " " in groups["before"] else ""
            topic = " ".join(f"{re.sub(_WH, '', before, count=1, flags=re.IGNORECASE)} {topic}".split())
            kind = "wrote" if re.match(r"wr", match.group(0)[match.end("person") :].strip(), re.IGNORECASE) else kind
        if kind == "timeline":
            # "How did Rich Bowen describe the way Fedora was developed?" asks for his words, not a story's course.
            speaks = _SPEAKS.match(topic)
            if speaks and _plausible_person(speaks.group("person"), loose=True):
                continue
            if topic:
                return PeopleQuestion(kind, None, _strip_article(topic))
            continue
        if person and loose and len(person.split()) > _LOOSE_WORDS and all(w[:1].isupper() for w in person.split()):
            # "Red Hat CTO Chris Wright: is ...?": an organisation and a title before the name.
            person = " ".join(person.split()[-_LOOSE_WORDS + 1 :])
        if person is None or not _plausible_person(person, loose):
            continue
        return PeopleQuestion(kind, person, _TOPIC_OPENING.sub("", topic), loose)
    return None


# Words that only lead into a topic: "say anything about the trial", "comment on the deal".
_TOPIC_OPENING = re.compile(rf"^(?:(?:anything|something)\s+)?{_ABOUT}\s+(?=\S)", re.IGNORECASE)
# In a question no rule reads, what asks for the named person's words around the name: the question word, an office
# or title before it, a verb of speech after it ("what did parliament speaker Larijani say", "did Colin Sutherland
# say anything about"), and a later "What did he say?".
# Never a verb or a clause's word: "What did the Jews refuse that caused Luther to ..." keeps "caused".
_FILLER = (
    r"(?!(?:the|a|an|of|in|on|to|and|or|for|with|by|at|from|after|before|that|which|who|whom|as|than|it|them)\b)"
    r"(?![\w'’\-]+(?:ed|ing)\b)[\w.'’\-]+"
)
_ASKED_AGAIN = re.compile(rf"\b{_WH}\s+{_AUX}\s+(?:he|she|they)\s+(?-i:{_VERBS})\w*\b", re.IGNORECASE)


def topic_without(question: str, name: str) -> str:
    """The topic of `question` once what asks for `name`'s words is taken out."""
    asking = re.compile(
        rf"(?:\b{_WH}\s+)?(?:\b{_AUX}\s+)?(?:\b{_FILLER}\s+){{0,3}}?\b{re.escape(name)}(?:['’]s)?\b"
        rf"(?:\s+{_ADVERB}(?:(?-i:{_VERBS})\w*(?:\s+(?:in|up|out|back))?|{_NOUNS})(?:\s+(?:anything|something))?"
        rf"(?:\s+(?:{_ABOUT}|to)\b)?)?",
        re.IGNORECASE,
    )
    topic = " ".join(_ASKED_AGAIN.sub(" ", asking.sub(" ", question, count=1)).split()).strip(" ,;:?.!")
    return _TOPIC_OPENING.sub("", topic)


# Words that ask for what someone said, wherever they stand in a question; not "take", "line", "call" or "post",
# which topic questions use as often ("How long did it take the runner ...?").
_SPEECH_CUE = re.compile(
    r"\b(?:say|says|said|saying|quote[sd]?|quoting|tweet\w*|statement|comment\w*|remark\w*|react\w*|respon\w*|"
    r"stance|words|told|tell\w*|describ\w*|promis\w*|pledg\w*|warn\w*|claim\w*|"
    r"den(?:y|ied|ies)|argu\w*|insist\w*|prais\w*|critici[sz]\w*|condemn\w*|tribute|thank\w*|apologi[sz]\w*|"
    # "Speaker" of a house is an office: "When did Pelosi first become Speaker?" asks no one's words.
    r"speak(?!ers?\b)\w*|spoke|talk\w*|interview\w*|explain\w*|defend\w*|"
    r"accus\w*|blam\w*|announc\w*|vow\w*|urg(?:e|ed|ing)|mourn\w*|congratulat\w*|admit\w*|jok(?:e|es|ed|ing)|"
    # Asking what someone thinks or argues: "Does Liton think ...", "Andy Martin's theory", "Jorgensen pitch ...".
    r"think\w*|thought|opinion|view|views|theor(?:y|ies)|reasoning|rationale|pitch\w*|message|"
    r"characteri[sz]\w*|reveal\w*|estimat\w*|brush\w*\s+off|(?:hit|hits|fire[sd]?)\s+back|"
    r"propos\w*|phrase|label\w*|dismiss\w*|reject\w*|repl(?:y|ied|ies)|invit\w*|"
    # "Judge Jackson's rebuke of ...", "the spokesman's threat to ...", "Singh acknowledging the hardship".
    r"rebuk\w*|threat\w*|forecast\w*|acknowledg\w*|quip\w*|jab\w*|pray\w*|cit(?:e|ed|es|ing)|remember(?:s|ing)?|eulog\w*|"
    # The newsroom's shorthand for reactions: "McConnell reax Trump covid", "Duterte, anything on the typhoon?";
    # figures of speech: "the rhyming Jorgensen slogan", "Lee at Fan Expo, the Cinderella comparison".
    r"reax|anything\s+(?:on|re)|slogans?|comparisons?|analog(?:y|ies)|metaphors?)\b",
    re.IGNORECASE,
)


def asks_for_words(question: str) -> bool:
    """Whether a word asking for someone's words stands anywhere in `question` ("warning", "describe", "say")."""
    return _SPEECH_CUE.search(question) is not None


# A question after a fact the narration states: a time, a place, a person, a number.
_ASKS_A_FACT = re.compile(
    r"^\s*(?:when|where|who|whom|whose|how\s+(?:many|much|long|old|far)|what\s+(?:year|date|day|time))\b",
    re.IGNORECASE,
)


def asks_a_fact(question: str) -> bool:
    """Whether `question` asks when, where, who or how many, which the story tells rather than anyone's words."""
    return _ASKS_A_FACT.match(question) is not None


def names_in(question: str) -> list[list[str]]:
    """The names a question may give, whatever it asks of them: for each capitalised run, the run and the words it
    ends on, longest first ("Red Hat CTO Chris Wright", ..., "Chris Wright", "Wright")."""
    runs = (_names_ending(run[0].split()) for run in _CAPITALISED_RUN.finditer(question))
    return [names for names in runs if names]


def _names_ending(words: list[str]) -> list[str]:
    """The names a capitalised run's `words` may be: the run and the words it ends on, each opening on a capital
    that is no question's first word, longest first."""
    return [" ".join(words[i:]) for i in range(len(words)) if words[i][:1].isupper() and not _opener(words[i])]


# Verbs among the words asking for someone's words: after "X's" someone else speaks ("Luther's opponents think").
_SPEAKING_VERB = re.compile(r"say|says|said|saying|told|tell\w*|think\w*|speak\w*|spoke|talk\w*", re.IGNORECASE)
# A fragment that opens on a name and ends on what it asks for: "Erdogan Hagia Sophia museum to mosque remarks".
_LAST_CUE = re.compile(r"\b(?:remarks|comments?|quotes?|statements?|reactions?|response|words|tweets?)\W*$", re.I)
# At most this many words between a name and the word asking for its words: "Did Tedros ever congratulate".
CUE_WORDS = 4
# "his exact words", "did she say": someone named before is the one asked about.
_PRONOUN_THEN_CUE = re.compile(
    rf"\b(?:he|she|his|her)\b(?:\s+\S+){{0,{CUE_WORDS - 1}}}?\s+{_SPEECH_CUE.pattern}", re.IGNORECASE
)
# "any comment from Tony Abbott", "a statement by the minister Ann Lee": words asked for right before a name.
_WORDS_FROM = re.compile(
    r"\b(?:comments?|quotes?|words|statements?|reactions?|responses?|remarks?|tweets?|messages?)\s+(?:from|by|of)"
    r"\s+(?:\S+\s+){0,3}$",
    re.IGNORECASE,
)
# A run of capitalised words, perhaps joined by short particles ("Bill de Blasio"), and its possessive left out;
# a hyphen or an apostrophe inside a word does not end it ("Tong Yung-soo", "Crystal C'Bearing").
_CAPITALISED_RUN = re.compile(
    r"(?-i:[A-Z])[\w.’'\-]*?(?:\s+(?:(?-i:[a-z]{1,3})\s+)?(?-i:[A-Z])[\w.’'\-]*?)*(?=['’]s\b|(?![\w’'\-]))"
)


_WHY = re.compile(
    r"^\s*why\s+(?:did|does|do|has|had|would|will|won['’]t|didn['’]t|doesn['’]t)\s+"
    r"(?:(?!(?:the|a|an)\b)(?-i:[a-z]+)\s+){0,2}",
    re.IGNORECASE,
)


def speaker_candidates(question: str) -> list[str]:
    """Names a question may be asking the words of: each capitalised run, then the words it ends on, then those it
    starts with ("Did the WHO chief Tedros ever congratulate ..." gives "Tedros"); the searcher keeps those the
    archive quotes.

    Only a name that a word asking for someone's words follows within a few words ("Tedros ever congratulate",
    "Biden's criticism"), or a "he"/"his" later does ("Hutchinson was skeptical. Did he say ..."), or that such
    a noun asks from ("any comment from Tony Abbott?"), or a fragment opens on and ends on such a noun ("Erdogan
    Hagia Sophia remarks"), or a "why did" asks the reasons of ("Why won't Brock Pierce take a vaccine?"): a
    question that only names a person ("When did Musk endorse Trump?") or names them after the words ("Who spoke to
    Luther?", "When did the Pope warn Luther?") is a topic question.
    """
    found: list[str] = []
    by_pronoun: list[str] = []
    pronoun = _PRONOUN_THEN_CUE.search(question)
    why = _WHY.match(question)
    for run in _CAPITALISED_RUN.finditer(question):
        cue = _SPEECH_CUE.search(question, run.end())
        between = question[run.end() : cue.start()].split() if cue is not None else []
        # "the Trump campaign spokesman say": a name before an office only says whose office it is; "Luther's
        # opponents think": after an owner, only a noun for words asks for theirs ("Martisius's first reaction").
        # Names between count for little: "Anna Franowska of the charity Have No Fear dismiss".
        owner = question.startswith(("'s", "’s"), run.end())
        plain = [w for w in between if not w[:1].isupper()]
        near = (
            cue is not None
            and len(plain) <= (2 if owner else CUE_WORDS)
            and len(between) <= 2 * CUE_WORDS
            and not (owner and _SPEAKING_VERB.fullmatch(cue[0]))
            and role_in(" ".join(between)) is None
        ) or (run.start() == len(question) - len(question.lstrip()) and _LAST_CUE.search(question) is not None)
        asked_from = _WORDS_FROM.search(question[: run.start()]) is not None
        if not (near or asked_from or (pronoun is not None and run.end() <= pronoun.start())):
            continue
        words = run[0].split()
        names = _names_ending(words)
        # Then from its start: a fragment runs the name into the topic ("Erdogan Hagia Sophia museum remarks").
        names += [" ".join(words[:i]) for i in range(len(words) - 1, 0, -1) if not _opener(words[0])]
        if near or asked_from:
            found += names
        else:
            # "That nurse who drove to the pro-Trump rally, Lisa Parry - what did she say": the nearest name before
            # the pronoun is the one it means.
            by_pronoun[:0] = names
    # "Why did Emergencies Minister Zinichev halt the rescue?": the reasons a person gave are their words; not
    # "Why was Tetzel seeking money?", which asks what drove him, as the story tells it.
    subject = _CAPITALISED_RUN.match(question, why.end()) if why is not None else None
    if subject is not None:
        words = subject[0].split()
        found += [" ".join(words[i:]) for i in range(len(words)) if words[i][:1].isupper()]
    return list(dict.fromkeys(found + by_pronoun))


def _opener(word: str) -> bool:
    """A question's capitalised first word, never a name: "Who", "Did", "Is"."""
    return _question_word(word) or re.fullmatch(_AUX, word, re.IGNORECASE) is not None


def _question_word(word: str) -> bool:
    """"What", "who"; not "WHO", the World Health Organization ("WHO chief Tedros on the Ebola drugs")."""
    return word.lower() in _WH_WORDS and not (len(word) > 1 and word.isupper())


def capitalise_names(question: str, name_words: frozenset[str]) -> str:
    """A question typed casually, opening in lower case ("did bernie say ...", "did corbyn say ... the EU?"), with
    the words of `name_words` capitalised.

    The parser takes a lower-case subject for no person ("how did voters rank ..."), so only words of names the
    archive quotes are raised: a question that opens with a capital is left as typed.
    """
    if not question.lstrip()[:1].islower():
        return question
    # "trump's tweet": the name without its possessive.
    return NAME_WORD.sub(lambda m: m[0].capitalize() if _POSSESSIVE.sub("", m[0]) in name_words else m[0], question)


_POSSESSIVE = re.compile(r"['’]s?$")


def _role_before_name(person: str) -> bool:
    """Whether `person` is capitalised words after a role in lower case: "University coach Brad Tronc", not "Josel
    of Rosheim claimed that Luther"."""
    words = person.split()
    last = _last_role_word(words)
    return (
        0 < last < len(words) - 1
        and not _opener(words[0])
        and not _has_verb(words)
        and all(w[:1].isupper() for w in words[:1] + words[last + 1 :])
    )


def _last_role_word(words: list[str]) -> int:
    """Where the last lower-case word of a role stands in `words`, -1 for none."""
    return max((i for i, w in enumerate(words) if _ROLE_WORD.match(w)), default=-1)


def _has_verb(words: list[str]) -> bool:
    """Whether a verb of speech in lower case stands among `words`: a name stops before it."""
    return any(w[:1].islower() and _VERB_WORD.match(w) for w in words)


def _titled(person: str) -> bool:
    """Whether `person` opens on a title in lower case, up to three words ending on one: "field director Ed
    Mangan", "archbishop Jorge Scheinig"; not "the student Wong" or "the late idea that influenced Aristotle"."""
    words = person.split()
    prefix = list(itertools.takewhile(lambda w: w[:1].islower(), words))
    return (
        0 < len(prefix) <= 3
        and len(prefix) < len(words)
        and prefix[-1] in TITLES
        and not set(prefix) & _NOT_IN_TITLES
    )


def _plausible_person(text: str, loose: bool) -> bool:
    # "Rachel Giese of Daily Xtra": the affiliation is no part of the name (the searcher leaves it out too).
    words = (AFFILIATION.split(text, maxsplit=1)[0] if loose else text).split()
    if not words or words[0].lower() in _PRONOUNS or _question_word(words[0]) or words[0].lower() in ("the", "a", "an"):
        return False
    if text.endswith(("'s", "’s")):
        # "When did Samoa's state of emergency begin?": an owner, and "state" a noun.
        return False
    if len(words) > _MAX_NAME_WORDS or _has_verb(words):
        # "How did X say the president reacted to Y": the name stops before the verb ("Callamard" is no verb).
        return False
    # A joined article is part of the name it starts ("Abdel Fattah el-Sisi").
    names = [re.sub(rf"^{JOINED_ARTICLE}", "", w) for w in words if not (len(w) <= 3 and w.islower())]
    return not loose or (len(words) <= _LOOSE_WORDS and bool(names) and all(w[:1].isupper() for w in names))


def _strip_article(topic: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+(?=\S)", "", topic, flags=re.IGNORECASE) or topic
