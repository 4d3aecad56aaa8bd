"""Attribute each quotation of an article to its speaker, with rules over the words around it.

The rules, first match wins: another quote of the same sentence with no other person between ("X said "a" and "b"");
"with X calling it "...""; a speech verb with its subject just before the quote ("X said on Friday, "...""), a
participle ("..., saying "..."", "saying he would act as a "...""), "X cited the treaty and said", a passive
("described by X as "...""); a verb and subject just after it ("...," said X / X said / he told reporters); "led X
to express"; "according to X" (or "according to a tweet by X"); the owner of an utterance ("Part of Trump's tweet
included", "an order by X", '"...," reads Judge Miller's statement', "the judge's statement reads", "a statement
from the king"); a speech verb further back in the sentence, unless in a closed "When X tweeted that
...," clause; a colon ("X: "..."", "X opposed the plan: "..."", or a paragraph ending "X commented:" before a block
quotation); a quote standing alone right after one of X's with nobody else named between, or right after a sentence
opening on X that is speech or disclosure ("X criticized the decision via Twitter.", "X revealed that a reboot is
considered."). A pronoun goes to the full-named person the sentence before opens on, else to the last "while Y said"
subject, else to the subject of the nearest earlier sentence naming a confirmed person (one with a title, a role or
several forms of name, or who has spoken already); a role ("the minister") to the person last given it. A name after
a preposition ("published in the Journal of Medicine") or an owner ("Vanderbilt's sons") is no subject. Names
resolve to the fullest form the article uses; words inside quotes are never taken for names. A person's name apposed
to an organisation's title is the speaker, not the organisation ("the president of the League for Human Rights,
Jamel Msallem, said"; '," said University of Dale's chancellor, Ann Lee'); an initial or a title's abbreviation
("U.S.", "Dr.") ends no sentence; a camel-case compound ("WalesOnline") is a brand, not a surname. A title resolves
to the last person given it before the quote, its qualifiers agreeing ("The president did not concede ... and
vowed", "Turkish president Erdoğan ... . "...", he said"); a relative clause of speech names its person ("X, who
denounced ... as "...""), and an apposition is no verb phrase ('Becker thanked Lee, who said' is Lee); a quotation
alone after "X told of ..." is X's, works in brackets naming nobody; a verbless continuation in X's paragraph
('During the premiere, "..."') is X's. A quotation in the first person ("I", "my", "we") whose sentence has no verb
of speech is the words of the person the sentence opens on, of the one its opening "she" means, or, in a sentence
naming nobody, of the one quoted just before in the paragraph; never a title of a work ("All I Want for Christmas").
In an interview's answer (index/interviews.py) the interviewee narrates: 'and I said, "..."', 'my blog post was
"..."' quote the one the turn's tag names ("((Rich Bowen))", "((RB))"). Words right after "his" or "her" in a
sentence opening on X and naming nobody else are X's ('X has been cosplaying for two years, her "passion" for the
hobby'). A whole sentence quoted in an answer, in narration that names and voices no one else ('In the past, the
relationship was effectively, "..."'), is the interviewee's. A paragraph that is one quotation credited after a dash
('"..."  — Aparna Garg, Divisional Railway Manager') is the credited person's. The agent of a passive is no subject
of the verb after it ("The account for the show, hosted by X and Y, who both worked for Z, tweeted" names no one).
A "she said" right after a sentence opening on someone it does not name ("One of the victims decided ...") is that
person's, so nobody's here. Before any rule, words quoted as the name of a thing or a work ('the term "..."', 'the
single "..."', 'hymns such as "..."', a translation in brackets or the next name of such a list) are nobody's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from index.interviews import Turn, interview_turns, interviewee, narrated, own_statement, turn_at
from index.names import (
    NAME_RUN,
    ORG_WORDS,
    TITLES,
    Cast,
    Mention,
    Person,
    after_place_preposition,
    fold,
    mentions,
    titled_person,
)
from index.quotations import QuoteSpan, find_quotations, in_first_person, title_like

_VERB = (
    r"(?:said|says|say|added|adds|add|told|tells|wrote|writes|tweeted|tweets|posted|stated|states|explained|explains|"
    r"noted|notes|argued|argues|claimed|claims|commented|remarked|remarks|continued|insisted|insists|warned|warns|"
    r"announced|declared|asked|asks|replied|responded|concluded|acknowledged|admitted|suggested|"
    r"described|called|urged|stressed|emphasised|emphasized|confirmed|recalled|recalls|observed|observes|mentioned|"
    r"predicted|lauded|lauds|extolled|extols|applauded|applauds|"
    r"promised|vowed|answered|joked|countered|alleged|maintained|opined|pointed\s+out|reiterated|"
    r"elaborated|clarified|testified|characteri[sz]ed|attacked|dismissed|praised|critici[sz]ed|condemned|"
    r"thanked|branded|labell?ed|hailed|spoke|decided|pledged|blamed|accused|welcomed|defended|expressed|directed|ordered|instructed|"
    r"recounted|recounts|reacted|opined|opines|quipped|lamented|conceded|boasted|complained|underlined|"
    r"underscored|apologi[sz]ed|exclaimed|exclaims|talked\s+(?:of|about)|talks\s+(?:of|about)|referred\s+to|"
    r"refers\s+to|introduced\s+(?:himself|herself|themselves)|professed|professes|"
    r"cried(?:\s+out)?|shouted|shouts|retorted|retorts|yelled|screamed|whispered|muttered|pleaded|demanded|"
    r"describes(?!\s+(?:itself|themselves))|comments|points\s+out|advised|advises|"
    r"(?:is|was|were)\s+(?:(?:often|sometimes|also|widely|famously|later)\s+)*quoted\s+as\s+saying)"
)
_PARTICIPLE = (
    r"(?:saying|adding|telling\s[^,\"“”:]{1,40}|noting|stating|writing|explaining|calling\s[^,\"“”:]{1,40}|"
    r"speaking\s[^,\"“”:]{1,40}|describing\s[^,\"“”:]{1,40}|tweeting|warning|arguing|insisting)"
)
_PRONOUN = r"(?:he|she|He|She)"
_ROLE = r"(?:[Tt]he\s+(?P<role>(?:[a-z\-]+\s+){0,2}[a-z\-]+))"
_NAME = rf"(?P<name>{NAME_RUN.pattern})"
# "Battle of Belleau Wood and referred to": an "and" before a verb of speech opens a second verb, not a name
# ("Ann Lee of Dale University and contributor to Slate wrote" keeps its "and"). "at" too: "Dr. Steven Wolf at
# Saint Francis said".
_AFFILIATION = r"\s+(?:of|from|at)\s+"
_FROM = rf"(?:{_AFFILIATION}(?:(?!\band\s+{_VERB}\b)[^,:\"“”]){{1,90}}?)?"
_SUBJECT = rf"(?:(?P<pron>{_PRONOUN})|{_ROLE}|(?P<subj>{_NAME}{_FROM}))"
# An apposition is no verb phrase: in "Becker thanked Lee, who said", "thanked Lee" is no apposition of Becker.
_APPOSITIVE = rf"(?:,\s*(?!\s|{_VERB}\b)(?P<appos>[^,\"“”]{{1,120}}),|,)?"
_ADVERB = (
    r"(?:\s+(?:also|too|later|then|previously|further|once|had|has|have|would|will|earlier|recently|\w+ly|"
    r"went\s+on\s+to|goes\s+on\s+to))*"
)
_EDGE = r"^[\s,.!?;—–-]*"

# "quipped Valiant Entertainment editor Heather Antos": an organisation, a role in lower case, then the speaker.
_NO_ROLE_AFTER = (
    r"(?!\s+(?!(?:on|in|at|of|to|for|and|or|from|with|after|before|during|about|as|by|the|a|an|who|when|while|"
    r"but|last|this|that|than|per|via|over|under|near|since|until|said|says|told)\b)[a-z\-]+\s+[A-Z])"
)
# A title's abbreviation before a name ("Dr. Ann Lee").
_TITLE_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sen", "Rep", "Gov", "Gen", "Rev", "Lt")
# After the closing mark: '," said former adviser John Smith' / '," Smith said' / '," he told reporters'; a title's
# abbreviation is passed over ('", said Dr. Livermore' named "Dr", nobody, which ended the search); "St." is not,
# since it starts place and saints' names ("St. Louis") as often as it is a title.
_DOTTED_TITLE = rf"(?:(?:{'|'.join(a for a in _TITLE_ABBREVIATIONS if a != 'St')})\.\s+)?"
_TAIL_VERB_FIRST = re.compile(
    rf"{_EDGE}{_VERB}\s+(?:(?:[A-Za-z\-'’]+,?\s+){{0,6}}?{_DOTTED_TITLE}"
    rf"{_NAME}(?<!['’]s)(?![\w'’]|[ \t]+[A-Z]){_NO_ROLE_AFTER}|"
    rf"(?P<pron>{_PRONOUN})\b|{_ROLE})"
)
# '," said University of California, San Diego's chancellor, Pradeep Khosla.': when the first name after the verb
# is no person, the name that closes the subject's noun phrase, after a comma.
_TAIL_APPOSED_NAME = re.compile(
    rf"{_EDGE}{_VERB}\s+(?:(?![.!?]\s)[^\"“”;:\n]){{1,80}}?,\s+{_NAME}(?<!['’]s)(?=\s*(?:[.,;]|$))"
)
_TAIL_SUBJECT_FIRST = re.compile(
    rf"{_EDGE}(?:(?P<pron>{_PRONOUN})|{_ROLE}|(?:[\w\-'’]+\s+){{0,8}}?(?P<subj>{_NAME}{_FROM})){_APPOSITIVE}{_ADVERB}\s+{_VERB}\b"
)
# 'The border issue is the "main difference" between Greece and Turkey, he added.': a pronoun or role closing the
# sentence after the words the quotation sits in.
_TAIL_CLOSING = re.compile(
    rf"^[^\"“”\n.!?;]{{1,80}}?,\s+(?:(?P<pron>{_PRONOUN})|{_ROLE})\s+(?:also\s+)?{_VERB}\s*[.!?]"
)
# "she was directing committees to "...": speech in the progressive (never a passive: "she was asked").
_PROGRESSIVE = (
    r"(?:saying|telling|directing|urging|asking|calling\s+on|ordering|instructing|warning|arguing|insisting|"
    r"writing|tweeting)"
)
# "one of Vanderbilt's sons stated": a possessive is never the subject of the verb.
# "\b": never the "he" of "the Quds Force, declared".
_LEAD_SUBJECT = rf"(?:(?P<pron>\b{_PRONOUN})|{_ROLE}|(?P<subj>{_NAME}(?<!['’]s)(?![\w'’]){_FROM}))"
# "Kyriakos Mitsotakis speaking to the Atlantic Council think tank called": where the subject speaks, unpunctuated.
# "Richard Ferrand in relaying the news to parliament said", "Nur Khan Liton, on Sunday told": a phrase of manner or
# of the day.
_SPEAKING_TO = (
    r"(?:\s+(?:(?:speaking|talking|writing)\s+(?:to|at|in|on|before|with)|in\s+[a-z]+ing)\s+[^,\"“”\n]{1,60}?|"
    r"\s+(?:on|last|this|early|late)\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|week|month|year|night))?"
)
_LEAD = re.compile(
    rf"{_LEAD_SUBJECT}{_APPOSITIVE}{_SPEAKING_TO}(?:\s+who)?{_ADVERB}\s+(?:{_VERB}|(?:was|were|is|are)\s+{_PROGRESSIVE})\b"
)
# "Anderson Cooper, of CNN, one of Vanderbilt's four sons, stated, ": a sentence opening on a name with two
# appositions, the second one "one of", "a" or "the" something.
_LEAD_TWICE_APPOSED = re.compile(
    rf"^\s*(?P<subj>{_NAME})(?<!['’]s),\s*[^,\"“”]{{1,60}},\s*(?:one\s+of|an?|the)\s[^,\"“”]{{1,90}},"
    rf"{_ADVERB}\s+{_VERB}[\s,:]*$"
)
# "such as Chris Christie, who denounced the team's claims as a "...": the person a relative clause of speech (or of
# judgement in words: denounced, decried, derided, slammed) is about, whatever verb the main clause has.
_LEAD_WHO = re.compile(
    rf"{_NAME}(?<!['’]s),\s+who\s+(?:also\s+|had\s+|has\s+|later\s+|then\s+)?"
    rf"(?:{_VERB}|denounced|decried|derided|slammed)\b[^\"“”.;]{{0,80}}$"
)
# "Backlash led Biden to express "..."": the one brought to speak, right before the quote.
_LEAD_INFINITIVE = re.compile(rf"{_NAME}\s+to\s+(?:say|express|add|write|tweet|declare|state|admit|announce)[\s,:]*$")
# "Remarked Center for Biological Diversity scientist Tierra Curry, "...": a sentence opening on its verb of speech,
# the speaker named right before the quotation.
_LEAD_VERB_FIRST = re.compile(
    rf"^\s*(?=[A-Z])(?i:{_VERB})\s+(?:[A-Za-z\-'’]+\s+){{0,6}}?{_DOTTED_TITLE}{_NAME}(?<!['’]s)\s*[,:]?\s*$"
)
# "Saying "...", President Fernández elaborated": a sentence opening on a participle.
_OPENING_PARTICIPLE = re.compile(r"^\s*(?:Saying|Adding|Noting|Writing|Tweeting|Calling\s[^,\"“”:]{1,40})\s*$")
_UTTERANCE = (
    r"(?:tweets?|statements?|posts?|messages?|letters?|speech|remarks|comments|announcement|orders?|notes?|memo|"
    r"decree|articles?|essays?|books?)"
)
# "Part of Trump's tweet included the statement, ": the owner of an utterance that opens the sentence.
_OWNED_UTTERANCE = re.compile(
    rf"^\s*(?:(?:[Pp]art|[Ii]n|[Tt]he|[Aa]n?|[Oo]ne|[Mm]uch|[Ss]ome|[Tt]ext|of)\s+){{0,3}}{_NAME}['’]s\s+"
    rf"(?:[a-z\-]+\s+){{0,2}}{_UTTERANCE}\b"
)
# "Part of the judge's statement reads", "the following statement from the king:": an utterance of the last one given
# that title.
_ROLE_UTTERANCE = re.compile(
    rf"(?:^\s*(?:(?:[Pp]art|[Ii]n|[Tt]ext|[Mm]uch|[Ss]ome|of)\s+){{0,3}}[Tt]he\s+(?P<role>[a-z\-]+)['’]s\s+"
    rf"(?:[a-z\-]+\s+){{0,2}}{_UTTERANCE}\b[^\"“”]{{0,30}}|\b{_UTTERANCE}\s+(?:by|from)\s+the\s+(?P<author>[a-z\-]+)"
    r"[\s:,]*)$"
)
# "an order by Admiral Elson Hermogino directing units to ": the author of an utterance by or from someone.
_UTTERANCE_BY = re.compile(rf"\b{_UTTERANCE}\s+(?:by|from)\s+(?:[a-z\-]+\s+){{0,3}}{_NAME}(?<!['’]s)(?![\w'’])")
_UTTERANCE_NEAR = 120
# "When Trump tweeted that ..., ": a speech verb in a clause of time or cause, closed before the quote.
_SUBORDINATE = re.compile(
    r"\b(?:[Ww]hen|[Aa]fter|[Bb]efore|[Ww]hile|[Aa]lthough|[Tt]hough|[Bb]ecause|[Ss]ince|[Oo]nce)\s+$"
)
_AFTER_PREPOSITION = re.compile(r"\b(?P<head>[\w.]+)\s+(?:in|at|of|from|on|for|with|into)\s+(?:the\s+)?$")
# "The Atlantic claimed": a single capitalised word after "the" names a publication or a body, not a surname.
_THE = re.compile(r"[Tt]he\s")
# "X said ... while Y wrote": a second speaking subject, in contrast with the first.
_CONTRAST = re.compile(r"\b(?:while|whereas|but)\s+$")
# The verbs by which a sentence is speech, so that a quote opening the next sentence is its subject's.
# "X revealed that a reboot is being considered." tells what X said as much as "said" does: verbs of disclosing,
# admitting and explaining, in the past or the present.
_SPOKE = re.compile(
    r"\b(?:said|says|told|tells|wrote|writes|tweeted|tweets|posted|stated|explained|explains|commented|remarked|"
    r"criticized|criticised|responded|replied|added|announced|announces|declared|warned|argued|noted|"
    r"revealed|reveals|disclosed|discloses|admitted|admits|acknowledged|acknowledges|conceded|concedes|"
    r"confirmed|confirms|recalled|recounted|recounts|insisted|insists|claimed|stressed|"
    r"emphasi[sz]ed|pointed\s+out|mentioned|described|describes|joked|complained|predicted|"
    r"(?:talked|talks|spoke|speaks)\s+(?:of|about))\b"
)
# A lead that points to someone by a pronoun or a word for people: no continuation of the last speaker.
_NARRATED_PERSON = re.compile(
    r"\b(?:I|[Ww]e|[Yy]ou|[Tt]hey|[Tt]heir|[Tt]hem|[Hh]is|[Hh]er|[Hh]e|[Ss]he|[Pp]eople|[Ss]omeone|[Ss]omebody|"
    r"[Ee]veryone|[Aa]nyone)\b"
)
_SUBJECT_PRONOUN = re.compile(rf"\s*(?:[^,\"“”\n]{{1,60}},\s+)?(?P<pron>{_PRONOUN})\b")
_OPENING_PRONOUN = re.compile(rf"\s*(?P<pron>{_PRONOUN})\b")
# 'the term "natural born Citizen"', 'a plan known as "..."', 'hymns such as "Ein feste Burg"': quoted words
# naming a thing or a work, nobody's words ('referred to X as "chumps"' is speech, as "called" is).
_NAMING = re.compile(
    r"\b(?:term|terms|phrase|slogan|motto|hashtag|nickname|so-called|known\s+as|dubbed|titled|entitled|named|"
    r"(?:hymns?|songs?|single|album|anthem|carol|poem|opera|film|movie|documentary)(?:,?\s+such\s+as)?)\s*$"
)
# What joins a quotation to the one before when both name things: 'hymns such as "A" ("B") and "C"'.
_NAMING_LIST = re.compile(r"\s*(?:\(|,|,?\s+(?:and|or))\s*")
_POSSESSIVE_PRONOUN = re.compile(r"\b(?:his|her)\s+$")
# "One of South Sudan's Vice Presidents, Rebecca Nyandeng De Mabior, also commented": an opening description (or
# phrase) closed by a comma, then a name: the sentence's subject, whoever the description names.
_APPOSED_OPENING = re.compile(r"\s*(?:One\s+of|An?|The)\s[^,\"“”\n]{1,60},\s+")
# A sentence opening on someone it does not name: "One of the victims decided ...", "A spokeswoman said ...".
_UNNAMED_OPENER = re.compile(r"\s*(?:One of the|An?)\s+[a-z]")
# What a text does with words: "The sign read", "a banner reading", "an op-ed titled".
_TEXT_VERB = r"(?:read|reads|reading|titled|entitled|headlined|captioned|labell?ed|stating|states)"
# "informed" credits no one here (it read the wrong person as speaker, bench/README.md), but it says someone spoke:
# '"...," the party informed the press.' is no continuation of the quote before.
_SPEECH_OR_TEXT = re.compile(rf"\b(?:{_VERB}|{_TEXT_VERB}|informed)\b")
# "X attacked the media for ..., citing the media falsely describing him as "...", "X reinstated Trump, with the
# company citing "..."": a participle of speech with its own subject in lower case; the sentence's subject is not
# the speaker.
_OTHER_SUBJECT_PARTICIPLE = re.compile(
    r"\b(?:the|a|an|its|their|his|her)\s+(?:[a-z\-]+\s+){0,2}(?:[a-z]+ly\s+)?(?:describing|calling|labell?ing|"
    r"branding|dubbing|saying|citing)\s[^\"“”]{0,40}$"
)
_LEAD_PARTICIPLE = re.compile(rf",?\s+(?:also\s+|then\s+|later\s+)?{_PARTICIPLE}[\s,:]*$")
# "Biden rejected the idea, saying he would act as a "...": a participle with its clause, or with a phrase of time
# ("saying earlier in the morning, "); and "Erdoğan cited the treaty and said, "...": a second verb of the subject.
_LEAD_SAYING_CLAUSE = re.compile(
    r",\s+(?:also\s+|then\s+|later\s+)?(?:saying|adding|writing|tweeting|accusing|declaring|calling|describing|"
    r"claiming|insisting|arguing|warning|urging|screaming|shouting|labell?ing|branding|dubbing|praising|"
    r"critici[sz]ing|condemning|promising|vowing)\s[^\"“”:]{1,80}$"
)
# "..., with Steve Scalise of Louisiana calling the investigation "..." and Ross Spano calling the process "...":
# the one named after "with" or "and", right before the participle.
_LEAD_WITH = re.compile(
    rf"\b(?:with|and)\s+{_NAME}(?<!['’]s)(?:\s+of\s+[A-Z][\w\-]+)?\s+(?:saying|adding|calling\s[^,\"“”:]{{1,40}}|"
    rf"describing\s[^,\"“”:]{{1,40}}|telling\s[^,\"“”:]{{1,40}})[\s,:]*$"
)
# "X said she was tired of it, and argued the nation needs "...": the subject's second verb, with a short clause.
_LEAD_CONJOINED_CLAUSE = re.compile(
    r",?\s+and\s+(?:also\s+|then\s+|later\s+)?(?:said|argued|added|wrote|warned|stated|insisted|claimed|noted|"
    r"explained|stressed|suggested|referred\s+to|described|called|vowed|pledged|promised)\s+(?:that\s+)?"
    r"[^\"“”:,;]{1,60}$"
)
# "The Biden campaign criticized": an article before a name (or opening the name's run) makes it qualify a noun.
_ARTICLE_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+$")
_ARTICLE_OPENING = re.compile(r"(?:The|An?)\s")
# "The president did not concede ... and vowed": a sentence whose subject is a title ("the president", "the prime
# minister"), after an opening phrase of time or place at most.
_ROLE_OPENER = re.compile(r"^\s*[Tt]he\s+(?P<role>(?:[a-z\-]+\s+){0,2}[a-z\-]+)\b(?!['’])")
_LEAD_CONJOINED = re.compile(
    r"\s+and\s+(?:also\s+|then\s+|later\s+)?(?:said|added|wrote|tweeted|warned|stated|declared|insisted|"
    r"told\s[^,\"“”:]{1,40})[\s,:]*$"
)
# '"...," reads Judge Miller's statement': the owner of the utterance the quotation is read from.
_TAIL_READS_OWNED = re.compile(
    rf"{_EDGE}(?:reads?|says|said|states|stated)\s+{_NAME}['’]s\s+(?:[a-z\-]+\s+){{0,2}}{_UTTERANCE}\b"
)
# '"...," according to a tweet on Monday by US Secretary of State Mike Pompeo': the author of what is cited.
_TAIL_ACCORDING_UTTERANCE = re.compile(
    rf"^[\s,]*according\s+to\s+(?:an?\s+|the\s+)?(?:[a-z\-]+\s+){{0,2}}{_UTTERANCE}(?:\s+[^,\"“”]{{0,30}}?)?"
    r"\s+(?:by|from)\s+(?P<name>[^,.;\"“”]{1,60})"
)
# An opening phrase of time or place before a sentence's subject: "In a video message posted to Twitter, ", or a
# day and what it was ("Wednesday, the same day that he dropped out, ").
_INTRODUCTORY = re.compile(
    r"^\s*(?:In|On|At|During|After|Before|Following|Later|Earlier|Yesterday|Today|Meanwhile)\b[^,\"“”\n]{0,80},\s+"
    r"|^\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:,\s+the\s[^,\"“”\n]{1,60})?,\s+"
)
# "In the blog post Chris Wright, the Chief Technological Officer of Red Hat said": an apposition of a title and
# an organisation whose closing comma is missing. The one it is apposed to, opening the sentence (after a phrase of
# time or place at most), is the subject; the organisation right before the verb is not ("the chief executive of
# Dale Works said" alike). An opening "-ing" ("After meeting Tom Becker, the director of ... said") is no such phrase.
# The name may carry a title's abbreviation ("Rev. Paul T. Stallsworth, president of the Taskforce ... said").
_UNCLOSED_TITLE = re.compile(
    r"\s*(?:(?:In|On|At|During|Following|Later|Earlier|Yesterday|Today|Meanwhile)\b"
    r"(?:\s+(?![a-z]+ing\b)[\w\-]+){0,6}?,?\s+)?"
    rf"{_DOTTED_TITLE}{_NAME}(?<!['’]s),\s+(?:the\s+|an?\s+)?"
    r"(?P<title>(?:[a-z\-]+\s+){1,4}(?:of|at|for|from)\s+(?:the\s+)?)?$"
)
# "hosted by X", "hosted by Y and X": the agent of a passive participle, right before the name.
_AGENT = re.compile(rf"\bby\s+(?:{_NAME}(?<!['’]s),?\s+and\s+)?$")
# '"..."  — ‍Aparna Garg, Mysore Divisional Railway Manager': a name after a dash, then a title at most, ending the
# paragraph (blanks include no-break spaces and zero-width joiners).
_DASH_CREDIT = re.compile(rf"[\s\u200b-\u200d\u2060]*[—–][\s\u200b-\u200d\u2060]*{_NAME}(?:,[^\"“”\n]*)?\s*$")
_LEAD_PASSIVE = re.compile(rf"\bby\s+{_SUBJECT}\s+as\s+(?:an?\s+|the\s+)?$")
# 'he was told by Emergencies Minister Yevgeny Zinichev of "..."': the agent of a passive verb of speech.
_LEAD_TOLD_BY = re.compile(
    rf"\b(?:told|informed|briefed|warned|assured|reminded)\s+by\s+{_SUBJECT}\s+(?:of|that|about)\s+$"
)
# An initial ("U.S. Attorney") or a title's abbreviation ("Dr. Ann Lee") ends no sentence.
_ABBREVIATION = "".join(rf"(?<!\b{a})" for a in ("[A-Z]", *_TITLE_ABBREVIATIONS))
_ABBREVIATED_TITLE = re.compile(rf"^(?:{'|'.join(_TITLE_ABBREVIATIONS)})\.\s+")
# "according to eyewitness Vinnie DeVita": lower-case words before the name, but not "a statement from X's office".
# "according to Rutgers University political scholar Kelly Dittmar": the name after the affiliation and role;
# "according to U.S. Attorney Bash", "according to Dr. Ann Lee": an abbreviation before the title or name.
# "a saying attributed to X", "in the view of X" credit X the same way.
_ACCORDING = re.compile(
    r"(?:[Aa]ccording\s+to|[Aa]ttributed\s+to|[Ii]n\s+the\s+(?:view|words|opinion)\s+of)\s+"
    rf"(?:(?:[A-Z]\.){{1,3}}\s+|(?:{'|'.join(_TITLE_ABBREVIATIONS)})\.\s+)?"
    rf"(?:(?P<obj>him|her)\b|(?:(?!(?:an?|the|of|from|by|in|on|at)\s)[a-z\-]+\s+){{0,3}}?"
    rf"(?:(?P<affiliated>{NAME_RUN.pattern}(?:\s+(?!and\b|or\b)[a-z\-]+){{1,3}}\s+{NAME_RUN.pattern})|{_SUBJECT}))"
)
# "Colin Sutherland, Lord Carloway, the ": the name whose appositions a subject of titles only ends.
_APPOSED = re.compile(rf"\s*{_NAME}(?:,\s+[^,\"“”]{{1,60}}?)*,\s+(?:the\s+)?$")
_BARE_COLON = re.compile(rf"^\s*{_NAME}\s*:\s*$")
_PARENTHETICAL = re.compile(r"[—–]\s[^—–\n\"“”]{1,120}\s[—–]|\([^()\n\"“”]{1,80}\)")
_SENTENCE_END = re.compile(rf"(?:{_ABBREVIATION}\.|[!?])[\"”’)]*\s+(?=[\"“A-Z])")
_TAIL_LIMIT = 160
_LEAD_LIMIT = 400
# A lead-in verb this close to the quote ("X said on Friday, ") beats a name after it.
_NEAR = 60
# What follows a name that opens its sentence as the subject: an apposition or a verb.
_INTRODUCED = re.compile(r",\s+an?\s")
_SUBJECT_AFTER = re.compile(r",\s+(?:a|an|the|who)\s|\s+(?:[a-z]+ed|said|says|told|has|had|was|is)\b")
_ROLE_BEFORE = re.compile(
    rf"\b(?:[Tt]he|[Aa]nother)\s+(?P<role>(?:[A-Za-z\-]+\s+){{0,3}}[A-Za-z\-]+)(?:\s+of\s+[^,]{{1,60}})?,\s+{_NAME}"
)
_ROLE_AFTER = re.compile(
    rf"{_NAME},\s+(?:the|a|an|who\s+is\s+the)\s+(?P<role>(?:[A-Za-z\-]+\s+){{0,3}}[A-Za-z\-]+)(?:\s+of\b[^,]{{0,60}})?,"
)


INTERVIEW_ANSWER = "interview answer"
# A line up to its last non-blank character.
_PARAGRAPH_LINE = re.compile(r"[^\n]*\S")
# An answer's paragraph of fewer words ("Myself only.") says too little to be found by a topic.
_ANSWER_WORDS = 6


@dataclass(frozen=True)
class Quotation:
    """One quotation of an article: the verbatim words text[start:end] and who said them (None: unknown).

    After `utterances`, one span may join a speaker's quotes with the narration between them ("how" joined).
    """

    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    how: str

    def to_row(self) -> list[object]:
        return [self.article_id, self.start, self.end, self.text, self.speaker, self.how]


def _read_article(text: str, body_start: int) -> tuple[list[QuoteSpan], _Article]:
    """The article's quotations and the article with them masked, its cast (and interview turns) read."""
    spans = find_quotations(text, body_start)
    article = _Article(_mask_quotes(text, spans), text)
    article.read_cast(body_start)
    return spans, article


