"""Messages d'erreur de saisie en français, chaque champ nommé par son chemin pointé.

Ces messages repassent sous les yeux de l'utilisateur (terminal, page, fichier de rejets) :
toute valeur reçue qu'ils citent est **coupée** (``echapper`` : 60 caractères, puis sa
longueur) et **échappée** (caractères de contrôle, retours à la ligne, séquences du
terminal, inversions bidirectionnelles : une ligne « - age : OK » ne peut pas être forgée) ;
**au plus** ``PAR_GENRE`` messages d'un même genre (même champ, même problème) sont donnés,
puis leur nombre, et ``AU_PLUS`` messages en tout (``limiter``). Toute interface qui affiche
d'autres messages (référentiel, lots) les passe par ``limiter``.
"""

from __future__ import annotations

import errno
import math
import re
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from orientation.situation.modele import Situation

LONGUEUR = 60  # caractères d'une valeur citée
LONGUEUR_MESSAGE = 1_000  # caractères d'un message
PAR_GENRE = 3  # messages d'un même genre avant leur nombre
AU_PLUS = 50  # messages en tout avant leur nombre
_ELEMENTS = 10  # éléments cités d'une liste ou d'un objet

_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "extra_forbidden": "champ inconnu (vérifiez l'orthographe : aucun champ n'est ignoré)",
    "bool_type": "doit valoir true ou false",
    "int_type": "doit être un nombre entier",
    "int_parsing": "doit être un nombre entier",
    "int_from_float": "doit être un nombre entier",
    "string_type": "doit être un texte",
    "string_unicode": "texte illisible (caractère invalide)",
    "list_type": "doit être une liste",
    "dict_type": "doit être un objet (dictionnaire)",
    "model_type": "doit être un objet (dictionnaire)",
    "model_attributes_type": "doit être un objet (dictionnaire)",
    "none_required": "doit être absent",
}
# Le genre d'un message, dans le décompte « … et N autres erreurs du même genre (…) ».
_GENRES = {
    "literal_error": "valeur non permise",
    "extra_forbidden": "champ inconnu",
    "greater_than_equal": "valeur hors limites",
    "less_than_equal": "valeur hors limites",
}
_QUESTIONNAIRES_EN_LISTE = ("social.mini_zarit",)


# --- Une valeur citée : coupée et échappée --------------------------------------------------------

_A_ECHAPPER = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
_COURTS = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _echapper_car(m: re.Match[str]) -> str:
    c = m.group()
    if c in _COURTS:
        return _COURTS[c]
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def echapper_texte(texte: str, longueur: int | None = LONGUEUR) -> str:
    """Un texte coupé à ``longueur`` caractères (suivis de « … (N caractères) ») et dont les
    caractères de contrôle sont écrits en clair (``\\n``, ``\\x1b``, ``\\u202e``)."""
    coupe = ""
    if longueur is not None and len(texte) > longueur:
        coupe = f"… ({len(texte)} caractères)"
        texte = texte[:longueur]
    return _A_ECHAPPER.sub(_echapper_car, texte) + coupe


def _entier(n: int) -> str:
    if n.bit_length() <= 96:
        return str(n)
    chiffres = int(n.bit_length() * math.log10(2)) + 1
    return f"(entier d'environ {chiffres} chiffres)"


def _cite(valeur: Any, longueur: int, profondeur: int) -> str:
    if isinstance(valeur, str):
        return '"' + echapper_texte(valeur, longueur) + '"'
    return _apercu(valeur, longueur, profondeur)


def _apercu(valeur: Any, longueur: int, profondeur: int) -> str:
    if valeur is None:
        return "null"
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    if isinstance(valeur, int):
        return _entier(valeur)
    if isinstance(valeur, float):
        return repr(valeur)
    if isinstance(valeur, str):
        return echapper_texte(valeur, longueur)
    if isinstance(valeur, list | tuple | dict) and profondeur >= 3:
        return "[…]" if not isinstance(valeur, dict) else "{…}"
    if isinstance(valeur, list | tuple):
        morceaux = [_cite(v, longueur, profondeur + 1) for v in valeur[:_ELEMENTS]]
        if len(valeur) > _ELEMENTS:
            return "[" + ", ".join(morceaux) + f", …] ({len(valeur)} éléments)"
        return "[" + ", ".join(morceaux) + "]"
    if isinstance(valeur, dict):
        morceaux = [f"{_cite(k, longueur, profondeur + 1)}: {_cite(v, longueur, profondeur + 1)}"
                    for k, v in list(valeur.items())[:_ELEMENTS]]
        if len(valeur) > _ELEMENTS:
            return "{" + ", ".join(morceaux) + f", …}} ({len(valeur)} clés)"
        return "{" + ", ".join(morceaux) + "}"
    return echapper_texte(f"({type(valeur).__name__})", longueur)


def echapper(valeur: Any, longueur: int = LONGUEUR) -> str:
    """Une valeur reçue, telle qu'un message peut la citer : un texte coupé et échappé, tel
    quel ; un nombre, ``null``, ``true`` ; une liste ou un objet en JSON abrégé (au plus dix
    éléments, trois niveaux)."""
    return _apercu(valeur, longueur, 0)


def limiter(messages: Iterable[str], au_plus: int = AU_PLUS,
            longueur: int = LONGUEUR_MESSAGE) -> list[str]:
    """Des messages prêts à afficher : chacun échappé et coupé à ``longueur``, au plus
    ``au_plus`` messages, puis « … et N autres erreurs »."""
    lignes: list[str] = []
    reste = 0
    for m in messages:
        if len(lignes) < au_plus:
            lignes.append(echapper_texte(m, longueur))
        else:
            reste += 1
    if reste:
        lignes.append(f"… et {reste} autres erreurs")
    return lignes


