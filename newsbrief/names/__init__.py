"""Names in the sources: found by pattern, grouped into aliases, labelled by spaCy's NER."""