def attribute(article_id: str, text: str, body_start: int = 0) -> list[Quotation]:
    """Find the quotations of one article and attribute each to its speaker."""
    spans, article = _read_article(text, body_start)
    return _attributed(article_id, text, spans, article)


def interview_answers(article_id: str, text: str, body_start: int = 0) -> list[Quotation]:
    """Each paragraph of an interview's answers as the interviewee's words, tag left out ("((Rich Bowen))").

    Not quotations in the article's sense, so `attribute` leaves them out; the people search takes them as the
    person's words, which the archive holds nowhere else for someone only interviewed.
    """
    if "((" not in text[body_start:]:  # no interview: no cast to read
        return []
    _, article = _read_article(text, body_start)
    return _answers(article_id, text, article)


def article_quotations(article_id: str, text: str, body_start: int = 0) -> list[Quotation]:
    """What the index keeps of an article's speech, the article read once: its quotations attributed and joined
    into utterances, then an interviewee's answers."""
    spans, article = _read_article(text, body_start)
    return [*utterances(_attributed(article_id, text, spans, article), text), *_answers(article_id, text, article)]


def _attributed(article_id: str, text: str, spans: list[QuoteSpan], article: _Article) -> list[Quotation]:
    found: list[Quotation] = []
    previous: tuple[QuoteSpan, Person | None] | None = None
    for span in spans:
        person, how = article.speaker(span, previous)
        if person is not None:
            article.speakers.add(id(person))
            article.last_quote = (span.close, person)
        found.append(Quotation(article_id, span.start, span.end, text[span.start : span.end],
                               person.name if person else None, how))  # fmt: skip
        previous = (span, person)
    return found


