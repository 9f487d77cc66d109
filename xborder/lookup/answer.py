"""The plain sentence a citizen gets for a looked-up value, in th, km or en.

Scam-type names are the ones /check uses (classify/explain.py), so both
answers speak the same words.
"""

from __future__ import annotations

from xborder.classify.explain import scam_type_name
from xborder.lookup.index import Entry
from xborder.lookup.verdict import MALICIOUS, OFFICIAL, SUSPICIOUS

_WHAT: dict[str, dict[str, str]] = {
    "en": {
        "phone": "phone number", "url": "link", "domain": "website", "email": "e-mail address",
        "ip": "internet address", "bank_account": "bank account", "promptpay": "PromptPay ID",
        "national_id": "ID card number", "iban": "bank account (IBAN)", "crypto_wallet": "crypto wallet",
        "line_id": "LINE ID", "telegram": "Telegram account", "ussd": "USSD code",
    },
    "th": {
        "phone": "เบอร์โทรศัพท์", "url": "ลิงก์", "domain": "เว็บไซต์", "email": "อีเมล",
        "ip": "ที่อยู่ IP", "bank_account": "บัญชีธนาคาร", "promptpay": "พร้อมเพย์",
        "national_id": "เลขบัตรประชาชน", "iban": "บัญชีธนาคาร (IBAN)", "crypto_wallet": "กระเป๋าเงินคริปโต",
        "line_id": "ไลน์ไอดี", "telegram": "บัญชีเทเลแกรม", "ussd": "รหัส USSD",
    },
    "km": {
        "phone": "លេខទូរស័ព្ទ", "url": "តំណ", "domain": "គេហទំព័រ", "email": "អ៊ីមែល",
        "ip": "អាសយដ្ឋាន IP", "bank_account": "គណនីធនាគារ", "promptpay": "លេខ PromptPay",
        "national_id": "លេខអត្តសញ្ញាណប័ណ្ណ", "iban": "គណនីធនាគារ (IBAN)", "crypto_wallet": "កាបូបគ្រីបតូ",
        "line_id": "LINE ID", "telegram": "គណនី Telegram", "ussd": "លេខកូដ USSD",
    },
}

_SENTENCES: dict[str, dict[str, str]] = {
    "en": {
        MALICIOUS: "Warning: this {what} is known to be used by scammers{why}. Do not answer it, pay it or "
                   "transfer money to it, and report it.",
        SUSPICIOUS: "Be careful: this {what} has been reported to us{why}. Check with the organisation "
                    "through its official number before you act.",
        OFFICIAL: "This is a genuine {what}{whose}. Scammers can fake the number or name you see: if in doubt, "
                  "hang up and contact it yourself.",
        "common": "This is a widely shared service, so it tells nothing either way: judge the message itself, "
                  "and never share passwords or one-time codes.",
        "unknown": "We have no reports of this {what}. That does not prove it is safe: never share passwords "
                   "or one-time codes.",
        "reports": " ({n} reports{types})",
        "report": " (1 report{types})",
        "type": ": {name}",
        "whose": " of {label}",
    },
    "th": {
        MALICIOUS: "ระวัง! {what}นี้ถูกใช้โดยมิจฉาชีพ{why} อย่ารับสาย อย่าโอนเงินให้ และโปรดแจ้งความ",
        SUSPICIOUS: "โปรดระวัง {what}นี้เคยถูกแจ้งเข้ามา{why} โปรดตรวจสอบกับหน่วยงานผ่านเบอร์ทางการก่อนทำตาม",
        OFFICIAL: "นี่คือ{what}จริง{whose} แต่มิจฉาชีพปลอมเบอร์หรือชื่อที่แสดงได้ หากไม่แน่ใจ "
                  "ให้วางสายแล้วติดต่อกลับเอง",
        "common": "นี่เป็นบริการที่คนทั่วไปใช้ร่วมกัน จึงบอกไม่ได้ว่าเป็นมิจฉาชีพหรือไม่ "
                  "โปรดพิจารณาจากข้อความ และอย่าบอกรหัสผ่านหรือรหัส OTP กับใคร",
        "unknown": "ยังไม่มีรายงานเกี่ยวกับ{what}นี้ แต่ไม่ได้แปลว่าปลอดภัย อย่าบอกรหัสผ่านหรือรหัส OTP กับใคร",
        "reports": " ({n} รายงาน{types})",
        "report": " (1 รายงาน{types})",
        "type": ": {name}",
        "whose": "ของ {label}",
    },
    "km": {
        MALICIOUS: "ប្រយ័ត្ន! {what}នេះត្រូវបានជនបោកប្រាស់ប្រើ{why}។ កុំឆ្លើយ កុំផ្ទេរប្រាក់ឱ្យ "
                   "ហើយសូមរាយការណ៍ទៅប៉ូលិស។",
        SUSPICIOUS: "សូមប្រយ័ត្ន {what}នេះធ្លាប់ត្រូវបានរាយការណ៍មកយើង{why}។ "
                    "សូមផ្ទៀងផ្ទាត់ជាមួយស្ថាប័នតាមលេខផ្លូវការមុននឹងធ្វើតាម។",
        OFFICIAL: "នេះជា{what}ពិតប្រាកដ{whose}។ ជនបោកប្រាស់អាចក្លែងលេខ ឬឈ្មោះដែលអ្នកឃើញបាន៖ "
                  "បើមិនប្រាកដ សូមដាក់ទូរស័ព្ទចុះ ហើយទាក់ទងទៅវិញដោយខ្លួនឯង។",
        "common": "នេះជាសេវាដែលមនុស្សជាច្រើនប្រើរួមគ្នា ដូច្នេះវាមិនអាចប្រាប់ថាជាការបោកប្រាស់ឬអត់ទេ។ "
                  "កុំប្រាប់ពាក្យសម្ងាត់ ឬលេខកូដ OTP ដល់អ្នកណា។",
        "unknown": "មិនទាន់មានរបាយការណ៍អំពី{what}នេះទេ ប៉ុន្តែនេះមិនមានន័យថាមានសុវត្ថិភាពទេ។ "
                   "កុំប្រាប់ពាក្យសម្ងាត់ ឬលេខកូដ OTP ដល់អ្នកណា។",
        "reports": " ({n} របាយការណ៍{types})",
        "report": " (1 របាយការណ៍{types})",
        "type": "៖ {name}",
        "whose": "របស់ {label}",
    },
}


def sentence(entry: Entry, language: str, official_label: str | None = None) -> str:
    """One plain sentence on what the node knows of `entry`, in "th", "km" or "en" (else English)."""
    lang = language if language in _SENTENCES else "en"
    words = _SENTENCES[lang]
    what = _WHAT[lang][entry.kind]
    if entry.verdict == OFFICIAL:
        whose = words["whose"].format(label=official_label) if official_label else ""
        return words[OFFICIAL].format(what=what, whose=whose)
    if entry.verdict in (MALICIOUS, SUSPICIOUS):
        return words[entry.verdict].format(what=what, why=_why(entry, words, lang))
    if entry.warninglist:
        return words["common"]
    return words["unknown"].format(what=what)


def _why(entry: Entry, words: dict[str, str], lang: str) -> str:
    if entry.report_count == 0:
        return ""
    # One named type reads naturally; a list of them does not.
    named = [t for t in entry.scam_types if t != "other"]
    types = words["type"].format(name=scam_type_name(named[0], lang)) if len(named) == 1 else ""
    if entry.report_count == 1:
        return words["report"].format(types=types)
    return words["reports"].format(n=entry.report_count, types=types)
