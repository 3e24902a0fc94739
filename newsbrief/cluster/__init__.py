"""Grouping articles into stories: in one go (``stories.cluster``) or incrementally (``stream``).

The package is callable as ``stories.cluster`` (see ``newsbrief._callable``).
"""

from newsbrief._callable import make_package_callable

make_package_callable(__name__, "newsbrief.cluster.stories:cluster")
