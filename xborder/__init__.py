"""xborder: shared scam and drug-crime intelligence between national nodes."""

__version__ = "0.1.0"
