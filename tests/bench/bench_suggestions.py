"""Theme suggestions on the large vault: learning time, suggestion latency, bundle size.

Targets (issue 19): learning in the background within 10 s, a suggestion within 30 ms.
The size is what the implementation adds to the bundle (its own modules: numpy was a
dependency already) and, when ``THREADLINE_BENCH_SKLEARN_VENV`` names a throwaway venv
holding scikit-learn (``python -m venv V && V/bin/pip install scikit-learn``), what
scikit-learn with the packages it requires (scipy, joblib, threadpoolctl, narwhals) would
have added instead.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.services.hub import Services
from db.suggestions.learn import FOLDS, MEASURED, Suggester, train
from db.vault.vault import Vault
from tests.bench.harness import ROOT, Figure, Recorder, timed
from tests.conftest import PASSPHRASE

RUNS = int(os.environ.get("THREADLINE_BENCH_RUNS", "3"))
SECTION = "Theme suggestions"
OWN_MODULES = ("db/suggestions/*.py", "desktop/gui/themes/suggest*.py")
SKLEARN_STACK = ("scikit-learn", "scipy", "joblib", "threadpoolctl", "narwhals")
SIZE_OF = """
import importlib.metadata as m, json, pathlib, sys
sizes = {}
for name in sys.argv[1:]:
    d = m.distribution(name)
    sizes[name] = sum(pathlib.Path(d.locate_file(f)).stat().st_size for f in d.files or ()
                      if pathlib.Path(d.locate_file(f)).is_file())
print(json.dumps(sizes))
"""


@pytest.fixture(scope="module")
def big_vault(large_vault: Path) -> Iterator[Vault]:
    vault = Vault.open(large_vault)
    vault.unlock(PASSPHRASE, verify=False)
    yield vault
    vault.close()


@pytest.mark.bench
def test_learning_time(bench: Recorder, big_vault: Vault) -> None:
    services = Services.for_vault(big_vault)
    samples, read_ms, learn_ms = [], [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        marked = services.suggestions.marked_passages()
        read = time.perf_counter()
        model = train(marked)
        done = time.perf_counter()
        samples.append(done - started)
        read_ms.append((read - started) * 1000)
        learn_ms.append((done - read) * 1000)
    assert isinstance(model, Suggester)
    accuracy = model.report.accuracy
    assert accuracy is not None
    bench.record(Figure(
        section=SECTION, name="learn from every marked passage (what the job does after "
        "unlock)", unit="s", samples=tuple(samples), max_value=10, target="≤ 10 s, "
        "in the background", command="unlock the large demo vault (the job starts itself)",
        note=(f"{model.report.passages:,} marked passages, {model.report.themes} themes "
              f"with at least 10; reading them {min(read_ms):.0f} ms, features, model and "
              f"{FOLDS}-fold cross-validation (at most {MEASURED:,} passages scored) "
              f"{min(learn_ms):.0f} ms (fastest run). On the demo prose: top-1 "
              f"{accuracy.top1:.0%}, top-3 {accuracy.top3:.0%} over {accuracy.measured:,} "
              f"passages.")))


@pytest.mark.bench
def test_suggestion_latency(bench: Recorder, big_vault: Vault) -> None:
    services = Services.for_vault(big_vault)
    marked = services.suggestions.marked_passages()
    model = train(marked, measure=False)
    assert isinstance(model, Suggester)
    offered = {t.id for t in services.themes.taxonomy().themes if t.archived_at is None}
    sample = random.Random(19).sample(marked, 200)
    per_call = [timed(lambda text=m.text: model.suggest(text, offered), runs=1, warmup=0)[0]
                for m in sample]
    bench.record(Figure(
        section=SECTION, name="suggest three themes for a selected passage", unit="ms",
        samples=tuple(per_call), max_value=30, target="≤ 30 ms",
        command="select a passage, Ctrl+M",
        note=f"200 marked passages of the large vault, each suggested for once, among the "
             f"{len(offered)} themes in use; slowest {max(per_call):.2f} ms."))


@pytest.mark.bench
def test_bundle_size(bench: Recorder) -> None:
    own = sum(path.stat().st_size for pattern in OWN_MODULES for path in ROOT.glob(pattern))
    bench.record(Figure(
        section=SECTION, name="what the suggestions add to the bundle", unit="kB",
        samples=(own / 1e3,), target="small",
        note="Their own modules (db/suggestions, desktop/gui/themes/suggest*) as source; "
             "no new dependency (numpy was one already)."))
    venv = os.environ.get("THREADLINE_BENCH_SKLEARN_VENV")
    if not venv:
        return
    found = subprocess.run([str(Path(venv) / "bin" / "python"), "-c", SIZE_OF,
                            *SKLEARN_STACK, "numpy"], capture_output=True, text=True,
                           check=True)
    sizes = json.loads(found.stdout)
    added = sum(sizes[name] for name in SKLEARN_STACK)
    bench.record(Figure(
        section=SECTION, name="what scikit-learn would have added instead", unit="MB",
        samples=(added / 1e6,),
        command="python -m venv V && V/bin/pip install scikit-learn",
        note=("Installed size in a throwaway venv: "
              + ", ".join(f"{name} {sizes[name] / 1e6:.1f} MB" for name in SKLEARN_STACK)
              + f" (numpy, already bundled: {sizes['numpy'] / 1e6:.1f} MB).")))
