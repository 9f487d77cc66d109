"""Names of the institutions that look-alike sites imitate, per language.

A text that links to a fake Kerry site says "Kerry"; one that links to a fake
ABA login says "ABA". Fillers are overridden with these names when a link is in
the same text.
"""

from __future__ import annotations

# brand -> (the filler slot it fills, {lang: name}); "en" is the fallback.
BRANDS: dict[str, tuple[str, dict[str, str]]] = {
    "kbank": ("bank_brand", {"th": "ธนาคารกสิกรไทย", "en": "Kasikorn Bank", "km": "ធនាគារ KBank"}),
    "scb": ("bank_brand", {"th": "ธนาคารไทยพาณิชย์", "en": "SCB"}),
    "ktb": ("bank_brand", {"th": "ธนาคารกรุงไทย", "en": "Krungthai Bank"}),
    "krungsri": ("bank_brand", {"th": "กรุงศรี", "en": "Krungsri"}),
    "ttb": ("bank_brand", {"th": "ทีทีบี", "en": "ttb"}),
    "gsb": ("bank_brand", {"th": "ธนาคารออมสิน", "en": "GSB"}),
    "aba": ("bank_brand", {"en": "ABA Bank", "km": "ធនាគារ ABA"}),
    "acleda": ("bank_brand", {"en": "ACLEDA Bank", "km": "ធនាគារ ACLEDA"}),
    "wing": ("bank_brand", {"en": "Wing Bank", "km": "Wing"}),
    "kerry": ("courier", {"en": "Kerry Express"}),
    "flash": ("courier", {"en": "Flash Express"}),
    "thpost": ("courier", {"th": "ไปรษณีย์ไทย", "en": "Thailand Post"}),
    "jnt": ("courier", {"en": "J&T Express"}),
    "dhl": ("courier", {"en": "DHL"}),
    "vet": ("courier", {"en": "VET Express"}),
    "cambopost": ("courier", {"en": "Cambodia Post", "km": "ប្រៃសណីយ៍កម្ពុជា"}),
    "revenue": ("gov", {"th": "กรมสรรพากร", "en": "the Revenue Department"}),
    "dlt": ("gov", {"th": "กรมการขนส่งทางบก", "en": "the Land Transport Department"}),
    "pea": ("gov", {"th": "การไฟฟ้าส่วนภูมิภาค", "en": "the Provincial Electricity Authority"}),
    "mea": ("gov", {"th": "การไฟฟ้านครหลวง", "en": "the Metropolitan Electricity Authority"}),
    "sso": ("gov", {"th": "ประกันสังคม", "en": "Social Security"}),
    "gdt": ("gov", {"en": "the General Department of Taxation", "km": "អគ្គនាយកដ្ឋានពន្ធដារ"}),
    "edc": ("gov", {"en": "EDC", "km": "អគ្គិសនីកម្ពុជា"}),
    "nssf": ("gov", {"en": "NSSF", "km": "បេឡាជាតិរបបសន្តិសុខសង្គម"}),
}


def brand_names(brands: list[str], lang: str) -> dict[str, str]:
    """Filler slot -> name, for the brands linked in one text."""
    out: dict[str, str] = {}
    for brand in brands:
        if brand in BRANDS:
            slot, names = BRANDS[brand]
            out.setdefault(slot, names.get(lang, names["en"]))
    return out
