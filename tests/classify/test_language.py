import pytest

from xborder.classify import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("โอนเงินด่วนก่อนบัญชีถูกระงับ", "th"),
        ("សូមផ្ទេរប្រាក់ភ្លាមៗ", "km"),
        ("Your parcel is held at customs", "en"),
        # Latin links and brand names inside a Thai or Khmer message do not
        # make it English.
        ("ฟรีเครดิต 200฿ คลิก https://lin.ee/BvuGAMvXYZ", "th"),
        ("OTP 006901 (Ref:ZJWR) ห้ามแจ้งรหัส", "th"),
        ("ABA Bank: សូមចុចតំណ https://aba-verify-account.com/login", "km"),
        ("您的包裹已被海关扣留", "other"),
        ("Ваш счёт заблокирован", "other"),
        ("1234 5678 !!!", "other"),
    ],
)
def test_detects_language_by_script(text, expected):
    assert detect_language(text) == expected


def test_zero_width_spaces_between_khmer_words_do_not_matter():
    assert detect_language("សូម\u200bផ្ទេរ\u200bប្រាក់") == "km"


def test_rejects_non_text():
    with pytest.raises(TypeError):
        detect_language(b"bytes")  # type: ignore[arg-type]
