"""Embedding precision and device: bf16 vectors independent of their batch, ids that tell precisions apart, and
the default precision the one this CPU computes natively."""

from __future__ import annotations

import numpy as np
import pytest

from index.embed import PACKAGE_MODEL_ID, Embedder, model_id_for, pick_device
from index.errors import ModelError
from index.precision import resolve_precision

TEXTS = [
    "The Harbour Bridge reopened on Monday after eleven months of repairs costing 42 million euros.",
    "Mayor Ines Valdoro cut the ribbon at dawn.",
    "Storms closed the northern ferry route for a week, stranding about three hundred travellers on the island "
    "while engineers inspected the piers and the coast guard kept watch over the harbour entrance.",
    "Officials said the budget would be balanced by 2027.",
    "Police arrested two men.",
]


@pytest.fixture(scope="module")
def bf16() -> Embedder:
    return Embedder(quantize="bf16", device="cpu")


def test_default_precision_is_the_one_this_cpu_computes_natively(embedder: Embedder) -> None:
    """`auto` (the default) is bf16 on a CPU with AVX-512 BF16 or AMX and float32 elsewhere, and the index id
    names what ran, not `auto`."""
    assert embedder.quantize == resolve_precision("auto", device="cpu") in ("bf16", "none")
    assert embedder.model_id == model_id_for(None, embedder.quantize)


def test_bf16_vector_does_not_depend_on_its_batch(bf16: Embedder) -> None:
    """A passage embedded among others, alone, or with other batch-mates gets the same vector (cosine >= 0.9999)."""
    together = bf16.encode(TEXTS)
    alone = np.stack([bf16.encode([t])[0] for t in TEXTS])
    reordered = bf16.encode(TEXTS[::-1] + TEXTS[:2])[: len(TEXTS)][::-1]
    assert np.min(np.sum(together * alone, axis=1)) >= 0.9999
    assert np.min(np.sum(together * reordered, axis=1)) >= 0.9999
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_bf16_vectors_match_float32(bf16: Embedder) -> None:
    """What lets an index built in one precision serve in the other (index.precision.same_vectors)."""
    fp32 = Embedder(quantize="none", device="cpu")
    cosines = np.sum(bf16.encode(TEXTS) * fp32.encode(TEXTS), axis=1)
    assert np.min(cosines) >= 0.9999


def test_bf16_pools_in_float32(bf16: Embedder) -> None:
    """bf16 runs the layers only: a text's vector is the float32 mean of its token vectors, not a bf16 sum rounded
    to 8 bits (cosine 0.999997 to it when pooled in bf16)."""
    for (tokens, _), vector in zip(bf16.token_vectors(TEXTS), bf16.encode(TEXTS), strict=True):
        assert tokens.dtype == np.float32
        mean = tokens.mean(axis=0)
        assert float(mean @ vector / np.linalg.norm(mean)) >= 0.9999995


def test_token_vectors_pool_to_the_text_vector(embedder: Embedder) -> None:
    """Late chunking pools token vectors: their mean over a whole text is that text's ordinary vector, and each
    token's character span points into the text."""
    for (tokens, spans), text, vector in zip(embedder.token_vectors(TEXTS), TEXTS, embedder.encode(TEXTS)):
        assert tokens.shape == (len(spans), embedder.dimension) == (embedder.count_tokens(text), embedder.dimension)
        mean = tokens.mean(axis=0)
        assert float(mean @ vector / np.linalg.norm(mean)) >= 0.9999
        words = [text[a:b] for a, b in spans if b > a]
        assert words[0].lower() == text.split()[0].lower()[: len(words[0])]


def test_precision_is_part_of_the_model_id() -> None:
    """An index of bf16 vectors is not silently read with int8 or float32 ones."""
    assert model_id_for(None) == PACKAGE_MODEL_ID
    ids = {model_id_for(None, q) for q in ("none", "bf16", "int8")}
    assert len(ids) == 3


@pytest.mark.parametrize(
    ("device", "cuda", "expected"),
    [("auto", False, "cpu"), ("auto", True, "cuda"), ("cpu", True, "cpu"), ("cuda", True, "cuda")],
)
def test_device_choice(device: str, cuda: bool, expected: str) -> None:
    assert pick_device(device, cuda) == expected


def test_cuda_without_gpu_is_refused_in_one_line() -> None:
    with pytest.raises(ModelError, match=r"model.device is cuda but torch sees no CUDA GPU") as info:
        pick_device("cuda", False)
    assert "\n" not in str(info.value)


def test_unknown_precision_is_refused() -> None:
    with pytest.raises(ModelError, match="model.quantize"):
        Embedder(quantize="fp8")
