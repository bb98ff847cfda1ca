"""Makes the demo server's spoken recordings once, at development time, with espeak-ng.

Run: ``.venv/bin/python resources/recordings/generate.py`` (needs Debian's espeak-ng; numpy and
soundfile come with the dev extras). Each turn is synthesised alone, its silences trimmed, then
the turns are joined with known pauses, so every turn's start in the final OGG is exact; those
starts go to ``conversations.json`` and become the transcript timestamps of the demo calls.
"""

from __future__ import annotations

import io
import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

HERE = Path(__file__).resolve().parent
RATE = 22_050
LEAD_IN = 0.5  # silence before the first turn (s)
PAUSES = (0.45, 0.7, 0.55, 0.85, 0.6)  # between turns, cycled: deterministic
THRESHOLD = 0.02  # |amplitude| above which a sample counts as speech when trimming
VOICES = {
    "fr-FR": {"agent": "fr+m3", "caller": "fr+f3"},
    "en-US": {"agent": "en-us+m3", "caller": "en-us+f4"},
}
SPEED = 150  # words per minute: slower than espeak's default, for clarity


@dataclass(frozen=True)
class Script:
    id: str
    language: str
    kind: str
    topic: str
    turns: tuple[str, ...]  # alternating agent, caller, agent, ...