def _answers(article_id: str, text: str, article: _Article) -> list[Quotation]:
    found: list[Quotation] = []
    for turn in article.turns:
        # Only a tag naming someone in full, in double brackets: initials may be the interviewer's own ("((WSS))"
        # before every question, the answers untagged after them), and "Name: " also opens photo captions.
        if turn.tag.isupper() or not turn.bracketed:
            continue
        person = interviewee(turn, article.turns, article.cast)
        if person is None:
            continue
        for line in _PARAGRAPH_LINE.finditer(text, turn.start, turn.end):
            if len(line.group().split()) >= _ANSWER_WORDS:
                found.append(Quotation(article_id, line.start(), line.end(), line.group(), person.name,
                                       INTERVIEW_ANSWER))  # fmt: skip
    return found


def utterances(quotations: list[Quotation], text: str, max_gap: int = 200) -> list[Quotation]:
    """Join each run of one speaker's quotations within a paragraph into one span of the article's text.

    '"We are ready," she said, "and we will win."' reads as one answer, narration included (still verbatim);
    unattributed quotations stay as they are.
    """
    joined: list[Quotation] = []
    for q in quotations:
        last = joined[-1] if joined else None
        if (
            last is not None
            and q.speaker is not None
            and q.speaker == last.speaker
            and q.article_id == last.article_id
            and 0 <= q.start - last.end <= max_gap
            and "\n" not in text[last.end : q.start].strip(" ")
        ):
            joined[-1] = replace(last, end=q.end, text=text[last.start : q.end], how="joined")
        else:
            joined.append(q)
    return joined


