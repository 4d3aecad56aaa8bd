"""Linear layers prepacked for oneDNN: the same outputs as the plain layers, every layer of the models packed, and
the plain layers kept where packing is unavailable or unfaithful."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from index import packed_linear
from index.cross_encoder import CrossEncoder
from index.embed import Embedder, default_model_path
from index.packed_linear import PackedLinear, pack_linears


def _network(dtype: torch.dtype) -> torch.nn.Sequential:
    torch.manual_seed(0)
    return torch.nn.Sequential(
        torch.nn.Linear(24, 40), torch.nn.GELU(), torch.nn.Linear(40, 8, bias=False), torch.nn.LayerNorm(8)
    ).to(dtype)


@settings(max_examples=25, deadline=None)
@given(
    rows=st.integers(1, 300),
    batch=st.integers(1, 3),
    dtype=st.sampled_from([torch.float32, torch.bfloat16]),
)
def test_packed_network_gives_the_plain_networks_output(rows: int, batch: int, dtype: torch.dtype) -> None:
    plain, packed = _network(dtype), _network(dtype)
    assert pack_linears(packed) == 2
    x = torch.randn(batch, rows, 24, generator=torch.Generator().manual_seed(rows)).to(dtype)
    with torch.inference_mode():
        expected, got = plain(x).float(), packed(x).float()
    assert got.shape == expected.shape
    tolerance = 1e-2 if dtype == torch.bfloat16 else 1e-5
    assert torch.allclose(got, expected, rtol=tolerance, atol=tolerance)


def test_plain_layers_stay_when_this_torch_cannot_pack(monkeypatch: pytest.MonkeyPatch) -> None:
    def cannot(*args: object) -> torch.Tensor:
        raise RuntimeError("mkldnn: no kernel for this CPU")

    monkeypatch.setattr(torch.ops.mkldnn, "_reorder_linear_weight", cannot)
    network = _network(torch.float32)
    assert pack_linears(network) == 0
    assert [type(m) for m in network] == [torch.nn.Linear, torch.nn.GELU, torch.nn.Linear, torch.nn.LayerNorm]


def test_plain_layers_stay_when_packed_output_differs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PackedLinear, "forward", lambda self, x: torch.zeros(*x.shape[:-1], self.out_features))
    network = _network(torch.float32)
    assert pack_linears(network) == 0
    assert not any(isinstance(m, PackedLinear) for m in network.modules())


@pytest.mark.parametrize("quantize", ["bf16", "none"])
def test_embedder_runs_every_linear_layer_packed(quantize: str) -> None:
    embedder = Embedder(quantize=quantize, device="cpu")
    kinds = [type(m) for m in embedder._model.modules()]
    assert torch.nn.Linear not in kinds
    # 6 layers x (query, key, value, attention output, feed-forward in and out) + the unused pooler
    assert kinds.count(PackedLinear) == 37


def test_cross_encoder_packs_its_layers_not_its_float32_head() -> None:
    encoder = CrossEncoder(default_model_path())
    assert not any(type(m) is torch.nn.Linear for m in encoder.net.bert.modules())
    assert type(encoder.net.head) is torch.nn.Linear


def test_embedder_vectors_match_an_unpacked_model(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["Police arrested two men.", "The Harbour Bridge reopened on Monday after eleven months of repairs."]
    packed = Embedder(quantize="none", device="cpu").encode(texts)
    monkeypatch.setattr(packed_linear, "_packs_faithfully", lambda linear: False)
    plain_embedder = Embedder(quantize="none", device="cpu")
    assert torch.nn.Linear in [type(m) for m in plain_embedder._model.modules()]
    plain = plain_embedder.encode(texts)
    assert (packed * plain).sum(axis=1).min() >= 0.99999
