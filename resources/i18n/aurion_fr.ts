<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AccountToolbar</name>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Compte&#xa0;:</translation>
    </message>
    <message>
        <source>Which Aurion account to review</source>
        <translation>Le compte Aurion à examiner</translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation>Comptes…</translation>
    </message>
    <message>
        <source>Add, test or remove Aurion accounts and their API keys</source>
        <translation>Ajouter, tester ou supprimer des comptes Aurion et leurs clés API</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Reload this page of calls (F5)</source>
        <translation>Recharger cette page d&apos;appels (F5)</translation>
    </message>
    <message>
        <source>Auto-refresh</source>
        <translation>Actualisation auto</translation>
    </message>
    <message>
        <source>Reload every {seconds} s while this page shows active calls</source>
        <translation>Recharger toutes les {seconds} s tant que cette page montre des appels en cours</translation>
    </message>
    <message>
        <source>Sync library</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <source>Bring this account&apos;s library up to date (makes it the first time): Ctrl+Shift+S</source>
        <translation>Mettre à jour la bibliothèque de ce compte (la crée la première fois)&#xa0;: Ctrl+Maj+S</translation>
    </message>
    <message>
        <source>Library status</source>
        <translation>État de la bibliothèque</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Aurion Call Review</source>
        <translation>Aurion Call Review</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>No system keyring is available (for example no Secret Service on this Linux session). Keys you save are kept in memory for this session only and are never written to disk; set {env} to avoid typing the key each time.</source>
        <extracomment>The rules of saving and deleting; additions and removals go to ``trail``. Asks the user to confirm; replaced in tests.</extracomment>
        <translation>Aucun trousseau système n&apos;est disponible (par exemple pas de Secret Service dans cette session Linux). Les clés enregistrées sont gardées en mémoire pour cette session seulement et ne sont jamais écrites sur le disque&#xa0;; définissez {env} pour ne pas retaper la clé à chaque fois.</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <source>Saved account profiles</source>
        <translation>Profils de compte enregistrés</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Create a new profile</source>
        <translation>Créer un profil</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete this profile and remove its key from the keyring</source>
        <translation>Supprimer ce profil et retirer sa clé du trousseau</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Nom du profil</translation>
    </message>
    <message>
        <source>A name for this account, e.g. Production</source>
        <translation>Un nom pour ce compte, par ex. Production</translation>
    </message>
    <message>
        <source>e.g. Production</source>
        <translation>par ex. Production</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>URL de base</translation>
    </message>
    <message>
        <source>The Aurion API base URL</source>
        <translation>L&apos;URL de base de l&apos;API Aurion</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé API</translation>
    </message>
    <message>
        <source>The API key (needs the calls:read scope); {where}</source>
        <translation>La clé API (avec la portée calls:read)&#xa0;; {where}</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Show the key</source>
        <translation>Afficher la clé</translation>
    </message>
    <message>
        <source>Show or hide the key while typing</source>
        <translation>Afficher ou masquer la clé pendant la saisie</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>Base &amp;URL</source>
        <translation>URL de &amp;base</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>&amp;Clé API</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save the profile; {where}</source>
        <translation>Enregistrer le profil&#xa0;; {where}</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>Ask the API for one call with this URL and key</source>
        <translation>Demander un appel à l&apos;API avec cette URL et cette clé</translation>
    </message>
    <message>
        <source>&amp;Use this account</source>
        <translation>&amp;Utiliser ce compte</translation>
    </message>
    <message>
        <source>Save, close and review this account&apos;s calls</source>
        <translation>Enregistrer, fermer et examiner les appels de ce compte</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>the key is stored in the system keyring</source>
        <translation>la clé est rangée dans le trousseau système</translation>
    </message>
    <message>
        <source>no system keyring: the key is kept in memory for this session</source>
        <translation>pas de trousseau système&#xa0;: la clé est gardée en mémoire pour cette session</translation>
    </message>
    <message>
        <source>No key stored yet.</source>
        <translation>Aucune clé enregistrée.</translation>
    </message>
    <message>
        <source>in the system keyring</source>
        <translation>dans le trousseau système</translation>
    </message>
    <message>
        <source>in memory for this session only</source>
        <translation>en mémoire pour cette session seulement</translation>
    </message>
    <message>
        <source>from {env}</source>
        <translation>depuis {env}</translation>
    </message>
    <message>
        <source>Key {key} {where}. Type a new key to replace it.</source>
        <translation>Clé {key} {where}. Saisissez une nouvelle clé pour la remplacer.</translation>
    </message>
    <message>
        <source>{where}, never in a file.</source>
        <translation>{where}, jamais dans un fichier.</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Non enregistré&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Saved &apos;{name}&apos;.</source>
        <translation>«&#xa0;{name}&#xa0;» enregistré.</translation>
    </message>
    <message>
        <source>Delete the profile &apos;{name}&apos; and remove its API key?</source>
        <translation>Supprimer le profil «&#xa0;{name}&#xa0;» et retirer sa clé API&#xa0;?</translation>
    </message>
    <message>
        <source>Could not delete: {error}</source>
        <translation>Suppression impossible&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Deleted &apos;{name}&apos; and its key.</source>
        <translation>«&#xa0;{name}&#xa0;» et sa clé ont été supprimés.</translation>
    </message>
    <message>
        <source>Enter an API key to test.</source>
        <translation>Saisissez une clé API à tester.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message numerus="yes">
        <source>Connected: this key can read %Ln call(s).</source>
        <translation>
            <numerusform>Connecté&#xa0;: cette clé peut lire %Ln appel.</numerusform>
            <numerusform>Connecté&#xa0;: cette clé peut lire %Ln appels.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AurionError</name>
    <message>
        <source>No system keyring</source>
        <extracomment>Override where data lives (libraries, the audit trail), like ``AURION_CONFIG_DIR``.</extracomment>
        <translation>Pas de trousseau système</translation>
    </message>
    <message>
        <source>No system keyring is available to store the API key ({problem}). Keep it for this session only, or set the {env} environment variable.</source>
        <translation>Aucun trousseau système n&apos;est disponible pour ranger la clé API ({problem}). Gardez-la pour cette session seulement, ou définissez la variable d&apos;environnement {env}.</translation>
    </message>
    <message>
        <source>Could not remove the key from the system keyring ({problem}).</source>
        <translation>Impossible de retirer la clé du trousseau système ({problem}).</translation>
    </message>
    <message>
        <source>Invalid API key</source>
        <extracomment>Fixed starts of Aurion keys that say what kind of key it is, not which one.</extracomment>
        <translation>Clé API invalide</translation>
    </message>
    <message>
        <source>An API key cannot be empty.</source>
        <translation>Une clé API ne peut pas être vide.</translation>
    </message>
    <message>
        <source>An API key is one word of ASCII letters, digits and signs: this one holds spaces, line breaks or other characters a key never has.</source>
        <translation>Une clé API est un seul mot de lettres ASCII, de chiffres et de signes&#xa0;: celle-ci contient des espaces, des retours à la ligne ou d&apos;autres caractères qu&apos;une clé n&apos;a jamais.</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is not a valid URL.</source>
        <extracomment>Characters in one segment&apos;s text (five minutes of speech is some 4,000): a longer one would cost every format hundreds of MB to lay out, or minutes for a PDF. Of an error answer, only this much is read for the server&apos;s message.</extracomment>
        <translation>«&#xa0;{url}&#xa0;» n&apos;est pas une URL valide.</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; must not contain a user name or password: the API key is given on its own, never in the URL.</source>
        <translation>«&#xa0;{url}&#xa0;» ne doit contenir ni nom d&apos;utilisateur ni mot de passe&#xa0;: la clé API se donne à part, jamais dans l&apos;URL.</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is not an http(s) URL with a host.</source>
        <translation>«&#xa0;{url}&#xa0;» n&apos;est pas une URL http(s) avec un hôte.</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; uses plain http: the API key would travel unencrypted. Use https (plain http is only allowed for a server on this computer).</source>
        <translation>«&#xa0;{url}&#xa0;» utilise http sans chiffrement&#xa0;: la clé API circulerait en clair. Utilisez https (http n&apos;est permis que pour un serveur sur cet ordinateur).</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; must not carry a query or fragment.</source>
        <translation>«&#xa0;{url}&#xa0;» ne doit pas contenir de requête ni de fragment.</translation>
    </message>
    <message>
        <source>the call list</source>
        <extracomment>What was odd but did not cut the walk short (a page shorter than asked). Calls of the list that could not be read: (id if it had one, why). No export walks more calls than this, whatever total a server announces (10**15 calls with fresh ids on every page would otherwise keep it going for ever).</extracomment>
        <translation>la liste des appels</translation>
    </message>
    <message>
        <source>{error} There is no call list at {url}/calls: is the base URL right? The Aurion API&apos;s ends with /api/v1, as in {default}.</source>
        <translation>{error} Il n&apos;y a pas de liste d&apos;appels à {url}/calls&#xa0;: l&apos;URL de base est-elle juste&#xa0;? Celle de l&apos;API Aurion se termine par /api/v1, comme {default}.</translation>
    </message>
    <message>
        <source>call {id}</source>
        <translation>l&apos;appel {id}</translation>
    </message>
    <message>
        <source>the transcript of {id}</source>
        <translation>la transcription de {id}</translation>
    </message>
    <message>
        <source>the recording of {id}</source>
        <translation>l&apos;enregistrement de {id}</translation>
    </message>
    <message>
        <source>the server has none (HTTP 404)</source>
        <translation>le serveur n&apos;en a pas (HTTP 404)</translation>
    </message>
    <message>
        <source>No recording for call {id}: {reason}</source>
        <translation>Pas d&apos;enregistrement pour l&apos;appel {id}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>The Aurion API did not answer in time while loading {what} (no complete answer within {seconds} s).</source>
        <translation>L&apos;API Aurion n&apos;a pas répondu à temps pendant le chargement de {what} (pas de réponse complète en {seconds} s).</translation>
    </message>
    <message>
        <source>The Aurion API did not answer in time while loading {what}.</source>
        <translation>L&apos;API Aurion n&apos;a pas répondu à temps pendant le chargement de {what}.</translation>
    </message>
    <message>
        <source>Could not reach the Aurion API at {where} while loading {what} ({problem}).</source>
        <translation>Impossible de joindre l&apos;API Aurion à {where} pendant le chargement de {what} ({problem}).</translation>
    </message>
    <message>
        <source> The server said: {detail}</source>
        <translation> Le serveur a répondu&#xa0;: {detail}</translation>
    </message>
    <message>
        <source>The Aurion API is rate limiting this key; it asks to wait {wait} s.{said}</source>
        <translation>L&apos;API Aurion limite le débit de cette clé&#xa0;; elle demande d&apos;attendre {wait} s.{said}</translation>
    </message>
    <message>
        <source>The Aurion API is rate limiting this key.{said}</source>
        <translation>L&apos;API Aurion limite le débit de cette clé.{said}</translation>
    </message>
    <message>
        <source>The Aurion API had an internal problem (HTTP {status}) while loading {what}. Try again in a moment.{said}</source>
        <translation>L&apos;API Aurion a eu un problème interne (HTTP {status}) pendant le chargement de {what}. Réessayez dans un moment.{said}</translation>
    </message>
    <message>
        <source>The API key was refused (HTTP 401): it is wrong, revoked or expired. A new one can be created in the Aurion console.{said}</source>
        <translation>La clé API a été refusée (HTTP 401)&#xa0;: elle est erronée, révoquée ou expirée. Vous pouvez en créer une nouvelle dans la console Aurion.{said}</translation>
    </message>
    <message>
        <source>This API key is not allowed to read calls (HTTP 403): it needs the calls:read scope. Ask your Aurion administrator for a key with calls:read.{said}</source>
        <translation>Cette clé API n&apos;a pas le droit de lire les appels (HTTP 403)&#xa0;: il lui faut la portée calls:read. Demandez à votre administrateur Aurion une clé avec calls:read.{said}</translation>
    </message>
    <message>
        <source>Could not find {what} (HTTP 404).{said}</source>
        <translation>Introuvable&#xa0;: {what} (HTTP 404).{said}</translation>
    </message>
    <message>
        <source>The Aurion API refused the request for {what} (HTTP {status}).{said}</source>
        <translation>L&apos;API Aurion a refusé la demande de {what} (HTTP {status}).{said}</translation>
    </message>
    <message>
        <source>Aurion API error</source>
        <extracomment>A short title for banners and dialogs.</extracomment>
        <translation>Erreur de l&apos;API Aurion</translation>
    </message>
    <message>
        <source>Account settings</source>
        <extracomment>The message as a template and its fields, for the window to translate. The machine-readable ``error.code`` of the server&apos;s JSON error body, when it sent one (e.g. ``recording_not_found``); printable, at most 100 characters. The human message of that body (printable, at most 300 characters), also quoted in ``message``.</extracomment>
        <translation>Réglages du compte</translation>
    </message>
    <message>
        <source>Missing permission</source>
        <translation>Autorisation manquante</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Introuvable</translation>
    </message>
    <message>
        <source>No recording</source>
        <translation>Pas d&apos;enregistrement</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>Débit limité</translation>
    </message>
    <message>
        <source>Server error</source>
        <translation>Erreur du serveur</translation>
    </message>
    <message>
        <source>Request rejected</source>
        <translation>Demande refusée</translation>
    </message>
    <message>
        <source>Network problem</source>
        <translation>Problème de réseau</translation>
    </message>
    <message>
        <source>Unexpected response</source>
        <translation>Réponse inattendue</translation>
    </message>
    <message>
        <source>Response too large</source>
        <translation>Réponse trop volumineuse</translation>
    </message>
    <message>
        <source>Wrong call</source>
        <translation>Mauvais appel</translation>
    </message>
    <message>
        <source>Recording download failed</source>
        <translation>Échec du téléchargement de l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Recording link expired</source>
        <translation>Lien d&apos;enregistrement expiré</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l&apos;export</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>Not in the library</source>
        <translation>Absent de la bibliothèque</translation>
    </message>
    <message>
        <source>Transcript too long for a PDF</source>
        <extracomment>Every live pool, so that an exiting process can wait for the pages still being drawn. Transcript rows and characters laid out at a time: memory stays bounded (a row takes about 20 KB while laid out, a character of a long row some 70 bytes). Above this, a PDF is refused: over a thousand pages nobody prints, which take minutes to lay out and cannot be interrupted meanwhile (Qt&apos;s layout); txt, csv or json hold it all.</extracomment>
        <translation>Transcription trop longue pour un PDF</translation>
    </message>
    <message>
        <source>Call {id} is not in the library: run `aurion-review sync` while the API can be reached.</source>
        <extracomment>A kept recording&apos;s link never expires. Most hits one search returns.</extracomment>
        <translation>L&apos;appel {id} n&apos;est pas dans la bibliothèque&#xa0;: lancez `aurion-review sync` quand l&apos;API est joignable.</translation>
    </message>
    <message>
        <source>Call {id} has no details in the library: run `aurion-review sync` while the API can be reached.</source>
        <translation>L&apos;appel {id} n&apos;a pas de détails dans la bibliothèque&#xa0;: lancez `aurion-review sync` quand l&apos;API est joignable.</translation>
    </message>
    <message>
        <source>The recording of call {id} is not kept offline, and the API cannot be reached to stream it ({error})</source>
        <translation>L&apos;enregistrement de l&apos;appel {id} n&apos;est pas gardé hors ligne, et l&apos;API est injoignable pour le lire en continu ({error})</translation>
    </message>
    <message>
        <source>The recording of call {id} is not kept offline: keep it offline (`aurion-review library --keep {id}`, then sync), or open the account to stream it.</source>
        <translation>L&apos;enregistrement de l&apos;appel {id} n&apos;est pas gardé hors ligne&#xa0;: gardez-le hors ligne (`aurion-review library --keep {id}`, puis synchronisez), ou ouvrez le compte pour le lire en continu.</translation>
    </message>
    <message>
        <source>the API has none</source>
        <translation>l&apos;API n&apos;en a pas</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>Evidence pack</source>
        <extracomment>Files a pack may hold beside data/: BagIt&apos;s own, and our signature. A zipped pack is refused beyond this many bytes once extracted (a zip bomb is no evidence).</extracomment>
        <translation>Dossier de preuves</translation>
    </message>
    <message>
        <source>Scorecard template</source>
        <translation>Modèle de grille d&apos;évaluation</translation>
    </message>
    <message>
        <source>Review</source>
        <extracomment>The ``format`` of a review export file. Bounds of what a note or scorecard may hold (a file to import is held to them too). Bounds of a file to import. Problems of a file listed before &quot;and N more&quot;. Call ids named by one audit entry of an import or export (more: more entries).</extracomment>
        <translation>Revue</translation>
    </message>
    <message>
        <source>There is no profile named &apos;{name}&apos;.</source>
        <extracomment>The account the demo&apos;s library belongs to: its server&apos;s port changes from run to run, its tenant does not, so its library is one file whatever the port.</extracomment>
        <translation>Aucun profil ne s&apos;appelle «&#xa0;{name}&#xa0;».</translation>
    </message>
    <message>
        <source>No API key is stored for &apos;{name}&apos;. Add it in Accounts, or set {env}.</source>
        <translation>Aucune clé API n&apos;est enregistrée pour «&#xa0;{name}&#xa0;». Ajoutez-la dans Comptes, ou définissez {env}.</translation>
    </message>
    <message>
        <source>Not available here</source>
        <extracomment>Tries at a recording download: a fresh signed link each time.</extracomment>
        <translation>Indisponible ici</translation>
    </message>
    <message>
        <source>This source cannot filter calls: use the library.</source>
        <extracomment>Any of &quot;unreviewed&quot;, &quot;in_review&quot;, &quot;reviewed&quot; (``app.review.store``); the library only. Full-text search over what was said (and caller, requester); empty: no search. Works without the network (the library).</extracomment>
        <translation>Cette source ne sait pas filtrer les appels&#xa0;: utilisez la bibliothèque.</translation>
    </message>
    <message>
        <source>This source cannot search transcripts: use the library.</source>
        <translation>Cette source ne sait pas chercher dans les transcriptions&#xa0;: utilisez la bibliothèque.</translation>
    </message>
    <message>
        <source>Something went wrong: {kind}: {error}</source>
        <translation>Un problème est survenu&#xa0;: {kind}&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>CallTableModel</name>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>When the call started ({zone})</source>
        <translation>Quand l&apos;appel a commencé ({zone})</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Appelant</translation>
    </message>
    <message>
        <source>Caller id: phone number or e-mail</source>
        <translation>Identifiant de l&apos;appelant&#xa0;: numéro de téléphone ou e-mail</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Phone, mobile app or web widget</source>
        <translation>Téléphone, application mobile ou widget web</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Active, completed, escalated, failed or abandoned</source>
        <translation>En cours, terminé, escaladé, échoué ou abandonné</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Length of the call (m:ss)</source>
        <translation>Durée de l&apos;appel (m:ss)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Language of the conversation</source>
        <translation>Langue de la conversation</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Demandeur</translation>
    </message>
    <message>
        <source>Id of the identified requester</source>
        <translation>Identifiant du demandeur identifié</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Tickets created during the call</source>
        <translation>Tickets créés pendant l&apos;appel</translation>
    </message>
    <message>
        <source>Auth.</source>
        <translation>Auth.</translation>
    </message>
    <message>
        <source>Whether the caller was authenticated</source>
        <translation>Si l&apos;appelant a été authentifié</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revue</translation>
    </message>
    <message>
        <source>Unreviewed, in review (notes or a draft) or reviewed</source>
        <translation>Non revu, en revue (notes ou brouillon) ou revu</translation>
    </message>
    <message>
        <source>{column} (UTC)</source>
        <extracomment>What the Aurion API sorts by; the library sorts by every column. The sort fields the current source offers (its columns show a sort arrow). Call id → review status, as the review records say (unknown: unreviewed).</extracomment>
        <translation>{column} (UTC)</translation>
    </message>
    <message>
        <source>{tip}. Click (or use View &gt; Sort by) to sort all calls.</source>
        <translation>{tip}. Cliquez (ou utilisez Affichage &gt; Trier par) pour trier tous les appels.</translation>
    </message>
    <message>
        <source>{tip}. The API sorts by Started or Duration only; the library sorts by any column.</source>
        <translation>{tip}. L&apos;API ne trie que par Début ou Durée&#xa0;; la bibliothèque trie par n&apos;importe quelle colonne.</translation>
    </message>
    <message>
        <source>{column}: {value}</source>
        <translation>{column}&#xa0;: {value}</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>live</source>
        <translation>en direct</translation>
    </message>
    <message>
        <source>{time} ({zone})</source>
        <translation>{time} ({zone})</translation>
    </message>
    <message>
        <source>{caller} · call {id}</source>
        <translation>{caller} · appel {id}</translation>
    </message>
