"""Features of sentences, concepts and documents that the learned scorer weighs.

All are cheap by-products of the prepared cluster the pipeline already builds
(positions, lengths, TF-IDF cosines, the concept table), so scoring a cluster
costs a few sparse products more than ``concepts.v3`` does.
"""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse

from newsbrief.represent.prepared import PreparedCluster
from newsbrief.select.concepts import ConceptTable, concept_table

# The concept table the learned scorer reads: word bigrams, no unigrams, the
# position boost, df power and min df of concepts.v3 (the same table, memoised once).
TABLE_OPTIONS = {"unigram_weight": 0.0, "position_boost": 2.0, "kind": "words", "min_df": None, "df_power": 1.5}

DOCUMENT_FEATURES = ("doc_cosine", "doc_log_words", "doc_log_sentences", "doc_prose_share",
                     "doc_mean_sentence_words", "doc_junk_words", "doc_log_docs", "doc_best_cosine")
SENTENCE_FEATURES = ("log_position", "first", "relative_position", "log_words", "long", "short",
                     "centroid", "gain", "gain_density", "support", "best_other_cosine", "quote",
                     "attribution", "pronoun_start", "digit", "prose", "question", "log_docs",
                     "doc_relevance", "doc_cosine", "doc_rank_cosine")
CONCEPT_FEATURES = ("df_share", "log_df", "log_tf", "weight_share", "log_first_position", "in_lead",
                    "has_stop", "mean_centroid", "max_centroid", "log_docs", "best_doc_relevance")

_JUNK = re.compile(r"\b(cookies?|javascript|browser|subscribe|sign up|log in|page not found|404|"
                   r"advertisement|newsletter|terms of (?:use|service)|privacy policy|copyright|"
                   r"all rights reserved|click here|wayback)\b")
_ATTRIBUTION = re.compile(r"\b(said|says|told|according to|reported|announced|stated)\b", re.IGNORECASE)
_PRONOUN_START = ("he ", "she ", "it ", "they ", "this ", "these ", "those ", "that ", "his ", "her ", "its ",
                  "their ", "but ", "and ", "so ", "also ", "then ")


def table(cluster: PreparedCluster) -> ConceptTable:
    """The concept table the learned scorer reads (memoised on the cluster)."""
    return concept_table(cluster, **TABLE_OPTIONS)  # type: ignore[arg-type]


def _doc_vectors(cluster: PreparedCluster) -> np.ndarray:
    """Each article's TF-IDF sum, unit length (articles x terms, dense: a story has few articles)."""
    vectors = cluster.tfidf.vectors
    member = sparse.csr_matrix((np.ones(len(cluster.sentences)), (cluster.doc_index,
                                                                  np.arange(len(cluster.sentences)))),
                               shape=(cluster.n_docs, len(cluster.sentences)))
    docs = np.asarray((member @ vectors).todense())
    norms = np.linalg.norm(docs, axis=1, keepdims=True)
    return docs / np.where(norms == 0, 1.0, norms)


def document_features(cluster: PreparedCluster) -> np.ndarray:
    """One row per article: how much it shares with the others, and how much it reads like a news story."""
    key = ("learn_document_features",)
    cached = cluster.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    n_docs = cluster.n_docs
    out = np.zeros((n_docs, len(DOCUMENT_FEATURES)))
    if not cluster.sentences:
        return out
    docs = _doc_vectors(cluster)
    cosines = docs @ docs.T
    total = docs.sum(axis=0)
    prose = cluster.is_prose.astype(float)
    lengths = np.array([len(t) for t in cluster.tokens], dtype=float)
    for doc in range(n_docs):
        rest = total - docs[doc]
        norm = np.linalg.norm(rest)
        own = cluster.doc_index == doc
        n_own = int(own.sum())
        text = cluster.articles[doc].text.lower()
        others = np.delete(cosines[doc], doc)
        out[doc] = (
            float(docs[doc] @ rest / norm) if norm > 0 else 0.0,
            np.log1p(lengths[own].sum()),
            np.log1p(n_own),
            float(prose[own].mean()) if n_own else 0.0,
            float(lengths[own].mean()) / 30.0 if n_own else 0.0,
            min(len(_JUNK.findall(text)), 10) / 10.0,
            np.log(n_docs),
            float(others.max()) if others.size else 0.0,
        )
    cluster.memo[key] = out
    return out


