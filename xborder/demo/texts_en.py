"""English report texts, from victims in either country, expats and hotline staff."""

from __future__ import annotations

from xborder.demo.templates import Language, T

TEMPLATES = {
    "phishing": (
        T("sms", "{fwd}[{courier}] Your parcel is on hold due to an incomplete address. Update your details within 24 hours: {url}"),
        T("sms", "{fwd}{bank_brand}: your account has been temporarily suspended. Verify your identity at {url} to avoid closure."),
        T("email", "{hi}Got an email pretending to be {bank_brand} asking me to log in at {url}. After I typed my password {amount} was taken and sent to {account}.{bye}"),
        T("sms", "{fwd}{gov}: you have an unpaid bill. Pay {deadline} at {domain} or call {phone} to avoid disconnection."),
        T("sms", "{hi}Clicked an SMS link {url} about a {courier} delivery fee and entered my card; {amount} was charged minutes later.{bye}"),
    ),
    "impersonation": (
        T("call", "{hi}I got a call from {phone} {when}. The caller said he was from {agency} and that my bank account was linked to money laundering. He made me transfer {amount} to {account} for 'verification'.{bye}"),
        T("call", "Victim reports a call from {phone} by a person claiming to be {courier} staff: a parcel in her name contained drugs. The call was passed to a fake officer of {agency} who threatened arrest. Victim transferred {amount} to {account}."),
        T("sms", "{fwd}SUMMONS NOTICE: you have a pending case with {agency}. Call the officer on {phone} {deadline} or a warrant will be issued."),
        T("line telegram", "{hi}Someone posing as {agency} contacted me on {line}, made a video call in police uniform and told me to send {amount} to {account}.{bye}"),
        T("call", "{hi}{phone} called saying they were {bank_brand} security, said my account was hacked and I must move my money to a 'safe account' {account}. Lost {amount}.{bye}"),
    ),
    "ecommerce": (
        T("facebook", "{hi}Ordered {product} from a page on {platform}, paid {amount} to {account} and never got anything. The seller blocked me.{bye}"),
        T("website", "The site {url} sells {product} at 70% off. I paid {amount} and the number {phone} no longer answers.{bye}"),
        T("sms", "{fwd}FLASH SALE {product} 90% off today only! Order now {url}"),
        T("telegram", "Shop {tg} took a {amount} deposit for {product} and disappeared.{bye}"),
    ),
    "employment": (
        T("telegram", "{hi}Someone offered me an online job ({job}) paying $20-$100 a day via {tg}. The first tasks paid, then I had to deposit to {account} to unlock 'combo tasks'. Lost {amount} in total.{bye}"),
        T("sms", "{fwd}Part-time job from home: {job}. Earn 800-5,000/day, no experience needed. Contact {line}"),
        T("facebook", "Job ad on {platform} promising a high salary abroad, contact {phone}. Friends say it is a gang taking people across the border at {place}.{bye}"),
        T("website", "Victim was recruited for '{job}' tasks on {url} and had to top up again and again, {amount} in total, never able to withdraw."),
    ),
    "investment": (
        T("telegram facebook", "{hi}Met {lover} on {platform}, who introduced me to {coin} trading on {url}. Profits at first, then they asked for 'tax' before any withdrawal. I lost {amount}.{bye}"),
        T("telegram", "Trading group {tg} promised 30% a week. Sent USDT to {wallet}, {amount} in total. Now {domain} is offline."),
        T("line", "Fake stock coach on {line} had me transfer {amount} to {account} in several payments. Cannot withdraw anything.{bye}"),
        T("sms", "{fwd}Invest little, earn big! Daily dividend 5%. Register {url} or chat with our admin {tg}"),
        T("whatsapp telegram", "{hi}The 'mentor' told me to buy USDT and deposit to the platform wallet {wallet}. Sent {amount}; the app shows a balance but withdrawals are frozen.{bye}"),
    ),
    "romance": (
        T("facebook", "{hi}I chatted for three months with a man called {lover} on {platform}. He said he was an engineer abroad sending me a gift, then someone claiming to be {courier} asked for {amount} customs fee to {account}.{bye}"),
        T("line whatsapp", "My online boyfriend {lover} asked to borrow money for a hospital bill, {amount} sent to {account}. He used {line}.{bye}"),
        T("facebook", "Romance scam: suspect using the name {lover}, phone {phone}, persuaded victim to invest on {domain}. Loss {amount}."),
    ),
    "sextortion": (
        T("facebook", "{hi}Someone on {platform} video-called me and recorded it. Now they threaten to send the video to my friends unless I pay {amount} to {account}.{bye}"),
        T("telegram", "Being blackmailed via {tg}: they say they will share my photos unless I pay.{bye}"),
        T("call", "Victim threatened from {phone} to pay {amount} to have a video deleted."),
    ),
    "loan": (
        T("sms", "{fwd}APPROVED! Instant loan, no credit check, low interest. Claim now {url}"),
        T("app", "{hi}Applied for a loan through an app from {url}. They said approved but wanted a {amount} guarantee fee to {account} first. Paid, got no loan.{bye}"),
        T("call app", "Loan app took my contact list and now {phone} calls my family with threats, demanding {amount} interest.{bye}"),
    ),
    "gambling": (
        T("sms", "{fwd}Online casino: deposit 100 get 300 free credit, fast withdrawal. Join now {url}"),
        T("telegram", "{hi}Played at {domain}, won but could not withdraw. Admin {tg} asked for a {amount} verification fee to {account}.{bye}"),
        T("website", "Victim gambled on {url}, deposited {amount} to {account}; the site then disappeared."),
    ),
    "prize": (
        T("sms", "{fwd}Congratulations! Your number won {prize} in the {brand_event}. Claim at {url}"),
        T("call", "{hi}{phone} called to say I won {prize}, but I had to pay {amount} tax first to {account}.{bye}"),
        T("facebook", "Fake giveaway page for {prize}, asked to fill in a form at {url} and pay {amount} shipping.{bye}"),
    ),
    "remote_access": (
        T("call", "{hi}Caller on {phone} claimed to be from {gov} and told me to install an app from {url}. After I allowed it the screen froze and {amount} left my account.{bye}"),
        T("line", "Fake {gov} officer sent an .apk file on {line}. After installing, the phone was remote-controlled and money went to {account}."),
        T("sms", "{fwd}{gov}: you are eligible for a refund of {refund}. Install the app to verify: {url}"),
    ),
    "drugs": (
        T("telegram", "Tip: {drug} being sold through {tg}, delivery around {place}, payment to {account}."),
        T("facebook", "A Facebook group sells {drug}; contact {phone} or {tg}. Goods reportedly cross the border at {place}."),
        T("line", "{line} advertises {drug} with delivery, payment to {account}."),
    ),
}