</context>
<context>
    <name>CallTableView</name>
    <message>
        <source>Calls</source>
        <extracomment>What each column must fit, besides its title and sort arrow (the caller stretches): the widest of these texts (context, English) in the window&apos;s language, the start time as the locale writes it (at every hour of the day: &quot;12:58 PM&quot; is wider than &quot;5:58 PM&quot;).</extracomment>
        <translation>Appels</translation>
    </message>
</context>
<context>
    <name>CallView</name>
    <message>
        <source>Loading the transcript of {id}…</source>
        <extracomment>The search hit being opened (its words are highlighted), and what was searched.</extracomment>
        <translation>Chargement de la transcription de {id}…</translation>
    </message>
    <message>
        <source>Select a call to read its transcript.</source>
        <translation>Sélectionnez un appel pour lire sa transcription.</translation>
    </message>
    <message>
        <source>{error}

Select the call again to retry.</source>
        <translation>{error}

Sélectionnez de nouveau l&apos;appel pour réessayer.</translation>
    </message>
    <message>
        <source>The transcript could not be loaded. {error}</source>
        <translation>La transcription n&apos;a pas pu être chargée. {error}</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare scorecards</source>
        <translation>Comparer les grilles</translation>
    </message>
    <message>
        <source>Call {id}</source>
        <translation>Appel {id}</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>First scorecard</source>
        <translation>Première grille</translation>
    </message>
    <message>
        <source>Second scorecard</source>
        <translation>Seconde grille</translation>
    </message>
    <message>
        <source>&amp;Template</source>
        <translation>&amp;Modèle</translation>
    </message>
    <message>
        <source>&amp;First</source>
        <translation>&amp;Première</translation>
    </message>
    <message>
        <source>&amp;Second</source>
        <translation>&amp;Seconde</translation>
    </message>
    <message>
        <source>Criteria compared</source>
        <translation>Critères comparés</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>First answer</source>
        <translation>Première réponse</translation>
    </message>
    <message>
        <source>Second answer</source>
        <translation>Seconde réponse</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Accord</translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation>Copier en &amp;JSON</translation>
    </message>
    <message>
        <source>The comparison as `aurion-review review compare --json` gives it</source>
        <translation>La comparaison telle que la donne `aurion-review review compare --json`</translation>
    </message>
    <message>
        <source>Reading the scorecards…</source>
        <translation>Lecture des grilles…</translation>
    </message>
    <message>
        <source>This call has no two scorecards of one template to compare: import another reviewer&apos;s (Review &gt; Import reviews…).</source>
        <translation>Cet appel n&apos;a pas deux grilles d&apos;un même modèle à comparer : importez celle d&apos;un autre évaluateur (Revue &gt; Importer des revues…).</translation>
    </message>
    <message>
        <source>The scorecards cannot be read: {problem}</source>
        <translation>Les grilles ne peuvent pas être lues : {problem}</translation>
    </message>
    <message>
        <source>submitted {time}</source>
        <translation>envoyée le {time}</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>brouillon</translation>
    </message>
    <message>
        <source>, imported from {file}</source>
        <translation>, importée de {file}</translation>
    </message>
    <message>
        <source>Choose two different scorecards.</source>
        <translation>Choisissez deux grilles différentes.</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>n.a.</source>
        <translation>s.o.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Agree?</source>
        <translation>Accord ?</translation>
    </message>
    <message>
        <source>agree</source>
        <translation>accord</translation>
    </message>
    <message>
        <source>differ</source>
        <translation>désaccord</translation>
    </message>
    <message>
        <source>not compared</source>
        <translation>non comparé</translation>
    </message>
    <message>
        <source>no criterion answered by both</source>
        <translation>aucun critère répondu par les deux</translation>
    </message>
    <message>
        <source>Agreement: {agreed} of {compared} criteria answered by both ({share}).</source>
        <translation>Accord : {agreed} sur {compared} critères répondus par les deux ({share}).</translation>
    </message>
