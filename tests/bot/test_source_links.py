"""Every answer names where its article can be read: its url, the configured template, or its file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import ConfigError, load_settings
from bot.discord_format import source_line
from bot.formatting import linked
from bot.formatting import source_line as terminal_source_line
from index.models import Answer, SearchResult

TEMPLATE = "https://archive.example.com/{article_id}"


def answer(**changes: object) -> Answer:
    fields: dict[str, object] = {
        "quote": "Steven Cheung urged the EU to mind their own business.", "article_id": "2024/000_ff47",
        "title": "Trump recounts his assassination attempt", "date": dt.date(2024, 8, 13), "url": None,
        "path": "2024/000_ff47.txt", "score": 0.81, "start": 0, "end": 10,
    }
    fields.update(changes)
    return Answer(**fields)  # type: ignore[arg-type]


def linked_answer(template: str | None, **changes: object) -> Answer:
    return linked(SearchResult("q", [answer(**changes)], 1.0), template).answers[0]


def test_front_matter_url_wins_over_the_template() -> None:
    """An article's own url is kept even when a template is configured."""
    assert linked_answer(TEMPLATE, url="https://news.example.com/a").url == "https://news.example.com/a"


def test_template_fills_in_the_article_id() -> None:
    """Without a url, the template gives the link, with the article id (its path without extension) in it."""
    assert linked_answer(TEMPLATE).url == "https://archive.example.com/2024/000_ff47"


def test_no_template_leaves_the_answer_unlinked() -> None:
    """Without a url or a template, the answer keeps no url (and is cited by its path)."""
    assert linked_answer(None).url is None


@given(st.text(min_size=1, max_size=80))
def test_any_article_id_makes_one_web_address(article_id: str) -> None:
    """Whatever a file is called, its link is one address (no spaces, no ')' to end markdown) naming that file."""
    url = linked_answer(TEMPLATE, article_id=article_id).url
    assert url is not None and url.startswith("https://archive.example.com/")
    assert not set(url) & set(" \n\t()<>[]`")
    assert unquote(urlsplit(url).path.removeprefix("/")) == article_id


def test_discord_links_the_title_to_the_web_address() -> None:
    """In Discord, the title is the link."""
    line = source_line(linked_answer(TEMPLATE))
    assert line.startswith("— [Trump recounts his assassination attempt](https://archive.example.com/2024/000_ff47)")


def test_discord_cites_the_file_path_without_a_web_address() -> None:
    """A plain-text article without url or template shows its bold title and its path as inline code."""
    line = source_line(answer())
    assert line == "— **Trump recounts his assassination attempt** · `2024/000_ff47.txt` · 2024-08-13 · score 0.81"


def test_discord_path_with_a_backtick_stays_one_code_span() -> None:
    """A backtick in a file name cannot end the code span early and spill markdown."""
    line = source_line(answer(path="odd`name *bold*.txt"))
    assert line.count("`") == 2 and "`odd'name *bold*.txt`" in line


def test_terminal_shows_the_template_link() -> None:
    """The CLI shows the same link as Discord."""
    assert "· https://archive.example.com/2024/000_ff47 (score" in terminal_source_line(linked_answer(TEMPLATE))


def write_config(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text(text, encoding="utf-8")
    return folder / "config.yaml"


def test_config_reads_the_template(tmp_path: Path) -> None:
    """`article_url` in config.yaml is the template."""
    config = write_config(tmp_path, f'article_url: "{TEMPLATE}"\n')
    assert load_settings(config, environ={}).article_url == TEMPLATE


@pytest.mark.parametrize("template", ["https://archive.example.com/", "https://a.example/{id}",
                                      "archive/{article_id}", "https://a.example/{article_id}/{0}"])
def test_config_refuses_a_template_without_its_one_placeholder(tmp_path: Path, template: str) -> None:
    """A template without {article_id}, with another placeholder or not a web address fails at start-up."""
    config = write_config(tmp_path, f'article_url: "{template}"\n')
    with pytest.raises(ConfigError, match=r"setting 'article_url'.*\{article_id\}"):
        load_settings(config, environ={})