def sentence_features(cluster: PreparedCluster, doc_relevance: np.ndarray) -> np.ndarray:
    """One row per sentence (columns SENTENCE_FEATURES), given each article's predicted relevance."""
    n = len(cluster.sentences)
    out = np.zeros((n, len(SENTENCE_FEATURES)))
    if not n:
        return out
    position = cluster.position.astype(float)
    doc_len = cluster.doc_lengths[cluster.doc_index].astype(float)
    n_words = np.array([max(len(s.text.split()), 1) for s in cluster.sentences], dtype=float)
    centroid = cluster.tfidf.centroid_similarity()
    concepts = table(cluster)
    gain = concepts.matrix @ concepts.weights
    density = gain / n_words
    vectors = cluster.tfidf.vectors
    similar = (vectors @ vectors.T).toarray()
    same_doc = cluster.doc_index[:, None] == cluster.doc_index[None, :]
    similar[same_doc] = 0.0
    best_other = similar.max(axis=1) if n > 1 else np.zeros(n)
    # Support: the share of the other articles that hold a sentence close to this one.
    doc_member = np.zeros((n, cluster.n_docs))
    doc_member[np.arange(n), cluster.doc_index] = 1.0
    supported = ((similar > 0.3).astype(float) @ doc_member > 0).sum(axis=1)
    support = supported / max(cluster.n_docs - 1, 1)
    docs = document_features(cluster)
    doc_cos = docs[:, DOCUMENT_FEATURES.index("doc_cosine")]
    doc_rank = np.argsort(np.argsort(-doc_cos, kind="stable"), kind="stable") / max(cluster.n_docs - 1, 1)
    texts = [s.text for s in cluster.sentences]
    lowered = [t.lower() for t in texts]
    out[:, 0] = np.log1p(position)
    out[:, 1] = position == 0
    out[:, 2] = position / np.maximum(doc_len - 1, 1)
    out[:, 3] = np.log(n_words)
    out[:, 4] = n_words > 60
    out[:, 5] = n_words < 8
    out[:, 6] = centroid
    out[:, 7] = gain / max(float(gain.max()), 1e-9)
    out[:, 8] = density / max(float(density.max()), 1e-9)
    out[:, 9] = support
    out[:, 10] = best_other
    out[:, 11] = [any(q in t for q in ('"', "“", "”")) for t in texts]
    out[:, 12] = [bool(_ATTRIBUTION.search(t)) for t in texts]
    out[:, 13] = [t.startswith(_PRONOUN_START) for t in lowered]
    out[:, 14] = [any(c.isdigit() for c in t) for t in texts]
    out[:, 15] = cluster.is_prose
    out[:, 16] = [t.rstrip().endswith("?") for t in texts]
    out[:, 17] = np.log(cluster.n_docs)
    out[:, 18] = doc_relevance[cluster.doc_index]
    out[:, 19] = doc_cos[cluster.doc_index]
    out[:, 20] = doc_rank[cluster.doc_index]
    return out


def concept_features(cluster: PreparedCluster, doc_relevance: np.ndarray) -> np.ndarray:
    """One row per concept of ``table(cluster)`` (columns CONCEPT_FEATURES)."""
    concepts = table(cluster)
    matrix = concepts.matrix
    n_sent, n_concepts = matrix.shape
    out = np.zeros((n_concepts, len(CONCEPT_FEATURES)))
    if not n_concepts:
        return out
    member = sparse.csr_matrix((np.ones(n_sent), (np.arange(n_sent), cluster.doc_index)),
                               shape=(n_sent, cluster.n_docs))
    per_doc = (matrix.T @ member).tocsc()  # concepts x docs: sentences stating it in each article
    df = np.asarray((per_doc > 0).sum(axis=1)).ravel().astype(float)
    tf = np.asarray(matrix.sum(axis=0)).ravel()
    position = cluster.position.astype(float)
    coo = matrix.tocoo()
    first = np.full(n_concepts, np.inf)
    np.minimum.at(first, coo.col, position[coo.row])
    centroid = cluster.tfidf.centroid_similarity()
    mean_centroid = (matrix.T @ centroid) / np.maximum(tf, 1.0)
    max_centroid = np.zeros(n_concepts)
    np.maximum.at(max_centroid, coo.col, centroid[coo.row])
    relevance_of_row = doc_relevance[cluster.doc_index]
    best_relevance = np.zeros(n_concepts)
    np.maximum.at(best_relevance, coo.col, relevance_of_row[coo.row])
    has_stop = _concepts_with_stop_words(cluster, n_concepts)
    out[:, 0] = df / cluster.n_docs
    out[:, 1] = np.log(np.maximum(df, 1.0))
    out[:, 2] = np.log(np.maximum(tf, 1.0))
    out[:, 3] = concepts.weights / max(float(concepts.weights.max()), 1e-9)
    out[:, 4] = np.log1p(first)
    out[:, 5] = first == 0
    out[:, 6] = has_stop
    out[:, 7] = mean_centroid
    out[:, 8] = max_centroid
    out[:, 9] = np.log(cluster.n_docs)
    out[:, 10] = best_relevance
    return out


def concept_names(cluster: PreparedCluster) -> list[str]:
    """The concept of each column of ``table(cluster)``, in column order (built as the table builds them)."""
    key = ("learn_concept_names",)
    cached = cluster.memo.get(key)
    if cached is None:
        ids: dict[str, int] = {}
        for grams in cluster.word_bigrams:
            for concept in dict.fromkeys(grams):
                ids.setdefault(concept, len(ids))
        cached = cluster.memo[key] = list(ids)
    return cached  # type: ignore[return-value]


def _concepts_with_stop_words(cluster: PreparedCluster, n_concepts: int) -> np.ndarray:
    from newsbrief.represent.tokens import stem, stop_words

    stemmed_stops = {stem(w) for w in stop_words()}
    names = concept_names(cluster)
    if len(names) != n_concepts:  # pragma: no cover - the table and the names come from the same bigrams
        return np.zeros(n_concepts)
    return np.array([any(part in stemmed_stops for part in name.split(" ")) for name in names], dtype=float)
