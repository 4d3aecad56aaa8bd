"""`index.importers`: every format from hand-written fixtures, what is never imported, stable files, bad input."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from index.articles import parse_article
from index.importers import ImportOptions, ImportSummary, import_source
from index.models import Article
from tests.conftest import ROOT
from tests.loopback_http import closed_port_url, serve

FIXTURES = ROOT / "tests" / "fixtures" / "import"
OPTIONS = ImportOptions(now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))


def run(source: Path | str, dest: Path, options: ImportOptions = OPTIONS, **kwargs: object) -> ImportSummary:
    return import_source(str(source), dest, options, progress=False, **kwargs)  # type: ignore[arg-type]


def articles(folder: Path) -> dict[str, Article]:
    """Every written file parsed back through the index's own reader, by file name."""
    return {
        p.name: parse_article(p.read_bytes(), p.stem, p.name) for p in sorted(folder.rglob("*.md"))
    }


def by_title(folder: Path) -> dict[str, Article]:
    return {a.title: a for a in articles(folder).values()}


def body(article: Article) -> str:
    return article.text[article.body_start :]


def test_rss_bodies_come_from_content_encoded_as_plain_paragraphs(tmp_path: Path) -> None:
    """RSS: content:encoded wins over description, tags and scripts go, entities are decoded, metadata kept."""
    summary = run(FIXTURES / "rss.xml", tmp_path)
    assert (summary.written, summary.failed) == (2, [])
    got = by_title(tmp_path / "rss")
    ferry = got["Ferry service resumes after & despite the storm"]
    assert body(ferry).strip().split("\n\n") == [
        "The harbour ferry carried its first passengers in nine days on Tuesday, the operator said.",
        "Captain Olsen told reporters: “The swell finally dropped below two metres at dawn.”",
        "Timetables for the spring season will be posted on the pier & online.",
    ]
    assert (ferry.date, ferry.author, ferry.url) == (
        dt.date(2024, 3, 12), "Maria Keane", "https://gazette.example.com/2024/03/ferry-service-resumes"
    )
    assert ferry.meta == {"source": "rss", "guid": "gazette-ferry-1001"}
    library = got["Library extends opening hours"]
    assert body(library).strip() == (
        "The county library will stay open until nine on weekdays from April, the council announced."
    )


def test_atom_entries_take_content_or_summary(tmp_path: Path) -> None:
    """Atom: content (HTML) or summary, published date before updated, author name."""
    run(FIXTURES / "atom.xml", tmp_path)
    got = by_title(tmp_path / "atom")
    frost = got["Orchard growers count frost damage"]
    assert frost.date == dt.date(2024, 5, 1) and frost.author == "Tomas Ferreira"
    assert "The growers’ association asked the county for emergency support." in body(frost)
    bridge = got["Bridge inspection finds no cracks"]
    assert bridge.date == dt.date(2024, 4, 20)
    assert bridge.meta["guid"] == "tag:courier.example.org,2024:bridge-inspection"


def test_wordpress_export_imports_only_published_posts(tmp_path: Path) -> None:
    """WXR: drafts, scheduled, private, password-protected, trashed posts, attachments, menu items, pages skipped."""
    summary = run(FIXTURES / "wordpress.xml", tmp_path)
    assert summary.failed == []
    assert summary.written == 2
    assert dict(summary.skipped) == {
        "draft": 1, "scheduled": 2, "private": 1, "password-protected": 1, "trash": 1, "attachment": 1,
        "menu item": 1, "page": 1,
    }
    assert set(by_title(tmp_path / "wordpress")) == {"Flood barrier passes its first test", "Market hall reopens"}
    everything = "".join(p.read_text() for p in tmp_path.rglob("*.md"))
    for secret in ("draft text", "Scheduled text", "Private notes", "Password-protected", "Trashed", "excerpt"):
        assert secret not in everything


def test_wordpress_pages_are_imported_when_configured(tmp_path: Path) -> None:
    """With pages on, the published page comes in too; nothing else that was skipped does."""
    summary = run(FIXTURES / "wordpress.xml", tmp_path, ImportOptions(pages=True, now=OPTIONS.now))
    assert summary.written == 3 and "page" not in summary.skipped
    assert "About the Valley Voice" in by_title(tmp_path / "wordpress")


def test_wordpress_content_loses_shortcodes_and_keeps_paragraphs(tmp_path: Path) -> None:
    """Blank lines are paragraphs; [caption] and [gallery] go with what they wrap; other shortcodes keep their text."""
    run(FIXTURES / "wordpress.xml", tmp_path)
    barrier = by_title(tmp_path / "wordpress")["Flood barrier passes its first test"]
    assert body(barrier).strip().split("\n\n") == [
        "The town's new flood barrier was tested for the first time on Monday, holding back a river swollen by "
        "three days of rain.",
        "Engineers said the steel gates closed in under four minutes & no water reached the market square.",
        "What happens next",
        "The council will publish the full test report in May, said deputy mayor Ruth Amsel.",
    ]
    assert barrier.author == "Jane Doe" and barrier.date == dt.date(2024, 4, 10)
    assert barrier.url == "https://voice.example.com/flood-barrier-test/"


