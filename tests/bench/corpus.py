"""A quick generator of varied, fictional session-note text for the search benchmark.

Words follow a Zipf distribution over a vocabulary of real words (clinical and everyday)
plus invented ones, so the index sees common, middling and rare terms like real notes.
A few fixed phrases are sprinkled in so that phrase queries have something to find.
"""

from __future__ import annotations

import itertools
import random

COMMON = (
    "the and she he to of a in was that it her his about said felt with for on as but "
    "not had they when me at this be from what like would there so session again mother "
    "father time said could if we more then after one said him them feeling felt out "
    "know think wanted because did work home how before week family still just very "
    "talked sister brother partner friend child children school dream anger fear shame "
    "sad sadness guilt loss grief angry anxious anxiety afraid alone lonely relief hope "
    "silence silent pause late early missed cancelled holiday break ending therapist "
    "room door window house kitchen garden car train phone letter money job boss "
    "colleague doctor hospital body sleep tired pain headache hunger food drink "
    "memory remembered forgot childhood young old birthday christmas summer winter "
    "rain night morning evening weekend argument fight shouted cried laughed smiled "
    "looked away eyes voice quiet loud cold warm close distant angry hurt rejected "
    "abandoned criticised admired loved hated envy jealous rival competition control "
    "helpless powerless trapped free leave stay return transference interpretation "
    "defence defense resistance projection splitting idealisation devaluation denial "
    "intellectualisation humour sublimation rationalisation acting repression "
    "displacement reaction formation omnipotence passive aggression fantasy wish "
    "response other self relationship pattern theme conflict insight change"
).split()
SYLLABLES = ("ka to mi ren sol va ber lin dor pa ush el an tre gor fi ne so lu mar "
             "ost qui zel ra bo ti ven cas").split()
PHRASES = ("locked room", "the red coat", "empty kitchen", "broken promise",
           "long winter", "father's workshop")


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words = list(dict.fromkeys(COMMON))
    for first, second, third in itertools.product(SYLLABLES, repeat=3):
        if len(words) >= size:
            break
        words.append(first + second + third)
    rng.shuffle(words[len(COMMON) // 3:])  # keep the most common words common
    return words[:size]


class NoteWriter:
    """``note(words)`` gives one note of about that many words, deterministically."""

    def __init__(self, seed: int = 6, size: int = 8000) -> None:
        self._rng = random.Random(seed)
        self.words = vocabulary(size, self._rng)
        self._weights = list(itertools.accumulate(1 / (rank + 2.7) ** 1.07
                                                  for rank in range(len(self.words))))

    def note(self, words: int) -> str:
        tokens = self._rng.choices(self.words, cum_weights=self._weights, k=words)
        if self._rng.random() < 0.05:
            tokens.insert(self._rng.randrange(len(tokens)), self._rng.choice(PHRASES))
        sentences, start = [], 0
        while start < len(tokens):
            length = self._rng.randint(6, 22)
            chunk = tokens[start:start + length]
            sentences.append(" ".join(chunk).capitalize() + ".")
            start += length
        return " ".join(sentences)
