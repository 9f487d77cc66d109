"""Explanations: the analyst's sentence in English and the citizen's in th/km/en."""

from __future__ import annotations

from xborder.classify.result import Classification, Prediction
from xborder.classify.text import MAX_CHARS
from xborder.core.taxonomy import NOT_SCAM

# Above this the citizen is told plainly it is a scam; between the two, to be
# careful. The analyst sees the number itself.
_LIKELY = 0.8
_POSSIBLE = 0.5


def analyst_explanation(prediction: Prediction, scam_type: str, truncated: bool) -> str:
    """One English sentence naming the verdict and the evidence behind it."""
    p = prediction.scam_probability
    if scam_type == NOT_SCAM:
        head = f"Looks legitimate (scam probability {p:.2f})"
    else:
        head = f"Likely {scam_type.replace('_', ' ')} scam (scam probability {p:.2f})"
    evidence = "; ".join(prediction.reasons) if prediction.reasons else "no telling words or indicators"
    tail = f" Only the first {MAX_CHARS:,} characters were classified." if truncated else ""
    return f"{head}; evidence: {evidence}.{tail}"


_TYPE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "phishing": "a phishing message that tries to steal your passwords or bank details",
        "impersonation": "someone pretending to be police, an official, a courier or bank staff",
        "ecommerce": "a fake shop or seller",
        "employment": "a fake job or task offer",
        "investment": "a fake investment or crypto offer",
        "romance": "a romance scam",
        "sextortion": "blackmail with private pictures or videos",
        "loan": "a fake loan offer",
        "gambling": "an illegal gambling offer",
        "prize": "a fake prize, giveaway or donation request",
        "remote_access": "a request to install an app that can take over your phone",
        "drugs": "an offer of illegal drugs",
        "other": "a scam",
    },
    "th": {
        "phishing": "ข้อความหลอกขโมยรหัสผ่านหรือข้อมูลบัญชีธนาคาร",
        "impersonation": "การแอบอ้างเป็นตำรวจ เจ้าหน้าที่รัฐ บริษัทขนส่ง หรือพนักงานธนาคาร",
        "ecommerce": "ร้านค้าหรือผู้ขายปลอม",
        "employment": "การชวนทำงานหรือทำภารกิจปลอม",
        "investment": "การชวนลงทุนหรือเทรดคริปโตปลอม",
        "romance": "การหลอกให้รักแล้วขอเงิน",
        "sextortion": "การข่มขู่ด้วยภาพหรือคลิปส่วนตัว",
        "loan": "การปล่อยเงินกู้ปลอม",
        "gambling": "การชวนเล่นพนันผิดกฎหมาย",
        "prize": "รางวัล ของแจก หรือการขอรับบริจาคปลอม",
        "remote_access": "การหลอกให้ติดตั้งแอปที่ควบคุมโทรศัพท์ของคุณได้",
        "drugs": "การขายยาเสพติด",
        "other": "มิจฉาชีพ",
    },
    "km": {
        "phishing": "សារបោកប្រាស់ដើម្បីលួចពាក្យសម្ងាត់ ឬព័ត៌មានគណនីធនាគារ",
        "impersonation": "ការក្លែងខ្លួនជាប៉ូលិស មន្ត្រី ក្រុមហ៊ុនដឹកជញ្ជូន ឬបុគ្គលិកធនាគារ",
        "ecommerce": "ហាង ឬអ្នកលក់ក្លែងក្លាយ",
        "employment": "ការផ្តល់ការងារ ឬភារកិច្ចក្លែងក្លាយ",
        "investment": "ការបបួលវិនិយោគ ឬគ្រីបតូក្លែងក្លាយ",
        "romance": "ការបោកប្រាស់តាមរយៈស្នេហា",
        "sextortion": "ការគំរាមដោយប្រើរូបភាព ឬវីដេអូឯកជន",
        "loan": "ការផ្តល់កម្ចីក្លែងក្លាយ",
        "gambling": "ការបបួលលេងល្បែងខុសច្បាប់",
        "prize": "រង្វាន់ អំណោយ ឬការសុំបរិច្ចាគក្លែងក្លាយ",
        "remote_access": "ការបញ្ឆោតឱ្យដំឡើងកម្មវិធីដែលអាចគ្រប់គ្រងទូរស័ព្ទរបស់អ្នក",
        "drugs": "ការលក់គ្រឿងញៀន",
        "other": "ការបោកប្រាស់",
    },
}

_SENTENCES: dict[str, dict[str, str]] = {
    "en": {
        "likely": "This message is very likely {kind}: do not click its links, pay, or share any codes.",
        "possible": (
            "This message may be {kind}: check with the organisation through its official "
            "number before you act."
        ),
        "unlikely": "This message does not look like a scam, but never share passwords or one-time codes.",
    },
    "th": {
        "likely": "ข้อความนี้มีแนวโน้มสูงว่าเป็น{kind} อย่ากดลิงก์ อย่าโอนเงิน และอย่าบอกรหัสใด ๆ",
        "possible": "ข้อความนี้อาจเป็น{kind} โปรดตรวจสอบกับหน่วยงานผ่านเบอร์ทางการก่อนทำตาม",
        "unlikely": "ข้อความนี้ดูไม่เหมือนมิจฉาชีพ แต่อย่าบอกรหัสผ่านหรือรหัส OTP กับใคร",
    },
    "km": {
        "likely": "សារនេះទំនងជា{kind} សូមកុំចុចតំណ កុំផ្ទេរប្រាក់ ហើយកុំប្រាប់លេខកូដណាមួយ។",
        "possible": "សារនេះអាចជា{kind} សូមផ្ទៀងផ្ទាត់ជាមួយស្ថាប័នតាមលេខផ្លូវការមុននឹងធ្វើតាម។",
        "unlikely": "សារនេះមិនមើលទៅដូចជាការបោកប្រាស់ទេ ប៉ុន្តែកុំប្រាប់ពាក្យសម្ងាត់ ឬលេខកូដ OTP ដល់អ្នកណា។",
    },
}


def scam_type_name(scam_type: str, language: str) -> str:
    """What a scam type is, in plain words, in "th", "km" or "en" (else English)."""
    names = _TYPE_NAMES.get(language, _TYPE_NAMES["en"])
    return names.get(scam_type, names["other"])


def explanation_for(classification: Classification, language: str) -> str:
    """A plain one-sentence verdict for a citizen, in "th", "km" or "en".

    Any other language gets English, the language both agencies share.
    """
    lang = language if language in _SENTENCES else "en"
    p = classification.scam_probability
    if classification.scam_type == NOT_SCAM or p < _POSSIBLE:
        return _SENTENCES[lang]["unlikely"]
    kind = _TYPE_NAMES[lang][classification.scam_type]
    level = "likely" if p >= _LIKELY else "possible"
    return _SENTENCES[lang][level].format(kind=kind)