def test_html_page_keeps_the_story_not_the_page_around_it(tmp_path: Path) -> None:
    """An article page: the story's paragraphs with title, date, author and canonical URL; no menus or footer."""
    run(FIXTURES / "article.html", tmp_path)
    [page] = articles(tmp_path / "article").values()
    assert page.title == "Night trains return to the coast line"
    assert (page.date, page.author) == (dt.date(2024, 2, 14), "Priya Natarajan")
    assert page.url == "https://herald.example.com/transport/night-trains-return"
    text = body(page)
    assert "with sleeping cars and a café carriage." in text
    assert "“Passengers kept asking us to bring the sleeper back,” said the operator’s director, Henrik Dahl." in text
    for boilerplate in ("Most read", "Privacy", "All rights reserved", "Weather", "<p>"):
        assert boilerplate not in text


def test_jsonl_reads_body_or_html_and_skips_empty_items(tmp_path: Path) -> None:
    """JSON Lines: `body` paragraphs as they are, `html` converted, an item without text skipped."""
    summary = run(FIXTURES / "articles.jsonl", tmp_path)
    assert (summary.written, dict(summary.skipped)) == (2, {"no text": 1})
    got = by_title(tmp_path / "articles")
    assert body(got["Council approves cycle lane"]).strip() == (
        "The council voted seven to two for a protected cycle lane on Station Road.\n\nWork starts in \"late summer\"."
    )
    assert got["Council approves cycle lane"].date == dt.date(2024, 6, 5)


def test_jsonl_field_names_are_mapped(tmp_path: Path) -> None:
    """The configured names are read instead of the default ones."""
    source = tmp_path / "cms.jsonl"
    source.write_text('{"headline": "Pier reopens", "published": "2024-07-01", "text": "The pier reopened."}\n')
    fields = {"title": "headline", "date": "published", "body": "text"}
    run(source, tmp_path / "out", ImportOptions(fields=fields))
    [article] = articles(tmp_path / "out").values()
    assert (article.title, article.date, body(article).strip()) == ("Pier reopens", dt.date(2024, 7, 1),
                                                                      "The pier reopened.")


def test_jsonl_imports_only_published_items_when_there_is_a_status(tmp_path: Path) -> None:
    """A `status` field other than published skips the item with the same reasons as WordPress."""
    source = tmp_path / "cms.jsonl"
    lines = [f'{{"guid": "{n}", "status": "{status}", "body": "Story {n}."}}'
             for n, status in enumerate(["published", "draft", "scheduled", "private", "Published", "archived"])]
    source.write_text("\n".join(lines) + '\n{"guid": "no-status", "body": "Story without a status."}\n')
    summary = run(source, tmp_path / "out")
    assert summary.written == 3
    assert dict(summary.skipped) == {"draft": 1, "scheduled": 1, "private": 1, "status archived": 1}


def test_reimport_writes_byte_identical_files(tmp_path: Path) -> None:
    """Importing the same sources again changes no byte and reports everything unchanged."""
    for name in ("rss.xml", "atom.xml", "wordpress.xml", "article.html", "articles.jsonl"):
        run(FIXTURES / name, tmp_path)
    first = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    again = ImportSummary()
    for name in ("rss.xml", "atom.xml", "wordpress.xml", "article.html", "articles.jsonl"):
        again.add(run(FIXTURES / name, tmp_path))
    assert (again.written, again.updated, again.unchanged) == (0, 0, 9)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == first


def test_a_correction_replaces_its_file(tmp_path: Path) -> None:
    """The same guid with new text (and a new URL) overwrites the article's file; no second file appears."""
    feed = tmp_path / "feed.xml"
    shutil.copy(FIXTURES / "rss.xml", feed)
    run(feed, tmp_path / "out")
    before = sorted((tmp_path / "out").rglob("*.md"))
    text = feed.read_text().replace("nine days", "ten days").replace("ferry-service-resumes", "ferry-back")
    feed.write_text(text)
    summary = run(feed, tmp_path / "out")
    assert (summary.written, summary.updated, summary.unchanged) == (0, 1, 1)
    assert sorted((tmp_path / "out").rglob("*.md")) == before
    ferry = by_title(tmp_path / "out")["Ferry service resumes after & despite the storm"]
    assert "in ten days" in body(ferry) and ferry.url == "https://gazette.example.com/2024/03/ferry-back"


