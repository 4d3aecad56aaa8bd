"""The cross-encoder: reads the question and one passage together and scores how well the passage answers it.

The first stage embeds question and passage apart; most of its misses quote the right article but the wrong
passage (bench/README.md), which only a model that sees both at once can tell apart. The network is the packaged
MiniLM's first `layers` transformer layers, mean-pooled, then one linear output, fine-tuned on squad-dev by
`bench/train_cross_encoder.py`. The artifact holds every weight but the word embeddings, which stay frozen in
training and are taken from the packaged model at load: that keeps the artifact at a quarter of the model's size,
and it is why the artifact names the sha256 of the model it was trained from, checked against the folder it is
loaded over. The artifact's own sha256 is recorded below and checked at load, as the embedding model's is.
Search imports this module only when the cross-encoder is on, so torch is imported here at the top.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import torch
from transformers import BertModel

from index.checksums import file_sha256
from index.errors import CrossEncoderError
from index.packed_linear import pack_linears
from index.precision import cpu_has_native_bf16

log = logging.getLogger(__name__)

ARTIFACT = Path(__file__).resolve().parent / "data" / "cross_encoder.safetensors"
ARTIFACT_SHA256 = "e8cc336d8f91032247863f8e7c932aa68d43cecf993e2844930e7004fc14a42a"
WEIGHTS_FILE = "model.safetensors"
# A model folder that is a converted copy (the float16 one carried to a GPU to train) names its source here.
SOURCE_SHA256_FILE = "source.sha256"
# Question and passage together, in tokens: a two-sentence window with its title fits with room to spare.
MAX_LENGTH = 128
FROZEN = "bert.embeddings.word_embeddings.weight"


class CrossEncoderNet(torch.nn.Module):
    """BERT layers, mean pooling over the attention mask, one linear score."""

    def __init__(self, bert: BertModel) -> None:
        super().__init__()
        self.bert = bert
        self.head = torch.nn.Linear(bert.config.hidden_size, 1)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        # Pooled and scored in float32 whatever the layers ran in: a bf16 sum over the tokens rounds to 8 bits.
        hidden = self.bert(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state.float()
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(pooled).squeeze(-1)


def build_network(model_path: Path, layers: int) -> CrossEncoderNet:
    """The model folder's BERT cut to its first `layers` layers, with a fresh score head."""
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    bert = BertModel.from_pretrained(str(model_path), dtype=torch.float32, local_files_only=True)
    bert.pooler = None  # loaded, then dropped: the folder holds its weights, and the score pools by mean
    if not 1 <= layers <= len(bert.encoder.layer):
        raise CrossEncoderError(f"cross-encoder layers must be 1..{len(bert.encoder.layer)}, got {layers}")
    bert.encoder.layer = bert.encoder.layer[:layers]
    bert.config.num_hidden_layers = layers
    return CrossEncoderNet(bert)


def source_sha256(model_path: Path) -> str:
    """The sha256 of the packaged weights a model folder holds or was converted from."""
    named = model_path / SOURCE_SHA256_FILE
    if named.is_file():
        return named.read_text(encoding="utf-8").strip()
    return file_sha256(model_path / WEIGHTS_FILE)


def save_artifact(net: CrossEncoderNet, path: Path, layers: int, base_sha256: str) -> str:
    """Write every weight but the frozen word embeddings, as float16; return the file's sha256."""
    from safetensors.torch import save_file

    weights = {k: v.detach().to("cpu").half().contiguous() for k, v in net.state_dict().items() if k != FROZEN}
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"layers": str(layers), "max_length": str(MAX_LENGTH), "base_sha256": base_sha256}
    save_file(weights, str(path), metadata=meta)
    return file_sha256(path)