# --- Les erreurs du système, en français ---------------------------------------------------------

_ERRNO = {
    errno.ENOSPC: "plus de place sur le disque",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EFBIG: "fichier trop grand pour le système de fichiers",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EIO: "erreur matérielle d'entrée-sortie",
    errno.EPIPE: "sortie fermée",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.EEXIST: "le fichier existe déjà",
    errno.EXDEV: "déplacement impossible d'un disque à un autre",
    errno.EBUSY: "ressource occupée",
    errno.ETXTBSY: "fichier occupé",
    errno.EBADF: "flux fermé",
}


def erreur_systeme(e: OSError) -> str:
    """La cause d'une erreur d'entrée-sortie, en français (« plus de place sur le disque »)."""
    return _ERRNO.get(e.errno, f"erreur système n° {e.errno}" if e.errno else "erreur système")


# --- Les erreurs de pydantic, en français ---------------------------------------------------------


def chemin(loc: tuple[Any, ...]) -> str:
    """``('social', 'mini_zarit', 3)`` → ``social.mini_zarit[3]`` (noms échappés et coupés :
    un champ inconnu vient de la saisie)."""
    texte = ""
    for morceau in loc:
        if isinstance(morceau, int):
            texte += f"[{morceau}]"
        elif texte:
            texte += f".{echapper_texte(str(morceau))}"
        else:
            texte = echapper_texte(str(morceau))
    return texte or "(situation)"


def _message(erreur: dict[str, Any], lieu: str) -> str:
    type_ = erreur["type"]
    ctx = erreur.get("ctx") or {}
    recu = erreur.get("input")
    if type_ == "literal_error":
        permises = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"valeur « {echapper(recu)} » non permise ; valeurs permises : {permises}"
    if type_ in ("greater_than_equal", "less_than_equal"):
        return (f"valeur {echapper(recu)} hors limites ; permis : "
                + (f"au moins {ctx['ge']}" if "ge" in ctx else f"au plus {ctx['le']}"))
    if type_ == "too_long" and lieu not in _QUESTIONNAIRES_EN_LISTE:
        return (f"liste trop longue ({ctx.get('actual_length')} valeurs ; "
                f"{ctx.get('max_length')} au plus, chacune une seule fois)")
    if type_ == "too_short" or type_ == "too_long":
        attendu = ctx.get("min_length") if type_ == "too_short" else ctx.get("max_length")
        return (f"questionnaire incomplet ou trop long : {ctx.get('actual_length')} réponse(s), "
                f"{attendu} attendue(s)")
    if type_ == "value_error":
        return echapper_texte(str(ctx.get("error", "valeur invalide")), LONGUEUR_MESSAGE)
    message = _MESSAGES.get(type_, "valeur invalide")
    if type_ not in ("missing", "extra_forbidden") and recu is not None:
        cite = f"« {echapper(recu)} »" if isinstance(recu, str) else echapper(recu)
        message += f" (reçu : {cite})"
    return message


def messages(erreur: ValidationError) -> list[str]:
    """Une ligne par champ fautif : ``chemin : ce qui ne va pas et ce qui est permis`` ; au
    plus ``PAR_GENRE`` lignes d'un même genre, puis leur nombre."""
    genres: dict[tuple[str, str], list[str]] = {}
    nombres: dict[tuple[str, str], int] = {}
    for e in erreur.errors(include_url=False):
        loc = tuple(p for p in e["loc"] if p not in ("function-after",))
        if e["type"] == "extra_forbidden":
            generique = chemin(loc[:-1])
        else:
            generique = chemin(tuple("[…]" if isinstance(p, int) else p for p in loc))
        generique = generique.replace(".[…]", "[…]")
        genre = (e["type"], generique)
        nombres[genre] = nombres.get(genre, 0) + 1
        lignes = genres.setdefault(genre, [])
        if len(lignes) < PAR_GENRE:
            lieu = chemin(loc)
            lignes.append(f"{lieu} : {_message(e, lieu)}")
    resultat = []
    for genre, lignes in genres.items():
        resultat += lignes
        if nombres[genre] > len(lignes):
            type_, generique = genre
            nom = _GENRES.get(type_) or _MESSAGES.get(type_, "valeur invalide").split(" (")[0]
            resultat.append(f"{generique} : … et {nombres[genre] - len(lignes)} autres erreurs "
                            f"du même genre ({nom})")
    return resultat


class ErreurSaisie(ValueError):
    """Une saisie invalide (situation, fichier, tableau) ; ``messages`` nomme chaque champ
    fautif. Quelle que soit leur source, les messages sont bornés ici, une fois pour toutes
    les interfaces (``limiter``) : échappés, coupés, au plus ``AU_PLUS`` puis leur nombre."""

    def __init__(self, lignes: Iterable[str]):
        self.messages = limiter(lignes)
        super().__init__("\n".join(self.messages))


def lire_situation(donnees: Any) -> Situation:
    """Valide des données déjà décodées ; lève ``ErreurSaisie`` avec des messages français."""
    if not isinstance(donnees, dict):
        raise ErreurSaisie(["(situation) : un objet JSON est attendu, par exemple {\"age\": 80}"])
    try:
        return Situation.model_validate(donnees)
    except ValidationError as e:
        raise ErreurSaisie(messages(e)) from None


def lire_situation_json(texte: str | bytes) -> Situation:
    """Décode (lecture sûre : ``lecture.lire_json``) et valide un texte JSON ; toute erreur,
    de syntaxe ou de contenu, est une ``ErreurSaisie`` aux messages français situés."""
    from orientation.situation.lecture import lire_json

    return lire_situation(lire_json(texte))
