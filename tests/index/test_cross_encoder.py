"""The cross-encoder: its artifact is checked like the model's, and it reads question and passage together."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import example, given, settings
from hypothesis import strategies as st
from safetensors import safe_open
from safetensors.torch import save_file

from index.checksums import file_sha256
from index.cross_encoder import (
    ARTIFACT,
    ARTIFACT_SHA256,
    SOURCE_SHA256_FILE,
    CrossEncoder,
    balanced_groups,
    shared_cross_encoder,
)
from index.embed import OFFICIAL_SHA256, default_model_path
from index.errors import CrossEncoderError
from index.precision import cpu_has_native_bf16
from index.ranking import cross_encoder_text

SEED_TITLE = "Trump and Musk on X"
CHEUNG = (
    "In a statement, Trump campaign spokesman Steven Cheung urged the EU to \"mind their own business instead of"
    ' trying to meddle in the US Presidential election."'
)
OTHERS = [
    'He blamed the assassination attempt on a "lack of coordination."',
    "The session was intended to serve as a way for the former president to reach potentially millions of voters"
    " directly.",
    "Many users received a message reading, \u201cDetails not available.\"",
]


@pytest.fixture(scope="module")
def cross() -> CrossEncoder:
    return shared_cross_encoder(default_model_path())


def test_shipped_artifact_matches_its_recorded_checksum_and_the_packaged_model() -> None:
    assert file_sha256(ARTIFACT) == ARTIFACT_SHA256
    with safe_open(str(ARTIFACT), framework="pt") as handle:
        meta = handle.metadata()
        keys = set(handle.keys())  # noqa: SIM118 - not a dict
    assert meta["base_sha256"] == OFFICIAL_SHA256
    # The word embeddings come from the packaged model, so the artifact stays a fraction of its size.
    assert "bert.embeddings.word_embeddings.weight" not in keys
    assert ARTIFACT.stat().st_size < 50_000_000


def test_the_answering_passage_scores_highest(cross: CrossEncoder) -> None:
    texts = [cross_encoder_text(SEED_TITLE, t) for t in [*OTHERS, CHEUNG]]
    scores = cross.scores("Who speaks for the Trump campaign?", texts)
    assert scores.shape == (4,) and np.isfinite(scores).all()
    assert int(np.argmax(scores)) == 3


def test_the_question_changes_the_scores(cross: CrossEncoder) -> None:
    """A cross-encoder, not a passage prior: another question prefers another passage."""
    texts = [cross_encoder_text(SEED_TITLE, t) for t in [*OTHERS, CHEUNG]]
    scores = cross.scores("What did Trump blame the assassination attempt on?", texts)
    assert int(np.argmax(scores)) == 0


def test_a_passage_scores_the_same_alone_and_among_others(cross: CrossEncoder) -> None:
    question = "Who speaks for the Trump campaign?"
    alone = cross.scores(question, [CHEUNG])[0]
    among = cross.scores(question, [OTHERS[0], CHEUNG, OTHERS[1]])[1]
    assert alone == pytest.approx(among, abs=0.05)


def test_no_passages_no_scores(cross: CrossEncoder) -> None:
    assert cross.scores("anything", []).shape == (0,)


def test_pairs_shared_out_to_two_passes_score_as_in_one(cross: CrossEncoder) -> None:
    """Two workers (one forward pass each, on two cores when free) give each passage its one-pass score."""
    single = CrossEncoder(default_model_path(), workers=1)
    texts = [cross_encoder_text(SEED_TITLE, t) for t in [*OTHERS, CHEUNG]]
    question = "Who speaks for the Trump campaign?"
    paired = CrossEncoder(default_model_path(), workers=2).scores(question, texts)
    np.testing.assert_allclose(paired, single.scores(question, texts), atol=0.05)
    assert int(np.argmax(paired)) == 3


def test_every_forward_pass_runs_on_a_thread_whose_torch_count_it_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pool thread's OpenMP team is every core unless that thread sets its count: two passes of two threads each
    on two cores spin waiting for each other when the machine is busy."""
    encoder = CrossEncoder(default_model_path(), workers=2)
    set_in: set[int] = set()
    ran_in: list[int] = []
    set_threads, forward = torch.set_num_threads, encoder.net.forward

    def recording_set(n: int) -> None:
        assert n == 1
        set_in.add(threading.get_ident())
        set_threads(n)

    def recording_forward(*args: torch.Tensor) -> torch.Tensor:
        ran_in.append(threading.get_ident())
        return forward(*args)

    monkeypatch.setattr(torch, "set_num_threads", recording_set)
    monkeypatch.setattr(encoder.net, "forward", recording_forward)
    encoder.scores("Who speaks for the Trump campaign?", [*OTHERS, CHEUNG])
    assert len(set(ran_in)) == 2
    assert set(ran_in) <= set_in


