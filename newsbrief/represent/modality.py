"""Whether a sentence tells a deed as done, or only as planned, possible or attempted.

"voted Monday" / "may vote as soon as Monday", "plans to sign" / "recently signed",
"attempted first-degree murder" / "first-degree murder": the same deed, not the
same fact (``facts.modality_clash``). Read over the words ``polarity.lowered``
splits, so one tokenisation serves both readers.
"""

from __future__ import annotations

from newsbrief.represent.polarity import NEGATORS, SKIP_WORDS
from newsbrief.represent.tokens import stem, stop_words

# "may vote", "plans to sign", "is expected to announce", "attempted murder": what follows has not (yet) happened.
_MODALS = frozenset(["may", "might", "could", "would", "will", "shall", "attempted", "attempt", "attempting"])
_PLANS = frozenset(["plan", "plans", "planned", "planning", "intends", "intend", "intended", "wants", "want",
                    "wanted", "hopes", "hope", "hoped", "expects", "expect", "expected", "set", "scheduled", "going",
                    "seeks", "seek", "sought", "aims", "aim", "proposed", "proposes", "threatened", "threatens",
                    "tried", "tries", "trying", "vowed", "vows", "promised", "promises", "pledged", "pledges",
                    "likely", "due", "poised", "prepared", "preparing"])



def read_modality(words: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The stems of verbs the text states only as planned, possible or attempted ("may vote", "plans to
    sign"), and of those it states as done ("voted", "signed", "is suing").

    "could be a fake", "might have entered": a modal before "be" or "have" hedges a statement (it says
    how sure the source is), it does not put the deed in the future; "could not" is a denial, read by
    :func:`polarity`.
    """
    stops = stop_words()
    modal, done = set(), set()
    pending = False
    for k, word in enumerate(words):
        if not word[0].isalnum() or word in NEGATORS or word.endswith("n't"):
            pending = False
            continue
        if word in _MODALS or (word in _PLANS and words[k + 1:k + 2] == ["to"]):
            pending = not (word in _MODALS and words[k + 1:k + 2] in (["be"], ["have"], ["been"]))
            continue
        if word in SKIP_WORDS or word in stops:
            continue
        if pending:
            modal.add(stem(word))
            pending = False
        elif words[k - 1:k] != ["to"] and (word.endswith("ed") or word in _PAST or (
                word.endswith("ing") and words[k - 1:k] and words[k - 1] in _BE)):
            done.add(stem(word))
            if word.endswith("ing"):  # "is suing" / "plans to sue"
                done.add(stem(word[:-3] + "e"))
    return frozenset(modal), frozenset(done - modal)


def read_attempted(words: list[str]) -> frozenset[str]:
    """Stems of the (up to three) content words after "attempted" ("attempted first-degree murder")."""
    out: set[str] = set()
    for k, word in enumerate(words):
        if word == "attempted":
            out.update(stem(w) for w in words[k + 1:k + 4] if w[0].isalpha() and w not in stop_words())
    return frozenset(out)


_BE = frozenset(["is", "are", "was", "were", "am"])
# Past forms without -ed: a deed told as done.
_PAST = frozenset(["won", "lost", "made", "took", "gave", "met", "sent", "sold", "left", "held", "signed", "began",
                   "went", "came", "paid", "brought", "bought", "fought", "caught", "struck", "shot", "ran", "fled",
                   "wrote", "spoke", "told", "chose", "drove", "flew", "fell", "rose", "grew", "threw", "broke",
                   "stole", "froze", "hid", "led", "fed", "built", "sent", "spent", "lent", "kept", "slept", "swept",
                   "felt", "dealt", "meant", "sat", "stood", "understood", "beat", "bit", "hit", "cut", "put", "quit",
                   "shut", "split", "spread", "set", "let", "read", "found", "bound", "ground", "won", "sank",
                   "sang", "rang", "drank", "swam", "began", "saw", "knew", "drew", "withdrew", "overthrew"])

