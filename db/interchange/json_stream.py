"""Parse a JSON document whose top level is an object, one list item at a time.

``json.loads`` of a whole export holds the decoded text (a large export with a few
characters beyond Latin-1 is stored as two bytes a character: twice the file) and every
parsed record at once. Here the bytes are decoded a piece at a time, the top-level
object's members are read one by one, and the items of a list the caller asks for are
handed over one at a time as they are parsed, so only a window of the text and one item
exist at once. Nothing is written anywhere: the window is a string in memory.

The grammar and the values are exactly those of ``json.loads`` with the same decoder:
every value is parsed by ``json.JSONDecoder.raw_decode`` (the C scanner), and only the
punctuation of the top-level object and of the handed-over lists is read here, by the
same rules (whitespace is space, tab, newline and carriage return; no trailing commas;
nothing after the object). A value that does not fit in the window is parsed again once
the window has grown to twice its size, so a large value costs at most twice its parse.

Raises ``UnicodeDecodeError`` for bytes that are not UTF-8, ``ValueError`` for text that
is not JSON (or what the decoder's hooks refuse) and ``RecursionError`` for nesting the
scanner cannot follow. The UTF-8 check covers the whole input before a JSON error is
raised, as decoding the whole file first would: see :func:`parse_object`.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from typing import Any

#: Bytes decoded at a time.
CHUNK = 1 << 20
#: A value parsed this close to the end of the window may go on beyond it (a number:
#: ``1`` of ``1.5e3``), so it is parsed again with more text.
_MARGIN = 32
_SPACE = " \t\n\r"

#: Called with a top-level member's name (its value a list) and the members read before
#: it: a function to hand that list's items to, one at a time, or ``None`` to have the
#: member's value parsed whole and returned.
ItemSink = Callable[[Any], None]
Sinks = Callable[[str, dict[str, Any]], ItemSink | None]


class NotJson(ValueError):
    """The text is not JSON (the position is not reported: it could point at client text)."""


class _Window:
    def __init__(self, chunks: Iterator[bytes], decoder: json.JSONDecoder, step: int) -> None:
        self._chunks = chunks
        self._step = step
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._decode = decoder.raw_decode
        self.text = ""
        self.pos = 0
        self.eof = False

    def _more(self, wanted: int) -> bool:
        """Add at least ``wanted`` characters of text (fewer at the end); False at the end."""
        if self.eof:
            return False
        pieces = [self.text[self.pos:]]
        self.text = ""  # the part already read goes before the new text is decoded
        added = 0
        while added < wanted:
            data = next(self._chunks, None)
            if data is None:
                pieces.append(self._utf8.decode(b"", final=True))
                self.eof = True
                break
            piece = self._utf8.decode(data)
            pieces.append(piece)
            added += len(piece)
        self.text = "".join(pieces)
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character after whitespace ('' at the end of the text)."""
        while True:
            text, pos = self.text, self.pos
            while pos < len(text) and text[pos] in _SPACE:
                pos += 1
            self.pos = pos
            if pos < len(text):
                return text[pos]
            if not self._more(1):
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise NotJson(f"expected {char!r}")
        self.pos += 1

    def value(self) -> Any:
        """The next value, parsed by the decoder (the window grows until it holds it)."""
        self.peek()
        while True:
            try:
                value, end = self._decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                # An error well inside the window is the text's own (the scanner looks
                # only a few characters ahead), except an unterminated string, which
                # reports where the string starts.
                cut = (error.pos + _MARGIN > len(self.text)
                       or error.msg.startswith("Unterminated string"))
                if cut and self._more(max(self._step, len(self.text) - self.pos)):
                    continue
                raise NotJson(error.msg) from None
            if end + _MARGIN > len(self.text) and self._more(self._step):
                continue
            self.pos = end
            return value

    def rest(self) -> str:
        """All the text that is left (the top level is not an object: parsed whole)."""
        while self._more(self._step):
            pass
        return self.text[self.pos:]

    def drain(self) -> None:
        """Decode the rest of the input only to find bytes that are not UTF-8."""
        self.text, self.pos = "", 0
        for data in self._chunks:
            self._utf8.decode(data)
        self._utf8.decode(b"", final=True)
        self.eof = True


def _items(window: _Window, sink: ItemSink) -> None:
    window.expect("[")
    if window.peek() == "]":
        window.pos += 1
        return
    while True:
        sink(window.value())
        char = window.peek()
        window.pos += 1
        if char == "]":
            return
        if char != ",":
            raise NotJson("expected ',' or ']'")


def _members(window: _Window, sinks: Sinks) -> dict[str, Any]:
    """The top-level object; a member whose sink is given holds ``None`` in the result."""
    top: dict[str, Any] = {}
    window.expect("{")
    if window.peek() == "}":
        window.pos += 1
        return top
    while True:
        if window.peek() != '"':
            raise NotJson("expected a member name")
        name = window.value()
        if name in top:
            raise NotJson("duplicate member")
        window.expect(":")
        sink = sinks(name, top) if window.peek() == "[" else None
        if sink is None:
            top[name] = window.value()
        else:
            top[name] = None
            _items(window, sink)
        char = window.peek()
        window.pos += 1
        if char == "}":
            return top
        if char != ",":
            raise NotJson("expected ',' or '}'")


def parse_object(chunks: Iterator[bytes], decoder: json.JSONDecoder, sinks: Sinks,
                 step: int = CHUNK) -> Any:
    """Parse the document in ``chunks``: a dict of its top-level members (or, when the top
    level is not an object, the whole value as ``decoder.decode`` gives it).

    Whenever parsing stops with an error, the rest of the input is still decoded, and a
    ``UnicodeDecodeError`` found there is raised instead: bytes that are not UTF-8
    anywhere are reported as such, as they were when the whole file was decoded first.
    Errors of reading the input (``chunks`` raising) always come first. ``step``: the
    characters the window grows by at least (small in tests, to cut values anywhere).
    """
    window = _Window(chunks, decoder, step)
    try:
        if window.peek() != "{":
            return decoder.decode(window.rest())
        top = _members(window, sinks)
        if window.peek() != "":
            raise NotJson("extra data after the document")
        return top
    except UnicodeDecodeError:
        raise
    except (ValueError, RecursionError):
        if not window.eof:
            window.drain()  # raises UnicodeDecodeError (or the reader's own error)
        raise
