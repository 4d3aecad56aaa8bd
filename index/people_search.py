"""Questions about people and stories, answered over a Searcher and the index's attributed quotations.

"What did X say about Y" searches only the passages holding X's quotations, ranks them by Y, and answers with
X's own quoted words; when none of them is about Y it says so and offers X's closest quotes, never someone
else's words. "What did X write about Y" (or an explicit author) searches only X's articles; "how did Y unfold"
answers with one passage per article, oldest first. Every other question goes to the Searcher unchanged, and
each answer that is mostly someone's quoted words is labelled with its speaker.

A speaker question's first quotations are read again with the question by the cross-encoder (the topic
search's second stage) and reordered by both scores together.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from index.dates import parse_date_range
from index.features import idf_coverage
from index.lexical import STOPWORDS, tokenize
from index.models import Answer, DateRange, SearchResult
from index.names import NAME_WORD, NameIndex, same_person, strip_titles
from index.people_questions import (
    AFFILIATION,
    CUE_WORDS,
    PeopleQuestion,
    after_heading,
    asks_a_fact,
    asks_for_words,
    capitalise_names,
    names_in,
    parse_people_question,
    speaker_candidates,
    topic_without,
)
from index.questions import check_question
from index.ranking import combined_order, cross_encoder_text
from index.roles import Role, descriptions, role_in
from index.search import PairScorer, Searcher
from index.sentences import paragraphs, sentences
from index.speakers import INTERVIEW_ANSWER, Quotation

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeopleConfig:
    # Below this score of X's best quote for Y, X is taken never to speak of Y (bench/run.py --only
    # attribution: 15 of 16 people never quoted on a topic score below, 4 of 117 real quotations do).
    min_score: float = 0.25
    # A quotation's score: this share from its own words, the rest from the passage around it.
    quote_weight: float = 0.5
    # Plus this much times the share of the topic's words the quotation uses.
    term_weight: float = 0.1
    closest_quotes: int = 3
    timeline_max: int = 10
    # An answer is someone's words when a quotation of theirs covers at least this share of it.
    speaker_share: float = 0.5
    # A longer quotation is cut to its sentences around the best match.
    quote_words: int = 80
    quotes_listed: int = 10
    # Second stage: the first cross_encoder_depth quotations reordered by their score plus cross_encoder_weight
    # times the cross-encoder's score of the question with the quotation, or with the passage holding it when
    # the quotation has fewer than cross_encoder_context_words words ('"terrible event"' says little alone).
    # Chosen on dev and heldout questions only (bench/run.py --only attribution, bench/README.md).
    cross_encoder: bool = True
    cross_encoder_depth: int = 5
    cross_encoder_weight: float = 0.05
    cross_encoder_context_words: int = 25
    # Quotes are ordered (never judged on-topic) by their score plus this much times the rarity-weighted share of
    # the topic's words in the passage holding the quote: "It was a mistake" ranks by the words around it.
    # Chosen on the Wikinews questions; squad-dev's, never used to choose, gain too (bench/README.md).
    passage_term_weight: float = 0.2


class PeopleSearch:
    """Routes a question to speaker, author, timeline or plain topic search; thread-safe like the Searcher."""

    def __init__(
        self, searcher: Searcher, config: PeopleConfig | None = None, cross_encoder: PairScorer | None = None
    ) -> None:
        self.searcher = searcher
        self.config = config or PeopleConfig()
        if cross_encoder is None and self.config.cross_encoder:
            # The topic search's own when it has one (the bench gives it another), else the shipped one.
            from index.cross_encoder import shared_cross_encoder

            cross_encoder = searcher.cross_encoder or shared_cross_encoder(searcher.embedder.folder)
        self.cross_encoder = cross_encoder if self.config.cross_encoder else None
        contents = searcher.index.contents
        self._passages = contents.passages
        self._articles = contents.articles
        self._by_article: dict[str, list[Quotation]] = {}
        for q in contents.quotations:
            self._by_article.setdefault(q.article_id, []).append(q)
        self._speakers = Counter(q.speaker for q in contents.quotations if q.speaker)
        self._speaker_names = NameIndex(name for name, _ in self._speakers.most_common())
        self._full_names = _full_names(self._speakers)
        self._vectors = contents.vectors
        self._vector_cache: dict[tuple[str, int], np.ndarray] = {}
        self._passage_ids = contents.columns.article_ranges
        self._bounds = contents.columns.bounds

    @cached_property
    def _name_words(self) -> frozenset[str]:
        """The words of quoted speakers' names in lower case, less common words ("will", "may")."""
        words = {w.lower() for name in self._speakers for w in NAME_WORD.findall(name)}
        return frozenset(words - set(STOPWORDS))

    @cached_property
    def _one_per_article(self) -> Searcher:
        one = replace(self.searcher.config, max_per_article=1, max_from_first_article=None, lead_margin=None)
        return Searcher(self.searcher.index, self.searcher.embedder, one)

    def ask(
        self,
        question: str,
        top_k: int | None = None,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        author: str | None = None,
        timeline: bool = False,
    ) -> SearchResult:
        """Answer `question`; `author` keeps to that byline, `timeline` answers in date order."""
        # Checked here too: a speaker question's topic is embedded without going through Searcher.ask.
        question = check_question(question)
        parsed = self._parse(question)
        if timeline or (parsed and parsed.kind == "timeline"):
            topic = parsed.topic if parsed and parsed.kind == "timeline" else question
            return self.timeline(question, topic, top_k, since=since, until=until, author=author)
        if author:
            return self.by_author(question, author, question, top_k, since=since, until=until)
        if parsed is not None and parsed.person is not None:
            routed = self._about_person(question, parsed, top_k, since=since, until=until)
            if routed is not None and parsed.loose and routed.answers and routed.note is None:
                return self._then_topic_answers(routed, question, top_k, since=since, until=until)
            if routed is not None:
                return routed
        return self._by_role(question, top_k, since=since, until=until) or self._words_of_someone_named(
            question, self.tag_speakers(self.searcher.ask(question, top_k, since=since, until=until))
        )

    def _parse(self, question: str) -> PeopleQuestion | None:
        """What `question` asks, read as typed, then with the archive's speakers' names capitalised, then after a
        heading ("Brexit: what did Johnson say?" reads "Brexit" as a person, whom the archive never quotes), then by
        the names it gives."""
        casual = capitalise_names(question, self._name_words)
        for text in dict.fromkeys((question, casual)):
            parsed = parse_people_question(text)
            if parsed and not (parsed.loose and parsed.kind == "said" and not self._speakers_named(parsed.person)):
                return parsed
        for text in dict.fromkeys((question, casual)):
            parsed = after_heading(text)
            if parsed and (not parsed.loose or self._speakers_named(parsed.person)):
                return parsed
        return self._named_speaker(casual)

    def _words_of_someone_named(self, question: str, result: SearchResult) -> SearchResult:
        """A topic answer whose first passage holds the quoted words of someone the question names, when it asks
        for words and not for a fact ("How did Rouhani apologise for the airliner?"): those words, with their
        speaker, come first. The order stays the topic search's; only what the first answer shows narrows from
        the passage to the quotation in it, which the passage's narration attributes.

        Routing such questions to the person's quotes instead costs topic questions that name people their first
        answers (bench/README.md); a fact asked ("When did Luther return ...?") is in the narration around.
        """
        if not result.answers or not asks_for_words(question) or asks_a_fact(question):
            return result
        casual = capitalise_names(question, self._name_words)
        # Each run by its longest name the archive quotes: "Chris Wright" is not every Wright.
        named = {
            speaker for names in names_in(casual)
            for speaker in next(filter(None, map(self._speaker_names.matching, names)), [])
        }  # fmt: skip
        first = result.answers[0]
        if not named or (first.speaker and any(first.speaker == self._display(s) for s in named)):
            return result
        overlaps = [
            (min(first.end, q.end) - max(first.start, q.start), q)
            for q in self._by_article.get(first.article_id, [])
            if q.speaker in named
        ]
        held = [pair for pair in overlaps if pair[0] > 0]
        if not held:
            return result
        quote = max(held, key=lambda pair: pair[0])[1]
        words = self._quote_answer(quote, first.score, set(tokenize([question])[0]))
        return replace(result, answers=[words, *result.answers[1:]])

    def _speakers_named(self, person: str | None) -> list[str]:
        """The speakers `person` can mean; "Man-kei Tam of Amnesty International": the affiliation is no part of the
        name."""
        if not person:
            return []
        return self.speakers_matching(person) or self.speakers_matching(AFFILIATION.split(person, maxsplit=1)[0])

    def _named_speaker(self, question: str) -> PeopleQuestion | None:
        """A question no rule reads that asks for someone's words ("Did Tedros ever congratulate Kipchoge?") and names
        someone the archive quotes: loose, so that person's words come first and the story's follow. `question` has
        its names capitalised already (`capitalise_names`)."""
        candidates = speaker_candidates(question)
        # A surname before a given name: in "In the Kelly v. United States opinion, what did Justice Kagan write",
        # Kagan is asked, not the one Kelly the archive quotes; and a given name only as all that is written ("James"
        # of "James Hutton", "Paul" of "St Paul" are no one the archive quotes).
        whole = [
            name for name in candidates
            if not any(other.startswith(f"{name} ") or other.endswith(f" {name}") for other in candidates)
        ]  # fmt: skip
        named = next((name for name in candidates if self._speaker_names.matching(name)), None) or next(
            (name for name in whole if self._speaker_names.given_name(name)), None
        )
        if named is None:
            return None
        return PeopleQuestion("said", named, topic_without(question, named), loose=True)

    def _about_person(
        self, question: str, parsed: PeopleQuestion, top_k: int | None, *, since: dt.date | None, until: dt.date | None
    ) -> SearchResult | None:
        person = parsed.person or ""
        if parsed.kind == "wrote" and self.authors_matching(person):
            return self.by_author(question, person, parsed.topic or question, top_k, since=since, until=until)
        names = self._speakers_named(person)
        office = role_in(person)
        if office is not None and len(names) > 1:
            # "Sheriff Lee": of the Lees the archive quotes, the one it introduces as sheriff.
            names = [name for name in names if office.head in self._descriptions.get(name, ())] or names
        if names and not parsed.topic:
            return self.quotes_of(person)
        if names:
            return self.said(question, names, parsed.topic, top_k, since=since, until=until)
        if parsed.loose or office is not None:
            # "Polish interior minister's message ...": an office, which _by_role reads.
            return None
        closest = self.searcher.ask(parsed.topic or question, top_k, since=since, until=until)
        titles = list(dict.fromkeys(a.title for a in closest.answers)) or closest.closest
        return SearchResult(question, [], closest.took_ms, closest.date_range, True, titles, kind="speaker",
                            person=person, note=f"{person} is not quoted in the archive.")  # fmt: skip

    def _by_role(
        self, question: str, top_k: int | None, *, since: dt.date | None, until: dt.date | None
    ) -> SearchResult | None:
        """A question asking the words of someone named by an office ("What warning did the Azores regional president
        give?"): the quotes of the speakers the archive introduces by that office, ranked by the rest of the question,
        then the story's answers. Of several holders, those whose introductions share most of the words narrowing it
        ("regional") are searched; the topic chooses among them. None when no one quoted holds it or none of their
        quotes is about the topic."""
        role = role_in(question)
        if role is None or not _asks_words_of(question, role) or _TITLE_OF_A_NAME.match(question, role.end):
            # "General Gaafar al-Nimeiry": a title of someone named, whom the archive does not quote.
            return None
        holders = [name for name, words in self._descriptions.items() if role.head in words]
        if not holders:
            return None
        fit = {name: len(role.qualifiers & self._descriptions[name]) for name in holders}
        best = max(fit.values())
        names = [name for name in holders if fit[name] == best]
        topic = " ".join(f"{question[: role.start]} {question[role.end :]}".split())
        routed = self.said(question, names, topic, top_k, since=since, until=until)
        if routed.note is not None or not routed.answers:
            return None
        speaker = routed.answers[0].speaker
        routed = replace(routed, person=self._display(speaker) if speaker else routed.person)
        return self._then_topic_answers(routed, question, top_k, since=since, until=until)

    @cached_property
    def _descriptions(self) -> dict[str, frozenset[str]]:
        """The words around each quoted speaker's mentions in the articles that quote them (`roles.descriptions`),
        most quoted first; read on the first question that names an office."""
        found: dict[str, set[str]] = {name: set() for name, _ in self._speakers.most_common()}
        for article_id, quotes in self._by_article.items():
            # The passages hold every sentence of the article: a mention's clause lies in one of them.
            texts = [self._passages[i].text for i in self._passage_ids.get(article_id, range(0))]
            for speaker in {q.speaker for q in quotes if q.speaker}:
                words = strip_titles(speaker)
                for text in texts if words else []:
                    found[speaker] |= descriptions(text, words[-1])
        return {name: frozenset(words) for name, words in found.items()}

    def _then_topic_answers(
        self, routed: SearchResult, question: str, top_k: int | None, *, since: dt.date | None, until: dt.date | None
    ) -> SearchResult:
        """Fill the slots a person's own words leave with the topic search's answers.

        A loose question ("What did Ted Cruz propose ...?") may be answered by the story's narration rather than
        by the person's quotes, so the person's words come first and what the archive tells about it follows.
        """
        k = top_k or self.searcher.config.top_k
        if len(routed.answers) >= k:
            return routed
        topic = self.tag_speakers(self.searcher.ask(question, k, since=since, until=until))
        shown = [(a.article_id, a.start, a.end) for a in routed.answers]
        # Only what names the person: the story's other passages answer a question nobody asked of them.
        words = strip_titles(routed.person or "")
        named = re.compile(rf"\b{re.escape(words[-1])}\b") if words else None
        extra = [
            a for a in topic.answers
            if not any(a.article_id == aid and start <= a.start and a.end <= end for aid, start, end in shown)
            and (named is None or named.search(a.quote))
        ]
        return replace(routed, answers=routed.answers + extra[: k - len(routed.answers)])

    # -- speakers --

    def _display(self, speaker: str) -> str:
        return self._full_names.get(speaker, speaker)

    def speakers_matching(self, person: str) -> list[str]:
        """Every speaker name in the archive that `person` can mean, most quoted first; a given name alone means
        the one speaker who has it."""
        return self._speaker_names.matching(person) or self._speaker_names.given_name(person)

    def said(
        self,
        question: str,
        names: list[str],
        topic: str,
        top_k: int | None = None,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> SearchResult:
        """X's quotations ranked by `topic`; if none is about it, say so and give X's closest ones.

        A quotation scores by its own words and by the passage around it (which says what it is about):
        "I never threaten anybody" answers a question about threats, "It was a mistake" needs its context.
        """
        started = time.perf_counter()
        cfg = self.config
        k = top_k or self.searcher.config.top_k
        today = self.searcher.config.today or dt.date.today()
        date_range, query = parse_date_range(topic, today)
        explicit = bool(since or until)
        if explicit:
            date_range = DateRange(since, until)
        quotes = self._quotes_by(set(names))
        widened = None
        if date_range is not None:
            dated = [q for q in quotes if date_range.contains(self._date(q.article_id))]
            if dated or explicit or not self.searcher.config.widen_dates:
                quotes = dated
            else:
                # Like the topic search: dates read from the question may name the event, not the article.
                widened, date_range = date_range, None
        display = self._display(names[0])
        if not quotes:
            return SearchResult(question, [], 0.0, date_range, True, [], kind="speaker", person=display,
                                note=f"No quote of {display} in those dates.")  # fmt: skip
        qvec = self.searcher.embedder.encode_query(query.strip() or topic)
        held = [self._context_relevance(q, qvec) for q in quotes]
        context = np.array([relevance for relevance, _ in held])
        # Interview answers (_quotes_by gives them only for someone with no quotation) are read by their passages'
        # vectors, already in the index: an interviewee has a hundred, which would take seconds to embed.
        own = context if quotes[0].how == INTERVIEW_ANSWER else self._quote_vectors(quotes) @ qvec
        terms = set(tokenize([query])[0])
        shared = np.array([len(terms.intersection(t)) / max(len(terms), 1) for t in tokenize([q.text for q in quotes])])
        scores = cfg.quote_weight * own + (1 - cfg.quote_weight) * context + cfg.term_weight * shared
        passages = [passage for _, passage in held]
        around = self._rare_share(sorted(terms), passages) if cfg.passage_term_weight else 0.0
        order = self.cross_rerank(question, quotes, scores + cfg.passage_term_weight * around, passages)
        answers = [self._quote_answer(quotes[i], float(scores[i]), terms) for i in order[:k]]
        note = None
        # The first stage's best score decides, as in the topic search: the second stage only reorders.
        if scores.max() < cfg.min_score:
            answers = answers[: cfg.closest_quotes]
            note = f"No quote of {display} on {topic} in the archive; the closest of {display}'s quotes:"
        took = (time.perf_counter() - started) * 1000
        return SearchResult(question, answers, took, date_range, False, [], kind="speaker", person=display,
                            note=note, widened_from=widened)  # fmt: skip

    def cross_rerank(
        self, question: str, quotes: list[Quotation], scores: np.ndarray, passages: list[int | None]
    ) -> np.ndarray:
        """Indices of `quotes` best first: by `scores`, the first cross_encoder_depth reordered with the
        cross-encoder's reading of the question with each (`passages`: the passage holding each, or None)."""
        order = np.argsort(-scores, kind="stable")
        cfg = self.config
        if self.cross_encoder is None or len(order) < 2:
            return order
        head = order[: cfg.cross_encoder_depth]
        texts = []
        for i in head:
            quote, passage = quotes[i], passages[i]
            short = len(quote.text.split()) < cfg.cross_encoder_context_words
            text = self._passages[passage].text if short and passage is not None else quote.text
            texts.append(cross_encoder_text(self._articles[quote.article_id].title, text))
        cross = self.cross_encoder.scores(question, texts)
        return np.concatenate([head[combined_order(scores[head], cross, cfg.cross_encoder_weight)], order[len(head) :]])

    def _quotes_by(self, names: set[str]) -> list[Quotation]:
        """The person's quotations; their interview answers only when the archive quotes them nowhere else.

        Answers beside quotations outrank the very words a reporter chose to quote (bench/README.md), but
        without them someone only interviewed would be "not quoted in the archive".
        """
        mine = [q for qs in self._by_article.values() for q in qs if q.speaker in names]
        quoted = [q for q in mine if q.how != INTERVIEW_ANSWER]
        return quoted or mine

    def _rare_share(self, terms: list[str], passages: list[int | None]) -> np.ndarray:
        """Each passage's share of the rarity (BM25 idf) of `terms`; 0 where a quote lies in no passage."""
        weights = dict(zip(terms, self.searcher.index.lexical.idf(terms), strict=True))
        held = [p for p in passages if p is not None]
        tokens = dict(zip(held, tokenize([self._passages[p].text for p in held]), strict=True))
        return np.array([idf_coverage(weights, tokens[p]) if p is not None else 0.0 for p in passages])

    def _quote_vectors(self, quotes: list[Quotation]) -> np.ndarray:
        """Embed quotations once each, on first use (a person has tens, not thousands)."""
        missing = [q for q in quotes if (q.article_id, q.start) not in self._vector_cache]
        if missing:
            vectors = self.searcher.embedder.encode([q.text for q in missing])
            for q, v in zip(missing, vectors, strict=True):
                self._vector_cache[(q.article_id, q.start)] = v
        return np.stack([self._vector_cache[(q.article_id, q.start)] for q in quotes])

    def _context_relevance(self, quote: Quotation, qvec: np.ndarray) -> tuple[float, int | None]:
        """Relevance of the best passage holding part of the quotation, and that passage (None if none)."""
        span = self._passage_ids.get(quote.article_id, range(0))
        bounds = self._bounds[span.start : span.stop]
        ids = [span.start + int(i) for i in np.flatnonzero((bounds[:, 0] < quote.end) & (bounds[:, 1] > quote.start))]
        if not ids:
            return 0.0, None
        relevance = self._vectors[ids] @ qvec
        best = int(np.argmax(relevance))
        return float(relevance[best]), ids[best]

    def quotes_of(self, person: str, limit: int | None = None) -> SearchResult:
        """A person's quotations, newest first."""
        started = time.perf_counter()
        names = set(self.speakers_matching(person))
        quotes = self._quotes_by(names)
        quotes.sort(key=lambda q: (self._date(q.article_id) or dt.date.min, q.article_id, -q.start), reverse=True)
        answers = [self._quote_answer(q, 1.0, set()) for q in quotes[: limit or self.config.quotes_listed]]
        display = self._display(self.speakers_matching(person)[0]) if names else person
        note = None if answers else f"{person} is not quoted in the archive."
        took = (time.perf_counter() - started) * 1000
        return SearchResult(f"quotes of {person}", answers, took, None, not answers, [], kind="quotes",
                            person=display, note=note)  # fmt: skip

    def tag_speakers(self, result: SearchResult) -> SearchResult:
        """Label each answer that is mostly one person's quoted words with that person."""
        tagged = [replace(a, speaker=self.speaker_of(a.article_id, a.start, a.end)) for a in result.answers]
        return replace(result, answers=tagged)

    def speaker_of(self, article_id: str, start: int, end: int) -> str | None:
        best, share = None, 0.0
        for q in self._by_article.get(article_id, []):
            overlap = min(end, q.end) - max(start, q.start)
            if q.speaker and overlap > 0 and overlap / max(end - start, 1) > share:
                best, share = q.speaker, overlap / max(end - start, 1)
        return self._display(best) if best and share >= self.config.speaker_share else None

    def _quote_answer(self, quote: Quotation, score: float, terms: set[str]) -> Answer:
        start, end = _trim(quote.text, terms, self.config.quote_words)
        meta = self._articles[quote.article_id]
        return Answer(
            quote=quote.text[start:end],
            article_id=quote.article_id,
            title=meta.title,
            date=meta.date,
            url=meta.url,
            path=meta.path,
            score=score,
            start=quote.start + start,
            end=quote.start + end,
            speaker=self._display(quote.speaker) if quote.speaker else None,
            stale=self.searcher.changed_since_indexing(quote.article_id),
        )

    def _date(self, article_id: str) -> dt.date | None:
        return self._articles[article_id].date

    # -- bylines --

    def authors_matching(self, person: str) -> list[str]:
        """Article ids whose byline names `person`."""
        return [aid for aid, meta in self._articles.items() if _byline_has(meta.author or "", person)]

    def by_author(
        self,
        question: str,
        author: str,
        query: str,
        top_k: int | None = None,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> SearchResult:
        """Search only the articles whose byline names `author`."""
        ids = set(self.authors_matching(author))
        if not ids:
            return SearchResult(question, [], 0.0, None, True, [], kind="author", person=author,
                                note=f"No article in the archive is by {author}.")  # fmt: skip
        mask = self._articles_mask(ids)
        result = self.tag_speakers(self.searcher.ask(query, top_k, since=since, until=until, only=mask))
        byline = self._articles[next(iter(ids))].author
        return replace(result, question=question, kind="author", person=byline)

    def _articles_mask(self, ids: set[str]) -> np.ndarray:
        """Which passages belong to one of these articles."""
        mask = np.zeros(len(self._passages), dtype=bool)
        for aid in ids:
            span = self._passage_ids.get(aid)
            if span is not None:
                mask[span.start : span.stop] = True
        return mask

    # -- timelines --

    def timeline(
        self,
        question: str,
        topic: str,
        top_k: int | None = None,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        author: str | None = None,
    ) -> SearchResult:
        """The most relevant passage of each article on `topic`, oldest first (undated ones last)."""
        only = None
        if author:
            only = self._articles_mask(set(self.authors_matching(author)))
        k = top_k or self.config.timeline_max
        result = self._one_per_article.ask(topic, k, since=since, until=until, only=only)
        ordered = sorted(result.answers, key=lambda a: (a.date is None, a.date or dt.date.min, a.start))
        return replace(self.tag_speakers(result), question=question, answers=ordered, kind="timeline")


# An office right before a capitalised name (not "of", which "president of the Azores" reads).
_TITLE_OF_A_NAME = re.compile(r"\s+(?!Of\b)[A-Z][\w'’\-]")
_FRAGMENT_OPENING = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)
_ON = re.compile(r"\s+(?:on|about)\s+\S", re.IGNORECASE)
_ACCORDING_TO = re.compile(r"\b(?:according\s+to|per)\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)


def _asks_words_of(question: str, role: Role) -> bool:
    """Whether `question` asks for the words of the office holder: a word asking for words right after the office
    ("minister's message", "president describe") or just before it ("What warning did the president give"); not
    which holder it was ("Which Greek foreign minister said ...?" asks a name, which the story's answers give)."""
    before = question[: role.start].split()
    if before and before[-1].lower() in ("which", "what", "whose"):
        return False
    after = question[role.end :].split()[: CUE_WORDS + 1]
    return (
        asks_for_words(" ".join(after))
        or asks_for_words(" ".join(before[-CUE_WORDS + 1 :]))
        # "..., according to the fire service spokesman?": what the holder told.
        or _ACCORDING_TO.search(question, 0, role.start) is not None
        # "England's transport secretary on face masks": a fragment opening on the office, like "X on Y".
        or (_FRAGMENT_OPENING.fullmatch(question, 0, role.start) is not None and bool(_ON.match(question, role.end)))
    )


def _full_names(speakers: Counter[str]) -> dict[str, str]:
    """Map a surname-only speaker ("Reed") to the one full name the archive quotes with that surname, if any."""
    full = NameIndex(name for name, _ in speakers.most_common() if " " in name)
    mapping: dict[str, str] = {}
    for name in speakers:
        if " " not in name:
            candidates = full.matching(name)
            if len(candidates) == 1:
                mapping[name] = candidates[0]
    return mapping


def _byline_has(byline: str, person: str) -> bool:
    if not byline.strip() or not person.strip():
        return False
    parts = [p for p in byline.replace("&", ",").replace(" and ", ",").split(",") if p.strip()]
    return person.casefold() in byline.casefold() or any(same_person(person, p.strip()) for p in parts)


def _trim(text: str, terms: set[str], max_words: int) -> tuple[int, int]:
    """The span of `text` to show: all of it, or the sentences around the one sharing most words with `terms`."""
    if len(text.split()) <= max_words:
        return 0, len(text)
    spans = [s for a, b in paragraphs(text) for s in sentences(text, a, b)]
    if not spans:
        return 0, len(text)
    scores = [len(terms.intersection(t)) for t in tokenize([text[a:b] for a, b in spans])]
    lo = hi = max(range(len(spans)), key=scores.__getitem__)
    # Grow the window one sentence at a time, after then before, while it stays within max_words.
    grew = True
    while grew:
        grew = False
        for a, b in ((lo, hi + 1), (lo - 1, hi)):
            if a >= 0 and b < len(spans) and len(text[spans[a][0] : spans[b][1]].split()) <= max_words:
                lo, hi, grew = a, b, True
    return spans[lo][0], spans[hi][1]
