import pytest

from xborder.classify import keywords
from xborder.classify.text import normalise
from xborder.core.taxonomy import SCAM_TYPES


def _predict(text, flags=()):
    return keywords.predict(normalise(text), frozenset(flags))


@pytest.mark.parametrize(
    ("text", "scam_type"),
    [
        ("สล็อตเว็บตรง ฟรีเครดิต 100 ถอนไว ไม่มีขั้นต่ำ", "gambling"),
        ("ភ្នាល់បាល់ កាស៊ីណូអនឡាញ ដាក់ប្រាក់ ១០ដុល្លារ", "gambling"),
        ("Congratulations! You have won a lucky draw prize, claim now", "prize"),
        ("สินเชื่อเงินด่วน ไม่ต้องค้ำ ไม่เช็คบูโร อนุมัติไว", "loan"),
        ("ត្រូវការកម្ចីបន្ទាន់? កម្ចីគ្មានវត្ថុបញ្ចាំ ការប្រាក់ទាប", "loan"),
        (
            "This is the police. Your name is in a money laundering case; move funds to a safe account",
            "impersonation",
        ),
        ("เจ้าหน้าที่ ปปง. แจ้งว่าบัญชีของท่านเกี่ยวข้องกับการฟอกเงิน", "impersonation"),
        ("งานพาร์ทไทม์ กดไลค์ ทำภารกิจ รายได้วันละ 500", "employment"),
        ("Install AnyDesk so I can fix your banking app by remote control", "remote_access"),
        ("ขายยาบ้า ยาไอซ์ ส่งไวทั่วประเทศ", "drugs"),
        ("ទិញយ៉ាម៉ា ម៉ាទឹកកក ដឹកដល់ផ្ទះ", "drugs"),
        ("ลงทุนคริปโต USDT ผลตอบแทน 30% ต่อเดือน", "investment"),
    ],
)
def test_names_the_scam_type_from_its_words(text, scam_type):
    prediction = _predict(text)
    assert prediction.scam_probability > 0.5
    assert max(prediction.type_scores, key=prediction.type_scores.get) == scam_type


def test_one_time_codes_and_chat_are_legitimate():
    assert _predict("OTP 006901 (Ref:ZJWR) ห้ามแจ้งรหัสกับบุคคลอื่นทุกกรณี").scam_probability < 0.1
    assert _predict("Ok lor, I'm going home now. See you tomorrow").scam_probability < 0.1


def test_indicators_raise_the_score_and_official_ones_lower_it():
    text = "กรุณาตรวจสอบรายการของท่าน"
    plain = _predict(text).scam_probability
    assert _predict(text, {"link", "short_link"}).scam_probability > plain
    assert _predict(text, {"known_bad"}).scam_probability > 0.5
    assert _predict(text, {"official"}).scam_probability < plain


def test_app_link_alone_points_at_remote_access():
    prediction = _predict("ติดตั้งเพื่อรับเงินคืน", {"link", "app_download"})
    assert max(prediction.type_scores, key=prediction.type_scores.get) == "remote_access"


def test_type_scores_cover_every_type_and_sum_to_one():
    for text in ("hello", "casino casino free credit"):
        scores = _predict(text).type_scores
        assert set(scores) == set(SCAM_TYPES)
        assert sum(scores.values()) == pytest.approx(1.0)


def test_reasons_quote_the_matched_words():
    prediction = _predict("บาคาร่า เครดิตฟรี คลิก", {"short_link"})
    joined = " ".join(prediction.reasons)
    assert "บาคาร่า" in joined
    assert "shortened link" in joined
