"""`model.quantize: auto`: bf16 only where the CPU (or GPU) computes it natively, read from /proc/cpuinfo."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.embed import PACKAGE_MODEL_ID, model_id_for
from index.precision import cpu_flags, resolve_precision, same_vectors

# Abridged /proc/cpuinfo of the two 2-core AMD EPYC machines these figures were measured on.
ZEN3 = """processor\t: 0
vendor_id\t: AuthenticAMD
model name\t: AMD EPYC
flags\t\t: fpu vme sse sse2 avx f16c avx2 smep bmi2 erms sha_ni vaes vpclmulqdq rdpid fsrm
bugs\t\t: sysret_ss_attrs

processor\t: 1
flags\t\t: fpu vme sse sse2 avx f16c avx2 smep bmi2 erms sha_ni vaes vpclmulqdq rdpid fsrm
"""
ZEN4 = """processor\t: 0
model name\t: AMD EPYC
flags\t\t: fpu sse avx2 avx512f avx512dq avx512_bf16 avx512_vnni vaes
"""
SAPPHIRE_RAPIDS = "flags\t\t: fpu avx2 avx512f amx_bf16 amx_tile amx_int8\n"


@pytest.mark.parametrize(
    ("cpuinfo", "native"),
    [(ZEN3, False), (ZEN4, True), (SAPPHIRE_RAPIDS, True), ("", False), ("Features\t: fp asimd\n", False)],
)
def test_native_bf16_flags(cpuinfo: str, native: bool) -> None:
    flags = cpu_flags(cpuinfo)
    assert ("avx512_bf16" in flags or "amx_bf16" in flags) is native
    assert resolve_precision("auto", device="cpu", cpu_bf16=native) == ("bf16" if native else "none")


def test_flags_of_every_core_and_nothing_else() -> None:
    flags = cpu_flags(ZEN3)
    assert {"avx2", "vaes", "fsrm"} <= flags
    assert not flags & {"AMD", "EPYC", "sysret_ss_attrs", "AuthenticAMD"}


@given(st.text(), st.lists(st.from_regex(r"[a-z0-9_]{1,12}", fullmatch=True), max_size=8))
def test_any_text_parses_and_a_flags_line_is_read_whole(noise: str, flags: list[str]) -> None:
    """Whatever else the file holds, a `flags` line's every word is found, and nothing is invented."""
    text = f"{noise}\nflags\t\t: {' '.join(flags)}\n{noise}"
    found = cpu_flags(text)
    assert set(flags) <= found
    words = {w for line in text.splitlines() for w in line.partition(":")[2].split()}
    assert found <= words


@pytest.mark.parametrize(
    ("quantize", "device", "cuda_bf16", "cpu_bf16", "expected"),
    [
        ("auto", "cuda", True, False, "bf16"),
        ("auto", "cuda", False, True, "none"),
        ("auto", "cpu", True, False, "none"),
        ("bf16", "cpu", False, False, "bf16"),  # asked for: kept, however slow
        ("none", "cpu", False, True, "none"),
        ("int8", "cpu", False, True, "int8"),
    ],
)
def test_resolve_precision(quantize: str, device: str, cuda_bf16: bool, cpu_bf16: bool, expected: str) -> None:
    assert resolve_precision(quantize, device=device, cuda_bf16=cuda_bf16, cpu_bf16=cpu_bf16) == expected


def test_bf16_and_float32_indexes_are_interchangeable_and_nothing_else() -> None:
    bf16, fp32, int8 = (model_id_for(None, q) for q in ("bf16", "none", "int8"))
    late = " [late chunking: paragraph]"
    assert same_vectors(bf16, fp32) and same_vectors(fp32 + late, bf16 + late)
    assert not same_vectors(int8, fp32) and not same_vectors(bf16, int8)
    assert not same_vectors(bf16, bf16 + late)
    assert not same_vectors(model_id_for(None, "bf16", "openvino"), fp32)
    assert not same_vectors(PACKAGE_MODEL_ID, "/models/other")
