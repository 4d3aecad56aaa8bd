"""model.runtime openvino sends nothing over the network: OpenVINO's converter reports usage to Google Analytics
unless a consent file says no, and counts a missing file as consent. A fresh process converts the packaged model
with no consent file, outside CI (its telemetry stays quiet when CI=true, which would hide the leak here), and
records every name it resolves, in the forked senders too."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROBE = textwrap.dedent(
    """
    import socket, sys
    from pathlib import Path

    log = Path(sys.argv[1])

    def refuse(host, *args, **kwargs):
        with log.open("a") as out:  # a file, so that forked senders' lookups are seen too
            out.write(f"{host}\\n")
        raise OSError("no network in this test")

    socket.getaddrinfo = refuse
    from index.embed import Embedder

    Embedder(runtime="openvino", quantize="bf16", cache_dir=Path(sys.argv[2])).encode(["The minister spoke."])
    """
)


def test_converting_and_encoding_resolve_no_host(tmp_path: Path) -> None:
    pytest.importorskip("openvino")
    home, log = tmp_path / "home", tmp_path / "lookups.txt"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "TF_BUILD", "JENKINS_URL"}}
    env["HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(log), str(tmp_path / "cache")],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    hosts = log.read_text().split() if log.exists() else []
    assert [h for h in hosts if h not in {"localhost", "127.0.0.1", "::1"}] == []