def test_bf16_only_where_the_cpu_computes_it_and_both_precisions_agree(cross: CrossEncoder) -> None:
    """Emulated bf16 cost 6x float32 here, so the shared cross-encoder runs bf16 only on a CPU that has it; the
    two precisions order the passages alike and score within bf16's rounding."""
    assert cross.bf16 == cpu_has_native_bf16()
    texts = [cross_encoder_text(SEED_TITLE, t) for t in [*OTHERS, CHEUNG]]
    question = "Who speaks for the Trump campaign?"
    bf16 = CrossEncoder(default_model_path(), bf16=True).scores(question, texts)
    fp32 = CrossEncoder(default_model_path(), bf16=False).scores(question, texts)
    np.testing.assert_allclose(bf16, fp32, atol=0.1)
    assert list(np.argsort(bf16)) == list(np.argsort(fp32))


@given(st.lists(st.integers(min_value=0, max_value=500), max_size=12), st.integers(min_value=1, max_value=4))
def test_balanced_groups_share_out_every_pair_once(sizes: list[int], workers: int) -> None:
    """Every index in exactly one non-empty group, no more groups than workers, and no group heavier than an
    even share plus the largest single pair (largest first, each to the lightest group)."""
    groups = balanced_groups(sizes, workers)
    assert sorted(i for g in groups for i in g) == list(range(len(sizes)))
    assert all(groups) and len(groups) <= max(1, workers)
    if sizes:
        heaviest = max(sum(sizes[i] for i in g) for g in groups)
        assert heaviest <= sum(sizes) / len(groups) + max(sizes)


@settings(max_examples=40, deadline=None)
@example(question="Who said it? " * 100, passages=["A short passage.", "word " * 600])
@given(
    question=st.text(min_size=1, max_size=400),
    passages=st.lists(st.text(max_size=3000), min_size=1, max_size=4),
)
def test_any_text_gets_one_finite_score_per_passage(cross: CrossEncoder, question: str, passages: list[str]) -> None:
    """Questions come from anyone and passages from any file: empty, control characters, a question or a passage
    far past the model's 128 tokens (cut) all score, one finite number each, whatever their batch-mates."""
    scores = cross.scores(question, passages)
    assert scores.shape == (len(passages),) and np.isfinite(scores).all()
    assert scores[-1] == pytest.approx(cross.scores(question, passages[-1:])[0], abs=0.05)


def test_edited_artifact_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cross_encoder.safetensors"
    data = bytearray(ARTIFACT.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(CrossEncoderError, match="checksum") as err:
        CrossEncoder(default_model_path(), path, ARTIFACT_SHA256)
    assert "\n" not in str(err.value)


def test_missing_artifact_names_the_file_and_the_way_out(tmp_path: Path) -> None:
    with pytest.raises(CrossEncoderError, match="missing.*search.cross_encoder"):
        CrossEncoder(default_model_path(), tmp_path / "absent.safetensors")


def test_unreadable_artifact_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.safetensors"
    path.write_bytes(b"not a safetensors file")
    with pytest.raises(CrossEncoderError, match="unreadable") as err:
        CrossEncoder(default_model_path(), path, sha256=None)
    assert "\n" not in str(err.value)


def test_weights_over_another_model_are_refused(tmp_path: Path) -> None:
    """Only the word embeddings come from the model folder: over another model they would be nonsense."""
    folder = tmp_path / "model"
    shutil.copytree(default_model_path(), folder)
    (folder / SOURCE_SHA256_FILE).write_text("0" * 64)
    with pytest.raises(CrossEncoderError, match="another model"):
        CrossEncoder(folder, ARTIFACT, ARTIFACT_SHA256)


def test_weights_of_another_shape_are_refused(tmp_path: Path) -> None:
    with safe_open(str(ARTIFACT), framework="pt") as handle:
        meta = handle.metadata()
        weights = {k: handle.get_tensor(k) for k in handle.keys() if k != "head.weight"}  # noqa: SIM118
    path = tmp_path / "headless.safetensors"
    save_file(weights, str(path), metadata=meta)
    with pytest.raises(CrossEncoderError, match="do not fit"):
        CrossEncoder(default_model_path(), path, sha256=None)
