"""Getting articles in: readers, decoding, HTML extraction, fetching, boilerplate cleaning, duplicates."""
