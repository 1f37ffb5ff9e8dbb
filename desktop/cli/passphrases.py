"""Reading passphrases: from a file or a prompt, never from the command line itself."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from db.errors import ThreadlineError


class UsageError(ThreadlineError):
    """The command was called the wrong way (exit status 2)."""


def read_secret_file(path: Path) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ThreadlineError(f"Cannot read {path}: {error.strerror}.") from error
    secret = text.rstrip("\r\n")
    if not secret:
        raise ThreadlineError(f"{path} is empty.")
    return secret


def ask(prompt: str, file: Path | None, *, confirm: bool = False,
        option: str = "--passphrase-file") -> str:
    """A secret from ``file`` if given, else from the terminal (twice if ``confirm``)."""
    if file is not None:
        return read_secret_file(file)
    if not sys.stdin.isatty():
        raise UsageError(f"No terminal to ask for the passphrase; use {option}.")
    first = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass(f"{prompt} (again): ") != first:
        raise ThreadlineError("The two passphrases differ.")
    return first


def confirm(question: str) -> None:
    """Ask a yes/no question on the terminal; anything but yes stops the command."""
    if not sys.stdin.isatty():
        raise UsageError("No terminal to ask for confirmation; add --yes.")
    answer = input(f"{question} [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise ThreadlineError("Nothing was written.")


def ask_yes_no(question: str, *, default: bool) -> bool:
    """Ask a yes/no question on the terminal; Enter alone gives ``default``."""
    hint = "[Y/n]" if default else "[y/N]"
    answer = input(f"{question} {hint} ").strip().lower()
    if not answer:
        return default
    return answer in ("y", "yes")