</context>
<context>
    <name>CriterionRow</name>
    <message>
        <source>fatal</source>
        <translation>éliminatoire</translation>
    </message>
    <message>
        <source>compliance</source>
        <translation>conformité</translation>
    </message>
    <message>
        <source>weight {weight}</source>
        <translation>poids {weight}</translation>
    </message>
    <message>
        <source>{question} &lt;i&gt;({marks})&lt;/i&gt;</source>
        <translation>{question} &lt;i&gt;({marks})&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Mark moment</source>
        <translation>Marquer l&apos;instant</translation>
    </message>
    <message>
        <source>Attach the moment playing now as evidence (E)</source>
        <translation>Joindre l&apos;instant en cours comme preuve (E)</translation>
    </message>
    <message>
        <source>Mark the moment as evidence for: {question}</source>
        <translation>Marquer l&apos;instant comme preuve pour : {question}</translation>
    </message>
    <message>
        <source>Evidence: {links}</source>
        <translation>Preuves : {links}</translation>
    </message>
    <message>
        <source>Evidence at {moments}</source>
        <translation>Preuves à {moments}</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Caller</source>
        <extracomment>The fields can shrink to this height (they scroll); the transcript gets the rest.</extracomment>
        <translation>Appelant</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Demandeur</translation>
    </message>
    <message>
        <source>Tickets created</source>
        <translation>Tickets créés</translation>
    </message>
    <message>
        <source>Authenticated</source>
        <translation>Authentifié</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escaladé</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Sentiment</translation>
    </message>
    <message>
        <source>Tools used</source>
        <translation>Outils utilisés</translation>
    </message>
    <message>
        <source>Call details</source>
        <translation>Détails de l&apos;appel</translation>
    </message>
    <message>
        <source>Show or hide the call&apos;s details</source>
        <translation>Afficher ou masquer les détails de l&apos;appel</translation>
    </message>
    <message>
        <source>Call id</source>
        <translation>Identifiant de l&apos;appel</translation>
    </message>
    <message>
        <source>The call id (select to copy)</source>
        <translation>L&apos;identifiant de l&apos;appel (sélectionnez-le pour le copier)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy call id</source>
        <translation>Copier l&apos;identifiant de l&apos;appel</translation>
    </message>
    <message>
        <source>Copy the call id to the clipboard</source>
        <translation>Copier l&apos;identifiant de l&apos;appel dans le presse-papiers</translation>
    </message>
    <message>
        <source>Select a call to see its details.</source>
        <translation>Sélectionnez un appel pour voir ses détails.</translation>
    </message>
    <message>
        <source>Loading {id}…</source>
        <translation>Chargement de {id}…</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>{time} ({zone})</source>
        <translation>{time} ({zone})</translation>
    </message>
    <message>
        <source>— (in progress)</source>
        <translation>— (en cours)</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>Unnamed</source>
        <translation>Sans nom</translation>
    </message>
    <message>
        <source>— (not identified)</source>
        <translation>— (non identifié)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
