"""Learning what belongs in a brief from clusters with human summaries (issue 17).

``features`` turns a prepared cluster into numbers, ``labels`` scores each
sentence and concept against a reference summary, ``model`` holds, saves and
loads the fitted weights, and ``train`` fits them on a cluster file.
"""