FILLERS = {
    "fwd": ("", "", "", "Got this SMS: ", "Is this real? ", "Fwd: ", "Scam alert - received: ", "My mother received this: "),
    "refund": ("2,850 baht", "$75", "4,720 THB", "$120", "3,460 baht"),
    "deadline": ("today", "within 24 hours", "before midnight"),
    "hi": ("", "", "", "Hello. ", "Hi. ", "Please help. ", "Reporting a scam. "),
    "bye": ("", "", "", " Please investigate.", " Please freeze this account.", " Warn others!", " I cannot reach them any more.",
            " I want my money back."),
    "when": ("yesterday", "this morning", "last night", "last week", "two days ago"),
    "product": ("an iPhone 15", "a designer bag", "Nike shoes", "concert tickets", "a used phone", "skin cream", "a laptop"),
    "platform": ("Facebook", "TikTok", "Instagram", "Telegram", "a dating app"),
    "job": ("liking TikTok videos", "hotel reviews", "boosting shop orders", "data entry from home"),
    "coin": ("USDT", "Bitcoin", "gold", "forex", "crypto"),
    "lover": ("Kevin", "David Lee", "Dr. James", "Captain Ryan", "Jenny", "Mike Chen", "Alex", "Tony Wang"),
    "drug": ("meth (yaba)", "crystal meth", "ketamine", "ecstasy"),
    "prize": ("a Honda motorbike", "an iPhone 16", "a car", "a gold necklace"),
}

LOCAL = {
    "TH": {
        "agency": ("the Cyber Police", "DSI", "the Royal Thai Police", "AMLO", "the Customs Department"),
        "courier": ("Kerry Express", "Thailand Post", "Flash Express", "DHL", "J&T"),
        "bank_brand": ("Kasikorn Bank", "SCB", "Krungthai Bank", "Bangkok Bank"),
        "gov": ("the Revenue Department", "the Provincial Electricity Authority", "the Land Transport Department", "Social Security"),
        "place": ("Aranyaprathet", "the Khlong Luek checkpoint", "Chong Chom", "Hat Lek"),
        "brand_event": ("7-Eleven anniversary draw", "Shopee Lucky Draw", "Lazada birthday campaign"),
    },
    "KH": {
        "agency": ("the National Police", "the Ministry of Interior", "the Anti-Drug Police", "the Phnom Penh court"),
        "courier": ("VET Express", "J&T Express", "Cambodia Post", "DHL"),
        "bank_brand": ("ABA Bank", "ACLEDA Bank", "Wing Bank"),
        "gov": ("the General Department of Taxation", "EDC", "NSSF"),
        "place": ("Poipet", "Cham Yeam", "O'Smach", "Prum"),
        "brand_event": ("Smart lucky draw", "Cellcard anniversary", "Metfone promotion"),
    },
}

ENGLISH = Language("en", TEMPLATES, FILLERS, LOCAL)
