"""The embedding model on OpenVINO (`model.runtime: openvino`), converted locally from the packaged weights.

On a CPU with AVX-512 BF16, OpenVINO's bf16 inference (oneDNN kernels, fused attention and layer norms)
encodes Wikinews paragraphs ~3x faster than plain float32 sentence-transformers, against ~1.8x for torch's bf16
autocast (torch with bf16 weights, index/embed.py, draws level on a Xeon with AMX: 2.89x against 2.97x), with
vectors within cosine 0.9999 of float32 and independent of their batch-mates (bf16 rounds each value alone;
nothing is scaled per batch). The transformer alone runs in OpenVINO; tokenising, mean pooling over
the attention mask and L2 normalisation stay in Python, as sentence-transformers does them, so token vectors for
late chunking come out of the same call.

The model is never downloaded: the first use traces the verified PyTorch weights into OpenVINO's format in a
cache folder, with a checksum of every file it wrote; a later load checks them and converts again when they
differ. The converted weights are the same bytes whatever the run (checked by the tests).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from index.checksums import file_sha256
from index.errors import ModelError

log = logging.getLogger(__name__)

# Bump when the conversion changes: a cache written by another format is converted again.
CONVERSION_FORMAT = 1
IR_FILES = ("model.xml", "model.bin")
CHECKSUMS = "checksums.json"
INPUTS = ("input_ids", "attention_mask")


def import_openvino() -> Any:
    # OpenVINO's converter reports usage to Google Analytics (from a subprocess, ~35 requests per conversion)
    # unless a consent file in the user's home says no: library calls skip its opt-in dialog and count a missing
    # file as consent. An archive server sends nothing anywhere: with the telemetry package unimportable, the
    # converter falls back to its own no-op stub. Set before the first import of openvino, which is this one.
    sys.modules["openvino_telemetry"] = None  # type: ignore[assignment]
    try:
        import openvino
    except ImportError:
        raise ModelError("model.runtime openvino needs OpenVINO: pip install -e '.[openvino]'") from None
    return openvino


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/newsbot, else ~/.cache/newsbot."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsbot"


def cache_key(weights_sha256: str, ov: Any, torch: Any) -> str:
    """The cache folder's name: the weights, and the versions that shape the converted graph."""
    source = f"{weights_sha256} openvino {ov.get_version()} torch {torch.__version__} format {CONVERSION_FORMAT}"
    return f"openvino-{weights_sha256[:16]}-{hashlib.sha256(source.encode()).hexdigest()[:12]}"


def _verified(folder: Path) -> bool:
    """Whether `folder` holds a complete conversion whose files match their recorded checksums."""
    try:
        recorded = json.loads((folder / CHECKSUMS).read_text(encoding="utf-8"))["files"]
        return all(file_sha256(folder / name) == recorded[name] for name in IR_FILES)
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _convert(transformer: Any, ov: Any, torch: Any) -> Any:
    """Trace the transformer (token ids and attention mask in, last hidden state out) into an OpenVINO model
    with dynamic batch and sequence dimensions."""

    class LastHiddenState(torch.nn.Module):
        def __init__(self, model: Any) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    example = {name: torch.ones((2, 8), dtype=torch.long) for name in INPUTS}
    with torch.inference_mode(False), torch.no_grad(), warnings.catch_warnings():
        # The tracer warns of shape checks it freezes; they compare the mask with the ids, equal in every call.
        warnings.simplefilter("ignore", torch.jit.TracerWarning)
        model = ov.convert_model(
            LastHiddenState(transformer).eval(),
            example_input=example,
            input=[(name, ov.PartialShape([-1, -1]), ov.Type.i64) for name in INPUTS],
        )
    return model


def load_converted(transformer: Any, weights_sha256: str, cache_dir: Path | None) -> Any:
    """The OpenVINO model of `transformer`, read from the cache when its checksums hold, else converted (and
    cached when the cache folder is writable)."""
    ov = import_openvino()
    import torch

    root = cache_dir if cache_dir is not None else default_cache_dir()
    folder = root / cache_key(weights_sha256, ov, torch)
    core = ov.Core()
    if _verified(folder):
        return core.read_model(str(folder / "model.xml"))
    if folder.exists():
        log.warning("converted model in %s fails its checksums: converting again", folder)
    log.info("converting the embedding model to OpenVINO (first use; cached in %s)", folder)
    model = _convert(transformer, ov, torch)
    try:
        root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".converting-", dir=root))
        try:
            # float32 weights as traced: bf16 is applied at compile time, never a second rounding to fp16.
            ov.save_model(model, str(work / "model.xml"), compress_to_fp16=False)
            files = {name: file_sha256(work / name) for name in IR_FILES}
            (work / CHECKSUMS).write_text(
                json.dumps({"weights_sha256": weights_sha256, "files": files}, indent=1), encoding="utf-8"
            )
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(work, folder)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    except OSError as exc:
        # A concurrent conversion may have won the rename; otherwise run from memory this time.
        if not _verified(folder):
            log.warning("cannot cache the converted model in %s (%s): converting at every start", root, exc)
    return core.read_model(str(folder / "model.xml")) if _verified(folder) else model


class OpenVinoTransformer:
    """A compiled OpenVINO model: token ids and mask in, float32 last hidden states out.

    One compilation per thread count (a build's threads, and one for questions); an inference request per
    call, so concurrent questions never share one.
    """

    def __init__(self, model: Any, precision: str) -> None:
        self._ov = import_openvino()
        self._core = self._ov.Core()
        self._model = model
        self._precision = precision
        self._compiled: dict[int, Any] = {}
        self._lock = threading.Lock()

    def _compiled_for(self, threads: int) -> Any:
        with self._lock:
            if threads not in self._compiled:
                self._compiled[threads] = self._core.compile_model(
                    self._model,
                    "CPU",
                    {
                        "INFERENCE_PRECISION_HINT": self._precision,
                        "INFERENCE_NUM_THREADS": threads,
                        "NUM_STREAMS": 1,
                        "PERFORMANCE_HINT": "LATENCY",
                    },
                )
            return self._compiled[threads]

    def hidden_states(self, input_ids: np.ndarray, attention_mask: np.ndarray, threads: int) -> np.ndarray:
        request = self._compiled_for(threads).create_infer_request()
        result = request.infer({"input_ids": input_ids, "attention_mask": attention_mask})
        return np.asarray(result[0], dtype=np.float32).copy()
