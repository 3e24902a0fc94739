"""Cross-source analysis: agreement, facts of one source, conflicts, quotes and their speakers."""