def _mask_quotes(text: str, spans: list[QuoteSpan]) -> str:
    """Blank the quoted letters (punctuation stays) so that names inside quotes are never taken for speakers."""
    chars = list(text)
    for span in spans:
        for i in range(span.start, span.end):
            if chars[i].isalnum():
                chars[i] = "x"
    return "".join(chars)


Found = tuple[Person | None, str] | None
Previous = tuple[QuoteSpan, Person | None] | None


@dataclass
class _Article:
    masked: str
    text: str = ""
    cast: Cast = field(default_factory=Cast)
    people: list[tuple[int, Person]] = field(default_factory=list)
    speakers: set[int] = field(default_factory=set)
    subjects: set[int] = field(default_factory=set)
    owners: set[int] = field(default_factory=set)
    last_quote: tuple[int, Person] | None = None
    naming_close: int | None = None  # where the last quotation naming a thing closed
    turns: list[Turn] = field(default_factory=list)

    def read_cast(self, body_start: int) -> None:
        """Collect every person the article names, in order, with their forms and roles."""
        masked = self.masked
        for m in mentions(masked, body_start):
            titles = _lowercase_title(masked, m) + m.titles
            # "Turkish president Erdoğan": a person's title in lower case before a single name.
            person_like = m.person_like or (len(m.words) == 1 and titled_person(titles) and m.words[0][1:].islower())
            if person_like and not after_place_preposition(masked, m):
                person = self.cast.add(m.words, titles)
                if _SUBJECT_AFTER.match(masked, m.end) and _sentence_start(masked, m.start) == m.start:
                    self.subjects.add(id(person))
            else:
                # "The mayor of London": a place, even after "London Underground" was named.
                known = self.cast.find(" ".join(m.words), first_names=False)
                if known is None:
                    continue
                person = known
            self.people.append((m.start, person))
            if _possessive(masked, m):
                self.owners.add(m.start)
        self.turns = interview_turns(masked, body_start)
        for pattern in (_ROLE_BEFORE, _ROLE_AFTER):
            for match in pattern.finditer(masked, body_start):
                named = self.cast.find(_clean_name(match.group("name")))
                if named is not None:
                    named.roles.add(match.group("role").lower())

    def speaker(self, span: QuoteSpan, previous: Previous) -> tuple[Person | None, str]:
        lead_start = _sentence_start(self.masked, span.open)
        lead = _PARENTHETICAL.sub(lambda m: " " * len(m.group()), self.masked[lead_start : span.open])
        tail = _tail(self.masked, span)
        rules: list[Callable[[], Found]] = [
            lambda: self._naming(span, lead),
            lambda: self._same_sentence(span, previous, lead_start),
            lambda: self._interview_answer(span, lead),
            lambda: self._dash_credit(span, lead, tail),
            lambda: self._known(_LEAD_WITH.search(lead), lead_start, "named before"),
            lambda: self._known(_LEAD_WHO.search(lead), lead_start, "named before"),
            lambda: self._known(_LEAD_TWICE_APPOSED.match(lead), lead_start, "named before"),
            lambda: self._sentence_subject(_LEAD_CONJOINED_CLAUSE.search(lead), lead, lead_start),
            lambda: self._lead_verb(lead, lead_start, near=True),
            lambda: self._lead_participle(lead, lead_start),
            lambda: self._sentence_subject(_LEAD_SAYING_CLAUSE.search(lead), lead, lead_start),
            lambda: self._sentence_subject(_LEAD_CONJOINED.search(lead), lead, lead_start),
            lambda: self._from_match(_LEAD_PASSIVE.search(lead), lead_start, "named before"),
            lambda: self._known(_LEAD_TOLD_BY.search(lead), lead_start, "named before"),
            lambda: self._tail_verb_first(tail, span.open, lead_start),
            lambda: self._from_match(_TAIL_SUBJECT_FIRST.match(tail), span.open, "named after", lead_start),
            lambda: self._from_match(_TAIL_CLOSING.match(tail), span.open, "named after", lead_start),
            lambda: self._known(_LEAD_INFINITIVE.search(lead), lead_start, "named before"),
            lambda: self._known(_LEAD_VERB_FIRST.match(lead), lead_start, "named before"),
            lambda: self._opening_participle(span, lead),
            lambda: self._from_match(_ACCORDING.search(lead), lead_start, "according to"),
            lambda: self._from_match(_ACCORDING.match(tail.lstrip(" ,")), span.open, "according to"),
            lambda: self._owner(_TAIL_ACCORDING_UTTERANCE.match(tail), span.open),
            lambda: self._owner(_OWNED_UTTERANCE.match(lead), lead_start),
            lambda: self._owner(_TAIL_READS_OWNED.match(tail), span.open),
            lambda: self._role_utterance(lead, lead_start),
            lambda: self._utterance_by(lead, lead_start),
            lambda: self._lead_verb(lead, lead_start, near=False),
            lambda: self._colon(lead, lead_start),
            lambda: self._block_colon(span, lead),
            lambda: self._continues(span, previous, lead),
            lambda: self._after_speech(span, lead, lead_start),
            lambda: self._own_words(span, previous, lead, lead_start),
            lambda: self._possessed_words(span, lead, lead_start),
            lambda: self._interview_statement(span, lead, lead_start),
            lambda: self._opening_speaker(span, lead, lead_start),
        ]
        for rule in rules:
            found = rule()
            if found is not None:
                if found[0] is None:
                    # 'the WHO noted ...: "...," said Tedros ...': a person credited right after the quotation
                    # outranks an organisation or an unnamed source before it.
                    credited = self._tail_verb_first(tail, span.open, lead_start)
                    if credited is not None and credited[0] is not None:
                        return credited
                # An explicit attribution to no one we know ("officials said") ends the search too.
                return found if found[0] is not None else (None, "unattributed")
        return None, "unattributed"

    # -- rules --

    def _naming(self, span: QuoteSpan, lead: str) -> Found:
        """Quoted words naming a thing or a work ('the term "..."', 'the single "..."'), and the translation or
        the next item of a list of such names ('"Ein feste Burg" ("A Mighty Fortress")'): nobody's statement."""
        # Only the quote right before can be joined to this one: the joining words hold no quote mark.
        listed = self.naming_close is not None and _NAMING_LIST.fullmatch(self.masked, self.naming_close, span.open)
        if _NAMING.search(lead) is None and not listed:
            return None
        self.naming_close = span.close
        return None, "naming"

    def _same_sentence(self, span: QuoteSpan, previous: Previous, lead_start: int) -> Found:
        if previous is None or previous[1] is None or previous[0].close <= lead_start:
            return None
        if self._other_person_between(previous[0].close, span.open, previous[1]):
            return None
        return previous[1], "same sentence"

    def _lead_verb(self, lead: str, lead_start: int, *, near: bool) -> Found:
        matches = list(_LEAD.finditer(lead))
        if not matches or (near and len(lead) - matches[-1].end() > _NEAR):
            return None
        match = matches[-1]
        if not near and (_in_closed_clause(lead, match) or _OTHER_SUBJECT_PARTICIPLE.search(lead, match.end())):
            return None
        if match.group("subj") and _AGENT.search(lead, 0, match.start("subj")) and not _relative_verb(match):
            # "The account for the show, hosted by Bernard McGuirk and Sid Rosenberg, who both worked for Imus,
            # tweeted": the agent of a passive is no subject; the subject is what it did, no one named ("drafted by
            # X, who said" is X's).
            return None, "named before"
        if match.group("subj") and _object_of_preposition(lead, match.start()):
            # "published in the Journal of Preventive Medicine on January 17, declared": an object, no subject,
            # unless a name follows in apposition ("Speaking to Fox News, Trump said").
            appos = match.group("appos")
            if not appos or not lead[: match.start("appos")].rstrip().endswith(",") or not self._names_someone(appos):
                return None
        return self._from_match(match, lead_start, "named before")

    def _tail_verb_first(self, tail: str, offset: int, lead_start: int) -> Found:
        """'," said X': the first name after the verb, or, when that names no person (an organisation), the
        person's name apposed at the end of the subject ('said University of Dale's chancellor, Ann Lee')."""
        found = self._from_match(_TAIL_VERB_FIRST.match(tail), offset, "named after", lead_start)
        if found is None or found[0] is not None:
            return found
        apposed = _TAIL_APPOSED_NAME.match(tail)
        person = self._apposed_person(apposed.group("name")) if apposed else None
        return (person, "named after") if person is not None else found

    def _apposed_person(self, text: str) -> Person | None:
        """The person `text` names when it is nothing but a person's name (titles allowed): "Jamel Msallem"."""
        found = mentions(text)
        if len(found) != 1 or not NAME_RUN.fullmatch(_ABBREVIATED_TITLE.sub("", text.strip())):
            return None
        m = found[0]
        if m.person_like or self.cast.find(" ".join(m.words)) is not None:
            return self._person(text)
        return None

    def _known(self, match: re.Match[str] | None, offset: int, how: str) -> Found:
        """A rule that names someone only when the match is a person; otherwise the later rules go on."""
        found = self._from_match(match, offset, how)
        return found if found is not None and found[0] is not None else None

    def _utterance_by(self, lead: str, lead_start: int) -> Found:
        matches = [m for m in _UTTERANCE_BY.finditer(lead) if len(lead) - m.start() <= _UTTERANCE_NEAR]
        return self._owner(matches[-1], lead_start) if matches else None

    def _role_utterance(self, lead: str, lead_start: int) -> Found:
        match = _ROLE_UTTERANCE.search(lead)
        if match is None:
            return None
        person = self._role_holder(match.group("role") or match.group("author"), lead_start + match.end())
        return (person, "utterance") if person is not None else None

    def _owner(self, match: re.Match[str] | None, offset: int) -> Found:
        """Whose tweet or statement it is: a full name, or a known person's surname ("Trump's tweet"); a bare
        word that may be a company's ("Stardom's statement") names no one."""
        found = self._known(match, offset, "utterance")
        person = found[0] if found is not None else None
        if person is None or match is None:
            return None
        written = mentions(match.group("name"))
        return found if any(m.person_like for m in written) or self._confirmed(person) else None

    def _opening_participle(self, span: QuoteSpan, lead: str) -> Found:
        """'Saying "...", President Fernández elaborated': the first subject and verb after the quote."""
        if not _OPENING_PARTICIPLE.match(lead):
            return None
        rest = self.masked[span.close : span.close + _TAIL_LIMIT]
        return self._known(_LEAD.search(rest, 0, _sentence_end(rest)), span.close, "named after")

    def _own_words(self, span: QuoteSpan, previous: Previous, lead: str, lead_start: int) -> Found:
        """A quotation in the first person ("I", "my", "we") whose sentence has no verb of speech: the words of
        the person the sentence opens on ('X has been cosplaying for two years, her "passion" for the hobby
        "stemmed through my love for Halloween."'), of the one its opening "he/she" means ('She typically chooses
        "to portray ... I also enjoy"'), or, in a sentence naming nobody, of the one speaking just before in the
        paragraph ('The costume "is very warm [...] so I have to"'), nobody else named between.
        """
        quoted = self.text[span.start : span.end]
        if not in_first_person(quoted) or title_like(quoted):
            return None
        if self._unnamed_speech(span, lead):
            return None
        named = self._named_in(lead_start, span.open)
        if named:
            opener = self._opener(lead_start, span.open)
            if len(named) == 1 and opener is not None and id(opener) in named:
                return opener, "own words"
            return None
        if re.search(rf"\b{_PRONOUN}\b", lead):
            # The subject: opening the sentence, or after an opening phrase closed by a comma ("Then just 19 years
            # old, she looked at the role as a "chance to face my demons"").
            pronoun = _SUBJECT_PRONOUN.match(lead)
            person = self._antecedent(lead_start + pronoun.start("pron")) if pronoun else None
            return (person, "own words") if person is not None else None
        if previous is None or previous[1] is None or span.open - previous[0].close > 600:
            return None
        if _NARRATED_PERSON.search(lead):
            # "But their response is "at least I'm still a Muslim"": someone the lead points to, not the last speaker.
            return None
        if "\n" in self.masked[previous[0].close : span.open]:
            return None
        if any(p is not previous[1] for pos, p in self.people if previous[0].close <= pos < span.open):
            # Anyone else named between, an owner too ("During Tom Becker's visit, "we had no money"").
            return None
        return previous[1], "own words"

    def _interview_answer(self, span: QuoteSpan, lead: str) -> Found:
        """In an interview's answer the interviewee narrates: 'and I said, "..."', 'my blog post was "..."'."""
        turn = turn_at(self.turns, span.open)
        if turn is None or not narrated(lead):
            return None
        if title_like(self.text[span.start : span.end]):
            # "The campaign theme, I told you, "Each for Equal"": a name for something, not the answer's words.
            return None
        person = interviewee(turn, self.turns, self.cast)
        return (person, "interview") if person is not None else None

    def _interview_statement(self, span: QuoteSpan, lead: str, lead_start: int) -> Found:
        """A whole sentence quoted in an interview's answer, in narration naming and voicing no one else: the
        interviewee's own words."""
        turn = turn_at(self.turns, span.open)
        quoted = self.text[span.start : span.end]
        if turn is None or title_like(quoted):
            return None
        rest = _tail(self.masked, span)
        rest = rest[: _sentence_end(rest)]
        if _SPEECH_OR_TEXT.search(lead + " " + rest) or not own_statement(lead, quoted, rest):
            return None
        person = interviewee(turn, self.turns, self.cast)
        if person is None or self._named_in(lead_start, span.open).keys() - {id(person)}:
            return None
        return person, "interview"

    def _dash_credit(self, span: QuoteSpan, lead: str, tail: str) -> Found:
        """A pull-quote: a paragraph that is one quotation credited after a dash ('"..."  — Aparna Garg, Divisional
        Railway Manager'). A credit in a paragraph of its own is not read: it may be a box's whose quote is lost."""
        if lead.strip() or (span.open > 0 and self.masked[span.open - 1] != "\n"):
            return None
        return self._known(_DASH_CREDIT.match(tail), span.close, "dash credit")

    def _possessed_words(self, span: QuoteSpan, lead: str, lead_start: int) -> Found:
        """'X discussed Minetest, his "longest ever project"', 'X has been cosplaying for two years, her "passion" for
        the hobby': words right after "his" or "her" in a sentence that opens on X and names nobody else are X's."""
        if not _POSSESSIVE_PRONOUN.search(lead) or self._unnamed_speech(span, lead):
            return None
        named = self._named_in(lead_start, span.open)
        opener = self._opener(lead_start, span.open)
        if opener is None or named.keys() != {id(opener)}:
            return None
        return opener, "own words"

    def _named_in(self, start: int, end: int) -> dict[int, Person]:
        """The people named in masked[start:end] as more than an owner ("Biden's win"), by identity."""
        return {id(p): p for pos, p in self.people if start <= pos < end and pos not in self.owners}

    def _unnamed_speech(self, span: QuoteSpan, lead: str) -> bool:
        """A verb of speech or of a text ("the event description read") in the quotation's sentence, before or
        after it, whose subject the rules before could not name: someone else may be speaking."""
        rest = _tail(self.masked, span)
        return any(_SPEECH_OR_TEXT.search(part) for part in (lead, rest[: _sentence_end(rest)]))

    def _after_speech(self, span: QuoteSpan, lead: str, lead_start: int) -> Found:
        """A quote opening its sentence right after "X ... criticized the decision via Twitter.": X's words.

        Only when the sentence before, in the same paragraph, opens on X, is speech (one of `_SPOKE`) and names
        nobody else."""
        if lead.strip():
            return None
        before = self._sentence_before(lead_start)
        if before is None:
            return None
        opener = self._opener(before, lead_start)
        if opener is None or not _SPOKE.search(self.masked[before:lead_start]):
            return None
        # "Jenn St-Onge (Nancy Drew, Jem and the Misfits) told of ...": the works in brackets name nobody speaking.
        if self._other_person_between(before, lead_start, opener, unbracketed=True):
            return None
        return opener, "named before"

    def _block_colon(self, span: QuoteSpan, lead: str) -> Found:
        """A quotation opening a paragraph after one that ends in a colon ("X commented:"): that sentence's
        speaker, by its verb or as the person it opens on."""
        before = self.masked[: span.open].rstrip()
        if lead.strip() or not before.endswith(":"):
            return None
        start = _sentence_start(self.masked, len(before) - 1)
        found = self._lead_verb(self.masked[start : len(before)], start, near=True)
        if found is not None and found[0] is not None:
            return found[0], "colon"
        # "He provided Wikinews with the text of a message he sent to X:": a "he" opening it is its speaker too.
        opener = self._opening_subject(start, len(before))
        return (opener, "colon") if opener is not None else None

    def _opener(self, start: int, end: int) -> Person | None:
        """The person a sentence opens on, after capitalised words and titles at most ("AIP chairman X"), after
        an opening phrase of time or place that names nobody ("In a video posted to Twitter, X"), or apposed to an
        opening description ("One of South Sudan's Vice Presidents, X,")."""
        opening = _APPOSED_OPENING.match(self.masked, start, end)
        if opening is not None:
            apposed = next((p for pos, p in self.people if pos == opening.end()), None)
            if apposed is not None:
                return apposed
        first = next(((pos, p) for pos, p in self.people if start <= pos < end), None)
        if first is None:
            return None
        before = self.masked[start : first[0]]
        words = before[_after_introduction(before) :].split()
        plain = len(words) <= 3 and all(w[:1].isupper() or w.lower() in TITLES for w in words)
        # "The Biden campaign criticized ...": after an article, a name qualifies a noun and is no subject.
        owned = _ARTICLE_BEFORE.search(before) or _ARTICLE_OPENING.match(self.masked, first[0], end)
        return first[1] if plain and not owned else None

    def _opening_subject(self, start: int, end: int) -> Person | None:
        """The person the sentence masked[start:end] opens on, named or as its opening "he" or "she"."""
        opener = self._opener(start, end)
        if opener is not None:
            return opener
        sentence = self.masked[start:end]
        pronoun = _OPENING_PRONOUN.match(sentence, _after_introduction(sentence))
        return self._antecedent(start + pronoun.start("pron")) if pronoun else None

    def _lead_participle(self, lead: str, lead_start: int) -> Found:
        """"X met Y on Monday, saying "...": the speaker is the sentence's subject, its first person."""
        match = _LEAD_PARTICIPLE.search(lead)
        if not match or len(lead) - match.start() > _NEAR or _OTHER_SUBJECT_PARTICIPLE.search(lead):
            return None
        end = lead_start + match.start()
        # "He also commented on the Turkish-Libyan agreement, calling it": the one "he" means, not a name after it.
        return self._opening_subject(lead_start, end) or self._first_person(lead_start, end), "named before"

    def _sentence_subject(self, match: re.Match[str] | None, lead: str, lead_start: int) -> Found:
        """The person the sentence opens on, by name or as its "he"/"she", for a speech verb late in it ("X cited the
        treaty and said, ", "He then approached a director and said, ")."""
        if match is None or len(lead) - match.start() > _NEAR + 40:
            return None
        opener = self._opening_subject(lead_start, lead_start + match.start())
        if opener is None:
            opener = self._role_opener(lead_start, lead_start + match.start())
            return (opener, "role") if opener is not None else None
        return opener, "named before"

    def _opening_speaker(self, span: QuoteSpan, lead: str, lead_start: int) -> Found:
        """Last resort: words quoted in a sentence that opens on someone already quoted in the article are theirs
        ('In a later speech, Trump assailed the event as the "..."', 'He holds that if they were "..."'), unless
        they name a thing ('the term "..."', a title) or a verb of speech in the sentence has a subject the rules
        could not name."""
        quoted = self.text[span.start : span.end]
        if title_like(quoted) or _NAMING.search(lead) or self._unnamed_speech(span, lead):
            return None
        if _OTHER_SUBJECT_PARTICIPLE.search(lead):
            # "Musk reinstated Trump, with the company citing "...": the company cites, not Musk.
            return None
        person = self._opening_subject(lead_start, span.open)
        if person is None or id(person) not in self.speakers:
            # Anyone the sentence opens on took "Legislative Yuan" and "Crew Dragon" for speakers (bench/README.md).
            return None
        return person, "sentence subject"

    def _role_opener(self, start: int, end: int) -> Person | None:
        """The person a sentence opening on a title means ("The president did not concede ... and vowed"): the last
        one named before it with that title, when the sentence names nobody before the verb."""
        before = self.masked[start:end]
        match = _ROLE_OPENER.match(before, _after_introduction(before))
        if match is None or not any(w in TITLES for w in match.group("role").split()) or mentions(before):
            return None
        return self._by_role(match.group("role"), start)

    def _role_holder(self, role: str, before: int) -> Person | None:
        """The last one given `role` before `before`, else anyone the article gives it."""
        return self._by_role(role, before) or self.cast.by_role(role)

    def _by_role(self, role: str, before: int) -> Person | None:
        """The last person named before `before` with this title or role ("the minister": the last minister)."""
        order: list[Person] = []
        for pos, person in self.people:
            if pos < before:
                if person in order:
                    order.remove(person)
                order.append(person)
        return self.cast.by_role(role, order)

    def _colon(self, lead: str, lead_start: int) -> Found:
        if not lead.rstrip().endswith(":"):
            return None
        bare = _BARE_COLON.search(lead)
        if bare:
            return self._from_match(bare, lead_start, "colon")
        return self._subject(lead, lead_start), "colon"

    def _subject(self, lead: str, lead_start: int) -> Person | None:
        """The sentence's first person who is not an owner ("Soleimani's lifepath"); a "he" before it is its
        subject ("In his message, he appreciated Soleimani's lifepath:")."""
        first = next(
            (
                (m.start, self.cast.find(" ".join(m.words)))
                for m in mentions(self.masked, lead_start, lead_start + len(lead))
                if not _possessive(self.masked, m) and any(p for pos, p in self.people if pos == m.start)
            ),
            None,
        )
        pronoun = re.search(rf"\b{_PRONOUN}\b", lead)
        if pronoun and (first is None or lead_start + pronoun.start() < first[0]):
            return self._antecedent(lead_start + pronoun.start())
        return first[1] if first is not None else None

    def _continues(self, span: QuoteSpan, previous: Previous, lead: str) -> Found:
        """A quote standing alone right after one of X's, nobody else named between: X's too; or, in X's paragraph,
        after an opening phrase of time or place with no verb and no name ('During the premiere, "..."')."""
        if previous is None or previous[1] is None:
            return None
        phrase = _INTRODUCTORY.match(lead)
        if phrase is not None and phrase.end() == len(lead) and not mentions(lead):
            if "\n" in self.masked[previous[0].close : span.open]:
                return None
        elif lead.strip(" \t\n“\"'"):
            return None
        if span.open - previous[0].close > 400:
            return None
        if not self._credited_between(previous[0].close, span.open, previous[1]) and self._other_person_between(
            previous[0].close, span.open, previous[1]
        ):
            return None
        if self._unnamed_speech(span, ""):
            # '"We will search on," a navy spokesman told the Post.': someone the rules cannot name speaks.
            return None
        return previous[1], "continues"

    def _credited_between(self, start: int, end: int, speaker: Person) -> bool:
        """Whether masked[start:end] is one sentence of the paragraph crediting the quotation before it to
        `speaker` ('," said Ted Scambos of CU Boulder's Cooperative Institute (CIRES). '): the other names in it
        are the speaker's affiliation, so a quote right after goes on being the speaker's."""
        between = self.masked[start:end]
        if "\n" in between or _sentence_end(between) != len(between):
            return False
        credit = _TAIL_VERB_FIRST.match(between) or _TAIL_SUBJECT_FIRST.match(between)
        found = self._from_match(credit, start, "named after")
        return found is not None and found[0] is speaker

    # -- resolution --

    def _from_match(self, match: re.Match[str] | None, offset: int, how: str, sentence: int | None = None) -> Found:
        """The person a rule's match names; `sentence` starts the lead whose subject a trailing "he" means."""
        if match is None:
            return None
        groups = match.groupdict()
        if groups.get("pron"):
            subject = self._first_person(sentence, offset) if sentence is not None else None
            return subject or self._antecedent(offset + match.start("pron")), "pronoun"
        if groups.get("obj"):
            return self._antecedent(offset + match.start("obj")), "pronoun"
        if groups.get("role"):
            # The last one given the title before the quote, an apposed name included ("the bishop, Ann Lee, said").
            return self._role_holder(groups["role"], offset + match.end()), "role"
        named = groups.get("subj") or groups.get("name") or groups.get("affiliated") or ""
        appos = groups.get("appos") or ""
        if appos and not self._names_someone(named) and self._names_someone(appos):
            # "A Republican Assemblywoman, Jill Tolles, commented": the apposition holds the name.
            return self._person(appos), how
        holder = self._title_holder(match, offset, named) if groups.get("subj") else None
        if holder is not None:
            return holder, how
        owned = re.split(r"['’]s\s+", named, maxsplit=1)
        if len(owned) == 2 and any(m.person_like for m in mentions(owned[1])):
            # "The Native American Rights Fund's Jacqueline De León said": the person after the possessive.
            named = owned[1]
        head, *place = re.split(_AFFILIATION, named, maxsplit=1)
        named_in_appos = self._apposed_person(appos) if appos and groups.get("subj") and place else None
        if named_in_appos is not None and not self._names_person(head):
            # "the president of the League for the Defence of Human Rights, Jamel Msallem, said": the name apposed
            # to the organisation is the speaker, not the organisation's last words.
            return named_in_appos, how
        if groups.get("subj") and place and self._names_person(head):
            # "Mick Jagger of The Rolling Stones also reacted": the person, not the band.
            named = head
        elif groups.get("subj") and place and not any(m.person_like for m in mentions(place[0])):
            # "Erwin Chemerinsky, Dean of UC Berkeley School of Law called": the school is nobody; the name is the
            # one the title is apposed to.
            apposed = _APPOSED.match(self.masked, offset, offset + match.start("subj"))
            if apposed:
                return self._person(apposed.group("name")), how
        person = self._person(named)
        if person is None and groups.get("subj") and not mentions(groups["subj"]):
            apposed = _APPOSED.match(self.masked, offset, offset + match.start("subj"))
            person = self._person(apposed.group("name")) if apposed else None
        if person is None and groups.get("appos"):
            # "The Senate Minority Leader, Chuck Schumer, said": the name is in the apposition.
            person = self._person(groups["appos"])
        return person, how

    def _title_holder(self, match: re.Match[str], offset: int, named: str) -> Person | None:
        """The person a title is apposed to when the apposition runs on into the verb unclosed ("Chris Wright, the
        Chief Technological Officer of Red Hat said"): the title's holder speaks, not what the title is of."""
        opening = _UNCLOSED_TITLE.match(self.masked, offset, offset + match.start("subj"))
        if opening is None:
            return None
        head, *place = re.split(r"\s+(?:of|at|for|from)\s+", named, maxsplit=1)
        if opening.group("title"):
            words = opening.group("title").split()
        elif place:
            words = head.split()
        else:
            return None
        if not any(w.lower() in TITLES for w in words):
            return None
        return self._person(opening.group("name"))

    def _names_person(self, text: str) -> bool:
        """A person's name or a known surname; a place's first word ("Montana" of "Montana Native Vote") is not."""
        return any(m.person_like or self.cast.find(" ".join(m.words), first_names=False) for m in mentions(text))

    def _names_someone(self, text: str) -> bool:
        return any(m.person_like or self.cast.find(" ".join(m.words)) for m in mentions(text))

    def _person(self, text: str) -> Person | None:
        """The person `text` names: a known one, or a new one if it looks like a person's name at all."""
        found = mentions(text)
        for m in reversed(found):
            # "Germany Richard Grenell" of "Ambassador to Germany Richard Grenell": the person the article names in
            # full, by all the words or by the last two or more.
            tails = [" ".join(m.words[i:]) for i in range(max(1, len(m.words) - 1))]
            known = next(filter(None, map(self.cast.find, tails)), None)
            if known is not None:
                return known
            if m.person_like:
                return self.cast.add(m.words, m.titles)
        if found and self._surname_only(found[-1]) and not _THE.match(text, found[-1].start):
            return self.cast.add(found[-1].words, found[-1].titles)
        return None

    def _surname_only(self, m: Mention) -> bool:
        """'Reed said' in an article that never gives Reed's first name: a person, unless the word names an
        organisation (all capitals, "Police") or a place (the article also writes "in Reed")."""
        (word,) = m.words if len(m.words) == 1 else ("",)
        if not word[:1].isupper() or word.isupper() or word.lower() in ORG_WORDS or fold(word) in ORG_WORDS:
            return False
        if re.match(r"[A-Z][a-z]{3,}[A-Z]", word):
            # "WalesOnline", "BuzzFeed": a compound in camel case is a brand ("McConnell", "DeSantis" are names).
            return False
        return not re.search(rf"\b(?:in|at|from|across|into|near|of|to)\s+{re.escape(word)}\b", self.masked)

    def _first_person(self, start: int, end: int) -> Person | None:
        """The sentence's subject: its first person who owns nothing ("Following the announcement of Biden's win,
        Trump issued a statement ..., saying": Trump; an owner qualifies a noun and is no subject of the verb).
        An owner named alone stays ("A tweet sent from Biden's account repeated Biden's commitment, saying")."""
        named = [(pos, p) for pos, p in self.people if start <= pos < end]
        return next((p for pos, p in named if pos not in self.owners), named[0][1] if named else None)

    def _antecedent(self, before: int) -> Person | None:
        """The first confirmed person of the nearest earlier sentence naming one (a few sentences back at most)."""
        earlier = [(pos, p) for pos, p in self.people if before - 1200 < pos < before]
        confirmed = [(pos, p) for pos, p in earlier if self._confirmed(p)]
        pool = confirmed or earlier
        if not pool or self._after_unnamed_opener(before):
            return None
        opener = self._previous_opener(before) or self._introduced_before(before)
        if opener is not None:
            # "Actor Brendan Fraser's appearance was ... . He quipped": the person the sentence before opens on.
            return opener
        start = _sentence_start(self.masked, pool[-1][0])
        later = self._contrasted_speaker(start, before)
        if later is not None and (self.last_quote is None or later[0] > self.last_quote[0]):
            # "X said ... while Y wrote he had ordered checks. He tweeted": the last one speaking goes on.
            return later[1]
        if self.last_quote is not None and start <= self.last_quote[0] < before:
            # 'X urged them to "...". He said ...': the one just quoted goes on speaking.
            return self.last_quote[1]
        return next(p for pos, p in pool if pos >= start)

    def _after_unnamed_opener(self, before: int) -> bool:
        """Whether the sentence right before the pronoun's, in the same paragraph, opens on someone it does not name
        and names nobody: "One of the victims decided ... . She said" is about that victim, not the person named
        further back."""
        own = _sentence_start(self.masked, before)
        start = self._sentence_before(own)
        if start is None or not _UNNAMED_OPENER.match(self.masked, start, own):
            return False
        return not any(start <= pos < own for pos, _ in self.people)

    def _sentence_before(self, own: int) -> int | None:
        """Where the sentence right before the one starting at `own` starts, if it is in the same paragraph."""
        if own == 0:
            return None
        start = _sentence_start(self.masked, own - 1)
        return None if start >= own or "\n" in self.masked[start:own] else start

    def _unquoted_sentence_before(self, before: int) -> tuple[int, int] | None:
        """Where the sentence right before the pronoun's starts and ends, if it is in the same paragraph and no
        quotation in between tells who speaks."""
        own = _sentence_start(self.masked, before)
        start = self._sentence_before(own)
        if start is None or (self.last_quote is not None and start <= self.last_quote[0] < before):
            return None
        return start, own

    def _previous_opener(self, before: int) -> Person | None:
        """The full-named person opening the sentence right before the pronoun's (`_unquoted_sentence_before`)."""
        sentence = self._unquoted_sentence_before(before)
        if sentence is None:
            return None
        opener = self._opener(*sentence)
        # A full name, or a surname with a title ("Turkish president Erdoğan called for ... . "...", he said").
        return opener if opener is not None and (len(opener.name.split()) > 1 or opener.roles) else None

    def _introduced_before(self, before: int) -> Person | None:
        """The one person the sentence right before the pronoun's introduces with "a" or "an" ("... was denounced by
        Smedley Butler, an American general. He said"): a newcomer, not someone quoted further back."""
        sentence = self._unquoted_sentence_before(before)
        if sentence is None:
            return None
        start, own = sentence
        named = {id(p): p for pos, p in self.people if start <= pos < own}
        if len(named) != 1:
            return None
        (person,) = named.values()
        introduced = any(
            _INTRODUCED.match(self.masked, m.end)
            for m in mentions(self.masked, start, own)
            if self.cast.find(" ".join(m.words)) is person
        )
        return person if introduced and len(person.name.split()) > 1 else None

    def _contrasted_speaker(self, start: int, end: int) -> tuple[int, Person] | None:
        """The subject of the sentence's last "while/whereas/but Y said" clause, where Y is a person it names."""
        sentence = self.masked[start:end]
        found = None
        for match in _LEAD.finditer(sentence):
            if match.group("subj") and _CONTRAST.search(sentence, 0, match.start()):
                person = self.cast.find(_clean_name(match.group("subj")))
                if person is not None and any(p is person for pos, p in self.people if start <= pos < end):
                    found = (start + match.start(), person)
        return found

    def _confirmed(self, person: Person) -> bool:
        return bool(person.roles) or len(person.forms) > 1 or id(person) in self.speakers | self.subjects

    def _other_person_between(self, start: int, end: int, speaker: Person, *, unbracketed: bool = False) -> bool:
        # "writes Huber's partner Erick Rowan": a possessive names someone else's relation, not a speaker.
        text = self.masked
        if unbracketed:
            text = text[:start] + _PARENTHETICAL.sub(lambda m: " " * len(m.group()), text[start:end]) + text[end:]
        names = [m for m in mentions(text, start, end) if not _possessive(text, m)]
        return any(self.cast.find(" ".join(m.words)) not in (None, speaker) or
                   (m.person_like and self.cast.find(" ".join(m.words)) is None) for m in names)  # fmt: skip


