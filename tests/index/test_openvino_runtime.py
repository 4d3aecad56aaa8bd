"""model.runtime openvino: the packaged model converted locally, vectors as torch's, independent of their batch,
the runtime part of the index's model id, and bad settings refused in one line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.config import ConfigError, load_settings
from bot.service import AnswerService, expected_vectors_id
from index.embed import PACKAGE_MODEL_ID, Embedder, model_id_for
from index.errors import IndexMismatchError, ModelError
from index.late_chunking import embed_articles
from index.models import Article
from index.passages import chunk_article
from tests.conftest import SEEDS, make_settings
from tests.index.test_embed import TEXTS


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(scope="module")
def openvino_embedder(cache_dir: Path) -> Embedder:
    pytest.importorskip("openvino")
    return Embedder(runtime="openvino", cache_dir=cache_dir)


def test_vectors_match_torch_and_float32(openvino_embedder: Embedder, embedder: Embedder) -> None:
    """OpenVINO bf16 gives the torch path's vectors: cosine >= 0.9999 to torch bf16 and to float32."""
    vectors = openvino_embedder.encode(TEXTS)
    fp32 = Embedder(quantize="none", device="cpu")
    assert np.min(np.sum(vectors * embedder.encode(TEXTS), axis=1)) >= 0.9999
    assert np.min(np.sum(vectors * fp32.encode(TEXTS), axis=1)) >= 0.9999
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    query = openvino_embedder.encode_query(TEXTS[0])
    assert float(query @ vectors[0]) >= 0.9999


def test_vector_does_not_depend_on_its_batch(openvino_embedder: Embedder) -> None:
    """A text embedded alone, among others, or with other batch-mates (other padding) gets the same vector."""
    together = openvino_embedder.encode(TEXTS)
    alone = np.stack([openvino_embedder.encode([t])[0] for t in TEXTS])
    reordered = openvino_embedder.encode(TEXTS[::-1] + TEXTS[:2])[: len(TEXTS)][::-1]
    long_mate = openvino_embedder.encode(TEXTS + [" ".join(TEXTS * 3)])[: len(TEXTS)]
    for other in (alone, reordered, long_mate):
        assert np.min(np.sum(together * other, axis=1)) >= 0.9999


def test_token_vectors_for_late_chunking(openvino_embedder: Embedder, embedder: Embedder) -> None:
    """Token vectors and spans as torch gives them, so late chunking works on this runtime too."""
    ours, torch_tokens = openvino_embedder.token_vectors(TEXTS), embedder.token_vectors(TEXTS)
    for (tokens, spans), (expected, expected_spans) in zip(ours, torch_tokens):
        assert tokens.shape == expected.shape and tokens.dtype == np.float32
        assert np.array_equal(spans, expected_spans)
        cosines = np.sum(tokens * expected, axis=1) / np.linalg.norm(tokens, axis=1) / np.linalg.norm(expected, axis=1)
        assert np.min(cosines) >= 0.999
    article = Article("a", "a.md", "\n\n".join(TEXTS), 0, "A title", False, None, None, None, "h")
    jobs = [(article, chunk_article(article, 2, 240, embedder.count_tokens))]
    late = embed_articles(openvino_embedder, jobs, True, 256, embedder.count_tokens)
    expected_late = embed_articles(embedder, jobs, True, 256, embedder.count_tokens)
    assert np.min(np.sum(late * expected_late, axis=1)) >= 0.9999


def test_conversion_is_cached_with_checksums(openvino_embedder: Embedder, cache_dir: Path) -> None:
    """The converted model is cached with its checksums; a damaged cache is converted again, not used."""
    (folder,) = [p for p in cache_dir.iterdir() if p.name.startswith("openvino-")]
    recorded = json.loads((folder / "checksums.json").read_text())
    assert set(recorded["files"]) == {"model.xml", "model.bin"}
    before = openvino_embedder.encode(TEXTS[:2])
    with (folder / "model.bin").open("r+b") as handle:
        handle.seek(1000)
        byte = handle.read(1)
        handle.seek(1000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    again = Embedder(runtime="openvino", cache_dir=cache_dir)
    # The weights convert to the same bytes (the graph's node names may differ within one process).
    assert json.loads((folder / "checksums.json").read_text())["files"]["model.bin"] == recorded["files"]["model.bin"]
    assert np.min(np.sum(again.encode(TEXTS[:2]) * before, axis=1)) >= 0.99999


def test_runtime_is_part_of_the_model_id() -> None:
    """An index embedded by torch is not read with OpenVINO's vectors, nor the other way round."""
    assert model_id_for(None, "bf16") == f"{PACKAGE_MODEL_ID} [bf16]"  # torch indexes keep their id
    ids = {model_id_for(None, q, r) for q in ("none", "bf16") for r in ("torch", "openvino")}
    assert len(ids) == 4


def test_index_built_by_another_runtime_is_refused(
    tmp_path: Path, openvino_embedder: Embedder, embedder: Embedder
) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles)
    torch_settings = make_settings(articles, tmp_path / "index")
    ov_settings = torch_settings.model_copy(
        update={"model": torch_settings.model.model_copy(update={"runtime": "openvino"})}
    )
    assert expected_vectors_id(ov_settings) == openvino_embedder.model_id != expected_vectors_id(torch_settings)
    service = AnswerService(ov_settings, embedder=openvino_embedder, progress=False)
    service.rebuild()
    assert "Steven Cheung" in service.ask("Who speaks for the Trump campaign?").answers[0].quote
    with pytest.raises(IndexMismatchError, match=r"runtime: openvino.*index build --full") as info:
        AnswerService(torch_settings, embedder=embedder, progress=False).load(build_if_missing=False)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"runtime": "onnx"}, "unknown model.runtime 'onnx': choose one of torch, openvino"),
        ({"runtime": "openvino", "quantize": "int8"}, "model.quantize int8 runs on model.runtime torch only"),
        ({"runtime": "openvino", "device": "cuda"}, "model.runtime openvino runs on the CPU only"),
    ],
)
def test_bad_runtime_settings_are_refused_in_one_line(options: dict[str, str], message: str) -> None:
    with pytest.raises(ModelError, match=message) as info:
        Embedder(**options)  # type: ignore[arg-type]
    assert "\n" not in str(info.value)


def test_bad_runtime_in_config_names_the_setting(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("model:\n  runtime: onnx\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="setting 'model.runtime'") as info:
        load_settings(config, environ={})
    assert "\n" not in str(info.value)
    config.write_text("model:\n  runtime: openvino\n  cache_dir: cache\n", encoding="utf-8")
    model = load_settings(config, environ={}).model
    assert model.runtime == "openvino" and model.cache_dir == tmp_path.resolve() / "cache"