SCRIPTS = (
    Script(
        "conv01",
        "fr-FR",
        "resolved",
        "VPN not connecting",
        (
            "Bonjour, ici le support informatique Aurion. Comment puis-je vous aider ?",
            "Bonjour. Mon VPN ne se connecte plus depuis ce matin, j'ai un message d'erreur.",
            "Je comprends. Pouvez-vous me lire le message d'erreur exact, s'il vous plaît ?",
            "Il est écrit : échec de l'authentification, veuillez réessayer.",
            "Merci. Je vérifie votre compte. Je vois que votre mot de passe a expiré hier soir.",
            "Ah, je ne savais pas. Je n'ai reçu aucun courriel.",
            "Le rappel a peut-être été classé comme indésirable. Je vous envoie un lien de "
            "réinitialisation par SMS.",
            "D'accord, je viens de le recevoir. Je change le mot de passe maintenant.",
            "Parfait. Une fois le nouveau mot de passe choisi, relancez le client VPN et "
            "reconnectez-vous.",
            "C'est bon, la connexion fonctionne. Merci beaucoup !",
            "Avec plaisir. J'ai noté l'intervention dans le ticket. Bonne journée !",
        ),
    ),
    Script(
        "conv02",
        "fr-FR",
        "resolved",
        "Printer offline",
        (
            "Bonjour, ici le support informatique Aurion. Comment puis-je vous aider ?",
            "Bonjour, l'imprimante du deuxième étage est hors ligne et je dois imprimer un "
            "contrat.",
            "Je regarde. Il s'agit bien de l'imprimante nommée Paris deux B ?",
            "Oui, c'est celle-là, à côté de la salle de réunion.",
            "Je la vois hors ligne depuis dix heures. Pouvez-vous vérifier qu'elle est allumée "
            "et que l'écran n'affiche pas d'erreur ?",
            "L'écran indique bourrage papier dans le bac deux.",
            "Ouvrez le capot avant, retirez doucement la feuille coincée, puis refermez le capot.",
            "Voilà, c'est fait. L'écran affiche maintenant prêt.",
            "Très bien, elle est de nouveau en ligne de mon côté. Vous pouvez relancer "
            "l'impression.",
            "Ça imprime. Merci pour votre aide.",
            "Je vous en prie. Bonne fin de journée.",
        ),
    ),
    Script(
        "conv03",
        "fr-FR",
        "escalated",
        "Laptop does not boot",
        (
            "Bonjour, ici le support informatique Aurion. Comment puis-je vous aider ?",
            "Bonjour. Mon ordinateur portable ne démarre plus du tout, l'écran reste noir.",
            "D'accord. Le voyant d'alimentation s'allume-t-il quand vous branchez le chargeur ?",
            "Oui, il est orange, mais rien ne se passe quand j'appuie sur le bouton.",
            "Essayez de maintenir le bouton d'alimentation enfoncé pendant quinze secondes, "
            "puis relâchez-le et rallumez.",
            "Je l'ai fait deux fois, toujours rien. Il a fait un bruit bizarre hier.",
            "Dans ce cas, il s'agit probablement d'une panne matérielle. Je crée un ticket et "
            "je vous transfère à un technicien.",
            "D'accord, j'ai une présentation cet après-midi, c'est urgent.",
            "Je le note comme urgent. Un technicien va vous répondre dans un instant, restez "
            "en ligne s'il vous plaît.",
        ),
    ),
    Script(
        "conv04",
        "fr-FR",
        "resolved",
        "Outlook mailbox full",
        (
            "Bonjour, ici le support informatique Aurion. Comment puis-je vous aider ?",
            "Bonjour, Outlook me dit que ma boîte aux lettres est pleine et je ne peux plus "
            "envoyer de messages.",
            "Je vérifie. Votre boîte utilise quarante-neuf gigaoctets sur cinquante.",
            "Ah oui, c'est beaucoup. Qu'est-ce que je peux faire ?",
            "Je peux activer l'archivage en ligne, qui déplace automatiquement les messages de "
            "plus de deux ans.",
            "Oui, faites-le, s'il vous plaît.",
            "C'est activé. Le déplacement prendra quelques heures. En attendant, videz le "
            "dossier des éléments supprimés.",
            "Je viens de le vider. Je peux de nouveau envoyer un message.",
            "Parfait. Je clos le ticket. Autre chose pour vous aider ?",
            "Non, ce sera tout. Merci !",
        ),
    ),
    Script(
        "conv05",
        "en-US",
        "resolved",
        "Password reset, locked account",
        (
            "Hello, this is Aurion IT support. How can I help you today?",
            "Hi, I'm locked out of my account. I typed the wrong password too many times.",
            "No problem. For security, can you confirm your employee number?",
            "Sure, it's four two seven one nine.",
            "Thank you. I've verified your identity and unlocked the account.",
            "Great. Do I need to change my password as well?",
            "Yes, I've sent a one-time reset link to your phone. It expires in fifteen minutes.",
            "Got it. I'm choosing a new password now. Okay, I'm in.",
            "Perfect. Remember that the new password must be different from your last five.",
            "Understood. Thanks for the quick help.",
            "You're welcome. Have a great day!",
        ),
    ),
    Script(
        "conv06",
        "en-US",
        "escalated",
        "Teams audio not working",
        (
            "Hello, this is Aurion IT support. How can I help you today?",
            "Hi. Nobody can hear me in Teams meetings, but I can hear them fine.",
            "Let's check your microphone. In Teams, open settings, then devices. Which "
            "microphone is selected?",
            "It says default device, and the level bar doesn't move when I talk.",
            "Try selecting the headset microphone from the list instead.",
            "There's no headset in the list, only the laptop speakers.",
            "It sounds like the headset driver isn't installed correctly. Let me search the "
            "knowledge base.",
            "Okay. I have a client call in twenty minutes, so I'm a bit stressed.",
            "I understand. This needs a driver reinstall with admin rights, so I'm creating a "
            "ticket and transferring you to a desktop technician now.",
            "Thank you, I'll stay on the line.",
        ),
    ),
    Script(
        "conv07",
        "en-US",
        "resolved",
        "MFA phone change",
        (
            "Hello, this is Aurion IT support. How can I help you today?",
            "Hi, I got a new phone and now I can't approve the sign-in prompts anymore.",
            "I see. Your multi-factor authentication is still registered on the old phone. "
            "Do you still have it?",
            "No, I traded it in at the store yesterday.",
            "That's fine. I'll verify you with a code sent to your work email instead.",
            "Okay, I have the code. It's eight five three, two zero one.",
            "Thank you, that matches. I've removed the old device. Now open the authenticator "
            "app on your new phone and scan the code on your screen.",
            "Scanning now. It says account added.",
            "Great. Try signing in again and approve the prompt.",
            "It worked. I'm in. Thanks a lot!",
            "You're welcome. I've logged this on your ticket. Goodbye!",
        ),
    ),
    Script(
        "conv08",
        "en-US",
        "resolved",
        "Software licence request",
        (
            "Hello, this is Aurion IT support. How can I help you today?",
            "Hi, I need a licence for the diagram software for a new project.",
            "Sure. Which edition do you need, standard or professional?",
            "Professional, I need to import the architecture files from our partner.",
            "Professional licences need your manager's approval. Who is your manager?",
            "It's Grace Walker in the platform team.",
            "Thank you. I've created the request and sent it to Grace for approval.",
            "How long does it usually take?",
            "Once she approves, the licence is assigned automatically within an hour, and "
            "you'll get an email.",
            "Perfect, thanks for your help.",
            "My pleasure. Have a good afternoon!",
        ),
    ),
    Script(
        "conv09",
        "fr-FR",
        "abandoned",
        "Wi-Fi access, caller hung up",
        (
            "Bonjour, ici le support informatique Aurion. Comment puis-je vous aider ?",
            "Bonjour, je n'arrive pas à me connecter au wifi invité dans le hall. J'ai un "
            "visiteur qui attend depuis un quart d'heure.",
            "Je vais vous aider. Pouvez-vous me donner le nom du réseau que vous voyez sur "
            "l'appareil de votre visiteur ?",
            "Il y en a deux, Aurion invité et Aurion invité cinq gigahertz.",
            "Choisissez le premier. Une page de connexion devrait s'ouvrir et demander un code "
            "d'accès.",
            "Attendez, on m'appelle à l'accueil, je vous rappelle plus tard.",
            "Bien sûr. Vous pouvez nous rappeler à tout moment.",
        ),
    ),
    Script(
        "conv10",
        "en-US",
        "abandoned",
        "Monitor flickering, caller hung up",
        (
            "Hello, this is Aurion IT support. How can I help you today?",
            "Hi, my second monitor keeps flickering and going black every few minutes.",
            "Let's take a look. Is the monitor connected with an HDMI or a DisplayPort cable?",
            "Hmm, I'm not sure. It's the one that came with the docking station.",
            "Then it's most likely DisplayPort. Could you unplug it from the dock and plug it "
            "back in firmly?",
            "Hold on. Actually, my meeting is starting, I have to go. Sorry.",
            "No problem. Call us back whenever it suits you.",
        ),
    ),
)


