"""`newsbot import` as a user runs it, and the import settings in config.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.config import ConfigError, load_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def newsbot_import(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, ["import", *args])
    return done.exit_code, done.stdout, done.stderr


def test_import_prints_one_summary_line_and_one_line_per_bad_source(tmp_path: Path) -> None:
    """Good and bad sources together: the good ones land, each bad one is one error line, exit code 1."""
    missing = tmp_path / "missing.xml"
    code, out, err = newsbot_import(str(FIXTURES / "wordpress.xml"), str(missing), "--articles", str(tmp_path / "a"))
    assert code == 1
    assert err.splitlines() == [f"error: {missing}: no such file or folder"]
    assert out.splitlines()[0] == (
        "import: 2 written, 0 updated, 0 unchanged, 9 skipped (2 scheduled, 1 attachment, 1 draft, 1 menu item, "
        "1 page, 1 password-protected, 1 private, 1 trash); 1 source failed"
    )
    assert len(list((tmp_path / "a" / "wordpress").glob("*.md"))) == 2


def test_import_again_reports_everything_unchanged(tmp_path: Path) -> None:
    """A second import of the same source writes nothing and says so; exit code 0."""
    args = (str(FIXTURES / "rss.xml"), "--articles", str(tmp_path))
    newsbot_import(*args)
    code, out, err = newsbot_import(*args)
    assert (code, err) == (0, "")
    assert out == "import: 0 written, 0 updated, 2 unchanged, 0 skipped\n"


def test_config_maps_jsonl_field_names(tmp_path: Path) -> None:
    """importing.fields in config.yaml renames the JSON Lines fields that are read."""
    (tmp_path / "config.yaml").write_text("importing:\n  fields: {title: headline, body: text}\n")
    (tmp_path / "cms.jsonl").write_text('{"headline": "Pier reopens", "text": "The pier reopened on Monday."}\n')
    code, out, _ = newsbot_import(str(tmp_path / "cms.jsonl"), "--config", str(tmp_path / "config.yaml"),
                                  "--articles", str(tmp_path / "a"))
    assert code == 0 and out.startswith("import: 1 written")
    [written] = (tmp_path / "a" / "cms").glob("*.md")
    assert 'title: "Pier reopens"' in written.read_text() and "The pier reopened on Monday." in written.read_text()


def test_config_refuses_an_unknown_jsonl_field(tmp_path: Path) -> None:
    """A mapping for a field the importer does not know is a one-line configuration error naming it."""
    path = tmp_path / "config.yaml"
    path.write_text("importing:\n  fields: {headline: title}\n")
    with pytest.raises(ConfigError, match=r"setting 'importing\.fields\.headline\.\[key\]'"):
        load_settings(path, environ={})
