"""A test that needs the shared data skips without it on a developer's machine, and fails in CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

NEEDS_SHARED = """
import pytest
from pathlib import Path
from tests.shared_data import require_shared

MISSING = Path("/nonexistent/shared/data")

@pytest.fixture
def archive():
    return require_shared(MISSING)

def test_in_a_fixture(archive):
    pass

def test_in_the_body():
    require_shared(MISSING)

def test_other_skip():
    pytest.skip("not about shared data")
"""


def outcomes(tmp_path: Path, ci: str | None) -> tuple[int, str]:
    """Run the three tests above in a pytest of their own (with the hook as a plugin): exit code and report."""
    (tmp_path / "test_needs_shared.py").write_text(NEEDS_SHARED)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONPATH"] = str(ROOT)
    if ci is not None:
        env["CI"] = ci
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.shared_data", "-p", "no:cacheprovider", "-q", "-rfs",
         "test_needs_shared.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    return done.returncode, done.stdout


@pytest.mark.parametrize("ci", [None, "false"])
def test_missing_shared_data_skips_outside_ci(tmp_path: Path, ci: str | None) -> None:
    """Without CI, each test that needs missing shared data is skipped with a message naming the folder."""
    code, summary = outcomes(tmp_path, ci)
    assert code == 0 and "3 skipped" in summary and "failed" not in summary
    assert "/nonexistent/shared/data is absent" in summary


def test_missing_shared_data_fails_in_ci(tmp_path: Path) -> None:
    """With CI=true the same two skips fail the run (an error in a fixture, a failure in the body); other skips
    stay skips."""
    code, summary = outcomes(tmp_path, "true")
    assert code == 1 and "1 failed, 1 skipped, 1 error" in summary, summary
    assert "CI must run every test, but shared data is missing" in summary
