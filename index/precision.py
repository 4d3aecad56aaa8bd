"""Which precision the models run in: bfloat16 only where the hardware computes it natively.

torch's bf16 is fast only where the CPU has bf16 instructions (AVX-512 BF16, AMX). Elsewhere torch
emulates them: on an AVX2-only AMD EPYC the embedder took 35.3 s for 191 Wikinews paragraphs in bf16 against
7.1 s in float32, and the cross-encoder 336 ms against 55 ms for a question's 3 passages (bench/README.md,
"Precision by CPU"). So `model.quantize: auto`, the default, asks the CPU (or the GPU) before choosing bf16.
"""

from __future__ import annotations

import functools
from pathlib import Path

CPUINFO = Path("/proc/cpuinfo")
# x86 flags of native bf16 arithmetic, as Linux names them in /proc/cpuinfo.
NATIVE_BF16_FLAGS = frozenset({"avx512_bf16", "amx_bf16"})
# What `index.embed.model_id_for` appends to a bf16 model's id (float32 appends nothing).
BF16_MARK = " [bf16]"


def cpu_flags(cpuinfo: str) -> frozenset[str]:
    """Every flag on the `flags` lines of a /proc/cpuinfo text (x86 Linux; other systems list none)."""
    flags: set[str] = set()
    for line in cpuinfo.splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip() == "flags":
            flags.update(value.split())
    return frozenset(flags)


@functools.cache
def cpu_has_native_bf16() -> bool:
    """Whether this machine's CPU computes bf16 natively; False where it cannot tell (not Linux, no /proc)."""
    try:
        text = CPUINFO.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return not NATIVE_BF16_FLAGS.isdisjoint(cpu_flags(text))


def resolve_precision(quantize: str, *, device: str, cuda_bf16: bool = False, cpu_bf16: bool | None = None) -> str:
    """The precision `model.quantize` means on this machine: `auto` is bf16 where the device computes it
    natively (`cuda_bf16`: torch.cuda.is_bf16_supported()), else float32 ("none"); other values stand."""
    if quantize != "auto":
        return quantize
    if device == "cuda":
        return "bf16" if cuda_bf16 else "none"
    native = cpu_has_native_bf16() if cpu_bf16 is None else cpu_bf16
    return "bf16" if native else "none"


def same_vectors(a: str, b: str) -> bool:
    """Whether two index model ids name interchangeable vectors: bf16 and float32 runs of one model agree to
    cosine 0.9999 (bench/README.md), so an index built on a CPU with bf16 serves on one without, and back."""
    return a.replace(BF16_MARK, "") == b.replace(BF16_MARK, "")