def _sentence_end(text: str) -> int:
    """Where the first sentence of `text` ends (its length if it does not)."""
    end = _SENTENCE_END.search(text)
    return end.start() if end else len(text)


def _lowercase_title(masked: str, m: Mention) -> tuple[str, ...]:
    """"archbishop Jorge Scheinig": a title written in lower case right before the name."""
    before = masked[max(0, m.start - 20) : m.start].split()
    return (before[-1].lower(),) if before and before[-1].lower() in TITLES and before[-1].islower() else ()


def _in_closed_clause(lead: str, match: re.Match[str]) -> bool:
    """'When Trump tweeted that ..., Twitter placed "...": the verb's clause closed with a comma before the quote."""
    # The conjunction may open the capitalised run the name was found in: "When Trump tweeted".
    opening = lead[: match.start()] + match.group().split()[0] + " "
    subordinate = _SUBORDINATE.search(lead[: match.start()]) or _SUBORDINATE.search(opening)
    return bool(subordinate) and "," in lead[match.end() :]


def _relative_verb(match: re.Match[str]) -> bool:
    """Whether a lead's verb opens a relative clause on its subject ("X, a marine ecologist, who said")."""
    after = match.end("appos") if match.group("appos") else match.end("subj")
    return re.search(r"\bwho\b", match.string[after : match.end()]) is not None


