"""Make resources/supervision/dictionary-words.json from 12dicts' frequency list.

Source: 12dicts 6.0.2 by Alan Beale (placed in the public domain), file
``Lemmatized/2+2+3frq.txt``: about 33,000 American English words in 21 frequency classes,
commonest first, each headword followed by its inflected and derived forms, indented.
Kept: classes 1 to :data:`CLASSES` (the commonest few thousand), headwords and forms
alike, lower-case entries only (a capitalised entry, *March*, *Republican*, is a proper
noun and is just what the supervision preview must still show).

    python docs/make_dictionary_words.py PATH/TO/2+2+3frq.txt
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

CLASSES = 11
OUT = Path(__file__).resolve().parents[1] / "resources" / "supervision" / "dictionary-words.json"
CLASS = re.compile(r"----- (\d+) -----")
WORD = re.compile(r"[a-z][a-z'-]*")


def words(source: str, classes: int = CLASSES) -> list[str]:
    found: set[str] = set()
    current = 0
    for line in source.splitlines():
        heading = CLASS.fullmatch(line.strip())
        if heading:
            current = int(heading.group(1))
            continue
        if current > classes or line.strip().startswith("("):
            continue
        found.update(w for w in (part.strip() for part in line.split(",")) if WORD.fullmatch(w))
    return sorted(found)


def main() -> None:
    data = Path(sys.argv[1]).read_bytes()
    kept = words(data.decode("utf-8", errors="replace"))
    OUT.write_text(json.dumps(kept, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(kept)} words from classes 1-{CLASSES} of a file with sha256 "  # noqa: T201
          f"{hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
