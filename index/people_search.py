"""Questions about people and stories, answered over a Searcher and the index's attributed quotations.

"What did X say about Y" searches only the passages holding X's quotations, ranks them by Y, and answers with
X's own quoted words; when none of them is about Y it says so and offers X's closest quotes, never someone
else's words. "What did X write about Y" (or an explicit author) searches only X's articles; "how did Y unfold"
answers with one passage per article, oldest first. Every other question goes to the Searcher unchanged, and
each answer that is mostly someone's quoted words is labelled with its speaker.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from index.lexical import tokenize
from index.models import Answer, SearchResult
from index.names import same_person
from index.people_questions import PeopleQuestion, parse_people_question
from index.search import Searcher
from index.sentences import paragraphs, sentences
from index.speakers import Quotation

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeopleConfig:
    # Below this relevance (of the passage holding X's best quote to Y), X is taken never to speak of Y.
    min_score: float = 0.3
    closest_quotes: int = 3
    timeline_max: int = 10
    # An answer is someone's words when a quotation of theirs covers at least this share of it.
    speaker_share: float = 0.5
    # A longer quotation is cut to its sentences around the best match.
    quote_words: int = 80
    quotes_listed: int = 10


class PeopleSearch:
    """Routes a question to speaker, author, timeline or plain topic search; thread-safe like the Searcher."""

    def __init__(self, searcher: Searcher, config: PeopleConfig | None = None) -> None:
        self.searcher = searcher
        self.config = config or PeopleConfig()
        contents = searcher.index.contents
        self._passages = contents.passages
        self._articles = contents.articles
        self._by_article: dict[str, list[Quotation]] = {}
        for q in contents.quotations:
            self._by_article.setdefault(q.article_id, []).append(q)
        self._speakers = Counter(q.speaker for q in contents.quotations if q.speaker)
        self._passage_ids: dict[str, list[int]] = {}
        for i, p in enumerate(self._passages):
            self._passage_ids.setdefault(p.article_id, []).append(i)

    @cached_property
    def _lenient(self) -> Searcher:
        """The same search without its relevance floor: for one speaker's quotes, the best is wanted anyway."""
        return Searcher(self.searcher.index, self.searcher.embedder, replace(self.searcher.config, min_score=-1.0))

    @cached_property
    def _one_per_article(self) -> Searcher:
        return Searcher(self.searcher.index, self.searcher.embedder, replace(self.searcher.config, max_per_article=1))

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
        parsed = parse_people_question(question)
        if timeline or (parsed and parsed.kind == "timeline"):
            topic = parsed.topic if parsed and parsed.kind == "timeline" else question
            return self.timeline(question, topic, top_k, since=since, until=until, author=author)
        if author:
            return self.by_author(question, author, question, top_k, since=since, until=until)
        if parsed is not None and parsed.person is not None:
            routed = self._about_person(question, parsed, top_k, since=since, until=until)
            if routed is not None:
                return routed
        return self.tag_speakers(self.searcher.ask(question, top_k, since=since, until=until))

    def _about_person(
        self, question: str, parsed: PeopleQuestion, top_k: int | None, *, since: dt.date | None, until: dt.date | None
    ) -> SearchResult | None:
        person = parsed.person or ""
        if parsed.kind == "wrote" and self.authors_matching(person):
            return self.by_author(question, person, parsed.topic or question, top_k, since=since, until=until)
        names = self.speakers_matching(person)
        if names and not parsed.topic:
            return self.quotes_of(person)
        if names:
            return self.said(question, names, parsed.topic, top_k, since=since, until=until)
        if parsed.loose:
            return None
        closest = self.searcher.ask(parsed.topic or question, top_k, since=since, until=until)
        titles = list(dict.fromkeys(a.title for a in closest.answers)) or closest.closest
        return SearchResult(question, [], closest.took_ms, closest.date_range, True, titles, kind="speaker",
                            person=person, note=f"{person} is not quoted in the archive.")  # fmt: skip

    # -- speakers --

    def speakers_matching(self, person: str) -> list[str]:
        """Every speaker name in the archive that `person` can mean, most quoted first."""
        return [name for name, _ in self._speakers.most_common() if same_person(person, name)]

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
        """X's quotations ranked by `topic`; if none is about it, say so and give X's closest ones."""
        cfg = self.config
        k = top_k or self.searcher.config.top_k
        wanted = set(names)
        display = names[0]
        found = self._lenient.ask(topic, k * 3, since=since, until=until, only=self._speaker_mask(wanted))
        terms = set(tokenize([topic])[0])
        answers: list[Answer] = []
        seen: set[tuple[str, int]] = set()
        for hit in found.answers:
            quote = self._best_quote(hit, wanted, terms)
            if quote is None or (quote.article_id, quote.start) in seen:
                continue
            seen.add((quote.article_id, quote.start))
            answers.append(self._quote_answer(quote, hit.score, terms))
        on_topic = bool(answers) and answers[0].score >= cfg.min_score
        note = None
        if not on_topic:
            answers = answers[: cfg.closest_quotes]
            note = f"No quote of {display} on {topic} in the archive; the closest of {display}'s quotes:"
        return SearchResult(question, answers[:k], found.took_ms, found.date_range, not answers, [],
                            kind="speaker", person=display, note=note)  # fmt: skip

    def quotes_of(self, person: str, limit: int | None = None) -> SearchResult:
        """A person's quotations, newest first."""
        started = time.perf_counter()
        names = set(self.speakers_matching(person))
        quotes = [q for qs in self._by_article.values() for q in qs if q.speaker in names]
        quotes.sort(key=lambda q: (self._date(q.article_id) or dt.date.min, q.article_id, -q.start), reverse=True)
        answers = [self._quote_answer(q, 1.0, set()) for q in quotes[: limit or self.config.quotes_listed]]
        display = self.speakers_matching(person)[0] if names else person
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
        return best if share >= self.config.speaker_share else None

    def _speaker_mask(self, names: set[str]) -> np.ndarray:
        mask = np.zeros(len(self._passages), dtype=bool)
        for aid, quotes in self._by_article.items():
            spans = [(q.start, q.end) for q in quotes if q.speaker in names]
            for i in self._passage_ids.get(aid, []) if spans else []:
                p = self._passages[i]
                mask[i] = any(s < p.end and e > p.start for s, e in spans)
        return mask

    def _best_quote(self, hit: Answer, names: set[str], terms: set[str]) -> Quotation | None:
        """Of the speaker's quotations in the hit's passage, the one sharing most words with the topic."""
        passage = next(
            (self._passages[i] for i in self._passage_ids.get(hit.article_id, [])
             if self._passages[i].start <= hit.start < self._passages[i].end),
            None,
        )  # fmt: skip
        if passage is None:
            return None
        quotes = [q for q in self._by_article.get(hit.article_id, [])
                  if q.speaker in names and q.start < passage.end and q.end > passage.start]  # fmt: skip
        if not quotes:
            return None
        return max(quotes, key=lambda q: (len(terms.intersection(tokenize([q.text])[0])), len(q.text)))

    def _quote_answer(self, quote: Quotation, score: float, terms: set[str]) -> Answer:
        start, end = _trim(quote.text, terms, self.config.quote_words)
        meta = self._articles[quote.article_id]
        return Answer(
            quote=quote.text[start:end],
            article_id=quote.article_id,
            title=meta["title"],
            date=self._date(quote.article_id),
            url=meta["url"],
            path=meta["path"],
            score=score,
            start=quote.start + start,
            end=quote.start + end,
            speaker=quote.speaker,
        )

    def _date(self, article_id: str) -> dt.date | None:
        value = self._articles[article_id]["date"]
        return dt.date.fromisoformat(value) if value else None

    # -- bylines --

    def authors_matching(self, person: str) -> list[str]:
        """Article ids whose byline names `person`."""
        return [aid for aid, meta in self._articles.items() if _byline_has(meta.get("author") or "", person)]

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
        mask = np.array([p.article_id in ids for p in self._passages], dtype=bool)
        result = self.tag_speakers(self.searcher.ask(query, top_k, since=since, until=until, only=mask))
        byline = self._articles[next(iter(ids))]["author"]
        return replace(result, question=question, kind="author", person=byline)

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
            ids = set(self.authors_matching(author))
            only = np.array([p.article_id in ids for p in self._passages], dtype=bool)
        k = top_k or self.config.timeline_max
        result = self._one_per_article.ask(topic, k, since=since, until=until, only=only)
        ordered = sorted(result.answers, key=lambda a: (a.date is None, a.date or dt.date.min, a.start))
        return replace(self.tag_speakers(result), question=question, answers=ordered, kind="timeline")


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
