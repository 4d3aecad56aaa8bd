"""The hand labels issue 15 is measured on still point at the words they label.

A label whose offsets drift from its article (an article edited in ../shared, a label typed by hand) would count
as a miss without anyone noticing; a row of an undeclared split would be measured under no name.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from index.articles import parse_article
from index.names import fold
from tests.shared_data import SQUAD, WIKINEWS, require_shared

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _attribution_module() -> ModuleType:
    """bench/_attribution.py, where the splits are declared (bench/ is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("bench_attribution", BENCH / "_attribution.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


ATTRIBUTION = _attribution_module()
# The third item: whether a quotation may be asked again in another split (the rephrased sets ask labelled
# quotations in other words; a later set may ask one an earlier set asked, never twice in one set).
LABEL_FILES = [
    (ATTRIBUTION.EVAL, WIKINEWS, ATTRIBUTION.SPLITS, False),
    (ATTRIBUTION.SQUAD_EVAL, SQUAD / "articles", ATTRIBUTION.SQUAD_SPLITS, False),
    (ATTRIBUTION.REPHRASED, WIKINEWS, ATTRIBUTION.REPHRASED_SPLITS, True),
]


@pytest.mark.parametrize(
    ("path", "articles", "splits", "again_per_split"), LABEL_FILES, ids=["wikinews", "squad-dev", "rephrased"]
)
def test_every_label_holds_its_words(path: Path, articles: Path, splits: dict[str, str], again_per_split: bool) -> None:
    require_shared(articles)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    texts: dict[str, str] = {}
    seen: set[tuple[str, str, int]] = set()
    for row in rows:
        if row["kind"] == "negative":
            assert row["person"] and row["question"], row
            continue
        assert row["kind"] == "quotation", row
        assert row["split"] in splits, f"split {row['split']!r} is not declared in bench/_attribution.py"
        if row["article"] not in texts:
            file = articles / f"{row['article']}.md"
            texts[row["article"]] = parse_article(file.read_bytes(), row["article"], file.name).text
        assert texts[row["article"]][row["start"] : row["end"]] == row["words"], row
        key = (row["split"] if again_per_split else "", row["article"], row["start"])
        assert key not in seen, f"labelled twice: {row['article']}@{row['start']}"
        seen.add(key)
        assert row["speaker"] is None or row["speaker"].strip() == row["speaker"] != ""


def test_rephrased_questions_ask_for_labelled_quotations() -> None:
    """Each question asked in other words points at a quotation of the Wikinews labels, with its speaker."""
    labels = {
        (row["article"], row["start"], row["end"]): row["speaker"]
        for row in map(json.loads, ATTRIBUTION.EVAL.read_text(encoding="utf-8").splitlines())
        if row["kind"] == "quotation"
    }
    rows = [json.loads(line) for line in ATTRIBUTION.REPHRASED.read_text(encoding="utf-8").splitlines()]
    asked = [row for row in rows if row["kind"] == "quotation"]
    assert asked and all(row["question"].strip() for row in asked)
    for row in asked:
        speaker = labels.get((row["article"], row["start"], row["end"]))
        assert speaker is not None and speaker == row["speaker"], row


def _name_words(text: str) -> set[str]:
    """Words of three letters or more, folded, hyphenated ones also in parts, possessives left out."""
    words = {fold(w) for w in re.findall(r"[^\W\d_][\w\-]*", re.sub(r"['’]s\b", " ", text))}
    return {part for w in words for part in (w, *w.split("-")) if len(part) > 2}


def test_no_rephrased_question_slipped_onto_its_neighbours_quotation() -> None:
    """A writer once shifted 22 questions one row down: each asked about the speaker of the row before. A question that
    names the speaker of a neighbouring row of its set, and not its own, is such a slip. (A question may name its
    speaker by office alone, "Scotland's first minister", so naming no one is allowed.)"""
    rows = [json.loads(line) for line in ATTRIBUTION.REPHRASED.read_text(encoding="utf-8").splitlines()]
    by_split: dict[str, list[dict]] = {}
    for row in rows:
        if row["kind"] == "quotation":
            by_split.setdefault(row["split"], []).append(row)
    slipped = []
    for split, asked in by_split.items():
        for i, row in enumerate(asked):
            words = _name_words(row["question"])
            if words & _name_words(row["speaker"]):
                continue
            neighbours = [asked[j]["speaker"] for j in (i - 1, i + 1) if 0 <= j < len(asked)]
            if any(other != row["speaker"] and words & _name_words(other) for other in neighbours):
                slipped.append(f"{split} #{i}: {row['question']}")
    assert not slipped, slipped


def test_topic_questions_naming_people_have_their_answer_in_the_narration() -> None:
    """Each answer string stands in its article outside every quotation (a fact the reporter states, not anyone's
    words), and each question names someone the labels quote."""
    require_shared(WIKINEWS)
    spec = importlib.util.spec_from_file_location("bench_topic_names", BENCH / "_topic_names.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    speakers = {
        row["speaker"] for row in map(json.loads, ATTRIBUTION.EVAL.read_text(encoding="utf-8").splitlines())
        if row["kind"] == "quotation" and row["speaker"]
    }  # fmt: skip
    rows = [json.loads(line) for line in module.TOPIC_NAMES.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 299 and len({row["question"] for row in rows}) == 299
    for row in rows:
        file = WIKINEWS / f"{row['article']}.md"
        text = parse_article(file.read_bytes(), row["article"], file.name).text
        assert row["person"] in speakers, row
        asked = {fold(word) for word in re.findall(r"\w+", row["question"])}
        assert asked & {fold(word) for word in re.findall(r"\w+", row["person"])}, row
        for answer in row["answers"]:
            places = [m.start() for m in re.finditer(re.escape(answer), text)]
            assert any(_outside_quotes(text, at) for at in places), row


def _outside_quotes(text: str, at: int) -> bool:
    """Whether position `at` of `text` lies outside any double quotation opened earlier in its paragraph."""
    before = text[text.rfind("\n\n", 0, at) + 1 : at]
    return before.count('"') % 2 == 0 and before.count("“") <= before.count("”")
