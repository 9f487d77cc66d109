"""Mule bank accounts and PromptPay ids, and how victims write them down."""

from __future__ import annotations

import random
from dataclasses import dataclass

from xborder.demo.phones import national_forms
from xborder.demo.planted import Planted, Writing


@dataclass(frozen=True, slots=True)
class Bank:
    code: str
    country: str
    digits: int
    groups: tuple[int, ...]  # the layout printed on passbooks and transfer slips
    th: tuple[str, ...]
    km: tuple[str, ...]
    en: tuple[str, ...]


BANKS: dict[str, Bank] = {
    b.code: b
    for b in (
        Bank("KBANK", "TH", 10, (3, 1, 5, 1), ("กสิกรไทย", "กสิกร", "KBank"), ("KBank", "Kasikorn"), ("KBank", "Kasikorn Bank", "KBANK")),
        Bank("SCB", "TH", 10, (3, 1, 5, 1), ("ไทยพาณิชย์", "SCB"), ("SCB",), ("SCB", "Siam Commercial Bank")),
        Bank("KTB", "TH", 10, (3, 1, 5, 1), ("กรุงไทย", "KTB"), ("Krungthai",), ("Krungthai Bank", "KTB")),
        Bank("BBL", "TH", 10, (3, 1, 5, 1), ("กรุงเทพ", "BBL"), ("Bangkok Bank",), ("Bangkok Bank", "BBL")),
        Bank("BAY", "TH", 10, (3, 1, 5, 1), ("กรุงศรี", "กรุงศรีอยุธยา"), ("Krungsri",), ("Krungsri", "Bank of Ayudhya")),
        Bank("TTB", "TH", 10, (3, 1, 5, 1), ("ทีทีบี", "ttb"), ("ttb",), ("ttb", "TMBThanachart")),
        Bank("GSB", "TH", 12, (4, 4, 4), ("ออมสิน",), ("GSB",), ("GSB", "Government Savings Bank")),
        Bank("ABA", "KH", 9, (3, 3, 3), ("ABA",), ("ABA", "អេប៊ីអេ"), ("ABA", "ABA Bank")),
        Bank("ACLEDA", "KH", 13, (4, 2, 6, 1), ("ACLEDA",), ("ACLEDA", "អេស៊ីលីដា"), ("ACLEDA", "ACLEDA Bank")),
        Bank("WING", "KH", 8, (4, 4), ("Wing",), ("Wing", "វីង"), ("Wing", "Wing Bank")),
    )
}

# Mule recruiters buy accounts at the big retail banks far more than at the rest.
_TH_WEIGHTS = {"KBANK": 30, "SCB": 22, "KTB": 18, "BBL": 10, "BAY": 10, "TTB": 7, "GSB": 3}
_KH_WEIGHTS = {"ABA": 60, "ACLEDA": 25, "WING": 15}

# Thai passbook names: title, given name, surname initial, as a transfer slip masks it.
_MULE_TH = {
    (("นาย", "MR."),): (("สมศักดิ์", "SOMSAK"), ("ธนากร", "THANAKORN"), ("วีรยุทธ", "WEERAYUT"), ("อำนาจ", "AMNAT"),
                       ("ณัฐพล", "NATTHAPHON"), ("เอกชัย", "EKKACHAI"), ("ศักดิ์ดา", "SAKDA")),
    (("นางสาว", "MISS"), ("นาง", "MRS.")): (("ปวีณา", "PAWEENA"), ("ชุติมา", "CHUTIMA"), ("สุดารัตน์", "SUDARAT"),
                                          ("จันทร์จิรา", "CHANCHIRA"), ("อรอุมา", "ORNUMA")),
}
_TH_INITIALS = (("ก.", "K."), ("ส.", "S."), ("ป.", "P."), ("ร.", "R."), ("ว.", "W."), ("จ.", "C."), ("ท.", "T."))
_MULE_KH = (("ចាន់ ស.", "CHAN S."), ("ហេង វ.", "HENG V."), ("សេង ព.", "SENG P."), ("ម៉ៅ ដ.", "MAO D."),
            ("ឈឹម រ.", "CHHIM R."), ("ប៊ុន ស.", "BUN S."), ("អ៊ុក ម.", "OUK M."), ("ទេព ច.", "TEP C."))


@dataclass(frozen=True, slots=True)
class BankAccount:
    bank: str    # bank code as DESIGN.md names them
    number: str  # digits only: the canonical indicator value
    holder_native: str
    holder_latin: str

    @property
    def country(self) -> str:
        return BANKS[self.bank].country