</context>
<context>
    <name>ErrorHook</name>
    <message>
        <source>Something went wrong ({kind}); details are in the log.</source>
        <translation>Un problème est survenu ({kind})&#xa0;; les détails sont dans le journal.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export transcripts</source>
        <translation>Exporter des transcriptions</translation>
    </message>
    <message>
        <source>Calls</source>
        <extracomment>Where each export is recorded (``export.done``, ``recording.downloaded``).</extracomment>
        <translation>Appels</translation>
    </message>
    <message>
        <source>This call ({id})</source>
        <translation>Cet appel ({id})</translation>
    </message>
    <message>
        <source>This call (none selected)</source>
        <translation>Cet appel (aucun sélectionné)</translation>
    </message>
    <message>
        <source>Selected calls ({count})</source>
        <translation>Appels sélectionnés ({count})</translation>
    </message>
    <message>
        <source>All calls of this account ({count})</source>
        <translation>Tous les appels de ce compte ({count})</translation>
    </message>
    <message>
        <source>Every call, oldest first. Exporting again to the same folder skips what is complete.</source>
        <translation>Tous les appels, les plus anciens d&apos;abord. Un nouvel export vers le même dossier saute ce qui est complet.</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>Formats</translation>
    </message>
    <message>
        <source>{format} (.{extension})</source>
        <translation>{format} (.{extension})</translation>
    </message>
    <message>
        <source>Export {format}</source>
        <translation>Exporter en {format}</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>Mask phone numbers, e-mails, cards and IBANs</source>
        <translation>Masquer téléphones, e-mails, cartes et IBAN</translation>
    </message>
    <message>
        <source>{summary} The recordings (audio) are not masked.</source>
        <translation>{summary} Les enregistrements (audio) ne sont pas masqués.</translation>
    </message>
    <message>
        <source>Also save the recordings (OGG audio)</source>
        <translation>Enregistrer aussi les enregistrements (audio OGG)</translation>
    </message>
    <message>
        <source>Downloads each recording through its signed link</source>
        <translation>Télécharge chaque enregistrement par son lien signé</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier&#xa0;:</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>Dossier d&apos;export</translation>
    </message>
    <message>
        <source>Where the files go; it is created when missing</source>
        <translation>Où vont les fichiers&#xa0;; il est créé s&apos;il n&apos;existe pas</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Choose the export folder</source>
        <translation>Choisir le dossier d&apos;export</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Avancement de l&apos;export</translation>
    </message>
    <message>
        <source>Export status</source>
        <translation>État de l&apos;export</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Start the export; the window stays usable meanwhile</source>
        <translation>Lancer l&apos;export&#xa0;; la fenêtre reste utilisable pendant ce temps</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Show the exported files</source>
        <translation>Montrer les fichiers exportés</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>Annuler l&apos;export</translation>
    </message>
    <message>
        <source>Stop; files already written are kept and complete</source>
        <translation>Arrêter&#xa0;; les fichiers déjà écrits sont gardés et complets</translation>
    </message>
    <message>
        <source>Close; a running export goes on in the background</source>
        <translation>Fermer&#xa0;; un export en cours continue en arrière-plan</translation>
    </message>
    <message>
        <source>Aurion exports</source>
        <translation>Exports Aurion</translation>
    </message>
    <message>
        <source>Choose at least one format.</source>
        <translation>Choisissez au moins un format.</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>This account was closed: open it again to export its calls.</source>
        <translation>Ce compte a été fermé&#xa0;: ouvrez-le de nouveau pour exporter ses appels.</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>Échec de l&apos;export&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>ExportFormats</name>
    <message>
        <source>Plain text</source>
        <extracomment>In English (the window translates it: &quot;ExportFormats&quot; context). Drawn by Qt on an export&apos;s render pool rather than inline.</extracomment>
        <translation>Texte brut</translation>
    </message>
    <message>
        <source>JSON (lossless)</source>
        <translation>JSON (sans perte)</translation>
    </message>
    <message>
        <source>CSV, one row per segment</source>
        <translation>CSV, une ligne par segment</translation>
    </message>
    <message>
        <source>SubRip subtitles</source>
        <translation>Sous-titres SubRip</translation>
    </message>
    <message>
        <source>WebVTT subtitles</source>
        <translation>Sous-titres WebVTT</translation>
    </message>
    <message>
        <source>PDF for printing</source>
        <translation>PDF à imprimer</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Any</source>
        <extracomment>Typing pauses this long before the search runs (counts update as you type).</extracomment>
        <translation>Tous</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Search what was said, callers and requesters…</source>
        <translation>Chercher dans ce qui a été dit, les appelants et les demandeurs…</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>Chercher dans la bibliothèque</translation>
    </message>
    <message>
        <source>Words (accents and case ignored), &quot;a phrase&quot;, a prefix* ; Ctrl+Shift+F</source>
        <translation>Des mots (sans tenir compte des accents ni de la casse), «&#xa0;une phrase&#xa0;», un préfixe*&#xa0;; Ctrl+Maj+F</translation>
    </message>
    <message>
        <source>Go to call id…</source>
        <translation>Aller à l&apos;appel…</translation>
    </message>
    <message>
        <source>Go to call id</source>
        <translation>Aller à l&apos;appel</translation>
    </message>
    <message>
        <source>Open a call by its id (Enter); Ctrl+G</source>
        <translation>Ouvrir un appel par son identifiant (Entrée)&#xa0;; Ctrl+G</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filtres</translation>
    </message>
    <message>
        <source>Show filters</source>
        <translation>Afficher les filtres</translation>
    </message>
    <message>
        <source>Matching calls</source>
        <translation>Appels correspondants</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Sentiment</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escaladé</translation>
    </message>
    <message>
        <source>Authenticated</source>
        <translation>Authentifié</translation>
    </message>
    <message>
        <source>Has a ticket</source>
        <translation>A un ticket</translation>
    </message>
    <message>
        <source>Has a recording</source>
        <translation>A un enregistrement</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>État de revue</translation>
    </message>
    <message>
        <source>any</source>
        <translation>tous</translation>
    </message>
    <message>
        <source>Tool used</source>
        <translation>Outil utilisé</translation>
    </message>
    <message>
        <source>Started from</source>
        <translation>Commencé à partir du</translation>
    </message>
    <message>
        <source>Started up to</source>
        <translation>Commencé jusqu&apos;au</translation>
    </message>
    <message>
        <source>Shortest duration</source>
        <translation>Durée minimale</translation>
    </message>
    <message>
        <source>Longest duration</source>
        <translation>Durée maximale</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revue</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Up to</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Min (s)</source>
        <translation>Min (s)</translation>
    </message>
    <message>
        <source>Max (s)</source>
        <translation>Max (s)</translation>
    </message>
    <message>
        <source>Filters ({count})</source>
        <translation>Filtres ({count})</translation>
    </message>
    <message>
        <source>Hide filters</source>
        <translation>Masquer les filtres</translation>
    </message>
    <message numerus="yes">
        <source>Hide filters, %Ln on</source>
        <translation>
            <numerusform>Masquer les filtres, %Ln actif</numerusform>
            <numerusform>Masquer les filtres, %Ln actifs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show filters, %Ln on</source>
        <translation>
            <numerusform>Afficher les filtres, %Ln actif</numerusform>
            <numerusform>Afficher les filtres, %Ln actifs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln appel</numerusform>
            <numerusform>%Ln appels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln+ line(s) match</source>
        <translation>
            <numerusform>%Ln+ ligne correspond</numerusform>
            <numerusform>%Ln+ lignes correspondent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) match</source>
        <translation>
            <numerusform>%Ln ligne correspond</numerusform>
            <numerusform>%Ln lignes correspondent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>UTC</source>
        <extracomment>The *Language* preference: the system&apos;s, or one of the translations. Languages the window is written in (``resources/i18n/aurion_&lt;code&gt;.qm``); English first, the fallback for every other system language. The *Times* preference: the computer&apos;s time zone or UTC.</extracomment>
        <translation>UTC</translation>
    </message>
    <message>
        <source>local time, {offset}</source>
        <translation>heure locale, {offset}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>{title}: {message}</source>
        <translation>{title}&#xa0;: {message}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Mobile app</source>
        <translation>Appli mobile</translation>
    </message>
    <message>
        <source>Web widget</source>
        <translation>Widget web</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escaladé</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonné</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Appelant</translation>
    </message>
    <message>
        <source>Unreviewed</source>
        <extracomment>A call&apos;s review status (the library&apos;s notes and scorecards make it).</extracomment>
        <translation>Non revu</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>En revue</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Revu</translation>
    </message>
    <message>
        <source>Positive</source>
        <extracomment>Sentiments as the window shows them (app.formatting marks the other enums&apos; labels).</extracomment>
        <translation>Positif</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutre</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Négatif</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <extracomment>Each language by its own name, as language menus show them (never translated).</extracomment>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>The system&apos;s language (English when it is not one of these)</source>
        <translation>La langue du système (l&apos;anglais si ce n&apos;est aucune de celles-ci)</translation>
    </message>
    <message>
        <source>Applies when Aurion Call Review starts again</source>
        <translation>S&apos;applique au prochain démarrage d&apos;Aurion Call Review</translation>
    </message>
    <message>
        <source>Applies at the next start</source>
        <translation>S&apos;applique au prochain démarrage</translation>
    </message>
    <message>
        <source>The window will be in {language} the next time Aurion Call Review starts.</source>
        <translation>La fenêtre sera en {language} au prochain démarrage d&apos;Aurion Call Review.</translation>
    </message>
</context>
<context>
    <name>LibraryPresenter</name>
    <message>
        <source>No library yet</source>
        <translation>Pas encore de bibliothèque</translation>
    </message>
    <message>
        <source>Offline since {time}</source>
        <translation>Hors ligne depuis {time}</translation>
    </message>
    <message>
        <source>Offline since {time}: the Aurion API cannot be reached. The calls show again when it is back.</source>
        <translation>Hors ligne depuis {time} : l&apos;API Aurion est injoignable. Les appels reviendront avec elle.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Offline since {time}: the Aurion API cannot be reached. The library still browses, searches, shows transcripts and plays kept recordings.</source>
        <translation>Hors ligne depuis {time} : l&apos;API Aurion est injoignable. La bibliothèque permet toujours de parcourir, chercher, lire les transcriptions et écouter les enregistrements conservés.</translation>
    </message>
    <message>
        <source>Use the library</source>
        <translation>Utiliser la bibliothèque</translation>
    </message>
    <message>
        <source>Offline since {time}: the Aurion API cannot be reached. You are browsing the library; recordings not kept offline cannot play. It syncs when the API is back.</source>
        <translation>Hors ligne depuis {time} : l&apos;API Aurion est injoignable. Vous parcourez la bibliothèque ; les enregistrements non conservés hors ligne ne peuvent pas être lus. Elle se synchronisera au retour de l&apos;API.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <source>Syncing: {progress}</source>
        <translation>Synchronisation&#xa0;: {progress}</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>Échec de la synchronisation</translation>
    </message>
    <message>
        <source>The library could not sync: {error}</source>
        <translation>La bibliothèque n&apos;a pas pu se synchroniser&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Library synced at {time}</source>
        <translation>Bibliothèque synchronisée à {time}</translation>
    </message>
    <message>
        <source>Library synced: {progress}</source>
        <translation>Bibliothèque synchronisée&#xa0;: {progress}</translation>
    </message>
    <message>
        <source>Matches ({count}+)</source>
        <translation>Résultats ({count}+)</translation>
    </message>
    <message>
        <source>Matches ({count})</source>
        <translation>Résultats ({count})</translation>
    </message>
    <message>
        <source>No such call: {error}</source>
        <translation>Appel inconnu&#xa0;: {error}</translation>
    </message>
    <message>
        <source>The call could not be opened: {error}</source>
        <translation>L&apos;appel n&apos;a pas pu être ouvert&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Aurion Call Review</source>
        <extracomment>Who reviews, their audit trail and scorecard templates.</extracomment>
        <translation>Aurion Call Review</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>Export transcripts of this call, the selected or all calls</source>
        <translation>Exporter les transcriptions de cet appel, des appels sélectionnés ou de tous</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>A&amp;ller</translation>
    </message>
    <message>
        <source>&amp;First page</source>
        <translation>&amp;Première page</translation>
    </message>
    <message>
        <source>&amp;Previous page</source>
        <translation>Page p&amp;récédente</translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation>Page &amp;suivante</translation>
    </message>
    <message>
        <source>&amp;Last page</source>
        <translation>&amp;Dernière page</translation>
    </message>
    <message>
        <source>Focus call &amp;table</source>
        <translation>Aller au &amp;tableau des appels</translation>
    </message>
    <message>
        <source>&amp;Search the library</source>
        <translation>Rec&amp;hercher dans la bibliothèque</translation>
    </message>
    <message>
        <source>&amp;Go to call id…</source>
        <translation>&amp;Aller à l&apos;appel…</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Revue</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Bibliothèque</translation>
    </message>
    <message>
        <source>&amp;Keep this recording offline</source>
        <translation>&amp;Garder cet enregistrement hors ligne</translation>
    </message>
    <message>
        <source>Download this call&apos;s recording into the library (next sync)</source>
        <translation>Télécharger l&apos;enregistrement de cet appel dans la bibliothèque (à la prochaine synchronisation)</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Compte</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;About Aurion Call Review</source>
        <translation>À &amp;propos d&apos;Aurion Call Review</translation>
    </message>
    <message>
        <source>Demo data (built-in)</source>
        <extracomment>No column widths saved yet (or saved before the review column): the defaults are set once shown, as a hidden splitter does not keep a folded (0) size.</extracomment>
        <translation>Démo intégrée</translation>
    </message>
    <message>
        <source>Starting the built-in demo server…</source>
        <translation>Démarrage du serveur de démo intégré…</translation>
    </message>
    <message>
        <source>Demo data: you are looking at a built-in demo tenant with sample recordings. Add your Aurion account to review your own calls.</source>
        <translation>Données de démo&#xa0;: vous voyez un locataire de démonstration intégré avec des enregistrements d&apos;exemple. Ajoutez votre compte Aurion pour examiner vos propres appels.</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>Ajouter un compte…</translation>
    </message>
    <message>
        <source>{account} — Aurion Call Review</source>
        <translation>{account} — Aurion Call Review</translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation>Comptes…</translation>
    </message>
    <message>
        <source>Open demo data</source>
        <translation>Ouvrir la démo</translation>
    </message>
    <message>
        <source>Loading calls…</source>
        <translation>Chargement des appels…</translation>
    </message>
    <message>
        <source>library</source>
        <translation>bibliothèque</translation>
    </message>
    <message>
        <source>live API</source>
        <translation>API en direct</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s) · {source} · sorted by {sort}</source>
        <translation>
            <numerusform>%Ln appel · {source} · tri&#xa0;: {sort}</numerusform>
            <numerusform>%Ln appels · {source} · tri&#xa0;: {sort}</numerusform>
        </translation>
    </message>
    <message>
        <source>No calls</source>
        <translation>Aucun appel</translation>
    </message>
    <message>
        <source>No calls yet for this account. New calls appear here once they start.</source>
        <translation>Pas encore d&apos;appel pour ce compte. Les nouveaux appels apparaissent ici dès qu&apos;ils commencent.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Could not load calls</source>
        <translation>Impossible de charger les appels</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Use the library</source>
        <translation>Utiliser la bibliothèque</translation>
    </message>
    <message>
        <source>Calls can&apos;t be sorted by {column} here: the API sorts by Started or Duration only. The library sorts by any column.</source>
        <translation>Impossible de trier par {column} ici&#xa0;: l&apos;API ne trie que par Début ou Durée. La bibliothèque trie par n&apos;importe quelle colonne.</translation>
    </message>
    <message>
        <source>Open a call to keep its recording offline.</source>
        <translation>Ouvrez un appel pour garder son enregistrement hors ligne.</translation>
    </message>
    <message>
        <source>The recording of {id} will be kept offline (syncing now).</source>
        <translation>L&apos;enregistrement de {id} sera gardé hors ligne (synchronisation en cours).</translation>
    </message>
    <message>
        <source>Connect to an account to export its calls.</source>
        <translation>Connectez-vous à un compte pour exporter ses appels.</translation>
    </message>
    <message>
        <source>The export goes on in the background: Ctrl+E shows it.</source>
        <translation>L&apos;export continue en arrière-plan&#xa0;: Ctrl+E l&apos;affiche.</translation>
    </message>
    <message>
        <source>About Aurion Call Review</source>
        <translation>À propos d&apos;Aurion Call Review</translation>
    </message>
    <message>
        <source>Aurion Call Review {version}

