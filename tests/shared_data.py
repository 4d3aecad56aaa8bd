"""Where the shared data sets live, and the rule that CI may not skip for want of them.

The data sets are read in place from `../shared` beside the repository (or the workplace's `/work/shared`).
A developer without them gets clean skips; in CI (`CI=true`) such a skip is a failure, so that the tests
that need them cannot go quietly missing. `tests/conftest.py` installs the hook below.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_CANDIDATES = (ROOT.parent / "shared", Path("/work/shared"))
SHARED = next((path for path in _CANDIDATES if path.is_dir()), _CANDIDATES[0])
WIKINEWS = SHARED / "data" / "wikinews"
SQUAD = SHARED / "data" / "squad-dev"
DISCORD_SPEC = SHARED / "data" / "discord-api-spec" / "openapi.json"


class SharedDataMissing(pytest.skip.Exception):
    """A skip because a shared data set is absent: a failure in CI."""


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_shared(path: Path) -> Path:
    """Return `path`, or skip the test (fail it in CI) when the shared data is absent."""
    if not path.exists():
        raise SharedDataMissing(
            f"{path} is absent: the shared data sets live beside the repository in ../shared",
            allow_module_level=True,
        )
    return path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    report: pytest.TestReport = yield
    if report.skipped and call.excinfo is not None and call.excinfo.errisinstance(SharedDataMissing) and in_ci():
        report.outcome = "failed"
        report.longrepr = f"CI must run every test, but shared data is missing: {call.excinfo.value.msg}"
    return report