@pytest.mark.parametrize(
    ("name", "cut", "reason"),
    [
        ("wordpress.xml", "<title><![CDATA[Market hall", "malformed XML"),
        ("rss.xml", "<title>Library", "malformed feed"),
        ("articles.jsonl", '"Empty item"', "line 4 is not valid JSON"),
    ],
)
def test_malformed_source_is_one_line_and_writes_nothing(tmp_path: Path, name: str, cut: str, reason: str) -> None:
    """A source broken after good items (truncated) fails as a whole: one line naming it, no file written."""
    text = (FIXTURES / name).read_text()
    broken = tmp_path / name
    broken.write_text(text[: text.index(cut) + len(cut) // 2])
    summary = run(broken, tmp_path / "out")
    assert summary.written == 0 and not list((tmp_path / "out").rglob("*"))
    [line] = summary.failed
    assert line.startswith(f"{broken}: {reason}") and "\n" not in line


@pytest.mark.parametrize("name", ["rss.xml", "wordpress.xml"])
def test_entity_declarations_are_refused(tmp_path: Path, name: str) -> None:
    """XML that declares entities (a billion-laughs bomb, a file-reading external entity) is refused unread."""
    text = (FIXTURES / name).read_text()
    bomb = (
        '<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    )
    poisoned = tmp_path / name
    poisoned.write_text(text.replace("<rss", bomb + "<rss", 1).replace("Flood barrier", "&lol2; &xxe;")
                        .replace("Ferry service", "&lol2; &xxe;"))
    summary = run(poisoned, tmp_path / "out")
    assert summary.written == 0 and not (tmp_path / "out").exists()
    assert summary.failed == [f"{poisoned}: declares XML entities, which are refused (they can expand without bound "
                              "or load files)"]


def test_format_is_detected_from_content_not_from_the_name(tmp_path: Path) -> None:
    """A feed saved as .txt and a WordPress export saved as .json are read as what they are."""
    shutil.copy(FIXTURES / "rss.xml", tmp_path / "news.txt")
    shutil.copy(FIXTURES / "wordpress.xml", tmp_path / "export.json")
    assert run(tmp_path / "news.txt", tmp_path / "out").written == 2
    assert run(tmp_path / "export.json", tmp_path / "out").skipped["draft"] == 1


def test_unknown_content_is_one_line(tmp_path: Path) -> None:
    """A file in no known format: one line saying so."""
    odd = tmp_path / "notes.md"
    odd.write_text("# Just some notes\n")
    assert run(odd, tmp_path / "out").failed == [
        f"{odd}: not a feed, a WordPress export, an HTML page or JSON Lines"
    ]


def test_folder_imports_every_file_and_reports_each_bad_one(tmp_path: Path) -> None:
    """A folder is one source: every visible file imported into one folder; a bad file fails alone."""
    folder = tmp_path / "dump"
    shutil.copytree(FIXTURES, folder)
    (folder / "broken.xml").write_text("<rss><channel><item>")
    (folder / ".hidden.xml").write_text("<rss>")
    summary = run(folder, tmp_path / "out")
    assert summary.written == 9
    [failed] = summary.failed
    assert failed.startswith(f"{folder / 'broken.xml'}: malformed feed: line ") and failed.endswith("no element found")
    assert {p.parent.name for p in (tmp_path / "out").rglob("*.md")} == {"dump"}


def test_urls_are_fetched_and_named_after_their_host(tmp_path: Path) -> None:
    """An http URL (a loopback server here) is fetched; its articles go to a folder named after the host."""
    with serve(FIXTURES) as base:
        summary = run(base + "atom.xml", tmp_path)
        missing = run(base + "gone.xml", tmp_path)
    assert summary.written == 2 and {p.parent.name for p in tmp_path.rglob("*.md")} == {"127.0.0.1"}
    assert missing.failed == [f"{base}gone.xml: HTTP 404 File not found"]


def test_network_error_is_one_line(tmp_path: Path) -> None:
    """An unreachable URL: one line naming it, nothing written."""
    url = closed_port_url()
    summary = run(url, tmp_path)
    [line] = summary.failed
    assert line.startswith(f"{url}: cannot fetch: ") and "\n" not in line
    assert not list(tmp_path.iterdir())


def test_summary_line_counts_and_reasons() -> None:
    """The summary names each count and the skip reasons, most frequent first."""
    summary = ImportSummary(written=3, updated=1, unchanged=5, failed=["x: bad"])
    summary.skipped.update({"private": 1, "draft": 2})
    assert summary.line() == (
        "import: 3 written, 1 updated, 5 unchanged, 3 skipped (2 draft, 1 private); 1 source failed"
    )
