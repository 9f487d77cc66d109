"""Pure indicator extraction: text -> list[Indicator] (DESIGN.md, "Indicator kinds").

Nothing here touches the network or the database.
"""

from xborder.extract.canonical import canonicalize, detect
from xborder.extract.engine import extract
from xborder.extract.stream import extract_stream
from xborder.extract.warninglists import warninglist_match

__all__ = ["canonicalize", "detect", "extract", "extract_stream", "warninglist_match"]
