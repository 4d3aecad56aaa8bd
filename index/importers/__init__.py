"""Bring outside archives in: RSS/Atom feeds, WordPress exports, HTML pages and JSON Lines become article files.

`import_source` reads one source (a file, a folder or an http(s) URL), detects its format from its content,
skips what was never published and writes one Markdown file per article under `<articles>/<source>/`.
"""

from index.importers.entries import Entry, ImportOptions, Skip
from index.importers.run import ImportSummary, import_source, source_name

__all__ = ["Entry", "ImportOptions", "ImportSummary", "Skip", "import_source", "source_name"]
