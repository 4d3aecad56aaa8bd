"""Linear layers whose weights are laid out for the CPU's matrix kernels once, at load, not on every call.

torch's CPU `linear` hands the kernel a plain weight matrix, which oneDNN reorders into its blocked layout on
every call. For a question of a dozen tokens that reorder is a large part of the work: on a 2-core AMD EPYC with
AVX-512 BF16, a question's vector took 10.4 ms (p50) with plain bf16 layers and 8.4 ms packed, three
cross-encoder pairs 28.8 and 26.8 ms; in float32 16.3 -> 12.1 and 54.4 -> 45.8 ms (bench/README.md, "Packed
linear layers"). The results are the same numbers: the kernel is the same, only the weight's layout differs.
The packed weight is an opaque oneDNN tensor, so a packed module can be neither copied nor moved to a GPU: pack
last, on the CPU only. oneDNN takes its OpenMP team size from the calling thread, so a thread that runs packed
layers sets `torch.set_num_threads` itself.
"""

from __future__ import annotations

import logging

import torch

log = logging.getLogger(__name__)

# The rows a call is expected to carry: it picks the blocked layout, and any row count works with any layout
# (measured: 16 to 8,000 rows ran as fast with a hint of 16, 128 or 4,096).
ROWS_HINT = 64


class PackedLinear(torch.nn.Module):
    """`torch.nn.Linear`'s forward over a weight prepacked for oneDNN (inference only)."""

    def __init__(self, linear: torch.nn.Linear) -> None:
        super().__init__()
        self.in_features = linear.in_features
        self.out_features = linear.out_features
        self.register_buffer("weight", torch.ops.mkldnn._reorder_linear_weight(linear.weight.detach(), ROWS_HINT))
        self.register_buffer("bias", None if linear.bias is None else linear.bias.detach().clone())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.ops.mkldnn._linear_pointwise(x, self.weight, self.bias, "none", [], "")


def pack_linears(module: torch.nn.Module) -> int:
    """Replace every `torch.nn.Linear` inside `module` by a `PackedLinear`; return how many were replaced.

    Replaces none (and says why in the log) where this torch cannot pack, or where a packed layer does not give
    the plain layer's output: the plain layers are then the ones that run, as before.
    """
    found = [(parent, name, child) for parent in module.modules() for name, child in parent.named_children()]
    linears = [(parent, name, child) for parent, name, child in found if type(child) is torch.nn.Linear]
    if not linears or not _packs_faithfully(linears[0][2]):
        return 0
    for parent, name, child in linears:
        setattr(parent, name, PackedLinear(child))
    return len(linears)


def _packs_faithfully(linear: torch.nn.Linear) -> bool:
    if linear.weight.device.type != "cpu" or not torch.backends.mkldnn.is_available():
        log.info("linear layers left unpacked: packing is for the CPU with oneDNN (mkldnn) only")
        return False
    generator = torch.Generator().manual_seed(0)
    probe = torch.randn(3, 5, linear.in_features, generator=generator).to(linear.weight.dtype)
    try:
        with torch.inference_mode():
            packed, plain = PackedLinear(linear)(probe).float(), linear(probe).float()
    except (RuntimeError, AttributeError, NotImplementedError) as exc:
        log.info("linear layers left unpacked: this torch cannot pack them (%s)", str(exc).splitlines()[0])
        return False
    tolerance = 1e-2 if linear.weight.dtype == torch.bfloat16 else 1e-4
    if not torch.allclose(packed, plain, rtol=tolerance, atol=tolerance):
        log.info("linear layers left unpacked: packed output differs from the plain layer's")
        return False
    return True
