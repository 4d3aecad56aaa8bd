"""The one rule for XML from outside: no entity declarations (they can expand without bound or reach out)."""

from __future__ import annotations

import re

from index.errors import SourceError

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
ENTITIES_REFUSED = "declares XML entities, which are refused (they can expand without bound or load files)"


def refuse_entities(head: bytes) -> None:
    """Raise SourceError when the document's prolog declares entities."""
    if _ENTITY_DECLARATION.search(head):
        raise SourceError(ENTITIES_REFUSED)
