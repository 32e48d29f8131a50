"""The hub's message catalogues: extract, compile, check (``make messages``).

    python scripts/messages.py extract    # sources -> locale/<lang>/LC_MESSAGES/*.po
    python scripts/messages.py compile    # .po -> .mo (pure Python, no GNU gettext)
    python scripts/messages.py check      # untranslated, fuzzy, placeholders, stale
    python scripts/messages.py todo id    # untranslated entries as KEY<TAB>msgid lines
    python scripts/messages.py fill id FILE  # KEY<TAB>msgstr lines into the catalogue

One ``django`` domain holds everything: Python code (``_``, ``gettext_lazy``,
``ngettext``, ``pgettext`` …), Django templates (``{% translate %}``,
``{% blocktranslate %}``; read through Django's own ``templatize``, the same path
``makemessages`` takes) and the Jinja2 partials in ``templates/jinja2/`` (Jinja's
Babel extractor; ``makemessages`` cannot read Jinja syntax). Our JavaScript carries
no text of its own (it shows what the page put in ``data-`` attributes), so there is
no ``djangojs`` domain.

``extract`` merges like ``msgmerge``: existing translations stay, new msgids arrive
empty, msgids gone from the source are dropped. The ``.mo`` files are build products
(``make install``, the Dockerfile) and not committed. ``tests/core/test_translations.py``
runs ``check``'s rules, so a newly marked string without a translation fails the suite.

Translating a delta: ``todo LANG > f.tsv``, replace each msgid by its translation
(plural entries come as KEY[0] … KEY[n-1], one line per form; ``\\n`` stands for a
newline), then ``fill LANG f.tsv``. KEY is a short hash of msgctxt + msgid.

This file is the command and the catalogues' files; reading the source is
``scripts/message_extract.py``, a catalogue's rules ``scripts/message_rules.py``.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as ``python scripts/messages.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# the rules and the source reading live beside this file; re-exported for callers
from scripts.message_extract import (  # noqa: E402, F401
    BASE_DIR,
    DOMAIN,
    extract_template,
    source_files,
)
from scripts.message_rules import (  # noqa: E402, F401
    COUNTLESS_FORMS,
    PLURAL_FORMS,
    _num_plurals,
    _plural_key,
    forms,
    key,
    messages,
    msgid_key,
    placeholder_problems,
    placeholders,
    source_of_form,
    untranslated,
)

LOCALE_DIR = BASE_DIR / "locale"
# the shipped languages, as Django's locale directories name them
LANGUAGES = ("id", "zh_Hans", "ar")
# the catalogue never records dates of its own: git says when it changed
FIXED_DATE = "2026-01-01 00:00+0000"


def catalogue_path(lang: str, suffix: str = ".po") -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def read_catalogue(lang: str, path: Path | None = None):
    from babel.messages.pofile import read_po

    with open(path or catalogue_path(lang), "rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def write_catalogue(catalog, path: Path) -> None:
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=79,
        omit_header=False,
        sort_output=True,
        include_lineno=False,
        ignore_obsolete=True,
    )
    text = buffer.getvalue().decode("utf-8")
    text = re.sub(r'"(POT-Creation-Date|PO-Revision-Date): [^"]*"', _fixed_date, text)
    path.write_text(text, encoding="utf-8")


def _fixed_date(match: re.Match) -> str:
    return f'"{match.group(1)}: {FIXED_DATE}\\n"'


def _new_catalogue(lang: str):
    from babel.messages.catalog import Catalog

    return Catalog(
        locale=lang,
        domain=DOMAIN,
        project="Creator Network Support Hub",
        language_team=f"{lang}",
        last_translator="Creator Network Support Hub",
        copyright_holder="Creator Network Support Hub",
        fuzzy=False,
    )


def _set_plural_forms(catalog, lang: str) -> None:
    catalog._num_plurals = _num_plurals(lang)
    catalog._plural_expr = PLURAL_FORMS[lang].split("plural=", 1)[1].rstrip(";")


def extract(languages=LANGUAGES, fuzzy: bool = False) -> dict[str, tuple[int, int]]:
    """Merge the current source into each catalogue; returns (new, untranslated)."""
    template = extract_template()
    summary = {}
    for lang in languages:
        path = catalogue_path(lang)
        catalog = read_catalogue(lang) if path.exists() else _new_catalogue(lang)
        before = {key(m) for m in messages(catalog)}
        catalog.update(template, no_fuzzy_matching=not fuzzy)
        catalog.fuzzy = False
        _set_plural_forms(catalog, lang)
        write_catalogue(catalog, path)
        catalog = read_catalogue(lang)
        new = sum(1 for m in messages(catalog) if key(m) not in before)
        summary[lang] = (new, len(untranslated(catalog)))
    return summary


def problems(lang: str, template=None) -> list[str]:
    """Everything wrong with a shipped catalogue, one line each (empty: all good)."""
    path = catalogue_path(lang)
    if not path.exists():
        return [f"{lang}: {path.relative_to(BASE_DIR)} is missing"]
    catalog = read_catalogue(lang)
    found = []
    if _plural_key(catalog.plural_forms) != _plural_key(PLURAL_FORMS[lang]):
        found.append(
            f"{lang}: Plural-Forms is {catalog.plural_forms!r}, want {PLURAL_FORMS[lang]!r}"
        )
    for message in messages(catalog):
        label = f"{lang} {key(message)} {msgid_key(message)[1][:60]!r}"
        if message.fuzzy:
            found.append(f"{label}: fuzzy")
        if len(forms(message)) != (catalog.num_plurals if message.pluralizable else 1):
            found.append(f"{label}: {len(forms(message))} plural forms")
        if not all(forms(message)):
            found.append(f"{label}: untranslated")
        found.extend(f"{label}: {p}" for p in placeholder_problems(message, lang))
    if template is not None:
        have = {msgid_key(m) for m in messages(catalog)}
        want = {msgid_key(m) for m in messages(template)}
        found.extend(
            f"{lang}: stale, not in the catalogue: {m!r}" for m in sorted(want - have)
        )
        found.extend(
            f"{lang}: stale, no longer in the source: {m!r}"
            for m in sorted(have - want)
        )
    return found


# --- compiling --------------------------------------------------------------------


def compile_catalogues(paths: list[Path] | None = None) -> list[Path]:
    """``.po`` -> ``.mo`` next to it with Babel (fuzzy entries left out, as msgfmt)."""
    from babel.messages.mofile import write_mo

    paths = paths or sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    written = []
    for po in paths:
        po = Path(po).resolve()
        lang = po.parent.parent.name
        catalog = read_catalogue(lang, po)
        mo = po.with_suffix(".mo")
        with open(mo, "wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(mo)
    return written


# --- translating a delta ----------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


def todo(lang: str) -> str:
    catalog = read_catalogue(lang)
    lines = []
    for message in untranslated(catalog):
        if message.pluralizable:
            singular, plural = message.id
            for index in range(catalog.num_plurals):
                source = source_of_form([singular, plural], index, lang)
                lines.append(f"{key(message)}[{index}]\t{_escape(source)}")
        else:
            lines.append(f"{key(message)}\t{_escape(message.id)}")
    return "\n".join(lines) + ("\n" if lines else "")


def fill(lang: str, table: str) -> int:
    """Put ``KEY<TAB>msgstr`` (``KEY[i]`` for plural forms) lines into the catalogue."""
    catalog = read_catalogue(lang)
    by_key = {key(m): m for m in messages(catalog)}
    plural_parts: dict[str, dict[int, str]] = {}
    count = 0
    for raw in table.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        name, _tab, text = raw.partition("\t")
        text = _unescape(text.strip())
        match = re.fullmatch(r"(\w+)\[(\d)\]", name.strip())
        if match:
            plural_parts.setdefault(match[1], {})[int(match[2])] = text
            continue
        message = by_key.get(name.strip())
        if message is None:
            raise SystemExit(f"unknown key {name!r}")
        if message.pluralizable:
            raise SystemExit(f"{name} has plural forms: give {name}[0] … lines")
        message.string = text
        message.flags.discard("fuzzy")
        count += 1
    for name, parts in plural_parts.items():
        message = by_key.get(name)
        if message is None:
            raise SystemExit(f"unknown key {name!r}")
        message.string = tuple(parts.get(i, "") for i in range(catalog.num_plurals))
        message.flags.discard("fuzzy")
        count += 1
    _set_plural_forms(catalog, lang)
    write_catalogue(catalog, catalogue_path(lang))
    return count


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    if command == "extract":
        for lang, (new, missing) in extract(fuzzy="--fuzzy" in argv).items():
            print(f"{lang}: {new} new msgids, {missing} untranslated")
        return 0
    if command == "compile":
        for mo in compile_catalogues([Path(p) for p in argv[1:]] or None):
            print(f"compiled {mo.relative_to(BASE_DIR)}")
        return 0
    if command == "check":
        template = extract_template()
        found = [line for lang in LANGUAGES for line in problems(lang, template)]
        print("\n".join(found) or "catalogues complete and current")
        return 1 if found else 0
    if command == "todo" and len(argv) == 2:
        sys.stdout.write(todo(argv[1]))
        return 0
    if command == "fill" and len(argv) == 3:
        print(f"{fill(argv[1], Path(argv[2]).read_text(encoding='utf-8'))} filled")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
