"""Embed a large backfill on Ray: one model per Ray worker, the build itself unchanged.

`RayEmbedder` stands in for an `Embedder` in `build_index`: tokenising and chunking stay in this process, and
every batch of texts is cut into shards that Ray workers embed in parallel. bf16 and float32 vectors do not
depend on their batch-mates, so the index equals a local build (cosine >= 0.9999 per passage).
Ray is an optional extra (`pip install -e '.[ray]'`).
"""

from __future__ import annotations

import logging
import os
from typing import Any

import numpy as np

from index.embed import Embedder
from index.errors import ModelError

log = logging.getLogger(__name__)

# Texts per task: large enough that Ray's per-task overhead is small, small enough to spread a chunk.
SHARD = 128


class _Worker:
    """A Ray actor holding one loaded model."""

    def __init__(self, options: dict[str, Any]) -> None:
        self._embedder = Embedder(**options)

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._embedder.encode(texts)

    def token_vectors(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        return self._embedder.token_vectors(texts)


class RayEmbedder:
    """Embeds on Ray workers; counts tokens with the local model's tokenizer."""

    def __init__(self, local: Embedder, options: dict[str, Any], *, address: str | None, workers: int | None) -> None:
        try:
            import ray
        except ImportError:
            raise ModelError("--executor ray needs Ray: pip install -e '.[ray]'") from None
        self._ray = ray
        self._local = local
        self._started = not ray.is_initialized()
        if self._started:
            if address is None:
                # A cluster Ray starts reports usage stats to Anyscale unless told not to: a newsroom's build
                # sends nothing (the variable reaches the cluster's processes; a user's own setting wins).
                os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            # Without an address Ray starts a local cluster of this machine's cores, and stops it on shutdown.
            ray.init(address=address, num_cpus=None if address else workers, include_dashboard=False,
                     log_to_driver=False, configure_logging=False)  # fmt: skip
        count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1)(_Worker)
        # One core per worker: workers share no memory, so each runs its own single-threaded model, in the
        # precision this machine resolved (`auto` on a worker could choose another than the index records).
        worker_options = {**options, "threads": 1, "quantize": local.quantize}
        self._workers: list[Any] = [actor.remote(worker_options) for _ in range(count)]
        log.info("embedding on %d Ray workers (%s)", count, address or "local Ray")
        self.model_id = local.model_id
        self.dimension = local.dimension
        self.max_tokens = local.max_tokens
        self.quantize = local.quantize
        self.threads = local.threads

    def count_tokens(self, text: str) -> int:
        return self._local.count_tokens(text)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.concatenate(self._map("encode", texts))

    def token_vectors(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        return [item for part in self._map("token_vectors", texts) for item in part]

    def encode_query(self, text: str) -> np.ndarray:
        return self._local.encode_query(text)

    def shutdown(self) -> None:
        """Stop the workers, and the local Ray when this embedder started it."""
        for worker in self._workers:
            self._ray.kill(worker)
        self._workers = []
        if self._started:
            self._ray.shutdown()

    def _map(self, method: str, texts: list[str]) -> list[Any]:
        shards = [texts[i : i + SHARD] for i in range(0, len(texts), SHARD)]
        futures = [
            getattr(self._workers[n % len(self._workers)], method).remote(shard) for n, shard in enumerate(shards)
        ]
        return self._ray.get(futures)
