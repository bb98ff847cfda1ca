"""A redaction corpus: personal data planted in a realistic call, and ordinary text that must stay.

Every planted item says which strings would betray it if they reached an export (its digits,
its IBAN, the words of a spelled-out number, the local part of an address). The call carries
them in transcript text, speakers, the documented detail fields and undocumented extras.
"""

from __future__ import annotations

import itertools
import re
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


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,\-–]+", text.lower()) if w]


def needles_for(kind: str, secret: str) -> tuple[str, ...]:
    """What must not appear in an export (see ``leaks`` in test_redact): the number's digits and
    its last six, an IBAN and its last eight digits, any four words in a row of a spelled-out
    number, an address's local part and its longer words."""
    if kind in {"phone", "card"}:
        number = re.sub(r"\s*(?:x|ext\.?|poste|p\.)\s*\d+$", "", secret)  # not the extension
        digits = _digits(number)
        return (digits, digits[-6:])
    if kind == "iban":
        compact = re.sub(r"[\s-]", "", secret).upper()
        return (compact, _digits(compact)[-8:])
    if kind == "spoken-phone":
        words = _words(secret)
        return tuple(" ".join(words[i : i + 4]) for i in range(len(words) - 3))
    if kind in {"email", "spoken-email"}:
        local = re.split(r"@|\s+(?:at|arobase)\s+|\s*[\[(](?:at)[\])]\s*", secret)[0].strip()
        parts = re.split(r"[\s._+-]+|\b(?:dot|point|underscore|dash)\b", local)
        return (local.lower(), *(p.lower() for p in parts if len(p) >= 4))
    raise ValueError(kind)


def _item(kind: str, sentence: str, secret: str, where: str = "segment") -> Planted:
    assert secret in sentence, (secret, sentence)
    return Planted(kind, secret, where, sentence, needles_for(kind, secret))


def _segment(kind: str, sentence: str, secret: str) -> Planted:
    return _item(kind, sentence, secret)


P, E, C, IB, SP, SE = "phone", "email", "card", "iban", "spoken-phone", "spoken-email"

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
]

#: Items in the speaker field (diarisation labels that carry a caller's details).
SPEAKER_ITEMS: list[Planted] = [
    _item(P, "caller +33 6 45 12 78 90", "+33 6 45 12 78 90", "speaker"),
    _item(P, "Caller 07700 900874", "07700 900874", "speaker"),
    _item(E, "caller:benedicte.olivier@gmail.com", "benedicte.olivier@gmail.com", "speaker"),
    _item(P, "agent-transfer-(415) 555-0111", "(415) 555-0111", "speaker"),
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
