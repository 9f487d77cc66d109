"""Hand-written phrase lists for the keyword classifier, in Thai, Khmer and English.

Weights are how strongly a phrase alone points at its scam type (3 = almost
decisive, 1 = a hint). Phrases are matched as substrings of the normalised
text (lower case, ASCII digits, no zero-width spaces), so English phrases are
chosen long enough not to hide inside unrelated words.
"""

from __future__ import annotations

TYPE_PHRASES: dict[str, dict[str, float]] = {
    "phishing": {
        "verify your account": 3, "account has been suspended": 3, "account will be suspended": 3,
        "account has been locked": 3, "unusual login": 2, "login attempt": 2, "confirm your identity": 2,
        "update your details": 2, "update your information": 2, "reactivate": 2, "re-activate": 2,
        "enter your password": 3, "your account will be closed": 3, "security check": 1,
        "ยืนยันตัวตน": 2, "บัญชีของคุณถูก": 2, "ถูกระงับ": 2, "ระงับการใช้งาน": 2, "อัปเดตข้อมูล": 2,
        "อัพเดทข้อมูล": 2, "อัพเดตข้อมูล": 2, "คลิกลิงก์": 1, "คลิกลิ้งค์": 1, "เข้าสู่ระบบ": 1,
        "ล็อกอิน": 1, "บัญชีถูกล็อก": 3, "ยืนยันข้อมูล": 2, "กรอกข้อมูล": 2, "ถูกบุกรุก": 2,
        "รหัสผ่าน": 1, "แต้มหมดอายุ": 2, "คะแนนจะหมดอายุ": 2,
        "ផ្ទៀងផ្ទាត់គណនី": 3, "ត្រូវបានផ្អាក": 2, "ត្រូវបានបិទ": 2, "ចុចតំណ": 1, "ចុចលីង": 1,
        "ធ្វើបច្ចុប្បន្នភាព": 2, "ចូលគណនី": 1, "ពាក្យសម្ងាត់": 2, "បំពេញព័ត៌មាន": 2,
        "ផ្ទៀងផ្ទាត់អត្តសញ្ញាណ": 2, "ព្យួរ": 1,
    },
    "impersonation": {
        "police": 2, "customs": 2, "court": 1, "arrest warrant": 3, "money laundering": 3, "safe account": 3,
        "illegal items": 2, "department of special investigation": 3, "revenue department": 2,
        "bank officer": 2, "tax refund": 2, "your parcel": 1, "electricity bill": 1, "case number": 2,
        "ตำรวจ": 2, "ดีเอสไอ": 3, "ฟอกเงิน": 3, "หมายจับ": 3, "ผิดกฎหมาย": 1, "ศุลกากร": 2,
        "กรมสรรพากร": 2, "บัญชีปลอดภัย": 3, "ตรวจสอบเส้นทางการเงิน": 3, "เจ้าหน้าที่": 1, "ปปง": 3,
        "คืนภาษี": 2, "การไฟฟ้า": 2, "ค่าไฟค้าง": 2, "กสทช": 2, "คดี": 1, "พัสดุ": 1,
        "ប៉ូលិស": 2, "អគ្គនាយកដ្ឋានគយ": 2, "តុលាការ": 2, "លាងលុយ": 3, "លាងប្រាក់": 3, "ដីកាចាប់ខ្លួន": 3,
        "មន្ត្រី": 1, "ពន្ធដារ": 2, "អគ្គិសនីកម្ពុជា": 2, "អីវ៉ាន់": 1, "គណនីសុវត្ថិភាព": 3, "សំណុំរឿង": 2,
        "ក្រសួង": 1,
    },
    "ecommerce": {
        "cash on delivery": 1, "pay first": 2, "transfer before": 2, "pre-order": 2, "preorder": 2,
        "shipping fee": 2, "deposit to reserve": 2, "out of stock": 1, "marketplace": 1, "seller": 1,
        "your order": 1, "original brand": 2, "ราคาถูก": 1, "โอนก่อน": 2, "มัดจำ": 2, "ค่าจัดส่ง": 2,
        "พรีออเดอร์": 2, "สั่งซื้อ": 1, "เก็บเงินปลายทาง": 1, "ของแท้": 2, "ลดราคา": 1, "สินค้า": 1,
        "ค่าส่ง": 1, "ร้านค้า": 1,
        "កម្ម៉ង់": 2, "ទំនិញ": 1, "កក់ប្រាក់": 2, "ថ្លៃដឹក": 2, "តម្លៃពិសេស": 1, "ហាងលក់": 1,
        "ដឹកជញ្ជូន": 1, "លក់ចេញ": 1, "ទិញ": 1,
    },
    "employment": {
        "part-time": 2, "part time": 2, "work from home": 2, "daily salary": 2, "per day": 1,
        "commission": 1, "like and follow": 3, "simple tasks": 3, "task": 1, "no experience": 2,
        "job offer": 2, "we are hiring": 2, "recruit": 1, "rent your bank account": 3, "salary": 1,
        "พาร์ทไทม์": 3, "ทำงานที่บ้าน": 2, "รายได้วันละ": 2, "ค่าคอม": 2, "กดไลค์": 3, "รับสมัคร": 2,
        "ไม่ต้องมีประสบการณ์": 2, "รับจ้างเปิดบัญชี": 3, "ภารกิจ": 2, "งานออนไลน์": 2, "เงินเดือน": 1,
        "หางาน": 1, "ได้เงินจริง": 1,
        "ការងារក្រៅម៉ោង": 3, "ធ្វើការនៅផ្ទះ": 2, "ប្រាក់ខែ": 2, "កម្រៃជើងសារ": 2, "ជ្រើសរើសបុគ្គលិក": 2,
        "បទពិសោធន៍": 1, "ភារកិច្ច": 2, "រកលុយ": 1, "ការងារ": 1, "ប្រាក់ចំណូលប្រចាំថ្ងៃ": 2,
    },
    "investment": {
        "investment": 2, "investing": 2, "invest now": 2, "crypto": 2, "usdt": 2, "bitcoin": 2,
        "guaranteed return": 3, "profit": 1,
        "trading": 2, "forex": 3, "passive income": 2, "double your": 2, "returns": 1, "mining": 1,
        "ลงทุน": 2, "ผลตอบแทน": 2, "กำไร": 1, "คริปโต": 2, "เทรด": 2, "หุ้น": 1, "ฟอเร็กซ์": 3,
        "ปันผล": 2, "การันตี": 1, "เหรียญ": 1,
        "វិនិយោគ": 3, "ប្រាក់ចំណេញ": 2, "គ្រីបតូ": 2, "ភាគហ៊ុន": 1, "ជួញដូរ": 1, "ចំណេញ": 1,
    },
    "romance": {
        "my dear": 2, "darling": 2, "i love you": 2, "soulmate": 3, "marry you": 3, "widow": 2, "lonely": 1,
        "meet you": 1, "plane ticket": 1, "honey": 1, "sweetheart": 2,
        "ที่รัก": 2, "คิดถึง": 1, "รักคุณ": 2, "แต่งงาน": 2, "หม้าย": 2, "เหงา": 1, "ตั๋วเครื่องบิน": 1,
        "ส่งของขวัญ": 2, "ทหารอเมริกัน": 3,
        "សំលាញ់": 2, "ស្រលាញ់": 2, "នឹកអូន": 2, "នឹកបង": 2, "រៀបការ": 2, "ជួបគ្នា": 1, "កាដូ": 1,
        "សំបុត្រយន្តហោះ": 1, "ឯកា": 1, "ស្នេហា": 2,
    },
    "sextortion": {
        "video of you": 3, "intimate": 2, "nude": 3, "naked": 3, "webcam": 2, "recorded you": 3,
        "your contacts": 1, "leak": 2, "private photos": 3, "explicit": 2,
        "คลิปหลุด": 3, "คลิปโป๊": 3, "ภาพเปลือย": 3, "แฉ": 2, "ปล่อยคลิป": 3, "อนาจาร": 3, "คลิปลับ": 3,
        "ประจาน": 3, "ส่งให้เพื่อน": 1,
        "អាក្រាត": 3, "បែកធ្លាយ": 3, "អាម៉ាស់": 2, "ផ្ញើទៅគ្រួសារ": 2, "ផ្សព្វផ្សាយវីដេអូ": 3,
        "វីដេអូឯកជន": 3,
    },
    "loan": {
        "loan": 3, "instant cash": 2, "no collateral": 3, "low interest": 2, "processing fee": 2,
        "borrow": 1, "credit score": 1,
        "สินเชื่อ": 3, "เงินกู้": 3, "กู้เงิน": 3, "ไม่ต้องค้ำ": 3, "ดอกเบี้ยต่ำ": 2, "เงินด่วน": 2,
        "วงเงิน": 2, "ไม่เช็คบูโร": 3, "ปล่อยกู้": 3, "อนุมัติ": 1,
        "កម្ចី": 3, "ខ្ចីលុយ": 3, "ការប្រាក់ទាប": 2, "វត្ថុបញ្ចាំ": 2, "ឥណទាន": 2, "អនុម័ត": 1,
    },
    "gambling": {
        "casino": 3, "slots": 2, "slot game": 2, "baccarat": 3, "free credit": 3, "deposit bonus": 2,
        "jackpot": 2,
        "betting": 3, "free spins": 3,
        "คาสิโน": 3, "สล็อต": 3, "บาคาร่า": 3, "เครดิตฟรี": 3, "ฟรีเครดิต": 3, "ฝากถอน": 2, "ถอนไว": 2,
        "แทงบอล": 3, "หวย": 2, "เว็บตรง": 2, "ยอดเทิร์น": 3, "ค่ายเกม": 2, "แตกง่าย": 3,
        "ทดลองเล่น": 2, "ยูสใหม่": 2, "โบนัส": 1, "เว็บพนัน": 3,
        "កាស៊ីណូ": 3, "ល្បែង": 2, "ភ្នាល់": 3, "បាការ៉ាត់": 3, "ស្លត": 2, "ឆ្នោត": 1, "បូណូស": 1,
        "ដាក់ប្រាក់": 1,
    },
    "prize": {
        "congratulations": 2, "you have won": 3, "you've won": 3, "winner": 2, "prize": 2, "claim": 1,
        "reward": 1, "gift card": 2, "voucher": 1, "lucky draw": 3, "donate": 2, "donation": 2,
        "ยินดีด้วย": 2, "ผู้โชคดี": 3, "รางวัล": 2, "ลุ้นรับ": 2, "แจกฟรี": 2, "บัตรกำนัล": 2,
        "ชิงโชค": 2, "บริจาค": 2, "รับฟรี": 1, "ดวงดี": 2,
        "អបអរសាទរ": 2, "រង្វាន់": 2, "សំណាង": 2, "ចាប់រង្វាន់": 3, "បរិច្ចាគ": 2, "ឈ្នះ": 1,
    },
    "remote_access": {
        "download the app": 2, "install the app": 2, "apk": 3, "anydesk": 3, "teamviewer": 3,
        "screen sharing": 3, "share your screen": 3, "remote control": 3, "allow access": 2,
        "accessibility": 2,
        "ดาวน์โหลดแอป": 2, "ติดตั้งแอป": 2, "โหลดแอป": 2, "แชร์หน้าจอ": 3, "ควบคุมเครื่อง": 3,
        "กดอนุญาต": 2, "ติดตั้งโปรแกรม": 2,
        "ទាញយកកម្មវិធី": 2, "ដំឡើងកម្មវិធី": 2, "ចែករំលែកអេក្រង់": 3, "បញ្ជាពីចម្ងាយ": 3, "អនុញ្ញាត": 1,
    },
    "drugs": {
        "crystal meth": 3, "methamphetamine": 3, "yaba": 3, "crystal ice": 3, "weed": 2, "cannabis": 2,
        "kratom": 2, "ketamine": 3,
        "ecstasy": 3, "discreet delivery": 2, "party pack": 2,
        "ยาบ้า": 3, "ยาไอซ์": 3, "ไอซ์": 2, "กัญชา": 2, "ยาเค": 3, "เคตามีน": 3, "กระท่อม": 2,
        "ยาเสพติด": 1,
        "គ្រឿងញៀន": 3, "ថ្នាំញៀន": 3, "យ៉ាម៉ា": 3, "ម៉ាទឹកកក": 3, "កញ្ឆា": 2, "ខេតាមីន": 3,
        "ថ្នាំអ៊ី": 3,
    },
    "other": {
        "recover your lost": 3, "recovery service": 3, "work permit": 1, "visa": 1, "fortune": 1,
        "amulet": 2, "blessing": 1, "your son": 1, "new number": 1,
        "ติดตามเงินคืน": 3, "ทวงเงินคืน": 3, "วีซ่า": 1, "เครื่องราง": 2, "ดูดวง": 2, "สะเดาะเคราะห์": 3,
        "เบอร์ใหม่": 1,
        "ទិដ្ឋាការ": 1, "លិខិតឆ្លងដែន": 1, "ទាមទារប្រាក់វិញ": 3, "ហោរា": 2, "លេខថ្មី": 1,
    },
}

