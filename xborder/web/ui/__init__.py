"""Server-rendered pages; no CDN, no scripts from elsewhere (nodes run air-gapped)."""
