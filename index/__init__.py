"""Article archive search: ingestion, passages, embedding, FAISS store and answer search.

A plain library: it never imports `discord` or `bot`, and it never configures logging.
"""
