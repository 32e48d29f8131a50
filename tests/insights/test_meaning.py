"""Grouping by meaning: language centring, clustering (exact and micro-clustered)
and the embedding cache."""

import numpy as np
import pytest

from insights import clustering, embeddings
from insights.models import EmbeddingCache


def _topics(n_topics, per_topic, dims=32, noise=0.05, seed=1):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n_topics, dims))
    vectors = np.repeat(centres, per_topic, axis=0)
    vectors += rng.normal(scale=noise, size=vectors.shape)
    truth = np.repeat(np.arange(n_topics), per_topic)
    return vectors.astype(np.float32), truth


def test_each_language_mean_is_removed():
    rows = [[1, 0.1], [1, -0.1], [1, 0.2], [1, -0.2], [1, 0]] * 3
    vectors = np.array(rows * 2, float)
    vectors[15:] += [0, 5]  # a second language shifted as a whole
    languages = ["en"] * 15 + ["id"] * 15
    centred = clustering.centre_languages(vectors, languages)
    assert np.allclose(centred[:15], centred[15:], atol=1e-6)


def test_a_rare_language_uses_the_overall_mean():
    vectors = np.eye(3)[[0] * 29 + [1]]
    centred = clustering.centre_languages(vectors, ["en"] * 29 + ["zh"])
    assert np.linalg.norm(centred[29]) == pytest.approx(1.0)  # not zeroed
    assert centred[29] @ centred[0] <= 0  # but moved away from the majority


def test_a_small_set_of_other_vectors_is_left_as_it_is():
    vectors = np.eye(3)[[0, 0, 1]]
    assert np.array_equal(clustering.centre_languages(vectors, ["en"] * 3), vectors)


def test_groups_follow_topics():
    vectors, truth = _topics(5, 6)
    labels = clustering.group_by_meaning(vectors, ["en"] * len(vectors))
    assert clustering.adjusted_rand_index(list(truth), labels) == 1.0


def test_large_inputs_are_micro_clustered_first(monkeypatch):
    monkeypatch.setattr(clustering, "EXACT_LIMIT", 40)
    vectors, truth = _topics(4, 50)
    labels = clustering.group_by_meaning(vectors, ["en"] * len(vectors))
    assert clustering.adjusted_rand_index(list(truth), labels) == 1.0


def test_central_member_is_the_most_typical():
    vectors = np.array([[1, 0], [0.7, 0.7], [0, 1]], float)
    assert clustering.central_member([0, 1, 2], vectors) == 1


@pytest.mark.django_db
def test_vectors_are_embedded_once_and_then_read_from_the_cache(monkeypatch):
    pairs = [("Diamonds not credited", "Gifts missing from balance"), ("Hi", "")]
    first, languages = embeddings.ticket_vectors(pairs)
    assert first.shape == (2, embeddings.DIMENSIONS)
    assert np.linalg.norm(first, axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)
    assert EmbeddingCache.objects.count() == 2
    assert languages[0] == "en"

    def no_model(*args, **kwargs):
        raise AssertionError("the model ran for a cached text")

    monkeypatch.setattr(embeddings, "embed", no_model)
    again, _ = embeddings.ticket_vectors(pairs)
    assert np.array_equal(first, again)


@pytest.mark.django_db
def test_a_paraphrase_is_closer_than_another_question():
    vectors, _ = embeddings.ticket_vectors(
        [
            ("Diamonds not credited", "The gifts of last night are not in the balance"),
            ("Berlian tidak masuk", "Berlian dari hadiah tidak masuk ke saldo"),
            ("Password reset", "I forgot my password and cannot log in"),
        ]
    )
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


@pytest.mark.django_db
def test_group_texts_returns_indexes_into_the_texts():
    from insights.recurring import group_texts

    texts = [
        "diamonds not credited",
        "how do I reset my password",
        "gift diamonds missing from balance",
        "forgot password cannot log in",
        "diamonds from gifts did not arrive",
        "password reset link not working",
    ]
    groups = group_texts(texts, min_size=2)
    members = sorted(sorted(g.ticket_ids) for g in groups)
    assert members == [[0, 2, 4], [1, 3, 5]]
    assert all(g.size == len(g.ticket_ids) and g.label for g in groups)