def new_account(rng: random.Random, country: str, taken: set[str]) -> BankAccount:
    table = _TH_WEIGHTS if country == "TH" else _KH_WEIGHTS
    code = rng.choices(list(table), weights=list(table.values()))[0]
    bank = BANKS[code]
    while True:
        # Thai accounts never start with 0 here, so no account reads as a 08x mobile.
        first = "00" if code == "ABA" else str(rng.randrange(1, 10))
        rest = bank.digits - len(first)
        number = f"{first}{rng.randrange(10 ** rest):0{rest}d}"
        if number not in taken:
            taken.add(number)
            break
    if country == "TH":
        titles, names = rng.choice(list(_MULE_TH.items()))
        (title, title_en), (given, given_en), (init, init_en) = (
            rng.choice(titles), rng.choice(names), rng.choice(_TH_INITIALS))
        return BankAccount(code, number, f"{title} {given} {init}", f"{title_en} {given_en} {init_en}")
    native, latin = rng.choice(_MULE_KH)
    return BankAccount(code, number, native, latin)


def _layout(rng: random.Random, account: BankAccount) -> str:
    groups = BANKS[account.bank].groups
    roll = rng.random()
    if roll < 0.4:
        return account.number
    sep = " " if account.country == "KH" or roll > 0.92 else "-"
    parts, i = [], 0
    for g in groups:
        parts.append(account.number[i:i + g])
        i += g
    return sep.join(parts)


_FORMS = {
    "th": ("บัญชี{b} {n}", "บัญชี{b} เลขที่ {n}", "บช.{b} {n}", "ธ.{b} {n}", "บัญชี{b} {n} ชื่อ {h}",
           "ธนาคาร{b} เลขบัญชี {n}", "{b} {n} ชื่อบัญชี {h}"),
    "km": ("គណនី {b} {n}", "គណនី {b} លេខ {n}", "ធនាគារ {b} លេខគណនី {n}", "គណនី {b} {n} ឈ្មោះ {h}", "គណនី {b}៖ {n}"),
    "en": ("{b} acc {n}", "{b} account {n}", "{b} a/c no. {n}", "account {n} ({b})", "{b} account {n} (name {h})"),
}


def write_account(rng: random.Random, account: BankAccount, lang: str) -> Writing:
    """Bank name (or the word for account) always comes with the number, as in real slips."""
    bank = BANKS[account.bank]
    name = rng.choice(getattr(bank, lang))
    if lang == "th" and name.isascii():
        name = f" {name}"  # Thai writers set Latin names off with a space
    holder = account.holder_native if lang == "th" and account.country == "TH" else account.holder_latin
    number = _layout(rng, account)
    text = rng.choice(_FORMS[lang]).format(b=name, n=number, h=holder)
    return Writing(text, (Planted("bank_account", account.number, number),))


def thai_id(rng: random.Random, taken: set[str]) -> str:
    """A 13-digit Thai ID number with a valid check digit."""
    while True:
        body = f"{rng.randrange(1, 9)}{rng.randrange(10 ** 11):011d}"
        check = (11 - sum(int(d) * (13 - i) for i, d in enumerate(body)) % 11) % 10
        value = f"{body}{check}"
        if value not in taken:
            taken.add(value)
            return value


_PP_FORMS = {
    "th": ("พร้อมเพย์ {x}", "พร้อมเพย์เบอร์ {x}", "PromptPay {x}", "พร้อมเพย์ {x} ชื่อ {h}"),
    "km": ("PromptPay {x}", "PromptPay លេខ {x}"),
    "en": ("PromptPay {x}", "PromptPay number {x}", "PromptPay ID {x}"),
}
_PP_HOLDERS = ("สมหญิง ก.", "วิชัย ส.", "กมลชนก ป.", "อนันต์ ร.", "เพ็ญศรี ท.")


def write_promptpay(rng: random.Random, value: str, lang: str) -> Writing:
    """PromptPay id (E.164 mobile or 13-digit ID) with the PromptPay word next to it."""
    if value.startswith("+"):
        forms = national_forms(value)
        written = rng.choices([f for f, _ in forms], weights=[w for _, w in forms])[0]
    elif rng.random() < 0.6:
        v = value
        written = f"{v[0]}-{v[1:5]}-{v[5:10]}-{v[10:12]}-{v[12]}"
    else:
        written = value
    text = rng.choice(_PP_FORMS[lang]).format(x=written, h=rng.choice(_PP_HOLDERS))
    return Writing(text, (Planted("promptpay", value, written),))