def _object_of_preposition(lead: str, pos: int) -> bool:
    """A name right after "in", "at", "of"...: an object, unless the preposition belongs to a title ("US Special
    Representative for Iran Brian Hook")."""
    match = _AFTER_PREPOSITION.search(lead, 0, pos)
    return match is not None and match.group("head").lower() not in TITLES


def _after_introduction(sentence: str) -> int:
    """Where the sentence's subject may start: after its opening phrase of time or place, if any."""
    intro = _INTRODUCTORY.match(sentence)
    return intro.end() if intro else 0


def _possessive(masked: str, m: Mention) -> bool:
    """A name that owns what follows it ("Huber's partner"), even inside a longer run ("Trump's Special Envoy")."""
    return re.search(rf"\b{re.escape(m.words[-1])}['’]s\b", masked[m.start : m.end]) is not None


def _clean_name(name: str) -> str:
    found = mentions(name)
    return " ".join(found[-1].words) if found else ""


def _sentence_start(masked: str, pos: int) -> int:
    floor = max(0, pos - _LEAD_LIMIT)
    para = masked.rfind("\n", floor, pos)
    start = para + 1 if para >= 0 else floor
    # One character past `pos`: the look-ahead for the next sentence's first mark must see it.
    for match in _SENTENCE_END.finditer(masked, start, min(pos + 1, len(masked))):
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