Review Aurion voice calls: browse calls, listen to recordings in sync with their transcripts, and export transcripts.</source>
        <translation>Aurion Call Review {version}

Examinez les appels vocaux Aurion&#xa0;: parcourez les appels, écoutez les enregistrements synchronisés avec leurs transcriptions, et exportez les transcriptions.</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Edit the note at {moment}</source>
        <translation>Modifier la note à {moment}</translation>
    </message>
    <message>
        <source>Note at {moment}</source>
        <translation>Note à {moment}</translation>
    </message>
    <message>
        <source>At {moment} into the call.</source>
        <translation>À {moment} dans l&apos;appel.</translation>
    </message>
    <message>
        <source>At {moment} into the call. Playback waits while you write.</source>
        <translation>À {moment} dans l&apos;appel. La lecture attend pendant que vous écrivez.</translation>
    </message>
    <message>
        <source>What happens at this moment?</source>
        <translation>Que se passe-t-il à cet instant ?</translation>
    </message>
    <message>
        <source>e.g. compliance, escalation</source>
        <translation>p. ex. conformité, transfert</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note :</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>É&amp;tiquettes :</translation>
    </message>
    <message>
        <source>Write something first: an empty note is not saved.</source>
        <translation>Écrivez d&apos;abord quelque chose : une note vide n&apos;est pas enregistrée.</translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message>
        <source>{reviewer} (imported)</source>
        <translation>{reviewer} (importée)</translation>
    </message>
    <message>
        <source>Note at {time} by {reviewer}: {text}</source>
        <translation>Note à {time} de {reviewer} : {text}</translation>
    </message>
    <message>
        <source>, tags {tags}</source>
        <translation>, étiquettes {tags}</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Notes</source>
        <extracomment>Tags are typed as words separated by commas or spaces.</extracomment>
        <translation>Notes</translation>
    </message>
    <message>
        <source>No notes yet. Press N while listening to note the moment: playback pauses while you type.</source>
        <translation>Aucune note. Appuyez sur N pendant l&apos;écoute pour noter l&apos;instant : la lecture s&apos;interrompt pendant la saisie.</translation>
    </message>
    <message>
        <source>&amp;Add note</source>
        <translation>&amp;Ajouter une note</translation>
    </message>
    <message>
        <source>Note the moment playing now (N)</source>
        <translation>Noter l&apos;instant en cours (N)</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <source>Evidence pack</source>
        <translation>Dossier de preuves</translation>
    </message>
    <message>
        <source>A signed, self-checking folder and .zip (a BagIt bag) with each call&apos;s recording, transcript, notes, scorecards, audit entries and an offline viewer.</source>
        <extracomment>Opens a folder or a file for the user; replaced in tests.</extracomment>
        <translation>Un dossier et un .zip signés et vérifiables (un sac BagIt) avec l&apos;enregistrement, la transcription, les notes, les grilles et le journal d&apos;audit de chaque appel, et une visionneuse hors ligne.</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Appels</translation>
    </message>
    <message>
        <source>The open call ({id})</source>
        <translation>L&apos;appel ouvert ({id})</translation>
    </message>
    <message>
        <source>The open call (none)</source>
        <translation>L&apos;appel ouvert (aucun)</translation>
    </message>
    <message>
        <source>The selected calls ({count})</source>
        <translation>Les appels sélectionnés ({count})</translation>
    </message>
    <message>
        <source>Mask personal data (the recordings are left out)</source>
        <translation>Masquer les données personnelles (sans les enregistrements)</translation>
    </message>
    <message>
        <source>Masks phone numbers, e-mails, cards and IBANs in transcripts, notes and comments; audio cannot be masked, so it is not included.</source>
        <translation>Masque numéros de téléphone, e-mails, cartes et IBAN dans les transcriptions, notes et commentaires ; l&apos;audio ne peut pas être masqué, il n&apos;est donc pas inclus.</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Dossier :</translation>
    </message>
    <message>
        <source>Pack folder</source>
        <translation>Dossier de destination</translation>
    </message>
    <message>
        <source>The pack&apos;s folder and .zip are made in it</source>
        <translation>Le dossier de preuves et son .zip y sont créés</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translation>Choisir le dossier</translation>
    </message>
    <message>
        <source>Building the pack</source>
        <translation>Constitution du dossier</translation>
    </message>
    <message>
        <source>Pack status</source>
        <translation>État du dossier</translation>
    </message>
    <message>
        <source>&amp;Build pack</source>
        <translation>&amp;Constituer le dossier</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>Ouvrir le &amp;dossier</translation>
    </message>
    <message>
        <source>Show the pack&apos;s folder and .zip</source>
        <translation>Afficher le dossier de preuves et son .zip</translation>
    </message>
    <message>
        <source>Open &amp;viewer</source>
        <translation>Ouvrir la &amp;visionneuse</translation>
    </message>
    <message>
        <source>Open the pack&apos;s index.html: recordings, transcripts, notes and scorecards</source>
        <translation>Ouvrir l&apos;index.html du dossier : enregistrements, transcriptions, notes et grilles</translation>
    </message>
    <message>
        <source>&amp;Cancel pack</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Stop; nothing half-made is left</source>
        <translation>Arrêter ; rien d&apos;inachevé ne reste</translation>
    </message>
    <message>
        <source>Evidence packs go to</source>
        <translation>Les dossiers de preuves vont dans</translation>
    </message>
    <message>
        <source>Open or select a call to pack.</source>
        <translation>Ouvrez ou sélectionnez un appel à mettre au dossier.</translation>
    </message>
    <message>
        <source>Building a pack of {count} call(s) in {folder}…</source>
        <translation>Constitution d&apos;un dossier de {count} appel(s) dans {folder}…</translation>
    </message>
    <message>
        <source>Connect to an account to pack its calls.</source>
        <translation>Connectez-vous à un compte pour en constituer un dossier.</translation>
    </message>
    <message>
        <source>Cancelling: removing what was made…</source>
        <translation>Annulation : suppression de ce qui a été créé…</translation>
    </message>
    <message>
        <source>Cancelled: no pack was written.</source>
        <translation>Annulé : aucun dossier n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Unexpected problem ({kind}): {message}</source>
        <translation>Problème inattendu ({kind}) : {message}</translation>
    </message>
    <message>
        <source>No pack was written. {title}: {message}</source>
        <translation>Aucun dossier n&apos;a été écrit. {title} : {message}</translation>
    </message>
    <message>
        <source>Wrote the pack {folder}</source>
        <translation>Dossier écrit : {folder}</translation>
    </message>
    <message>
        <source>and its zip {archive}</source>
        <translation>et son zip {archive}</translation>
    </message>
    <message>
        <source>Signed by {reviewer}, key {fingerprint}</source>
        <translation>Signé par {reviewer}, clé {fingerprint}</translation>
    </message>
    <message>
        <source>Recording of {call}: {note}</source>
        <translation>Enregistrement de {call} : {note}</translation>
    </message>
</context>
<context>
    <name>PaginationBar</name>
    <message>
        <source>No calls</source>
        <translation>Aucun appel</translation>
    </message>
    <message>
        <source>Calls shown</source>
        <translation>Appels affichés</translation>
    </message>
    <message>
        <source>Rows per page:</source>
        <translation>Lignes par page&#xa0;:</translation>
    </message>
    <message>
        <source>Rows per page</source>
        <translation>Lignes par page</translation>
    </message>
    <message>
        <source>How many calls to show on one page</source>
        <translation>Combien d&apos;appels afficher par page</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>Première page</translation>
    </message>
    <message>
        <source>First page (Alt+Home)</source>
        <translation>Première page (Alt+Début)</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Page précédente</translation>
    </message>
    <message>
        <source>Previous page (Alt+Page Up)</source>
        <translation>Page précédente (Alt+Page préc.)</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>Page {page} sur {count}</translation>
    </message>
    <message>
        <source>Page number</source>
        <translation>Numéro de page</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Page suivante</translation>
    </message>
    <message>
        <source>Next page (Alt+Page Down)</source>
        <translation>Page suivante (Alt+Page suiv.)</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>Dernière page</translation>
    </message>
    <message>
        <source>Last page (Alt+End)</source>
        <translation>Dernière page (Alt+Fin)</translation>
    </message>
    <message>
        <source>Calls {range}, page {page} of {count}</source>
        <translation>Appels {range}, page {page} sur {count}</translation>
    </message>
    <message>
        <source>{first}–{last} of {total}</source>
        <translation>{first}–{last} sur {total}</translation>
    </message>
