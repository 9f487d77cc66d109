"""Victims who file the reports: fake but plausible names and contacts.

This is the personal data DESIGN.md keeps apart and encrypted. It goes in the
`reporter` field only; texts never mention it.
"""

from __future__ import annotations

import random

from xborder.demo.phones import new_mobile

_TH_GIVEN = (("สุภาพร", "Supaporn"), ("กาญจนา", "Kanchana"), ("ธนพล", "Thanaphon"), ("ณัฐวุฒิ", "Nattawut"),
             ("ปิยะพงษ์", "Piyaphong"), ("อรุณี", "Arunee"), ("มาลี", "Malee"), ("บุญมี", "Boonmee"),
             ("ศิริพร", "Siriporn"), ("วรรณา", "Wanna"), ("จิราพร", "Jiraporn"), ("ประเสริฐ", "Prasert"),
             ("สุรชัย", "Surachai"), ("อนุชา", "Anucha"), ("พรทิพย์", "Pornthip"), ("นงลักษณ์", "Nongluck"),
             ("เกศินี", "Kesinee"), ("ชัยวัฒน์", "Chaiwat"), ("ธีรพงษ์", "Theeraphong"), ("รัตนา", "Rattana"),
             ("สมพร", "Somporn"), ("วันเพ็ญ", "Wanpen"), ("อัญชลี", "Anchalee"), ("กิตติพงษ์", "Kittipong"),
             ("สุนิสา", "Sunisa"), ("ศุภชัย", "Supachai"), ("ลำดวน", "Lamduan"), ("ทองใบ", "Thongbai"),
             ("บัวผัน", "Buaphan"), ("ปราณี", "Pranee"), ("สมชาย", "Somchai"), ("วิไลวรรณ", "Wilaiwan"))
_TH_FAMILY = (("ใจดี", "Jaidee"), ("ศรีสุข", "Srisuk"), ("แก้วมณี", "Kaewmanee"), ("บุญเรือง", "Boonruang"),
              ("ทองดี", "Thongdee"), ("สุขสวัสดิ์", "Suksawat"), ("วงศ์ใหญ่", "Wongyai"), ("พรหมมา", "Phromma"),
              ("จันทร์เพ็ญ", "Chanphen"), ("ศรีวงศ์", "Sriwong"), ("มั่นคง", "Mankong"), ("รักษาศรี", "Raksasri"),
              ("อินทร์แก้ว", "Inkaew"), ("สายทอง", "Saithong"), ("เพชรรัตน์", "Phetcharat"), ("ชัยมงคล", "Chaimongkol"),
              ("ปัญญาดี", "Panyadee"), ("บุญมา", "Boonma"), ("คำแสน", "Khamsaen"), ("นาคสวัสดิ์", "Naksawat"),
              ("ดวงจันทร์", "Duangchan"), ("สีดา", "Sida"), ("ภูมิสุข", "Phumisuk"), ("แสงทอง", "Saengthong"))
_KH_GIVEN = (("ដារ៉ា", "Dara"), ("សុភា", "Sophea"), ("ចាន់ថា", "Chantha"), ("សុខា", "Sokha"), ("វិចិត្រ", "Vichet"),
             ("ស្រីពៅ", "Sreypov"), ("ពិសី", "Pisey"), ("រតនា", "Ratana"), ("បុប្ផា", "Bopha"), ("សុផល", "Sophal"),
             ("សំណាង", "Samnang"), ("វណ្ណា", "Vanna"), ("ធារី", "Theary"), ("កញ្ញា", "Kanha"), ("សុវណ្ណ", "Sovann"),
             ("មករា", "Makara"), ("ពុទ្ធី", "Puthy"), ("ស្រីនាង", "Sreyneang"), ("រដ្ឋា", "Rotha"), ("សុជាតិ", "Socheat"),
             ("លីដា", "Lida"), ("នារី", "Neary"), ("វាសនា", "Veasna"), ("សុគន្ធា", "Sokunthea"))
_KH_FAMILY = (("សុខ", "Sok"), ("ចាន់", "Chan"), ("ហេង", "Heng"), ("គឹម", "Kim"), ("លី", "Ly"), ("ម៉ៅ", "Mao"),
              ("ស៊ុន", "Sun"), ("ញឹម", "Nhem"), ("ខៀវ", "Khiev"), ("ប៊ុន", "Bun"), ("សេង", "Seng"), ("ទេព", "Tep"),
              ("ព្រំ", "Prum"), ("អ៊ុក", "Ouk"), ("ឈឹម", "Chhim"), ("ពេជ្រ", "Pech"), ("វង់", "Vong"), ("ម៉ម", "Mom"))
_MAIL_HOSTS = ("gmail.com", "gmail.com", "gmail.com", "hotmail.com", "yahoo.com", "outlook.com")


def new_reporter(rng: random.Random, country: str, lang: str, taken: set[str]) -> dict[str, str | None]:
    """{"name", "phone", "email"} of a victim in `country`; the phone joins `taken`."""
    if country == "TH":
        (given, given_en), (family, family_en) = rng.choice(_TH_GIVEN), rng.choice(_TH_FAMILY)
        native, latin = f"{given} {family}", f"{given_en} {family_en}"
    else:
        # Khmer names put the family name first, in both scripts.
        (family, family_en), (given, given_en) = rng.choice(_KH_FAMILY), rng.choice(_KH_GIVEN)
        native, latin = f"{family} {given}", f"{family_en} {given_en}"
    name = latin if lang == "en" and rng.random() < 0.6 else native
    email = None
    if rng.random() < 0.5:
        first, last = (given_en, family_en) if country == "TH" else (family_en, given_en)
        local = rng.choice((f"{first}.{last[:3]}", f"{first}{rng.randrange(70, 100)}", f"{first}_{last}"))
        email = f"{local.lower()}{rng.randrange(1, 1000)}@{rng.choice(_MAIL_HOSTS)}"
    return {"name": name, "phone": new_mobile(rng, country, taken), "email": email}
