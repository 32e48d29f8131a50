"""The rules of a catalogue for ``scripts/messages.py``: plural forms per language,
each message's key and forms, and what a translation must carry over from its
msgid (placeholders, tags). Pure: no files read here."""

from __future__ import annotations

import hashlib
import re

PLURAL_FORMS = {
    "id": "nplurals=1; plural=0;",
    "zh_Hans": "nplurals=1; plural=0;",
    "ar": (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
    ),
}
# forms for exact numbers (Arabic zero, one, two) may leave the count out:
# "تذكرة واحدة", not "1 تذكرة"; named placeholders only, so formatting cannot fail
COUNTLESS_FORMS = {"ar": {0, 1, 2}}


# --- reading catalogues -----------------------------------------------------------


def messages(catalog) -> list:
    return [m for m in catalog if m.id]


def key(message) -> str:
    """A short stable name for a message (its context and singular msgid)."""
    msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
    raw = f"{message.context or ''}\x04{msgid}".encode()
    return hashlib.sha1(raw, usedforsecurity=False).hexdigest()[:8]


def msgid_key(message) -> tuple[str, str]:
    msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return message.context or "", msgid


def forms(message) -> list[str]:
    if isinstance(message.string, tuple | list):
        return list(message.string)
    return [message.string or ""]


def untranslated(catalog) -> list:
    return [m for m in messages(catalog) if not all(forms(m))]


# --- checks -----------------------------------------------------------------------

NAMED = re.compile(r"%\((\w+)\)[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
POSITIONAL = re.compile(r"%(?!\()[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACES = re.compile(r"\{\w*\}")
TAG = re.compile(r"<[^<>]+>")


def placeholders(text: str) -> dict[str, list[str]]:
    """What a translation must carry over: printf and brace fields, HTML tags."""
    cleaned = text.replace("%%", "")
    return {
        "named": sorted(set(NAMED.findall(cleaned))),
        "positional": POSITIONAL.findall(cleaned),
        "braces": sorted(BRACES.findall(text)),
        "tags": sorted(TAG.findall(text)),
    }


def one_form(lang: str) -> int:
    """Which plural form ``n == 1`` takes (it translates the singular msgid)."""
    import gettext

    return gettext.c2py(PLURAL_FORMS[lang].split("plural=", 1)[1].rstrip(";"))(1)


def source_of_form(ids: list[str], index: int, lang: str) -> str:
    if len(ids) == 1:
        return ids[0]
    return ids[0] if index == one_form(lang) and _num_plurals(lang) > 1 else ids[1]


def _num_plurals(lang: str) -> int:
    return int(re.search(r"nplurals=(\d+)", PLURAL_FORMS[lang]).group(1))


def _stray_percent(text: str) -> bool:
    """A % that is neither a field nor %%: formatting the string would fail."""
    return "%" in POSITIONAL.sub("", NAMED.sub("", text.replace("%%", "")))


def placeholder_problems(message, lang: str) -> list[str]:
    ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
    problems = []
    for index, translation in enumerate(forms(message)):
        if not translation:
            continue
        source = source_of_form(ids, index, lang)
        want, got = placeholders(source), placeholders(translation)
        allowed_named = set().union(*(placeholders(i)["named"] for i in ids))
        for name in got["named"]:
            if name not in allowed_named:
                problems.append(f"form {index}: %({name})s is not in the msgid")
        missing = [name for name in want["named"] if name not in got["named"]]
        # a form for an exact number may leave out one field: the count
        if len(ids) > 1 and index in COUNTLESS_FORMS.get(lang, ()):
            missing = missing[1:] if len(missing) == 1 else missing
        problems.extend(f"form {index}: %({name})s is missing" for name in missing)
        if _stray_percent(translation) and not _stray_percent(source):
            problems.append(f"form {index}: a lone % (write %% for a percent sign)")
        for kind in ("positional", "braces", "tags"):
            if want[kind] != got[kind]:
                problems.append(f"form {index}: {kind} {want[kind]} != {got[kind]}")
    return problems


def _plural_key(header: str) -> str:
    """A Plural-Forms header without the spacing, brackets and ending that vary."""
    return re.sub(r"[\s();]", "", header)
