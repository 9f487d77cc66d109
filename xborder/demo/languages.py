"""The three report languages, and what their texts need from a gang."""

from __future__ import annotations

from xborder.demo.sites import theme_hint
from xborder.demo.templates import Language
from xborder.demo.texts_en import ENGLISH
from xborder.demo.texts_km import KHMER
from xborder.demo.texts_th import THAI

LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (THAI, KHMER, ENGLISH)}


def site_themes(scam_type: str) -> tuple[str, ...]:
    """Site themes the texts of `scam_type` link to first, most used first.

    A gang running the type keeps sites of each, so that a bank-phishing text
    links to a bank look-alike rather than to the gang's courier site.
    """
    counts: dict[str, int] = {}
    for language in LANGUAGES.values():
        for template in language.templates.get(scam_type, ()):
            if "url" in template.slots or "domain" in template.slots:
                first = theme_hint(template.slots, scam_type)[0]
                counts[first] = counts.get(first, 0) + 1
    return tuple(sorted(counts, key=lambda t: (-counts[t], t)))
