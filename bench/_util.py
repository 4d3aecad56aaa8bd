"""Small helpers shared by the benchmark sections: timing, percentiles, memory, fingerprints, tables."""

from __future__ import annotations

import functools
import hashlib
import json
import sys
import time
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def log(message: str) -> None:
    """Progress notes go to stderr, so stdout stays the clean report."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def out(text: str = "") -> None:
    print(text, flush=True)


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def pct(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=np.float64), q)) if len(values) else float("nan")


def latency_stats(ms: Sequence[float]) -> dict[str, float]:
    return {
        "n": len(ms),
        "p50_ms": pct(ms, 50),
        "p95_ms": pct(ms, 95),
        "p99_ms": pct(ms, 99),
        "mean_ms": float(np.mean(ms)) if len(ms) else float("nan"),
    }


@contextmanager
def stopwatch():
    """`with stopwatch() as t: ...` then `t()` is the elapsed seconds (frozen at exit)."""
    started = time.perf_counter()
    end: list[float] = []
    yield lambda: (end[0] if end else time.perf_counter()) - started
    end.append(time.perf_counter())


def _status_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def rss_bytes() -> int | None:
    kb = _status_kb("VmRSS")
    return None if kb is None else kb * 1024


def peak_rss_bytes() -> int | None:
    kb = _status_kb("VmHWM")
    return None if kb is None else kb * 1024


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0); False when the kernel does not allow it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def sha_of(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()


def files_fingerprint(paths: Iterable[Path], root: Path | None = None) -> str:
    """Content hash of files (path relative to `root` + bytes), in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        name = path.relative_to(root).as_posix() if root else path.name
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


# Modules used only when answering: editing them must not invalidate cached indexes.
QUERY_TIME_MODULES = {"search.py", "ranking.py", "dates.py", "__init__.py", "features.py", "rerank.py", "synonyms.py"}


@functools.cache
def build_code_fingerprint() -> str:
    """Hash of the index/ modules that shape a built index (everything but the query-time ones), read once: the
    code this process runs, which `Bench` imports before it asks. Read again at each build, a file edited while a
    long run goes on filed an index the old code built under the new code's key."""
    return files_fingerprint([p for p in (ROOT / "index").glob("*.py") if p.name not in QUERY_TIME_MODULES])


def git_describe() -> str:
    import subprocess

    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no", "--", "index", "bot"],
            capture_output=True,
            text=True,
            timeout=5,
        ).stdout.strip()
        return head + (" + uncommitted changes in index/ or bot/" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "?"


# ---- formatting ------------------------------------------------------------------------------------------


def f3(x: float | None) -> str:
    return "-" if x is None or x != x else f"{x:.3f}"


def f1(x: float | None) -> str:
    return "-" if x is None or x != x else f"{x:.1f}"


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or a != a or b != b or b == 0:
        return "-"
    return f"{a / b:.2f}x"


def points(a: float | None, b: float | None) -> str:
    if a is None or b is None or a != a or b != b:
        return "-"
    return f"{100 * (a - b):+.1f}"


def human_bytes(n: float | None) -> str:
    if n is None:
        return "-"
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], indent: str = "  ") -> str:
    """Plain aligned text: the first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        parts = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=False)]
        lines.append(indent + "  ".join(parts).rstrip())
        if n == 0:
            lines.append(indent + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def heading(title: str) -> None:
    out()
    out(f"== {title} " + "=" * max(0, 100 - len(title) - 4))
