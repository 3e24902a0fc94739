"""How often the language check calls an article of an English data file non-English, and what it costs.

Usage: python bench/language_check.py ../shared/data/multinews_dev.jsonl [more cluster JSONL files]
Prints, per file, the articles by detected language, the CPU time per article, and the first
articles called non-English (to read by eye: a widget page in two languages, an Afrikaans report, …).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter

from newsbrief.ingest.language import detect_language


def check(path: str, *, shown: int = 12) -> None:
    found: Counter[str | None] = Counter()
    other: list[tuple[str, str]] = []
    count = 0
    start = time.process_time()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            for doc in json.loads(line)["documents"]:
                if not doc.strip():
                    continue
                count += 1
                language = detect_language(doc)
                found[language] += 1
                if language not in ("en", None):
                    other.append((language, doc[:100].replace("\n", " ")))
    per_article = (time.process_time() - start) / max(count, 1) * 1000
    print(f"{path}: {count} articles {dict(found)}; {per_article:.2f} ms CPU an article")
    for language, head in other[:shown]:
        print(f"    {language}: {head}")


if __name__ == "__main__":
    for name in sys.argv[1:]:
        check(name)
