"""Words that mark attribution, shared by the modules that find a quotation's speaker.

Verbs of saying and the fillers around a subject are one vocabulary: the quote
mark scanner, the pronoun resolver and the attribution frames must agree on it,
so it lives here once.
"""

from __future__ import annotations

import re

_VERBS = [
    "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "stated", "declared", "explained",
    "noted", "notes", "wrote", "writes", "insisted", "insists", "warned", "warns", "acknowledged", "announced",
    "argued", "argues", "commented", "continued", "recalled", "replied", "responded", "remarked", "observed",
    "conceded", "complained", "quipped", "predicted", "urged", "cautioned", "emphasized", "emphasised", "stressed",
    "suggested", "testified", "vowed", "maintained", "claimed", "contended", "concluded", "admitted", "agreed",
    "shouted", "yelled", "whispered", "tweeted", "saying", "adding", "telling", "arguing", "calling", "called",
    "describing", "described", "joked", "boasted", "charged", "countered", "demanded", "promised", "pledged",
    "assured", "cried", "exclaimed", "asserted", "affirmed", "proclaimed", "lamented", "confirmed", "denied",
    "declaring", "insisting", "warning", "noting", "explaining", "thought", "thinking", "accused", "accusing",
    "recalls", "remembered", "clarified", "reiterated", "recounted", "explains", "adds", "posted", "answered",
    "retorted", "pleaded", "hinted", "mused", "reasoned", "claims", "read", "reads", "elaborated",
    "reported", "reports", "recalling", "urges", "demands", "pleads", "speculates", "speculated", "observing",
    "observes"
]
SPEECH_VERB = re.compile(r"\b(?:" + "|".join(sorted(_VERBS, key=len, reverse=True)) + r"|pointed out|went on)\b")
# "Leary believes the purpose was status." followed by a quotation alone: the believer's words.
BELIEF_VERB = re.compile(r"\b(?:believes|thinks|feels|hopes|fears|worries|insists|argues|contends|maintains)\b")
LEAD_FILLER = re.compile(r"^(?:(?:and|but|so|then|recently|also|later|earlier|again|once|even|who|as|while|"
                         r"yet|now|further|finally|only|still|however|meanwhile|instead)\b[\s,]*)+", re.IGNORECASE)
SIDE_CLAUSE = re.compile(r"(?i:who|which|whose|where|when|while|although|though|after|before|as|if|"
                         r"because|since|during|despite|in|on|at|with|for|from|by|to|of|\w+ing)$")
WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*")
# "An analyst … commented that …": someone unnamed spoke.
INDEFINITE_SPEAKER = re.compile(
    r"(?i)\b(?:a|an|another|one)\s+(?:[\w.’'-]+\s+){0,8}?(?:said|says|told|commented|added|noted|stated|"
    r"explained|warned|wrote)\b")
