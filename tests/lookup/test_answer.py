"""answer.py: the citizen's sentence in th, km and en."""

from xborder.lookup.answer import sentence
from xborder.lookup.index import Entry, absent_entry


def entry(verdict, count=0, types=(), warninglist=None, kind="phone"):
    return Entry(kind, "+66812345678", 1, warninglist, 50, verdict, None, count, 0.0 if count else None,
                 0.0 if count else None, types, None, (), ())


def test_each_verdict_has_its_sentence_in_each_language():
    malicious = entry("malicious", 3, ("impersonation",))
    assert sentence(malicious, "en") == ("Warning: this phone number is known to be used by scammers (3 reports: "
                                         "someone pretending to be police, an official, a courier or bank staff). "
                                         "Do not answer it, pay it or transfer money to it, and report it.")
    assert sentence(malicious, "th").startswith("ระวัง! เบอร์โทรศัพท์นี้ถูกใช้โดยมิจฉาชีพ (3 รายงาน: การแอบอ้างเป็นตำรวจ")
    assert sentence(malicious, "km").startswith("ប្រយ័ត្ន! លេខទូរស័ព្ទនេះត្រូវបានជនបោកប្រាស់ប្រើ (3 របាយការណ៍៖")
    one = entry("suspicious", 1, ("investment", "romance"), kind="bank_account")
    assert sentence(one, "en").startswith("Be careful: this bank account has been reported to us (1 report).")
    assert "บัญชีธนาคาร" in sentence(one, "th") and "គណនីធនាគារ" in sentence(one, "km")
    unknown = absent_entry("url", "http://a.example/", None)
    assert sentence(unknown, "en").startswith("We have no reports of this link.")
    assert sentence(unknown, "de") == sentence(unknown, "en")  # any other language: English


def test_official_values_name_their_owner_and_shared_services_say_nothing_either_way():
    hotline = absent_entry("phone", "1441", "th-official-hotlines")
    assert sentence(hotline, "en", "Anti Online Scam Operation Center (AOC)").startswith(
        "This is a genuine phone number of Anti Online Scam Operation Center (AOC).")
    assert "ของ Anti Online" in sentence(hotline, "th", "Anti Online Scam Operation Center (AOC)")
    shortener = absent_entry("domain", "bit.ly", "url-shorteners")
    assert sentence(shortener, "en").startswith("This is a widely shared service")
    assert sentence(shortener, "km") != sentence(shortener, "th") != sentence(shortener, "en")
