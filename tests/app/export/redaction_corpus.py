"""A redaction corpus: personal data planted in a realistic call, and ordinary text that must stay.

Every planted item says which strings would betray it if they reached an export (its digits,
its IBAN, the words of a spelled-out number, the local part of an address). The call carries
them in transcript text, speakers, the documented detail fields and undocumented extras.

Items are also planted the way a hostile or careless source could hide them from a naive rule:
digits and addresses split by line breaks, controls, bidi, zero-width or other invisible
characters (which text formats then remove or collapse), by unusual punctuation, written in
fullwidth or other scripts' digits, or with an obfuscated ``@``; and long numbers in the typed
numeric fields (``requester_id``, ``tickets_created``). Needles are compared as a reader sees
them (:func:`reader_view`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class Planted:
    """One item of personal data as it appears in the corpus."""

    kind: str  # phone, email, card, iban, spoken-phone, spoken-email
    secret: str
    where: str = "segment"  # segment, speaker, or a dotted path of an extra field
    sentence: str = ""
    needles: tuple[str, ...] = field(default=())


#: Characters nobody sees besides format characters: Unicode's default-ignorable code points.
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0000-\U000e0fff]"
)


def reader_view(text: str) -> str:
    """What a reader makes of ``text``: compatibility forms folded (NFKC: ``０`` is ``0``),
    digits of any script as ASCII digits, characters nobody sees (format and bidi controls,
    zero-width, combining marks such as a keycap's frame) dropped, other controls and line
    breaks as spaces."""
    out = []
    for char in unicodedata.normalize("NFKC", _IGNORABLE.sub("", text)):
        category = unicodedata.category(char)
        if category in ("Cf", "Cs", "Mn", "Me"):
            continue
        if char.isdecimal():
            out.append(str(unicodedata.decimal(char)))
        elif category == "Cc" or char.isspace():
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def _digits(text: str) -> str:
    return "".join(c for c in reader_view(text) if c.isdigit())


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,\-–]+", reader_view(text).lower()) if w]


#: How an address's local part ends: ``@`` written, encoded or bracketed, or a spoken "at".
_AT_FORMS = (
    r"\s*(?:@|%40|&#0*64;|&#x0*40;|&commat;|[\[(]\s*(?:at|@)\s*[\])])\s*"
    r"|\s+(?:at|arobase)\s+"
)


def needles_for(kind: str, secret: str) -> tuple[str, ...]:
    """What must not appear in an export (see ``leaks`` in test_redact): the number's digits and
    its last six (and the number as written, when commas or colons join its groups), an IBAN
    and its last eight digits, any four words in a row of a spelled-out number, an address's
    local part and its longer words."""
    if kind in {"phone", "card"}:
        number = re.sub(r"\s*(?:x|ext\.?|poste|p\.)\s*\d+$", "", secret)  # not the extension
        digits = _digits(number)
        if re.search(r"[,:]", number):  # digits the leak check does not join: read as words
            return (digits, digits[-6:], reader_view(number))
        return (digits, digits[-6:])
    if kind == "iban":
        compact = re.sub(r"[\W_]", "", reader_view(secret)).upper()
        return (compact, _digits(compact)[-8:])
    if kind == "spoken-phone":
        words = _words(secret)
        return tuple(" ".join(words[i : i + 4]) for i in range(len(words) - 3))
    if kind in {"email", "spoken-email"}:
        local = re.split(_AT_FORMS, reader_view(secret), flags=re.IGNORECASE)[0].strip()
        local = local.removeprefix("mailto:")
        parts = re.split(r"[\s._+-]+|\b(?:dot|point|underscore|dash)\b", local)
        return (local.lower(), *(p.lower() for p in parts if len(p) >= 4))
    raise ValueError(kind)


def _item(kind: str, sentence: str, secret: str, where: str = "segment") -> Planted:
    assert secret in sentence, (secret, sentence)
    return Planted(kind, secret, where, sentence, needles_for(kind, secret))


def _segment(kind: str, sentence: str, secret: str) -> Planted:
    return _item(kind, sentence, secret)


P, E, C, IB, SP, SE = "phone", "email", "card", "iban", "spoken-phone", "spoken-email"

#: A number written in keycap emoji: a digit, VARIATION SELECTOR-16, COMBINING ENCLOSING KEYCAP.
_KEYCAPS = "".join(f"{digit}\ufe0f\u20e3" for digit in "0713579246")

#: Items said in the transcript (one sentence each).
SEGMENT_ITEMS: list[Planted] = [
    # France
    _segment(P, "Vous pouvez me rappeler au 06 12 34 56 78 ?", "06 12 34 56 78"),
    _segment(P, "Mon portable c'est le 06.23.45.67.81.", "06.23.45.67.81"),
    _segment(P, "Le fixe : 01-42-68-53-07, aux heures de bureau.", "01-42-68-53-07"),
    _segment(P, "Je l'ai noté 06/45/12/98/33 sur le ticket.", "06/45/12/98/33"),
    _segment(P, "Le numéro du bureau, 04–72–10–30–36, ne répond pas.", "04–72–10–30–36"),
    _segment(P, "Écrivez-le sans espaces : 0698123457.", "0698123457"),
    _segment(P, "Euh, c'est le 07, 62, 18, 93, 40, je crois.", "07, 62, 18, 93, 40"),
    _segment(P, "Depuis l'étranger faites le +33 6 71 82 93 05.", "+33 6 71 82 93 05"),
    _segment(P, "Sur ma carte de visite il y a +33 (0)1 53 24 68 19.", "+33 (0)1 53 24 68 19"),
    _segment(P, "Mon collègue suisse compose le 0033 7 81 23 45 69.", "0033 7 81 23 45 69"),
    _segment(P, "Le standard est au +33972104455, c'est gratuit.", "+33972104455"),
    _segment(
        P, "Le service client, 09 70 80 91 12 poste 214, est fermé.", "09 70 80 91 12 poste 214"
    ),
    _segment(P, "Appelez le 05 56 44 21 87 p. 31 demain matin.", "05 56 44 21 87 p. 31"),
    # United Kingdom
    _segment(P, "My mobile is 07700 900461 if you need me.", "07700 900461"),
    _segment(
        P, "You can reach me on 07700-900-982 ext. 12 during the day.", "07700-900-982 ext. 12"
    ),
    _segment(P, "The London office is +44 (0)20 7946 0958.", "+44 (0)20 7946 0958"),
    _segment(P, "Try the Manchester line, 0161 496 0733.", "0161 496 0733"),
    _segment(P, "Or the Bristol desk on 0117 496 0123 x45.", "0117 496 0123 x45"),
    _segment(P, "From abroad it is 0044 7911 123456.", "0044 7911 123456"),
    _segment(P, "My wife's number is +447700900318.", "+447700900318"),
    _segment(P, "The switchboard is (020) 7946 0018, ask for Tom.", "(020) 7946 0018"),
    # United States and Canada
    _segment(P, "Call me back at (212) 555-0148, please.", "(212) 555-0148"),
    _segment(P, "My cell is 646-555-0187.", "646-555-0187"),
    _segment(P, "Our helpdesk is 312.555.0134 for the Chicago team.", "312.555.0134"),
    _segment(P, "International: +1 415 555 0199.", "+1 415 555 0199"),
    _segment(P, "The toll-free number is 1-800-555-0161.", "1-800-555-0161"),
    _segment(P, "Locally just dial 555-0123 and ask for Dana.", "555-0123"),
    _segment(P, "The front desk extension is 555 0176 from inside.", "555 0176"),
    _segment(P, "Toronto office: +1 (416) 555-0142.", "+1 (416) 555-0142"),
    _segment(P, "Vancouver support is 604-555-0198 ext 42.", "604-555-0198 ext 42"),
    _segment(P, "My desk line is (917) 555 0153 x7.", "(917) 555 0153 x7"),
    # Belgium, Switzerland, Germany
    _segment(P, "Mon GSM belge, c'est le 0470 12 34 56.", "0470 12 34 56"),
    _segment(P, "Ou en international +32 471 98 76 54.", "+32 471 98 76 54"),
    _segment(P, "Le bureau de Bruxelles : 02 513 45 67.", "02 513 45 67"),
    _segment(P, "Mon numéro suisse est le 079 123 45 67.", "079 123 45 67"),
    _segment(P, "Zurich répond au +41 44 668 18 09.", "+41 44 668 18 09"),
    _segment(P, "Meine Nummer ist 030 1234567.", "030 1234567"),
    _segment(P, "Mobil erreichen Sie mich unter 0151 23456789.", "0151 23456789"),
    _segment(P, "Das Münchner Büro hat 089/7654321.", "089/7654321"),
    _segment(P, "Aus dem Ausland: +49 40 9876543.", "+49 40 9876543"),
    # two numbers side by side
    _segment(
        P, "Notez 06 11 22 33 44 07 55 66 77 88 pour les deux.", "06 11 22 33 44 07 55 66 77 88"
    ),
    _segment(P, "Both lines: 0207 946 0321 0207 946 0654.", "0207 946 0321 0207 946 0654"),
    _segment(P, "Home and work: 0612983746 0145879632.", "0612983746 0145879632"),
    _segment(P, "Soit le 02 98 45 12 36 / 06 87 45 12 39.", "02 98 45 12 36 / 06 87 45 12 39"),
    # spelled out
    _segment(
        SP,
        "C'est zéro six douze trente-quatre cinquante-six soixante-dix-neuf.",
        "zéro six douze trente-quatre cinquante-six soixante-dix-neuf",
    ),
    _segment(
        SP,
        "Alors zéro sept, quatre-vingt-dix-huit, soixante-seize, cinquante-quatre, trente-deux.",
        "zéro sept, quatre-vingt-dix-huit, soixante-seize, cinquante-quatre, trente-deux",
    ),
    _segment(
        SP,
        "Le fixe, zéro un quarante-deux soixante et onze cinquante-trois quatorze.",
        "zéro un quarante-deux soixante et onze cinquante-trois quatorze",
    ),
    _segment(
        SP,
        "Je répète : zéro six onze vingt-deux trente-trois quarante-quatre.",
        "zéro six onze vingt-deux trente-trois quarante-quatre",
    ),
    _segment(
        SP,
        "It's oh seven seven double oh nine double oh four six one.",
        "oh seven seven double oh nine double oh four six one",
    ),
    _segment(SP, "Just five five five, oh one nine two.", "five five five, oh one nine two"),
    _segment(
        SP,
        "That's two one two, five five five, oh one four seven.",
        "two one two, five five five, oh one four seven",
    ),
    _segment(
        SP,
        "Zero two zero, seven nine four six, oh nine five one.",
        "Zero two zero, seven nine four six, oh nine five one",
    ),
    _segment(
        SP,
        "Mon numéro c'est zéro six 14 25 36 47 voilà.",
        "zéro six 14 25 36 47",
    ),
    # e-mail addresses, written
    _segment(E, "My address is jo.doe@example.com, all lower case.", "jo.doe@example.com"),
    _segment(E, "Écrivez à zoé.martineau@exemple.fr s'il vous plaît.", "zoé.martineau@exemple.fr"),
    _segment(E, "Copie à m.lefevre+factures@orange.fr.", "m.lefevre+factures@orange.fr"),
    _segment(E, "It's PAUL.DURANDEAU@LAPOSTE.NET in capitals.", "PAUL.DURANDEAU@LAPOSTE.NET"),
    _segment(E, "Send it to j_smithson42@yahoo.co.uk today.", "j_smithson42@yahoo.co.uk"),
    _segment(E, "Unsere Adresse: anna-lisa.bergmann@web.de.", "anna-lisa.bergmann@web.de"),
    _segment(E, "Le lien était <clemence.rouxel@free.fr>.", "clemence.rouxel@free.fr"),
    _segment(E, "Mailto:thierry.nguyen@sfr.fr dans le ticket.", "thierry.nguyen@sfr.fr"),
    _segment(E, "With a space: henri.vasseur @ gmail.com.", "henri.vasseur @ gmail.com"),
    # e-mail addresses, spelled out or obfuscated
    _segment(
        SE,
        "C'est jean point dupontel arobase gmail point com.",
        "jean point dupontel arobase gmail point com",
    ),
    _segment(
        SE, "Mine is jean dot dupuisson at gmail dot com.", "jean dot dupuisson at gmail dot com"
    ),
    _segment(
        SE,
        "Try claire underscore morelli at outlook dot fr.",
        "claire underscore morelli at outlook dot fr",
    ),
    _segment(SE, "Write to lucas.petitjean at gmail dot com.", "lucas.petitjean at gmail dot com"),
    _segment(SE, "Or sophie (at) laposte (dot) net.", "sophie (at) laposte (dot) net"),
    _segment(
        SE, "Mon autre adresse : marcellin [at] free [dot] fr.", "marcellin [at] free [dot] fr"
    ),
    _segment(SE, "Envoyez à e.garnier arobase orange.fr merci.", "e.garnier arobase orange.fr"),
    _segment(
        SE,
        "C'est nathalie point fauconnier arobase hotmail point fr.",
        "nathalie point fauconnier arobase hotmail point fr",
    ),
    _segment(
        SE,
        "It's tom dash bakewell at btinternet dot com.",
        "tom dash bakewell at btinternet dot com",
    ),
    _segment(
        SE,
        "My work one is priya dot raghavan at acme dot co dot uk.",
        "priya dot raghavan at acme dot co dot uk",
    ),
    # payment cards
    _segment(C, "Ma carte c'est 4111 1111 1111 1111.", "4111 1111 1111 1111"),
    _segment(C, "Card number 5555-5555-5555-4444, expiry next year.", "5555-5555-5555-4444"),
    _segment(C, "The Amex is 3782 822463 10005.", "3782 822463 10005"),
    _segment(C, "Charge it to 4012888888881881.", "4012888888881881"),
    _segment(C, "J'ai aussi la 6011 1111 1111 1117.", "6011 1111 1111 1117"),
    _segment(C, "Old card: 5425 2334 3010 9903.", "5425 2334 3010 9903"),
    _segment(C, "Corporate card 2223 0000 4841 0010 please.", "2223 0000 4841 0010"),
    # IBANs
    _segment(
        IB, "Mon IBAN : FR76 3000 6000 0112 3456 7890 189.", "FR76 3000 6000 0112 3456 7890 189"
    ),
    _segment(
        IB, "UK account GB82 WEST 1234 5698 7654 32 for the refund.", "GB82 WEST 1234 5698 7654 32"
    ),
    _segment(IB, "Überweisung auf DE89370400440532013000 bitte.", "DE89370400440532013000"),
    _segment(IB, "Le compte belge est BE71 0961 2345 6769.", "BE71 0961 2345 6769"),
    _segment(IB, "IBAN suisse CH93-0076-2011-6238-5295-7.", "CH93-0076-2011-6238-5295-7"),
    _segment(IB, "Or in Spain es91 2100 0418 4502 0005 1332.", "es91 2100 0418 4502 0005 1332"),
    _segment(IB, "Dutch account NL91ABNA0417164300.", "NL91ABNA0417164300"),
    # split by line breaks, controls and characters nobody sees (the text formats then put the
    # field on one line, removing or collapsing them: the number reads whole)
    _segment(P, "Mon numéro :\n06\n21\n43\n65\n87\nmerci.", "06\n21\n43\n65\n87"),
    _segment(P, "Rappel au\r\n07\r\n31\r\n52\r\n74\r\n96 demain.", "07\r\n31\r\n52\r\n74\r\n96"),
    _segment(P, "Le fixe 06\x0033\x0044\x0055\x0066 ce soir.", "06\x0033\x0044\x0055\x0066"),
    _segment(
        P, "Note 06\u202e14\u202e25\u202e36\u202e49 svp.", "06\u202e14\u202e25\u202e36\u202e49"
    ),
    _segment(
        P, "Au 06\u200b17\u200b28\u200b39\u200b40 merci.", "06\u200b17\u200b28\u200b39\u200b40"
    ),
    _segment(
        P, "Joignable au 06\u00ad19\u00ad28\u00ad37\u00ad46.", "06\u00ad19\u00ad28\u00ad37\u00ad46"
    ),
    _segment(
        P, "Ligne 07\u202882\u202973\u008564\u202855 ok.", "07\u202882\u202973\u008564\u202855"
    ),
    _segment(P, "Tapez 06\t58\t47\t36\t25 puis dièse.", "06\t58\t47\t36\t25"),
    _segment(P, "Bureau 01\x0b45\x0c67\x1c89\x1e12 le matin.", "01\x0b45\x0c67\x1c89\x1e12"),
    _segment(
        P, "Perso 06\ufeff24\ufeff68\ufeff13\ufeff57 merci.", "06\ufeff24\ufeff68\ufeff13\ufeff57"
    ),
    _segment(
        P,
        "Abroad: +33\u20606\u206091\u206082\u206073\u206064.",
        "+33\u20606\u206091\u206082\u206073\u206064",
    ),
    _segment(P, "Spaced out 06    71    62    53    44 here.", "06    71    62    53    44"),
    _segment(
        P,
        "Le\n\n\n\n06\n\n\n\n93\n\n\n\n84\n\n\n\n75\n\n\n\n66\nvoilà.",
        "06\n\n\n\n93\n\n\n\n84\n\n\n\n75\n\n\n\n66",
    ),
    _segment(P, f"Keycaps {_KEYCAPS} ok.", _KEYCAPS),
    _segment(
        P,
        "Accents 0\u03016\u03018\u03015\u03017\u03014\u03016\u03013\u03015\u03012\u0301 !",
        "0\u03016\u03018\u03015\u03017\u03014\u03016\u03013\u03015\u03012\u0301",
    ),
    _segment(
        P, "Boxes 06\ue00031\ue00042\ue00053\ue00064 here.", "06\ue00031\ue00042\ue00053\ue00064"
    ),
    _segment(
        P, "Fillers 06\u316435\u316446\u316457\u316468 here.", "06\u316435\u316446\u316457\u316468"
    ),
    _segment(
        C, "Carte 4988\u200b4388\u200b4388\u200b4305 svp.", "4988\u200b4388\u200b4388\u200b4305"
    ),
    _segment(C, "Card\r\n5105\r\n1051\r\n0510\r\n5100\r\nthanks.", "5105\r\n1051\r\n0510\r\n5100"),
    _segment(
        IB,
        "IBAN\nFR76\n3000\n4000\n0312\n3456\n7890\n143\nmerci.",
        "FR76\n3000\n4000\n0312\n3456\n7890\n143",
    ),
    _segment(
        IB,
        "RIB FR76\u200b1010\u200b7001\u200b0112\u200b3456\u200b7890\u200b129 ok.",
        "FR76\u200b1010\u200b7001\u200b0112\u200b3456\u200b7890\u200b129",
    ),
    _segment(
        SP,
        "Alors\nzéro\nsept\nvingt-trois\nquarante-cinq\nsoixante-sept\nquatre-vingt-neuf\nvoilà.",
        "zéro\nsept\nvingt-trois\nquarante-cinq\nsoixante-sept\nquatre-vingt-neuf",
    ),
    _segment(
        SP,
        "Donc zé\u200bro six vingt\u00ad-cinq trente-\u200bsix quarante-sept cinquante-huit.",
        "zé\u200bro six vingt\u00ad-cinq trente-\u200bsix quarante-sept cinquante-huit",
    ),
    _segment(E, "Écrivez à ninon.verlaque\n@\nexemple.fr demain.", "ninon.verlaque\n@\nexemple.fr"),
    _segment(
        E,
        "Adresse gabin\u200b.rouviere@\u200bexemple.fr ok.",
        "gabin\u200b.rouviere@\u200bexemple.fr",
    ),
    # split by unusual punctuation, written in other digits, or with an obfuscated "@"
    _segment(C, "Card 4000_0025_0000_3155 please.", "4000_0025_0000_3155"),
    _segment(P, "Numéro 06;42;51;63;77 noté.", "06;42;51;63;77"),
    _segment(P, "Numéro 06|38|27|16|05 noté.", "06|38|27|16|05"),
    _segment(P, "Numéro 07~44~55~66~71 noté.", "07~44~55~66~71"),
    _segment(P, "Numéro 06*83*72*61*59 noté.", "06*83*72*61*59"),
    _segment(P, "Numéro 06#29#38#47#56 noté.", "06#29#38#47#56"),
    _segment(P, "Numéro 06•52•41•30•29 noté.", "06•52•41•30•29"),
    _segment(P, "Numéro 06:47:58:69:70 noté.", "06:47:58:69:70"),
    _segment(P, "Numéro 06=64=75=86=97 noté.", "06=64=75=86=97"),
    _segment(P, "Numéro 06----15----26----37----48 noté.", "06----15----26----37----48"),
    _segment(C, "Carte 3566:0020:2036:0505 notée.", "3566:0020:2036:0505"),
    _segment(C, "Carte 6011,0009,9013,9424 notée.", "6011,0009,9013,9424"),
    _segment(P, "Pleine chasse ０６１２５４３６９８ merci.", "０６１２５４３６９８"),
    _segment(P, "بالعربية ٠٧٣٤٥٦٧٨٩٠ شكرا", "٠٧٣٤٥٦٧٨٩٠"),
    _segment(P, "Persian ۰۶۴۸۳۷۲۹۱۵ thanks.", "۰۶۴۸۳۷۲۹۱۵"),
    _segment(P, "Devanagari ०६९१८२७३६४ thanks.", "०६९१८२७३६४"),
    _segment(P, "Bold 𝟎𝟔𝟓𝟓𝟒𝟒𝟑𝟑𝟐𝟏 thanks.", "𝟎𝟔𝟓𝟓𝟒𝟒𝟑𝟑𝟐𝟏"),
    _segment(P, "Circled ⓪⑦①⑨②⑧③⑦④⑥ thanks.", "⓪⑦①⑨②⑧③⑦④⑥"),
    _segment(P, "Superscript ⁰⁶⁸⁸⁷⁷⁶⁶⁵⁵ thanks.", "⁰⁶⁸⁸⁷⁷⁶⁶⁵⁵"),
    _segment(IB, "IBAN FR27|1751|5900|0008|0001|2345|645 ok.", "FR27|1751|5900|0008|0001|2345|645"),
    _segment(
        IB,
        "IBAN ＦＲ７２ ３０００ ２００５ ５０００ ００１５ ７８４１ Ｚ０２ ok.",
        "ＦＲ７２ ３０００ ２００５ ５０００ ００１５ ７８４１ Ｚ０２",
    ),
    _segment(E, "Mail ines.marchetti[at]example[.]org please.", "ines.marchetti[at]example[.]org"),
    _segment(E, "Mail gaspard.tollet @ example . org please.", "gaspard.tollet @ example . org"),
    _segment(
        E, "Lien mailto:romane.quillet%40example.org envoyé.", "mailto:romane.quillet%40example.org"
    ),
    _segment(E, "Mail leonie.fabre＠example.org please.", "leonie.fabre＠example.org"),
    _segment(
        E,
        "Mail ｍａｘｉｍｅ．ｃｈａｒｒｉｅｒ＠ｅｘａｍｐｌｅ．ｏｒｇ please.",
        "ｍａｘｉｍｅ．ｃｈａｒｒｉｅｒ＠ｅｘａｍｐｌｅ．ｏｒｇ",
    ),
    _segment(E, "Mail jules.perrault&#64;example.org please.", "jules.perrault&#64;example.org"),
    _segment(E, "Mail oceane.delorme(@)example.org please.", "oceane.delorme(@)example.org"),
    _segment(
        E, "Mail baptiste.lemaire @example.museum please.", "baptiste.lemaire @example.museum"
    ),
    _segment(
        E, "Mail clarisse.vautrin%40example%2Eorg please.", "clarisse.vautrin%40example%2Eorg"
    ),
    _segment(E, "Mail honorine.cazals@exemple。fr please.", "honorine.cazals@exemple。fr"),
    _segment(
        SE, "Mail anatole.brissac at example . org please.", "anatole.brissac at example . org"
    ),
]

#: Items in the speaker field (diarisation labels that carry a caller's details).
SPEAKER_ITEMS: list[Planted] = [
    _item(P, "caller +33 6 45 12 78 90", "+33 6 45 12 78 90", "speaker"),
    _item(P, "Caller 07700 900874", "07700 900874", "speaker"),
    _item(E, "caller:benedicte.olivier@gmail.com", "benedicte.olivier@gmail.com", "speaker"),
    _item(P, "agent-transfer-(415) 555-0111", "(415) 555-0111", "speaker"),
    _item(
        P,
        "caller 06\u200b13\u200b57\u200b91\u200b35",
        "06\u200b13\u200b57\u200b91\u200b35",
        "speaker",
    ),
    _item(P, "Caller\n07\n24\n68\n13\n58", "07\n24\n68\n13\n58", "speaker"),
]

#: Items in the call detail (documented and undocumented fields) and the transcript's extras.
FIELD_ITEMS: list[Planted] = [
    _item(P, "+33 6 98 76 54 31", "+33 6 98 76 54 31", "call.caller_id"),
    _item(P, "Camille Girardot (06 23 45 67 80)", "06 23 45 67 80", "call.requester_name"),
    _item(E, "kami.gdt75@gmail.com", "kami.gdt75@gmail.com", "call.caller_email"),
    _item(P, "+44 7700 900777", "+44 7700 900777", "call.metadata.alt_phone"),
    _item(
        E,
        "r.blanchard@entreprise.fr",
        "r.blanchard@entreprise.fr",
        "call.metadata.crm.contact.email",
    ),
    _item(P, "07 81 23 45 60", "07 81 23 45 60", "call.metadata.crm.contact.mobile"),
    _item(P, "+1 646 555 0134", "+1 646 555 0134", "call.metadata.crm.phones.0"),
    _item(P, "04 91 23 45 61", "04 91 23 45 61", "call.metadata.crm.phones.1"),
    _item(
        P,
        "Rappeler au 06 98 12 34 52 avant midi",
        "06 98 12 34 52",
        "call.metadata.notes",
    ),
    _item(
        SE,
        "ou écrire à pauline dot mercadier at gmail dot com",
        "pauline dot mercadier at gmail dot com",
        "call.metadata.notes2",
    ),
    _item(C, "4539 1488 0343 6467", "4539 1488 0343 6467", "call.metadata.payment.card"),
    _item(
        IB,
        "FR14 2004 1010 0505 0001 3M02 606",
        "FR14 2004 1010 0505 0001 3M02 606",
        "call.metadata.payment.iban",
    ),
    _item(P, "0612 3456 79", "0612 3456 79", "call.metadata.history.0.number"),
    _item(E, "escalade.martel@aurion-client.fr", "escalade.martel@aurion-client.fr", "call.tags.0"),
    _item(P, "+32 470 98 76 51", "+32 470 98 76 51", "transcript.segments.0.caller_phone"),
    _item(P, "06 55 44 33 21", "06 55 44 33 21", "transcript.segments.1.entities.0.value"),
    _item(E, "l.fontanel@free.fr", "l.fontanel@free.fr", "transcript.segments.2.annotations.email"),
    _item(
        SP,
        "zero seven nine one one, one two three four five six",
        "zero seven nine one one, one two three four five six",
        "transcript.segments.3.asr_alternative",
    ),
    _item(
        P,
        "Caller gave 0161 496 0901 and a card",
        "0161 496 0901",
        "transcript.summary",
    ),
    _item(
        IB,
        "IT60 X054 2811 1010 0000 0123 456",
        "IT60 X054 2811 1010 0000 0123 456",
        "transcript.refund.iban",
    ),
    _item(
        E,
        "mailto:aurelien.bastide%40example.org",
        "mailto:aurelien.bastide%40example.org",
        "call.metadata.contact_uri",
    ),
    _item(P, "Rappeler le\n06\n81\n72\n63\n54", "06\n81\n72\n63\n54", "call.metadata.notes3"),
    _item(
        E,
        "solene.garrigue＠example.org",
        "solene.garrigue＠example.org",
        "transcript.segments.5.annotations.email",
    ),
    _item(
        C,
        "5200\u00ad8282\u00ad8282\u00ad8210",
        "5200\u00ad8282\u00ad8282\u00ad8210",
        "transcript.segments.6.card",
    ),
]

#: Numbers typed as JSON numbers in undocumented fields.
NUMERIC_ITEMS: list[Planted] = [
    Planted(P, "33698765412", "call.metadata.phone", needles=("33698765412", "765412")),
    Planted(
        P, "4915112345678", "call.metadata.callback_number", needles=("4915112345678", "345678")
    ),
    Planted(
        C, "4000056655665556", "call.metadata.payment.pan", needles=("4000056655665556", "665556")
    ),
    Planted(
        P, "447911123456", "transcript.segments.4.phone_number", needles=("447911123456", "123456")
    ),
    # typed numeric fields: the text formats show them in their header
    Planted(P, "33687654329", "call.requester_id", needles=("33687654329", "654329")),
    Planted(
        C, "4242424242424242", "call.tickets_created.2", needles=("4242424242424242", "424242")
    ),
]

ALL_ITEMS = SEGMENT_ITEMS + SPEAKER_ITEMS + FIELD_ITEMS + NUMERIC_ITEMS

#: Ordinary sentences a reviewer must still read word for word after redaction.
ORDINARY = [
    "Votre ticket #1042 a été créé à 10:30.",
    "Le rendez-vous est le 2026-03-08 à 14h30, pour 1h30.",
    "Ça fait 49,99 € par mois, ou $1,200.50 par an.",
    "The refund is £1,250.00 on a 1 250 000 € budget.",
    "Référence d'appel call_3ad5dd271a, commande 483920 et commande n° 58213.",
    "Mettez à jour vers la version 6.11.3, build 10.0.22631.3155 (KB5034441).",
    "Le serveur 192.168.10.20 écoute sur le port 8040.",
    "The call lasted 3 min 05 s and ended at 10:33:05 on 08/03/2026.",
    "Contrat 2024-2026, tarif 12,50 € HT, 20 % de remise.",
    "Order 775421 shipped on 2026-08-03, tracking within 2 to 3 days.",
    "Error 0x80070005 on Windows 11 23H2, 16 GB RAM and a 512 GB SSD.",
    "Session 123e4567-e89b-12d3-a456-426614174000 expired after 900 seconds.",
    "I'm at home now, I'll be at the office at nine.",
    "On est au point mort, un ou deux tickets par jour, trois au plus.",
    "I called you one, two, three times this week.",
    "Tickets 1042, 1043 and 1044 are linked to call_e3e6bafad7.",
    "It costs $49.99 per month for 12 months, 599.88 a year.",
    "Room 4.12 on floor 3 of building B, desk 27.",
    "Le 8 mars 2026 à 10 h 30, vingt-deux minutes d'attente.",
    "Version 2.3.14 fixed it; see release notes 2026.1 at 09:15.",
    "Between 10:00 and 12:00, the wait was 45 min; 3/4 of calls were solved.",
    "Your employee number 42719 and your badge 0815 are fine.",
    "Open from 10:30-11:45 and 14:00 - 17:30, closed 12:00/13:00.",
    "The server 192.168.10.20:8040 answered at 10:30:15.250.",
    "Tickets #1042 #1043 and #1044; 12€ 15€ or 18€; 50% 60% 70%.",
    "Scores 3:2 and 2:1, a 16:9 screen, ticket 483920; order 58213 | ref 775421.",
    "Le ticket n°1042 ; rendez-vous à 14 h 30 ; ça coûte 1 250 € et 49,99 €.",
]


def _set(payload: dict[str, Any], path: list[str], value: Any) -> None:
    node: Any = payload
    for name, nxt in itertools.pairwise(path):
        key: Any = int(name) if isinstance(node, list) else name
        if isinstance(node, dict) and key not in node:
            node[key] = [] if nxt.isdigit() else {}
        elif isinstance(node, list):
            while len(node) <= key:
                node.append([] if nxt.isdigit() else {})
        node = node[key]
    last: Any = int(path[-1]) if isinstance(node, list) else path[-1]
    if isinstance(node, list):
        while len(node) <= last:
            node.append(None)
    node[last] = value


STARTED = datetime(2026, 3, 8, 10, 30, tzinfo=UTC)


def _when(seconds: float) -> str:
    return (STARTED + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def corpus_payloads() -> tuple[dict[str, Any], dict[str, Any]]:
    """The call detail and transcript payloads, as an API might send them, with every item."""
    texts = [(p.sentence, "caller") for p in SEGMENT_ITEMS] + [(s, "agent") for s in ORDINARY]
    texts += [("Un instant, je vérifie.", p.sentence) for p in SPEAKER_ITEMS]
    segments = [
        {"speaker": speaker, "text": text, "timestamp": _when(6 * i), "confidence": 0.93}
        for i, (text, speaker) in enumerate(texts)
    ]
    detail: dict[str, Any] = {
        "id": "call_c0ffee1234",
        "caller_id": "",
        "channel": "phone",
        "status": "completed",
        "duration_seconds": 6 * len(segments) + 10,
        "language": "fr-FR",
        "started_at": _when(0),
        "ended_at": _when(6 * len(segments) + 10),
        "requester_id": 42,
        "requester_name": "",
        "tickets_created": [1042, 1043],
        "authenticated": True,
        "escalated": False,
        "sentiment": "neutral",
        "tools_used": ["search_tickets", "create_ticket"],
    }
    transcript: dict[str, Any] = {"call_id": "call_c0ffee1234", "segments": segments}
    for item in FIELD_ITEMS + NUMERIC_ITEMS:
        root, *path = item.where.split(".")
        target = detail if root == "call" else transcript
        value: Any = int(item.secret) if item in NUMERIC_ITEMS else item.sentence
        _set(target, path, value)
    return detail, transcript
