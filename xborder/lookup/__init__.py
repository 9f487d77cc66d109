"""The lookup path: an in-memory index of every indicator, kept in step with the
database, answering "is this a scam?" for one pasted value or ten thousand, and
the block-list feeds built from it.

`LookupIndex` (index.py) holds the entries; `decide` (verdict.py) is the one rule
from risk, warninglist and analysts' marks to a verdict; `build.py` loads the
index from the database and `refresh.py` keeps it current.
"""

from xborder.lookup.index import Entry, LookupIndex
from xborder.lookup.verdict import MALICIOUS, OFFICIAL, SUSPICIOUS, UNKNOWN, decide

__all__ = ["MALICIOUS", "OFFICIAL", "SUSPICIOUS", "UNKNOWN", "Entry", "LookupIndex", "decide"]
