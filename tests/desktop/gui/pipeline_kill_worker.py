"""Types and marks through the real write pipeline as fast as it can, printing ACK n once
the save of text n (with its anchors) is done; killed with SIGKILL at a random moment by
tests/desktop/gui/test_pipeline_crash.py.

Each text n starts with n words ``tideK`` typed before the marked passages, so every save
moves every anchor; every fifth text also marks a new passage.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from db.anchors import make_anchor
from db.services.hub import Services
from db.services.marks import MarkInput
from db.services.passages import PassageInput, PassageRef
from db.vault.vault import Vault
from desktop.gui.common.operations import Operation, OperationQueue

BASE = "She arrived late. Later she went quiet, then joked about the break."


def main() -> None:
    folder, passphrase, session_id, theme = sys.argv[1:5]
    vault = Vault.open(Path(folder))
    vault.unlock(passphrase)
    services = Services.for_vault(vault)
    queue = OperationQueue(lambda: services, lambda changed, initiator: None)
    sid, theme_id = uuid.UUID(session_id), uuid.UUID(theme)
    marks: dict[uuid.UUID, str] = {}  # mark id -> its words
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    n = 0
    while True:
        n += 1
        text = " ".join(f"tide{k}" for k in range(n, 0, -1)) + " " + BASE + \
            "".join(f" quiet{k}." for k in range(5, n + 1, 5))
        refs = [PassageRef("mark", mark_id, make_anchor(text, text.index(words),
                                                        text.index(words) + len(words)))
                for mark_id, words in marks.items()]
        save = queue.submit(Operation(
            lambda s, t=text, r=refs: s.notes.save(sid, "process", t, "autosave", anchors=r)))
        if n % 5 == 0:
            words = f"quiet{n}"
            start = text.index(words)
            passage = PassageInput.of("process", make_anchor(text, start, start + len(words)))
            added = queue.submit(Operation(
                lambda s, p=passage: s.marks.add(sid, MarkInput(theme_id, 2, "", p))))
            added.done.wait()
            if added.error is None:
                marks[added.value.id] = words
        save.done.wait()
        if save.error is not None:
            raise SystemExit(1)
        sys.stdout.write(f"ACK {n}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
