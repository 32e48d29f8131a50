"""Grouping similar texts, as a pure module (no database, no third-party libraries).

Each text becomes a TF-IDF vector (sublinear term frequency, smoothed inverse document
frequency, L2-normalised) over lower-cased word stems without stop words; a subject
counts ``SUBJECT_WEIGHT`` times so that it dominates a long description. Texts are
grouped by *leader clustering* with an inverted index over the centroids (each text
joins the closest centroid when the cosine similarity reaches ``threshold``, else
starts a group), followed by ``refine_passes`` re-assignments to the final centroids
so that the result depends little on the input order. Cost: about O(n × shared
terms), a few thousand tickets take well under a second.

Also here: the adjusted Rand index and purity used to measure a grouping against
labels.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

SUBJECT_WEIGHT = 3
DEFAULT_THRESHOLD = 0.2

_STOP_WORDS_TEXT = """a about above after again against all am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his
    how i if in into is it its itself just me more most my myself no nor not now of off
    on once only or other our ours ourselves out over own same she should so some such
    than that the their theirs them themselves then there these they this those through
    to too under until up very was we were what when where which while who whom why
    will with would you your yours yourself yourselves hi hello hey thanks thank please
    pls could can help hub team dear regards kind best us get got also still yet would
    one two let know need needs want wants any anyone someone something anything today
    yesterday week weeks day days month ok okay via like just since already again"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_WORD = re.compile(r"[a-z][a-z']+")


def stem(word: str) -> str:
    """A deliberately light suffix stripper (enough to join plurals and tenses)."""
    word = word.strip("'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, minimum in (
        ("ations", 5),
        ("ation", 5),
        ("ments", 5),
        ("ment", 5),
        ("ings", 4),
        ("ing", 4),
        ("ies", 3),
        ("ied", 3),
        ("ed", 4),
        ("es", 4),
        ("s", 3),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= minimum:
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            break
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased stems of the words in ``text`` (handles, numbers and stop words
    dropped)."""
    text = re.sub(r"@\S+|https?://\S+", " ", (text or "").lower())
    return [
        stem(word)
        for word in _WORD.findall(text)
        if word not in STOP_WORDS and len(word) > 2
    ]


def document_terms(subject: str, description: str = "") -> Counter:
    counts = Counter()
    for term in tokens(subject):
        counts[term] += SUBJECT_WEIGHT
    for term in tokens(description):
        counts[term] += 1
    return counts


def tfidf(documents: Sequence[Counter]) -> list[dict[str, float]]:
    """L2-normalised TF-IDF vectors (sublinear tf, smoothed idf)."""
    n = len(documents)
    frequency = Counter()
    for counts in documents:
        frequency.update(counts.keys())
    idf = {term: math.log((1 + n) / (1 + df)) + 1 for term, df in frequency.items()}
    vectors = []
    for counts in documents:
        vector = {t: (1 + math.log(c)) * idf[t] for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vectors.append({t: w / norm for t, w in vector.items()})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


@dataclass
class _Centroids:
    """Summed member vectors, with an inverted index term → groups."""

    sums: list[dict[str, float]] = field(default_factory=list)
    norms_sq: list[float] = field(default_factory=list)
    index: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def best(self, vector: dict[str, float]) -> tuple[int, float, float]:
        """(group, cosine, raw dot) of the closest centroid, or (-1, 0, 0)."""
        dots: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():
            for group in self.index.get(term, ()):
                dots[group] += weight * self.sums[group][term]
        best, best_cos, best_dot = -1, 0.0, 0.0
        for group, dot in dots.items():
            similarity = dot / math.sqrt(self.norms_sq[group])
            if similarity > best_cos:
                best, best_cos, best_dot = group, similarity, dot
        return best, best_cos, best_dot

    def new(self, vector: dict[str, float]) -> int:
        group = len(self.sums)
        self.sums.append(dict(vector))
        self.norms_sq.append(sum(w * w for w in vector.values()))
        for term in vector:
            self.index[term].add(group)
        return group

    def add(self, group: int, vector: dict[str, float], dot: float) -> None:
        total = self.sums[group]
        self.norms_sq[group] += 2 * dot + sum(w * w for w in vector.values())
        for term, weight in vector.items():
            if term not in total:
                self.index[term].add(group)
            total[term] = total.get(term, 0.0) + weight


def _centroids_of(vectors, assignment) -> _Centroids:
    centroids = _Centroids()
    mapping: dict[int, int] = {}
    for vector, group in zip(vectors, assignment, strict=True):
        if group < 0:
            continue
        if group not in mapping:
            mapping[group] = centroids.new(vector)
        else:
            target = mapping[group]
            dot = sum(w * centroids.sums[target].get(t, 0.0) for t, w in vector.items())
            centroids.add(target, vector, dot)
    return centroids


def cluster(
    vectors: Sequence[dict[str, float]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    refine_passes: int = 2,
) -> list[int]:
    """A group number for each vector (groups numbered from 0, in order of first
    member). Vectors without any term each get a group of their own."""
    centroids = _Centroids()
    assignment = []
    for vector in vectors:
        group, similarity, dot = centroids.best(vector)
        if group >= 0 and similarity >= threshold:
            centroids.add(group, vector, dot)
        else:
            group = centroids.new(vector)
        assignment.append(group)
    for _ in range(refine_passes):
        centroids = _centroids_of(vectors, assignment)
        changed = False
        for i, vector in enumerate(vectors):
            group, similarity, _dot = centroids.best(vector)
            if group < 0 or similarity < threshold:
                group = len(centroids.sums) + i  # alone
            if group != assignment[i]:
                changed = True
            assignment[i] = group
        if not changed:
            break
    renumber: dict[int, int] = {}
    return [renumber.setdefault(group, len(renumber)) for group in assignment]


def medoid(members: Sequence[int], vectors: Sequence[dict[str, float]]) -> int:
    """The member most similar to the group's centroid (its most typical text)."""
    total: dict[str, float] = defaultdict(float)
    for i in members:
        for term, weight in vectors[i].items():
            total[term] += weight
    return max(members, key=lambda i: (cosine(vectors[i], total), -i))


def top_terms(members: Sequence[int], vectors, n: int = 5) -> list[str]:
    total: dict[str, float] = defaultdict(float)
    for i in members:
        for term, weight in vectors[i].items():
            total[term] += weight
    return [t for t, _w in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


# --- measuring a grouping ----------------------------------------------------------


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def adjusted_rand_index(truth: Sequence[Hashable], predicted: Sequence[Hashable]):
    """Hubert and Arabie's adjusted Rand index: 1 for identical partitions, about 0
    for a random one (can be negative)."""
    if len(truth) != len(predicted):
        raise ValueError("both labelings need one label per item")
    n = len(truth)
    if n < 2:
        return 1.0
    table = Counter(zip(truth, predicted, strict=True))
    index = sum(_pairs(c) for c in table.values())
    rows = sum(_pairs(c) for c in Counter(truth).values())
    cols = sum(_pairs(c) for c in Counter(predicted).values())
    expected = rows * cols / _pairs(n)
    maximum = (rows + cols) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def purity(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Share of items whose group's most common true label is their own."""
    if not truth:
        return 1.0
    by_group: dict[Hashable, Counter] = defaultdict(Counter)
    for label, group in zip(truth, predicted, strict=True):
        by_group[group][label] += 1
    return sum(c.most_common(1)[0][1] for c in by_group.values()) / len(truth)


# --- grouping by meaning (embedding vectors) ---------------------------------------

MEANING_THRESHOLD = 0.8  # cosine distance; best on labelled, paraphrase and dev sets
STRAGGLER_DISTANCE = 0.85  # a ticket left in a group < 3 joins a group this near
MIN_GROUP = 3
EXACT_LIMIT = 3000  # above this, micro-clusters first (memory and time stay bounded)
MIN_LANGUAGE_SHARE = 5  # tickets a language needs for a mean vector of its own
MIN_CENTRED = 30  # fewer texts: the mean of typical tickets (shipped) is removed


def normalise(matrix):
    """Rows scaled to unit length (zero rows stay zero)."""
    import numpy as np

    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        return matrix / max(float(np.linalg.norm(matrix)), 1e-9)
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)


def shipped_ticket_mean():
    """e5's common direction of typical tickets, measured on the tuning sets
    (``insights/data/ticket_mean.npy``), for when too few texts are at hand."""
    from pathlib import Path

    import numpy as np

    return np.load(Path(__file__).parent / "data" / "ticket_mean.npy")


def ticket_mean(vectors):
    """The mean vector of ``vectors`` (or the shipped one below ``MIN_CENTRED``)."""
    import numpy as np

    vectors = np.asarray(vectors, dtype=np.float32)
    if len(vectors) < MIN_CENTRED:
        return shipped_ticket_mean()
    return vectors.mean(axis=0)


def centre_languages(vectors, languages):
    """Each vector minus its language's mean vector, normalised again. A language
    with fewer than ``MIN_LANGUAGE_SHARE`` texts uses the overall mean; fewer than
    ``MIN_CENTRED`` texts in all, too few for a fair mean, have the mean vector of
    typical tickets removed (``shipped_ticket_mean``)."""
    import numpy as np

    vectors = np.asarray(vectors, dtype=np.float32)
    if len(vectors) < MIN_CENTRED:
        mean = shipped_ticket_mean()
        if not len(vectors) or vectors.shape[1] != len(mean):
            return vectors
        return normalise(vectors - mean)
    counts = Counter(languages)
    labels = np.array(
        [lang if counts[lang] >= MIN_LANGUAGE_SHARE else "" for lang in languages]
    )
    centred = vectors - vectors.mean(axis=0)
    for language in set(labels) - {""}:
        rows = labels == language
        centred[rows] = vectors[rows] - vectors[rows].mean(axis=0)
    return normalise(centred)


def group_by_meaning(vectors, languages, *, threshold: float = MEANING_THRESHOLD):
    """A group number per vector: agglomerative clustering (average linkage, cosine
    distance cut at ``threshold``) of the language-centred vectors. Above
    ``EXACT_LIMIT`` vectors, k-means micro-clusters are grouped instead (their
    members follow them)."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans

    points = centre_languages(vectors, languages)
    n = len(points)
    if n < 2:
        return list(range(n))
    micro = None
    if n > EXACT_LIMIT:
        kmeans = MiniBatchKMeans(
            n_clusters=EXACT_LIMIT,
            init="random",  # k-means++ over 3,000 centres costs more than the rest
            batch_size=1024,  # half the CPU of 4096 at 20k, same resolution
            max_iter=20,
            n_init=1,
            random_state=0,
        )
        micro = kmeans.fit_predict(points)
        points = kmeans.cluster_centers_
        points = points / np.maximum(
            np.linalg.norm(points, axis=1, keepdims=True), 1e-9
        )
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="cosine",
        linkage="average",
        distance_threshold=threshold,
    ).fit_predict(points)
    if micro is not None:
        labels = labels[micro]
        points = centre_languages(vectors, languages)
    labels = attach_stragglers(points, labels)
    renumber: dict[int, int] = {}
    return [renumber.setdefault(int(label), len(renumber)) for label in labels]


def attach_stragglers(
    points, labels, *, min_size: int = MIN_GROUP, max_distance=STRAGGLER_DISTANCE
):
    """Members of groups smaller than ``min_size`` join the nearest group of at least
    ``min_size`` (cosine distance to its normalised mean ≤ ``max_distance``); the
    others stay where they were. Average linkage leaves the odd phrasing of a common
    question on its own; this brings it home without merging two real groups."""
    import numpy as np

    labels = np.asarray(labels).copy()
    values, counts = np.unique(labels, return_counts=True)
    big = values[counts >= min_size]
    small = np.isin(labels, values[counts < min_size])
    if not len(big) or not small.any():
        return labels
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    sums = np.add.reduceat(
        points[order], np.r_[0, np.flatnonzero(np.diff(sorted_labels)) + 1]
    )
    group_of = np.unique(sorted_labels)
    centres = sums[np.searchsorted(group_of, big)]
    centres /= np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-9)
    rows = np.flatnonzero(small)
    scores = points[rows] @ centres.T
    best = scores.argmax(axis=1)
    near = 1 - scores[np.arange(len(rows)), best] <= max_distance
    labels[rows[near]] = big[best[near]]
    return labels


def central_member(members, vectors) -> int:
    """The member closest to the group's mean vector (its most typical text)."""
    import numpy as np

    block = np.asarray(vectors)[list(members)]
    centre = block.mean(axis=0)
    return list(members)[int(np.argmax(block @ centre))]