class CrossEncoder:
    """Scores (question, passage) pairs on the CPU; higher means the passage is more likely to answer."""

    def __init__(
        self,
        model_path: Path,
        artifact: Path = ARTIFACT,
        sha256: str | None = ARTIFACT_SHA256,
        *,
        threads: int = 1,
        workers: int | None = None,
        bf16: bool | None = None,
    ) -> None:
        from safetensors import safe_open
        from transformers import AutoTokenizer

        if not artifact.is_file():
            raise CrossEncoderError(
                f"cross-encoder weights {artifact} missing: reinstall, or set search.cross_encoder: false"
            )
        if sha256 is not None and file_sha256(artifact) != sha256:
            raise CrossEncoderError(f"cross-encoder weights {artifact} fail their checksum: reinstall the project")
        try:
            with safe_open(str(artifact), framework="pt") as handle:
                meta = handle.metadata() or {}
                weights = {k: handle.get_tensor(k).float() for k in handle.keys()}  # noqa: SIM118 - not a dict
        except Exception as exc:  # noqa: BLE001 - any unreadable file means the same fix
            raise CrossEncoderError(f"cross-encoder weights {artifact} unreadable: {exc}".splitlines()[0]) from None
        base = meta.get("base_sha256")
        if base and source_sha256(model_path) != base:
            raise CrossEncoderError(
                f"cross-encoder weights {artifact} were trained from another model than {model_path}: use the"
                " packaged model (model.path unset) or set search.cross_encoder off"
            )
        self.layers = int(meta.get("layers", "0"))
        self.max_length = int(meta.get("max_length", str(MAX_LENGTH)))
        self.threads = threads
        # bf16 only where the CPU computes it natively: emulated, 3 pairs took 336 ms under autocast, not 55 (fp32).
        self.bf16 = cpu_has_native_bf16() if bf16 is None else bf16
        self.workers = max(1, workers if workers is not None else min(2, os.cpu_count() or 1))
        self._executor: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self.net = build_network(model_path, self.layers)
        missing, unexpected = self.net.load_state_dict(weights, strict=False)
        if unexpected or set(missing) != {FROZEN}:
            raise CrossEncoderError(f"cross-encoder weights {artifact} do not fit the model: retrain them")
        self.net.eval()
        if self.bf16:
            # Cast once: autocast casts every weight again per call (on a Xeon with AMX, 3 passages took 55 ms
            # p50 under autocast, 40 ms with bf16 layers, 71 ms in float32; scores within 0.02 of float32's).
            self.net.bert.bfloat16()
        pack_linears(self.net.bert)
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_path), local_files_only=True)
        log.info("loaded cross-encoder %s (%d layers)", artifact.name, self.layers)

    def scores(self, question: str, passages: Sequence[str]) -> np.ndarray:
        if not passages:
            return np.zeros(0, dtype=np.float32)
        # One torch thread per forward pass, as for the question's embedding: two threads of one operation on a
        # machine whose other core is busy (a rebuild, another request) spin waiting for each other, 5 pairs then
        # took 1.5 s instead of 50 ms. The pairs are shared out to `workers` forward passes instead, each on its
        # own core when one is free; on a busy machine they take turns, no slower than one pass.
        groups = balanced_groups([len(question) + len(p) for p in passages], self.workers)
        if len(groups) == 1:
            return self._forward(question, list(passages))
        pool = self._pool()
        rest = [pool.submit(self._forward, question, [passages[i] for i in g]) for g in groups[1:]]
        parts = [self._forward(question, [passages[i] for i in groups[0]]), *(f.result() for f in rest)]
        out = np.empty(len(passages), dtype=np.float32)
        for group, part in zip(groups, parts, strict=True):
            out[group] = part
        return out

    def _forward(self, question: str, passages: list[str]) -> np.ndarray:
        # Set in the thread that runs the pass, every time: the packed layers' oneDNN kernels take their OpenMP
        # team size from the calling thread, which in a pool thread is otherwise every core.
        torch.set_num_threads(self.threads)
        batch = self.tokenizer(
            [question] * len(passages),
            passages,
            padding=True,
            # The longer side is cut first: the passage for any real question, but a pasted paragraph as a
            # question is cut too rather than failing ("only_second" raises when the question alone is too long).
            truncation="longest_first",
            max_length=self.max_length,
            return_tensors="pt",
        )
        with torch.inference_mode():
            out = self.net(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"])
        return out.float().numpy()

    def _pool(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.workers - 1, thread_name_prefix="cross-encoder")
            return self._executor


def balanced_groups(sizes: Sequence[int], workers: int) -> list[list[int]]:
    """Indices of `sizes` in at most `workers` non-empty groups of about equal total size, largest first."""
    groups: list[list[int]] = [[] for _ in range(max(1, min(workers, len(sizes))))]
    totals = [0] * len(groups)
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        lightest = totals.index(min(totals))
        groups[lightest].append(i)
        totals[lightest] += sizes[i]
    return [g for g in groups if g]


@functools.lru_cache(maxsize=2)
def shared_cross_encoder(model_path: Path) -> CrossEncoder:
    """One loaded cross-encoder per model folder, shared by every searcher (a reload after a rebuild too)."""
    return CrossEncoder(model_path)