</context>
<context>
    <name>PlayerController</name>
    <message>
        <source>No recording available. {reason}</source>
        <extracomment>Where the last renewal resumed (ms), for the status line and tests. Whether the system has an audio output; replaced in tests and screenshots.</extracomment>
        <translation>Pas d&apos;enregistrement disponible. {reason}</translation>
    </message>
    <message>
        <source>The recording could not be loaded. {error}</source>
        <translation>L&apos;enregistrement n&apos;a pas pu être chargé. {error}</translation>
    </message>
    <message>
        <source>The recording could not be played: {problem}</source>
        <translation>L&apos;enregistrement n&apos;a pas pu être lu&#xa0;: {problem}</translation>
    </message>
</context>
<context>
    <name>PlayerControls</name>
    <message>
        <source>Player</source>
        <extracomment>Mid-tone turn marks that read on light and dark grooves alike. Note markers above the groove: amber reads on light and dark grooves alike. Moments of the reviewer&apos;s notes (seconds), drawn as markers above the groove.</extracomment>
        <translation>Lecteur</translation>
    </message>
    <message>
        <source>Elapsed time</source>
        <translation>Temps écoulé</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Drag to move in the recording; coloured marks show speaker turns</source>
        <translation>Faites glisser pour vous déplacer dans l&apos;enregistrement&#xa0;; les marques colorées montrent les tours de parole</translation>
    </message>
    <message>
        <source>Total time</source>
        <translation>Durée totale</translation>
    </message>
    <message>
        <source>−15s</source>
        <translation>−15 s</translation>
    </message>
    <message>
        <source>Back 15 seconds</source>
        <translation>Reculer de 15 secondes</translation>
    </message>
    <message>
        <source>Back 15 s (J)</source>
        <translation>Reculer de 15 s (J)</translation>
    </message>
    <message>
        <source>−5s</source>
        <translation>−5 s</translation>
    </message>
    <message>
        <source>Back 5 seconds</source>
        <translation>Reculer de 5 secondes</translation>
    </message>
    <message>
        <source>Back 5 s (Left)</source>
        <translation>Reculer de 5 s (Gauche)</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Play or pause (Space, K)</source>
        <translation>Lecture ou pause (Espace, K)</translation>
    </message>
    <message>
        <source>+5s</source>
        <translation>+5 s</translation>
    </message>
    <message>
        <source>Forward 5 seconds</source>
        <translation>Avancer de 5 secondes</translation>
    </message>
    <message>
        <source>Forward 5 s (Right)</source>
        <translation>Avancer de 5 s (Droite)</translation>
    </message>
    <message>
        <source>+15s</source>
        <translation>+15 s</translation>
    </message>
    <message>
        <source>Forward 15 seconds</source>
        <translation>Avancer de 15 secondes</translation>
    </message>
    <message>
        <source>Forward 15 s (L)</source>
        <translation>Avancer de 15 s (L)</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Vitesse de lecture</translation>
    </message>
    <message>
        <source>Playback speed ([ slower, ] faster)</source>
        <translation>Vitesse de lecture ([ plus lent, ] plus rapide)</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Couper le son</translation>
    </message>
    <message>
        <source>Mute or unmute (M)</source>
        <translation>Couper ou rétablir le son (M)</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>{elapsed} of {total}</source>
        <translation>{elapsed} sur {total}</translation>
    </message>
</context>
<context>
    <name>ProgressText</name>
    <message numerus="yes">
        <source>{done} of %Ln call(s)</source>
        <translation>
            <numerusform>{done} sur %Ln appel</numerusform>
            <numerusform>{done} sur %Ln appels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln appel</numerusform>
            <numerusform>%Ln appels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already complete</source>
        <translation>
            <numerusform>%Ln déjà complet</numerusform>
            <numerusform>%Ln déjà complets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln en échec</numerusform>
            <numerusform>%Ln en échec</numerusform>
        </translation>
    </message>
    <message>
        <source>{rate} calls/s</source>
        <translation>{rate} appels/s</translation>
    </message>
    <message>
        <source>about {time} left</source>
        <translation>encore environ {time}</translation>
    </message>
    <message>
        <source>Cancelled after {calls} ({files}). The files written are complete; export again to the same folder to finish (complete files are skipped).</source>
        <translation>Annulé après {calls} ({files}). Les fichiers écrits sont complets&#xa0;; exportez de nouveau vers le même dossier pour terminer (les fichiers complets sont sautés).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln fichier</numerusform>
            <numerusform>%Ln fichiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln call(s) ({files}) to {folder}.</source>
        <translation>
            <numerusform>%Ln appel exporté ({files}) vers {folder}.</numerusform>
            <numerusform>%Ln appels exportés ({files}) vers {folder}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s) already complete.</source>
        <translation>
            <numerusform>%Ln appel était déjà complet.</numerusform>
            <numerusform>%Ln appels étaient déjà complets.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rewrote %Ln file(s): {reason}.</source>
        <translation>
            <numerusform>%Ln fichier réécrit&#xa0;: {reason}.</numerusform>
            <numerusform>%Ln fichiers réécrits&#xa0;: {reason}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln file(s) of an earlier export: {reason}.</source>
        <translation>
            <numerusform>%Ln fichier d&apos;un export précédent supprimé&#xa0;: {reason}.</numerusform>
            <numerusform>%Ln fichiers d&apos;un export précédent supprimés&#xa0;: {reason}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s) still active: exported as partial, export again once they have ended.</source>
        <translation>
            <numerusform>%Ln appel encore en cours&#xa0;: exporté comme partiel, exportez de nouveau une fois terminé.</numerusform>
            <numerusform>%Ln appels encore en cours&#xa0;: exportés comme partiels, exportez de nouveau une fois terminés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recording(s) unavailable, transcripts exported: {reasons}.</source>
        <translation>
            <numerusform>%Ln enregistrement indisponible, transcriptions exportées&#xa0;: {reasons}.</numerusform>
            <numerusform>%Ln enregistrements indisponibles, transcriptions exportées&#xa0;: {reasons}.</numerusform>
        </translation>
    </message>
    <message>
        <source>The call list was cut short: {problem}</source>
        <translation>La liste des appels a été interrompue&#xa0;: {problem}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s) could not be exported:</source>
        <translation>
            <numerusform>%Ln appel n&apos;a pas pu être exporté&#xa0;:</numerusform>
            <numerusform>%Ln appels n&apos;ont pas pu être exportés&#xa0;:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  … and %Ln more. Export again to retry them.</source>
        <translation>
            <numerusform>  … et %Ln autre. Exportez de nouveau pour le réessayer.</numerusform>
            <numerusform>  … et %Ln autres. Exportez de nouveau pour les réessayer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>Échec de l&apos;export&#xa0;: {error}</translation>
    </message>
    <message numerus="yes">
        <source>listing: {listed} of %Ln call(s)</source>
        <translation>
            <numerusform>liste&#xa0;: {listed} sur %Ln appel</numerusform>
            <numerusform>liste&#xa0;: {listed} sur %Ln appels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>listing: %Ln call(s)</source>
        <translation>
            <numerusform>liste&#xa0;: %Ln appel</numerusform>
            <numerusform>liste&#xa0;: %Ln appels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done}/%Ln call(s) fetched</source>
        <translation>
            <numerusform>{done}/%Ln appel récupéré</numerusform>
            <numerusform>{done}/%Ln appels récupérés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new</source>
        <translation>
            <numerusform>%Ln nouveau</numerusform>
            <numerusform>%Ln nouveaux</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changed</source>
        <translation>
            <numerusform>%Ln modifié</numerusform>
            <numerusform>%Ln modifiés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recording(s) kept</source>
        <translation>
            <numerusform>%Ln enregistrement gardé</numerusform>
            <numerusform>%Ln enregistrements gardés</numerusform>
        </translation>
    </message>
    <message>
        <source>ETA {time}</source>
        <translation>fin dans {time}</translation>
    </message>
</context>
<context>
    <name>Redaction</name>
    <message>
        <source>Phone numbers, e-mail addresses, payment card numbers, IBANs and other numbers of 7 or more digits are masked as [phone], [email], [card], [iban] and [number].</source>
        <extracomment>7 or more digits that are neither a card nor a phone number of our regions. Every token a masked value can become. One line for the people who read an export (the PDF note, in English; the export dialog translates it: &quot;Redaction&quot; context).</extracomment>
        <translation>Les numéros de téléphone, adresses e-mail, numéros de carte bancaire, IBAN et autres nombres de 7 chiffres ou plus sont masqués en [phone], [email], [card], [iban] et [number].</translation>
    </message>
</context>
<context>
    <name>ResultTabs</name>
    <message>
        <source>Calls</source>
        <translation>Appels</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <source>Evidence &amp;pack…</source>
        <extracomment>The review column&apos;s width when it unfolds, and the window width from which it starts shown.</extracomment>
        <translation>&amp;Dossier de preuves…</translation>
    </message>
    <message>
        <source>A signed, self-checking pack of this call or the selected calls</source>
        <translation>Un dossier signé et vérifiable de cet appel ou des appels sélectionnés</translation>
    </message>
    <message>
        <source>Add a &amp;note at the playhead</source>
        <translation>Ajouter une &amp;note à la position de lecture</translation>
    </message>
    <message>
        <source>Review &amp;column</source>
        <translation>&amp;Colonne de revue</translation>
    </message>
    <message>
        <source>Show &amp;notes</source>
        <translation>Afficher les &amp;notes</translation>
    </message>
    <message>
        <source>Show the &amp;scorecard</source>
        <translation>Afficher la &amp;grille</translation>
    </message>
    <message>
        <source>&amp;Compare scorecards…</source>
        <translation>&amp;Comparer les grilles…</translation>
    </message>
    <message>
        <source>&amp;Import reviews…</source>
        <translation>&amp;Importer des revues…</translation>
    </message>
    <message>
        <source>&amp;Export reviews…</source>
        <translation>&amp;Exporter des revues…</translation>
    </message>
    <message>
        <source>Reviewer &amp;identity…</source>
        <translation>&amp;Identité de l&apos;évaluateur…</translation>
    </message>
    <message>
        <source>Connect to an account to pack its calls.</source>
        <translation>Connectez-vous à un compte pour en constituer un dossier.</translation>
    </message>
    <message>
        <source>Open a call to compare its scorecards.</source>
        <translation>Ouvrez un appel pour comparer ses grilles.</translation>
    </message>
