"""The story store: articles in one SQLite file, grouped into stories as they arrive.

``db.Store`` opens, checks and writes the file; ``migrations`` holds its schema;
``state`` keeps the stream clusterer's state in it; ``identity`` decides when two
articles are one; ``briefs.brief_story`` briefs a stored story or what is new in it.
"""
