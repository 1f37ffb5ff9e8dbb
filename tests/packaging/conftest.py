"""Running the built bundle in ``dist/threadline`` (``make dist`` first; ``make dist-check``).

Every test here is marked ``dist`` and left out of ``make test``: they need the bundle.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE

REPO = Path(__file__).resolve().parents[2]
BUNDLE = REPO / "dist" / "threadline"
TIMEOUT = 180


@pytest.fixture(scope="session")
def bundle() -> Path:
    if not (BUNDLE / "threadline").is_file():
        pytest.fail("There is no bundle in dist/threadline: run `make dist` first.")
    return BUNDLE


def bundle_env(**changes: str | None) -> dict[str, str]:
    """This test's environment (private HOME and XDG folders) with ``changes`` applied."""
    env = dict(os.environ)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run_bundle(bundle: Path, *args: str | Path,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / "threadline"), *map(str, args)], env=env or bundle_env(),
                          capture_output=True, text=True, timeout=TIMEOUT, check=False)


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


@pytest.fixture
def bundle_vault(bundle: Path, tmp_path: Path, passphrase_file: Path) -> Path:
    """A vault created by the bundle's own ``threadline init``."""
    folder = tmp_path / "vault"
    result = run_bundle(bundle, "init", "--vault", folder, "--passphrase-file", passphrase_file)
    assert result.returncode == 0, result.stderr
    return folder
