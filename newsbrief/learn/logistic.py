"""L2-regularised logistic regression by L-BFGS, for the small models the project trains.

The junk-page detector (``ingest.junk_train``) and the story link model
(``cluster.link_train``) fit the same thing: summed cross-entropy of hard 0/1
labels plus ``l2 / 2 ||w||²`` (the bias is not penalised), from zero, with
scipy's L-BFGS-B and the exact gradient. Dense or sparse features alike.
(``learn.train`` fits soft targets with a mean loss, so it has its own.)
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import spmatrix


def fit_logistic(x: np.ndarray | spmatrix, y: np.ndarray, *, l2: float, maxiter: int) -> tuple[np.ndarray, float]:
    """The weights and the bias that minimise the regularised loss on features ``x`` and labels ``y``."""

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = params[:-1], params[-1]
        z = x @ w + b
        error = 1.0 / (1.0 + np.exp(-z)) - y
        value = float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * w @ w)
        return value, np.append(x.T @ error + l2 * w, error.sum())

    result = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", options={"maxiter": maxiter})
    return result.x[:-1], float(result.x[-1])
