"""Ticket text → the words that carry its question, before it is embedded.

Pure (no Django, no numpy). Greetings, thanks and sign-offs, @handles, links, e-mail
addresses, ticket references and long numbers (user IDs) say nothing about what is
asked, yet pull short tickets towards each other ("Hi team ... Best regards"). A
subject with no content of its own ("Help", "urgent!!", "Question") is dropped: the
description then speaks alone.
"""

from __future__ import annotations

import re

_GREETING = re.compile(
    r"^\s*(?:(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|halo|hai|"
    r"selamat\s+(?:pagi|siang|sore|malam)|您好|你好)\b[^.!?,\n]{0,30}[,.!:\n]+\s*)+",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"(?:[,.!?\s]+|^)(?:(?:best|kind|warm)?\s*regards|best|cheers|thanks?(?:\s+you)?"
    r"(?:\s+(?:so\s+much|in\s+advance))?|thank\s+you|many\s+thanks|sincerely|"
    r"terima\s+kasih|salam|谢谢)\b[^.!?]{0,60}[.!]?\s*$",
    re.IGNORECASE,
)
_POLITE = re.compile(
    r"\b(?:hope you(?:'re| are) (?:well|doing well)|thanks?(?: you)?(?: so much| in "
    r"advance)?|please help|pls help|mohon bantuannya)\b[.!,]*",
    re.IGNORECASE,
)
_NOISE = re.compile(
    r"https?://\S+|\S+@\S+\.\S+|@[\w.]+|"
    r"\b(?:ticket\s*)?(?:ref(?:erence)?|uid|id|no)\.?\s*[:#]?\s*[\w-]*\d[\w-]*|"
    r"#\s?\d[\w-]*|\b\d{5,}\b",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[\u4e00-\u9fff]{1,4}|\w+", re.UNICODE)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_VAGUE_TEXT = """help question urgent issue problem request support asap important
    hello hi query inquiry enquiry ticket pls please need tolong bantuan mohon masalah
    问题 帮助"""
VAGUE_SUBJECTS = frozenset(_VAGUE_TEXT.split())


def clean(text: str) -> str:
    """``text`` without greetings, sign-offs, handles, links and identifiers."""
    text = _SPACE.sub(" ", text or "").strip()
    text = _GREETING.sub("", text)
    previous = None
    while previous != text:  # "Thanks, Tom" then "Best regards"
        previous = text
        text = _SIGN_OFF.sub("", text).strip()
    text = _POLITE.sub(" ", text)
    text = _EMPTY_BRACKETS.sub(" ", _NOISE.sub(" ", text))
    return _SPACE.sub(" ", text).strip(" ,;:-")


def is_vague(subject: str) -> bool:
    """A subject that names no problem: only words like "help" or "urgent"."""
    words = [w.lower() for w in _WORD.findall(subject or "")]
    return not words or all(w in VAGUE_SUBJECTS for w in words)


def question_parts(subject: str, description: str = "") -> tuple[str, str]:
    """(subject, description) cleaned; a vague subject becomes empty, and an empty
    description is left empty (the caller falls back to what remains)."""
    subject = "" if is_vague(subject) else clean(subject)
    return subject, clean(description)
