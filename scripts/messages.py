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
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = BASE_DIR / "locale"
DOMAIN = "django"
# the shipped languages, as Django's locale directories name them
LANGUAGES = ("id", "zh_Hans", "ar")
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

# what is ours to scan (tests, benchmarks, chaos drills and scripts show no UI text)
SKIP_DIRS = {
    ".venv",
    ".git",
    "node_modules",
    "staticfiles",
    "static",
    "tests",
    "benchmarks",
    "chaos",
    "scripts",
    "docs",
    "migrations",
    "locale",
    "var",
    "__pycache__",
    "build",
}
JINJA_DIR = BASE_DIR / "templates" / "jinja2"
TEMPLATE_SUFFIXES = {".html", ".txt"}

# the same keywords makemessages hands xgettext (Babel's spec: index, or (index, "c"))
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
JINJA_OPTIONS = {
    "extensions": "jinja2.ext.i18n",
    "newstyle_gettext": "true",
    "trimmed": "false",
}
# the catalogue never records dates of its own: git says when it changed
FIXED_DATE = "2026-01-01 00:00+0000"


def _setup_django() -> None:
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))
    import django
    from django.conf import settings

    if not settings.configured:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
        django.setup()


# --- extraction -------------------------------------------------------------------


def source_files() -> Iterator[tuple[str, Path]]:
    """Every file to read, with its kind: ``python``, ``django`` or ``jinja``."""
    for root, dirs, files in os.walk(BASE_DIR):
        dirs[:] = sorted(
            d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")
        )
        here = Path(root)
        for name in sorted(files):
            path = here / name
            if path.suffix == ".py":
                yield "python", path
            elif path.suffix in TEMPLATE_SUFFIXES and "templates" in path.parts:
                in_jinja = JINJA_DIR in path.parents
                yield ("jinja" if in_jinja else "django"), path


def _extract_file(kind: str, path: Path):
    from babel.messages.extract import extract

    text = path.read_text(encoding="utf-8")
    if kind == "django":
        from django.utils.translation.template import templatize

        method, options = "python", {}
        text = templatize(text, origin=str(path))
    elif kind == "jinja":
        from jinja2.ext import babel_extract

        method, options = babel_extract, JINJA_OPTIONS
    else:
        method, options = "python", {}
    fileobj = io.BytesIO(text.encode("utf-8"))
    return extract(
        method,
        fileobj,
        keywords=KEYWORDS,
        comment_tags=("Translators",),
        options=options,
        strip_comment_tags=True,
    )


def extract_template():
    """The catalogue template (a ``.pot`` in memory) of the current source."""
    from babel.messages.catalog import Catalog

    _setup_django()
    template = Catalog(domain=DOMAIN, project="Creator Network Support Hub")
    for kind, path in source_files():
        relative = path.relative_to(BASE_DIR).as_posix()
        for lineno, message, comments, context in _extract_file(kind, path):
            template.add(
                message,
                None,
                locations=[(relative, lineno)],
                auto_comments=comments,
                context=context,
            )
    return template


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
