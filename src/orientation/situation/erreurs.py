"""Messages d'erreur de saisie en français, chaque champ nommé par son chemin pointé."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from orientation.situation.modele import Situation

_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "extra_forbidden": "champ inconnu (vérifiez l'orthographe : aucun champ n'est ignoré)",
    "bool_type": "doit valoir true ou false",
    "int_type": "doit être un nombre entier",
    "int_parsing": "doit être un nombre entier",
    "int_from_float": "doit être un nombre entier",
    "string_type": "doit être un texte",
    "list_type": "doit être une liste",
    "dict_type": "doit être un objet (dictionnaire)",
    "model_type": "doit être un objet (dictionnaire)",
    "model_attributes_type": "doit être un objet (dictionnaire)",
    "none_required": "doit être absent",
}


def chemin(loc: tuple[Any, ...]) -> str:
    """``('social', 'mini_zarit', 3)`` → ``social.mini_zarit[3]``."""
    texte = ""
    for morceau in loc:
        if isinstance(morceau, int):
            texte += f"[{morceau}]"
        elif texte:
            texte += f".{morceau}"
        else:
            texte = str(morceau)
    return texte or "(situation)"


def _message(erreur: dict[str, Any]) -> str:
    type_ = erreur["type"]
    ctx = erreur.get("ctx") or {}
    recu = erreur.get("input")
    if type_ == "literal_error":
        permises = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"valeur « {recu} » non permise ; valeurs permises : {permises}"
    if type_ in ("greater_than_equal", "less_than_equal"):
        return (f"valeur {recu} hors limites ; permis : "
                + (f"au moins {ctx['ge']}" if "ge" in ctx else f"au plus {ctx['le']}"))
    if type_ == "too_short" or type_ == "too_long":
        attendu = ctx.get("min_length") if type_ == "too_short" else ctx.get("max_length")
        return (f"questionnaire incomplet ou trop long : {ctx.get('actual_length')} réponse(s), "
                f"{attendu} attendue(s)")
    if type_ == "value_error":
        return str(ctx.get("error", erreur.get("msg")))
    if type_ in _MESSAGES:
        message = _MESSAGES[type_]
        if type_ not in ("missing", "extra_forbidden") and recu is not None:
            message += f" (reçu : {json.dumps(recu, ensure_ascii=False, default=str)[:60]})"
        return message
    return erreur.get("msg", "valeur invalide")


def messages(erreur: ValidationError) -> list[str]:
    """Une ligne par champ fautif : ``chemin : ce qui ne va pas et ce qui est permis``."""
    lignes = []
    for e in erreur.errors(include_url=False):
        loc = tuple(p for p in e["loc"] if p not in ("function-after",))
        lignes.append(f"{chemin(loc)} : {_message(e)}")
    return lignes


class ErreurSaisie(ValueError):
    """Une situation invalide ; ``messages`` nomme chaque champ fautif."""

    def __init__(self, lignes: list[str]):
        self.messages = lignes
        super().__init__("\n".join(lignes))


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