</context>
<context>
    <name>ReviewExchange</name>
    <message>
        <source>Import reviews</source>
        <translation>Importer des revues</translation>
    </message>
    <message>
        <source>Review exports (*.json);;All files (*)</source>
        <translation>Exports de revues (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>personne</translation>
    </message>
    <message>
        <source>Imported {file} (by {who}): {notes} notes and {cards} scorecards added, {updated} brought up to date, {known} already here (skipped); {calls} calls changed.</source>
        <translation>{file} importé (de {who}) : notes ajoutées : {notes}, grilles ajoutées : {cards}, mises à jour : {updated}, déjà présentes (ignorées) : {known} ; appels modifiés : {calls}.</translation>
    </message>
    <message>
        <source>Reviews imported</source>
        <translation>Revues importées</translation>
    </message>
    <message>
        <source>Nothing was imported. {problem}</source>
        <translation>Rien n&apos;a été importé. {problem}</translation>
    </message>
    <message>
        <source>Reviews not imported</source>
        <translation>Revues non importées</translation>
    </message>
    <message>
        <source>Wrote {file}: {notes} notes and {cards} scorecards of {calls} calls.</source>
        <translation>{file} écrit : notes : {notes}, grilles : {cards}, appels : {calls}.</translation>
    </message>
    <message>
        <source>Reviews exported</source>
        <translation>Revues exportées</translation>
    </message>
    <message>
        <source>Nothing was exported. {problem}</source>
        <translation>Rien n&apos;a été exporté. {problem}</translation>
    </message>
    <message>
        <source>Reviews not exported</source>
        <translation>Revues non exportées</translation>
    </message>
</context>
<context>
    <name>ReviewExportDialog</name>
    <message>
        <source>Export reviews</source>
        <translation>Exporter des revues</translation>
    </message>
    <message>
        <source>Notes and scorecards, and the templates they use, to one JSON file another reviewer or a lead can import (Review &gt; Import reviews…).</source>
        <translation>Les notes et les grilles, avec leurs modèles, dans un fichier JSON qu&apos;un autre évaluateur ou un responsable peut importer (Revue &gt; Importer des revues…).</translation>
    </message>
    <message>
        <source>This call ({id})</source>
        <translation>Cet appel ({id})</translation>
    </message>
    <message>
        <source>This call (none open)</source>
        <translation>Cet appel (aucun ouvert)</translation>
    </message>
    <message>
        <source>Every call of this account</source>
        <translation>Tous les appels de ce compte</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <source>Export file</source>
        <translation>Fichier d&apos;export</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>Export reviews to</source>
        <translation>Exporter les revues vers</translation>
    </message>
    <message>
        <source>Review exports (*.json);;All files (*)</source>
        <translation>Exports de revues (*.json);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>ReviewPane</name>
    <message>
        <source>No audio output device: the recording plays silently. Connect speakers or headphones.</source>
        <translation>Aucune sortie audio&#xa0;: l&apos;enregistrement est lu sans son. Branchez des haut-parleurs ou un casque.</translation>
    </message>
    <message>
        <source>Recording and transcript</source>
        <translation>Enregistrement et transcription</translation>
    </message>
    <message>
        <source>Recording status</source>
        <translation>État de l&apos;enregistrement</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Review</source>
        <translation>Revue</translation>
    </message>
    <message>
        <source>Scorecard</source>
        <translation>Grille</translation>
    </message>
    <message>
        <source>Notes ({count})</source>
        <translation>Notes ({count})</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>ReviewSession</name>
    <message>
        <source>The review records cannot be read: {error}</source>
        <extracomment>The answers on screen (saved as a draft as they change). Scorecard writes one after the other, in the order made (a draft saved twice at once would be made twice).</extracomment>
        <translation>Les données de revue ne peuvent pas être lues : {error}</translation>
    </message>
    <message numerus="yes">
        <source>Answer every criterion before submitting (%Ln left).</source>
        <translation>
            <numerusform>Répondez à chaque critère avant d&apos;envoyer (%Ln restant).</numerusform>
            <numerusform>Répondez à chaque critère avant d&apos;envoyer (%Ln restants).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Answer the criterion first, then mark the moment that shows it.</source>
        <translation>Répondez d&apos;abord au critère, puis marquez l&apos;instant qui le montre.</translation>
    </message>
    <message>
        <source>Load a scorecard template</source>
        <translation>Charger un modèle de grille</translation>
    </message>
    <message>
        <source>Scorecard templates (*.toml)</source>
        <translation>Modèles de grille (*.toml)</translation>
    </message>
    <message>
        <source>Loaded the template {title} (v{version}).</source>
        <translation>Modèle {title} (v{version}) chargé.</translation>
    </message>
</context>
<context>
    <name>ReviewerDialog</name>
    <message>
        <source>Reviewer identity</source>
        <translation>Identité de l&apos;évaluateur</translation>
    </message>
    <message>
        <source>Every note, scorecard and audit entry you make from now on records this name and e-mail; evidence packs are signed with your key.</source>
        <translation>Chaque note, grille et entrée d&apos;audit que vous faites désormais porte ce nom et cet e-mail ; les dossiers de preuves sont signés avec votre clé.</translation>
    </message>
    <message>
        <source>Reviewer name</source>
        <translation>Nom de l&apos;évaluateur</translation>
    </message>
    <message>
        <source>Reviewer e-mail</source>
        <translation>E-mail de l&apos;évaluateur</translation>
    </message>
    <message>
        <source>name@example.org (optional)</source>
        <translation>nom@example.org (facultatif)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>Signing key fingerprint</source>
        <translation>Empreinte de la clé de signature</translation>
    </message>
    <message>
        <source>Create &amp;key</source>
        <translation>Créer la &amp;clé</translation>
    </message>
    <message>
        <source>Make your Ed25519 signing key now (kept in the system keyring)</source>
        <translation>Créer maintenant votre clé de signature Ed25519 (gardée dans le trousseau du système)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copy the fingerprint</source>
        <translation>Copier l&apos;empreinte</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>Clé de signature</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>No key yet: it is made when you first sign (or now, with Create key).</source>
        <translation>Pas encore de clé : elle est créée à la première signature (ou maintenant, avec Créer la clé).</translation>
    </message>
    <message>
        <source>Not saved: {problem}</source>
        <translation>Non enregistré : {problem}</translation>
    </message>
    <message>
        <source>Saved: from now on, you review as {reviewer}.</source>
        <translation>Enregistré : vous évaluez désormais en tant que {reviewer}.</translation>
    </message>
    <message>
        <source>No key was made: {problem}</source>
        <translation>Aucune clé n&apos;a été créée : {problem}</translation>
    </message>
    <message>
        <source>Key made: {fingerprint}</source>
        <translation>Clé créée : {fingerprint}</translation>
    </message>
    <message>
        <source>Fingerprint copied.</source>
        <translation>Empreinte copiée.</translation>
    </message>
</context>
<context>
    <name>ScorecardPane</name>
    <message>
        <source>{value} of {scale}</source>
        <translation>{value} sur {scale}</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Sans objet</translation>
    </message>
    <message>
        <source>Scorecard template</source>
        <translation>Modèle de grille</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Charger…</translation>
    </message>
    <message>
        <source>Load a scorecard template file (TOML)</source>
        <translation>Charger un fichier de modèle de grille (TOML)</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Scores</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>Submit the scorecard: it no longer changes</source>
        <translation>Envoyer la grille : elle ne changera plus</translation>
    </message>
    <message>
        <source>&amp;Revise</source>
        <translation>&amp;Réviser</translation>
    </message>
    <message>
        <source>Start a new draft from the submitted scorecard</source>
        <translation>Commencer un nouveau brouillon à partir de la grille envoyée</translation>
    </message>
    <message>
        <source>{title} (v{version})</source>
        <translation>{title} (v{version})</translation>
    </message>
    <message>
        <source>Not started: answer a criterion to begin.</source>
        <translation>Pas commencée : répondez à un critère pour débuter.</translation>
    </message>
    <message>
        <source>Submitted {when} by {reviewer}.</source>
        <translation>Envoyée le {when} par {reviewer}.</translation>
    </message>
    <message>
        <source>Draft, saved {when}.</source>
        <translation>Brouillon, enregistré à {when}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Quality {quality}&lt;/b&gt; · &lt;b&gt;Compliance {compliance}&lt;/b&gt; · {answered} of {total} answered</source>
        <translation>&lt;b&gt;Qualité {quality}&lt;/b&gt; · &lt;b&gt;Conformité {compliance}&lt;/b&gt; · {answered} sur {total} répondus</translation>
    </message>
    <message>
        <source>A fatal criterion failed ({criteria}): quality is 0.</source>
        <translation>Un critère éliminatoire a échoué ({criteria}) : la qualité est à 0.</translation>
    </message>
    <message>
        <source>Open a call to score it.</source>
        <translation>Ouvrez un appel pour l&apos;évaluer.</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <source>Caller</source>
        <translation>Appelant</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Demandeur</translation>
    </message>
</context>
<context>
    <name>SearchResultsView</name>
    <message>
        <source>Search results</source>
        <extracomment>A matched word&apos;s background and text, light and dark (its own text colour: on a selected row the selection&apos;s white text was unreadable on the light yellow).</extracomment>
        <translation>Résultats de la recherche</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Playback</source>
        <extracomment>Every keyboard shortcut of the window, listed in Help &gt; Keyboard shortcuts (marked for translation in the &quot;Shortcuts&quot; context; the dialog translates them).</extracomment>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Space or K</source>
        <translation>Espace ou K</translation>
    </message>
    <message>
        <source>Play / pause (in the call table, transcript or player)</source>
        <translation>Lecture / pause (dans le tableau des appels, la transcription ou le lecteur)</translation>
    </message>
    <message>
        <source>Left / Right</source>
        <translation>Gauche / Droite</translation>
    </message>
    <message>
        <source>Back / forward 5 seconds</source>
        <translation>Reculer / avancer de 5 secondes</translation>
    </message>
    <message>
        <source>J / L</source>
        <translation>J / L</translation>
    </message>
    <message>
        <source>Back / forward 15 seconds</source>
        <translation>Reculer / avancer de 15 secondes</translation>
    </message>
    <message>
        <source>[ / ]</source>
        <translation>[ / ]</translation>
    </message>
    <message>
        <source>Slower / faster</source>
        <translation>Plus lent / plus rapide</translation>
    </message>
    <message>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <source>Mute / unmute</source>
        <translation>Couper / rétablir le son</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcription</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Search the transcript</source>
        <translation>Chercher dans la transcription</translation>
    </message>
    <message>
        <source>Enter / Shift+Enter</source>
        <translation>Entrée / Maj+Entrée</translation>
    </message>
    <message>
        <source>Next / previous match (in the search field)</source>
        <translation>Résultat suivant / précédent (dans le champ de recherche)</translation>
    </message>
    <message>
        <source>Enter or click</source>
        <translation>Entrée ou clic</translation>
    </message>
    <message>
        <source>Play from the selected line</source>
        <translation>Lire à partir de la ligne sélectionnée</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Échap</translation>
    </message>
    <message>
        <source>Close the search</source>
        <translation>Fermer la recherche</translation>
    </message>
    <message>
        <source>Up / Down</source>
        <translation>Haut / Bas</translation>
    </message>
    <message>
        <source>Move between lines</source>
        <translation>Passer d&apos;une ligne à l&apos;autre</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Appels</translation>
    </message>
    <message>
        <source>Select the previous / next call</source>
        <translation>Sélectionner l&apos;appel précédent / suivant</translation>
    </message>
    <message>
        <source>Page Down at the last row</source>
        <translation>Page suiv. sur la dernière ligne</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Page suivante</translation>
    </message>
    <message>
        <source>Page Up at the first row</source>
        <translation>Page préc. sur la première ligne</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Page précédente</translation>
    </message>
    <message>
        <source>Alt+Home / Alt+End</source>
        <translation>Alt+Début / Alt+Fin</translation>
    </message>
    <message>
        <source>First / last page</source>
        <translation>Première / dernière page</translation>
    </message>
    <message>
        <source>Alt+Page Up / Alt+Page Down</source>
        <translation>Alt+Page préc. / Alt+Page suiv.</translation>
    </message>
    <message>
        <source>Previous / next page</source>
        <translation>Page précédente / suivante</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Focus the call table</source>
        <translation>Aller au tableau des appels</translation>
    </message>
    <message>
        <source>Alt+V, B</source>
        <translation>Alt+A, T</translation>
    </message>
    <message>
        <source>Sort by start time or duration (View &gt; Sort by)</source>
        <translation>Trier par début ou par durée (Affichage &gt; Trier par)</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export this call, the selected or all calls</source>
        <translation>Exporter cet appel, les appels sélectionnés ou tous</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Maj+Tab</translation>
    </message>
    <message>
        <source>Next / previous control</source>
        <translation>Contrôle suivant / précédent</translation>
    </message>
    <message>
        <source>Space or Enter</source>
        <translation>Espace ou Entrée</translation>
    </message>
    <message>
        <source>Press the focused button or tick the check box</source>
        <translation>Appuyer sur le bouton actif ou cocher la case</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + lettre soulignée</translation>
    </message>
    <message>
        <source>Open a menu</source>
        <translation>Ouvrir un menu</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>SortButton</name>
    <message>
        <source>Sort all calls (the API by start time or duration, the library by any)</source>
        <translation>Trier tous les appels (l&apos;API par début ou durée, la bibliothèque par n&apos;importe quelle colonne)</translation>
    </message>
    <message>
        <source>Sort: {sort}</source>
        <translation>Tri&#xa0;: {sort}</translation>
    </message>
</context>
<context>
    <name>SortMenu</name>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>newest first</source>
        <translation>plus récents d&apos;abord</translation>
    </message>
    <message>
        <source>oldest first</source>
        <translation>plus anciens d&apos;abord</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>longest first</source>
        <translation>plus longs d&apos;abord</translation>
    </message>
    <message>
        <source>shortest first</source>
        <translation>plus courts d&apos;abord</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Appelant</translation>
    </message>
    <message>
        <source>Z to A</source>
        <translation>de Z à A</translation>
    </message>
    <message>
        <source>A to Z</source>
        <translation>de A à Z</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Demandeur</translation>
    </message>
    <message>
        <source>highest first</source>
        <translation>plus grands d&apos;abord</translation>
    </message>
    <message>
        <source>lowest first</source>
        <translation>plus petits d&apos;abord</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Authenticated</source>
        <translation>Authentifié</translation>
    </message>
    <message>
        <source>yes first</source>
        <translation>oui d&apos;abord</translation>
    </message>
    <message>
        <source>no first</source>
        <translation>non d&apos;abord</translation>
    </message>
    <message>
        <source>calls in progress last</source>
        <extracomment>(sort_by, sort_order, label in English) for every order the API offers; the library offers all. ``sort_label`` gives the label translated. Said whenever calls are sorted by duration: those still in progress have none yet.</extracomment>
        <translation>appels en cours à la fin</translation>
    </message>
    <message>
        <source>{field}, {order}</source>
        <translation>{field}, {order}</translation>
    </message>
    <message>
        <source>{sort} ({note})</source>
        <translation>{sort} ({note})</translation>
    </message>
    <message>
        <source>Sort &amp;by</source>
        <translation>&amp;Trier par</translation>
    </message>
    <message>
        <source>Calls in progress have no duration yet: they come last</source>
        <translation>Les appels en cours n&apos;ont pas encore de durée&#xa0;: ils viennent à la fin</translation>
    </message>
</context>
<context>
    <name>SourceSwitch</name>
    <message>
        <source>Live API</source>
        <translation>API en direct</translation>
    </message>
    <message>
        <source>The API&apos;s list, as it is now (sorted by start or duration only)</source>
        <translation>La liste de l&apos;API, telle qu&apos;elle est maintenant (triée par début ou durée seulement)</translation>
    </message>
    <message>
        <source>Show the Live API</source>
        <translation>Afficher l&apos;API en direct</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>The calls kept on this computer: any sort, filters, search, offline</source>
        <translation>Les appels gardés sur cet ordinateur&#xa0;: tous les tris, filtres, recherche, hors ligne</translation>
    </message>
    <message>
        <source>Show the Library</source>
        <translation>Afficher la bibliothèque</translation>
    </message>
    <message>
        <source>No library yet for this account: Sync library (Ctrl+Shift+S) makes one</source>
        <translation>Pas encore de bibliothèque pour ce compte : Synchroniser la bibliothèque (Ctrl+Maj+S) en crée une</translation>
    </message>
</context>
<context>
    <name>ThemeMenu</name>
    <message>
        <source>&amp;Theme</source>
        <translation>Thè&amp;me</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Suivre le système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Always light</source>
        <translation>Toujours clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>Always dark</source>
        <translation>Toujours sombre</translation>
    </message>
    <message>
        <source>The system theme applies the next time you start.</source>
        <translation>Le thème du système s&apos;applique au prochain démarrage.</translation>
    </message>
</context>
<context>
    <name>TimesMenu</name>
    <message>
        <source>T&amp;imes</source>
        <translation>&amp;Heures</translation>
    </message>
    <message>
        <source>Local time ({offset})</source>
        <translation>Heure locale ({offset})</translation>
    </message>
    <message>
        <source>Times in this computer&apos;s time zone</source>
        <translation>Heures dans le fuseau horaire de cet ordinateur</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>Times in UTC, as exports write them</source>
        <translation>Heures en UTC, comme les écrivent les exports</translation>
    </message>
</context>
<context>
    <name>TranscriptList</name>
    <message>
        <source>Transcript</source>
        <extracomment>Marks a line the reviewer wrote a note about. Lines of transcript text the list keeps on screen however small the window.</extracomment>
        <translation>Transcription</translation>
    </message>
</context>
<context>
    <name>TranscriptModel</name>
    <message>
        <source>{speaker} at {time}: {text}</source>
        <extracomment>The reviewer&apos;s notes on this line (their texts), shown in the margin.</extracomment>
        <translation>{speaker} à {time}&#xa0;: {text}</translation>
    </message>
    <message>
        <source>Note: {text}</source>
        <translation>Note : {text}</translation>
    </message>
    <message>
        <source>Playing</source>
        <translation>En lecture</translation>
    </message>
    <message numerus="yes">
        <source>%Ln note(s)</source>
        <translation>
            <numerusform>%Ln note</numerusform>
            <numerusform>%Ln notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Search the transcript</source>
        <extracomment>Whether playback is running (new lines are announced only then); set by the player.</extracomment>
        <translation>Chercher dans la transcription</translation>
    </message>
    <message>
        <source>Find words (Enter: next match, Shift+Enter: previous)</source>
        <translation>Trouver des mots (Entrée&#xa0;: résultat suivant, Maj+Entrée&#xa0;: précédent)</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Effacer la recherche</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Résultat précédent</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Résultat précédent (Maj+Entrée)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Résultat suivant</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Résultat suivant (Entrée)</translation>
    </message>
    <message>
        <source>Close search</source>
        <translation>Fermer la recherche</translation>
    </message>
    <message>
        <source>Close search (Esc)</source>
        <translation>Fermer la recherche (Échap)</translation>
    </message>
    <message>
        <source>Select a call to read its transcript.</source>
        <translation>Sélectionnez un appel pour lire sa transcription.</translation>
    </message>
    <message>
        <source>Follow playback</source>
        <translation>Suivre la lecture</translation>
    </message>
    <message>
        <source>Scroll back to what is being said and keep following it</source>
        <translation>Revenir à ce qui est dit et continuer à le suivre</translation>
    </message>
    <message>
        <source>&amp;Announce transcript lines</source>
        <translation>&amp;Annoncer les lignes de la transcription</translation>
    </message>
    <message>
        <source>While the transcript follows playback, have the screen reader read each new line</source>
        <translation>Tant que la transcription suit la lecture, faire lire chaque nouvelle ligne par le lecteur d&apos;écran</translation>
    </message>
    <message>
        <source>This call has no transcript yet.</source>
        <translation>Cet appel n&apos;a pas encore de transcription.</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Aucun résultat</translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln résultat</numerusform>
            <numerusform>%Ln résultats</numerusform>
        </translation>
    </message>
    <message>
        <source>{current} of {count}</source>
        <translation>{current} sur {count}</translation>
    </message>
</context>
</TS>