def synthesize(text: str, voice: str, workdir: Path, name: str) -> np.ndarray:
    """One turn as float32 mono samples at RATE, leading and trailing silence trimmed."""
    wav = workdir / f"{name}.wav"
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(SPEED), "-w", str(wav), text],
        check=True,
        capture_output=True,
    )
    data, rate = sf.read(wav, dtype="float32")
    if rate != RATE:
        raise RuntimeError(f"espeak-ng wrote {rate} Hz, expected {RATE}")
    if data.ndim > 1:
        data = data.mean(axis=1)
    loud = np.flatnonzero(np.abs(data) > THRESHOLD)
    if loud.size == 0:
        raise RuntimeError(f"espeak-ng produced silence for {text!r}")
    return np.asarray(data[loud[0] : loud[-1] + 1], dtype=np.float32)


def build(script: Script, workdir: Path) -> dict[str, object]:
    voices = VOICES[script.language]
    pieces = [np.zeros(round(LEAD_IN * RATE), dtype=np.float32)]
    position = pieces[0].size
    segments = []
    for i, text in enumerate(script.turns):
        speaker = "agent" if i % 2 == 0 else "caller"
        if i:
            pause = np.zeros(round(PAUSES[i % len(PAUSES)] * RATE), dtype=np.float32)
            pieces.append(pause)
            position += pause.size
        clip = synthesize(text, voices[speaker], workdir, f"{script.id}-{i}")
        segments.append(
            {
                "speaker": speaker,
                "text": text,
                "start": round(position / RATE, 3),
                "end": round((position + clip.size) / RATE, 3),
            }
        )
        pieces.append(clip)
        position += clip.size
    tail = np.zeros(round(0.6 * RATE), dtype=np.float32)
    pieces.append(tail)
    audio = np.concatenate(pieces) * 0.9
    path = HERE / f"{script.id}.ogg"
    sf.write(path, audio, RATE, format="OGG", subtype="VORBIS")
    return {
        "id": script.id,
        "file": path.name,
        "language": script.language,
        "kind": script.kind,
        "topic": script.topic,
        "duration_seconds": round(audio.size / RATE, 3),
        "segments": segments,
        "loop_gap_samples": loop_gap_samples(path),
    }


def loop_gap_samples(path: Path) -> int:
    """How much later each repeat starts when app.demo.longcall loops this file's packets.

    The first Vorbis packet of a stream yields no sound, but in a repeat it overlaps the
    previous pass and does; and the file's last granule trims its final block. Measured once
    here by decoding two passes, so the demo server needs no decoder to align long transcripts.
    """
    from app.demo.longcall import loop_ogg

    data = path.read_bytes()
    once, rate = sf.read(io.BytesIO(data))
    twice, _ = sf.read(io.BytesIO(loop_ogg(data, 2)))
    ref = once[once.size // 2 : once.size // 2 + rate // 2]
    start = once.size + once.size // 2
    errors = [np.abs(twice[start + d : start + d + ref.size] - ref).sum() for d in range(0, 4096)]
    return int(np.argmin(errors))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        entries = [build(script, Path(tmp)) for script in SCRIPTS]
    out = HERE / "conversations.json"
    out.write_text(json.dumps(entries, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for e in entries:
        size = (HERE / str(e["file"])).stat().st_size
        print(
            f"{e['id']} {e['language']} {e['kind']:<9} {e['duration_seconds']:7.2f} s "
            f"{len(e['segments']):2d} turns {size / 1024:6.0f} KiB"
        )


if __name__ == "__main__":
    main()