# Pressure and lure words every scam type uses.
SCAM_CUES: dict[str, float] = {
    "urgent": 1, "immediately": 1, "within 24 hours": 1.5, "act now": 1.5, "click here": 1,
    "limited time": 1, "free": 0.5, "call now": 1, "txt": 0.5, "claim now": 1.5,
    "ด่วน": 1, "ภายใน 24 ชั่วโมง": 1.5, "คลิก": 1, "คลิ๊ก": 1, "กดเลย": 1, "ฟรี": 0.5, "ทันที": 0.5,
    "ติดต่อแอดมิน": 1, "แอดไลน์": 1, "ทักไลน์": 1, "ห้ามพลาด": 1,
    "បន្ទាន់": 1, "ភ្លាមៗ": 1, "ចុច": 1, "ឥតគិតថ្លៃ": 0.5, "ទំនាក់ទំនងតាម telegram": 1, "តេឡេក្រាម": 0.5,
}

# Phrases legitimate senders use, mostly one-time codes and service notices.
LEGITIMATE_CUES: dict[str, float] = {
    "do not share": 2, "never ask": 2, "verification code": 1.5, "otp": 1, "your balance": 1,
    "receipt": 1, "appointment": 1, "see you": 1, "thank you for": 1, "ok lor": 1, "going home": 1,
    "ห้ามแจ้งรหัส": 2.5, "ห้ามบอก": 2, "รหัส otp": 1.5, "ยอดคงเหลือ": 1.5, "ขอบคุณที่ใช้บริการ": 1.5,
    "นัดหมาย": 1, "รหัสยืนยัน": 1.5, "คุณเติมเงิน": 2, "ref:": 1,
    "កុំប្រាប់លេខកូដ": 2.5, "សមតុល្យ": 1.5, "សូមអរគុណ": 1, "ការណាត់ជួប": 1, "លេខកូដផ្ទៀងផ្ទាត់": 1.5,
}

# How far each indicator feature alone moves the scam score.
INDICATOR_WEIGHTS: dict[str, float] = {
    "link": 1.0, "short_link": 1.0, "app_download": 2.0, "ussd": 1.5, "bank_account": 1.0,
    "promptpay": 1.0, "phone": 0.3, "chat_handle": 0.8, "crypto_wallet": 1.5, "known_bad": 4.0,
    "official": -2.0,
}

# Indicator features that hint at a scam type when the words alone are silent.
INDICATOR_TYPE_HINTS: dict[str, tuple[str, float]] = {
    "app_download": ("remote_access", 2.0),
    "ussd": ("prize", 1.0),
    "crypto_wallet": ("investment", 1.5),
    "short_link": ("phishing", 0.5),
}
