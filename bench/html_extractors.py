"""Which extractor pulls an article out of a web page best: trafilatura, jusText, or every <p> of the page.

Each Wikinews article (../shared/data/wikinews) is rendered into a news page in one of three layouts (semantic
<article>; nested <div>s with no semantic tags; an old CMS page with the story among table cells), surrounded by
what real pages carry: navigation, a "most read" list of other headlines, share buttons, a cookie notice,
related stories, reader comments and a footer. Each extractor's paragraphs are compared with the article's own
paragraphs: precision and recall of words (multiset overlap), exact paragraphs recovered, time per page.

    python -m bench.html_extractors [--limit N]
"""

from __future__ import annotations

import argparse
import html
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import justext

from index.articles import parse_article
from index.importers.html_page import parse_page
from index.importers.html_text import clean_line, html_to_paragraphs

WIKINEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews"


def _page(title: str, paragraphs: list[str], others: list[str], layout: int, rng: random.Random) -> str:
    esc = html.escape
    body = "".join(f"<p>{esc(p)}</p>\n" for p in paragraphs)
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in ["World", "Politics", "Business", "Sport"])
    most_read = "".join(f'<li><a href="/s/{i}">{esc(t)}</a></li>' for i, t in enumerate(others[:5]))
    related = "".join(f'<p class="teaser"><a href="/r/{i}">{esc(t)}</a></p>' for i, t in enumerate(others[5:8]))
    comments = "".join(
        f'<div class="comment"><p class="who">reader{i}</p><p>{esc(rng.choice(others))}? I disagree with this '
        f"article entirely, as usual.</p></div>" for i in range(3)
    )
    head = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{esc(title)} | Daily Example</title>"
            f"<meta property='og:title' content='{esc(title)}'></head><body>")
    chrome_top = (f"<div class='cookie'><p>We use cookies to improve your experience. By continuing you accept "
                  f"our cookie policy.</p></div><header><ul class='nav'>{nav}</ul></header>")
    share = "<div class='share'><p>Share this story: Facebook Twitter Email</p></div>"
    footer = ("<footer><p>© 2024 Daily Example Media Group. All rights reserved.</p>"
              "<p>Contact us · Privacy policy · Terms of use · Advertise</p></footer>")
    if layout == 0:
        main = (f"<main><article><h1>{esc(title)}</h1>{body}</article>{share}"
                f"<section class='related'><h2>Related</h2>{related}</section>"
                f"<section class='comments'><h2>Comments</h2>{comments}</section></main>"
                f"<aside><h3>Most read</h3><ul>{most_read}</ul></aside>")
    elif layout == 1:
        main = (f"<div id='wrap'><div class='col-8'><div class='story'><div class='headline'>{esc(title)}</div>"
                f"<div class='text'>{body}</div>{share}</div><div class='more'>{related}</div>"
                f"<div class='discussion'>{comments}</div></div>"
                f"<div class='col-4'><div class='box'><b>Most read</b><ul>{most_read}</ul></div></div></div>")
    else:
        main = (f"<table width='100%'><tr><td class='left'><ul>{most_read}</ul></td><td class='content'>"
                f"<font size='5'>{esc(title)}</font><br>{body}{share}</td><td class='right'>{related}</td></tr>"
                f"</table>{comments}")
    return head + chrome_top + main + footer + "</body></html>"


def _trafilatura(page: str) -> list[str]:
    try:
        return parse_page(page.encode(), "page.html").body.split("\n\n")
    except Exception:  # noqa: BLE001 - a failed extraction counts as nothing extracted
        return []


def _justext(page: str) -> list[str]:
    return [p.text for p in justext.justext(page.encode(), justext.get_stoplist("English")) if not p.is_boilerplate]


def _all_paragraphs(page: str) -> list[str]:
    return html_to_paragraphs(page)


EXTRACTORS: dict[str, Callable[[str], list[str]]] = {
    "trafilatura (as imported)": _trafilatura,
    "jusText alone": _justext,
    "every paragraph (no extractor)": _all_paragraphs,
}


def _words(paragraphs: list[str]) -> Counter[str]:
    return Counter(w for p in paragraphs for w in re.findall(r"\w+", p.lower()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=293)
    parser.add_argument("--wikinews", type=Path, default=WIKINEWS, help="folder of Wikinews .md articles")
    args = parser.parse_args()
    rng = random.Random(11)
    files = sorted(args.wikinews.glob("*.md"))[: args.limit]
    if not files:
        raise SystemExit(f"no articles in {args.wikinews}: pass --wikinews /path/to/shared/data/wikinews")
    articles = [parse_article(p.read_bytes(), p.stem, p.name) for p in files]
    titles = [a.title for a in articles]
    cases = []
    for n, a in enumerate(articles):
        paragraphs = [clean_line(p) for p in a.text[a.body_start :].split("\n\n") if clean_line(p)]
        others = rng.sample([t for t in titles if t != a.title], 8)
        cases.append((paragraphs, _page(a.title, paragraphs, others, n % 3, rng)))
    print(f"{len(cases)} Wikinews articles as pages in 3 layouts (python -m bench.html_extractors)")
    print(f"{'extractor':32} {'word P':>7} {'word R':>7} {'word F1':>7} {'exact paras':>11} {'pages losing text':>17} "
          f"{'F1 per layout (article/divs/table)':>35} {'ms/page':>8}")
    timings: dict[str, list[float]] = {name: [] for name in EXTRACTORS}
    scores: dict[str, list[tuple[float, float, float]]] = {name: [] for name in EXTRACTORS}
    for truth, page in cases:
        for name, extract in EXTRACTORS.items():  # interleaved, so machine load hits every extractor alike
            started = time.perf_counter()
            got = extract(page)
            timings[name].append((time.perf_counter() - started) * 1000)
            want, have = _words(truth), _words([clean_line(p) for p in got])
            overlap = sum((want & have).values())
            exact = len(set(truth) & {clean_line(p) for p in got}) / len(truth)
            scores[name].append((overlap / max(sum(have.values()), 1), overlap / max(sum(want.values()), 1), exact))
    for name in EXTRACTORS:
        p, r, f1, exact = _means(scores[name])
        losing = sum(1 for s in scores[name] if s[1] < 1) / len(scores[name])
        layouts = "/".join(f"{_means(scores[name][k::3])[2]:.3f}" for k in range(3))
        print(f"{name:32} {p:7.3f} {r:7.3f} {f1:7.3f} {exact:11.3f} {losing:17.3f} {layouts:>35} "
              f"{statistics.median(timings[name]):8.1f}")


def _means(rows: list[tuple[float, float, float]]) -> tuple[float, float, float, float]:
    p = statistics.mean(s[0] for s in rows)
    r = statistics.mean(s[1] for s in rows)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0, statistics.mean(s[2] for s in rows)


if __name__ == "__main__":
    main()
