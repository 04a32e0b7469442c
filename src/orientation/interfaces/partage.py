"""Partager une situation ou un essai de règles par un lien ou un petit fichier JSON.

Ce qui est partagé ne contient rien d'identifiant : une situation n'a ni nom, ni date de
naissance, ni adresse (le modèle ``Situation`` les refuse), seulement l'âge et les réponses
du formulaire ; un essai de règles, seulement des noms de paramètres et des valeurs. Le lien
porte ces données dans l'adresse (paramètre ``situation`` ou ``essai``), compressées
(zlib) puis encodées en base64 « URL » : rien n'est stocké sur un serveur.

Le décodage est borné (longueur du lien, taille décompressée) et valide tout : un lien
abîmé ou forgé donne un message en français, jamais une erreur.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import zlib
from typing import Any

from orientation.situation.erreurs import ErreurSaisie, lire_situation
from orientation.situation.lecture import ErreurLecture, Limites, lire_json
from orientation.situation.modele import Situation

LONGUEUR_MAX = 4_000  # caractères d'un lien
TAILLE_MAX = 100_000  # octets une fois décompressé
FORMAT = "orientation/partage"
VERSION = 1


def encoder(donnees: dict[str, Any]) -> str:
    brut = json.dumps(donnees, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(zlib.compress(brut.encode("utf-8"), 9)).decode().rstrip("=")


def decoder(texte: str) -> dict[str, Any]:
    """Le dictionnaire d'un lien ; ``ErreurSaisie`` s'il est abîmé ou trop grand."""
    if not isinstance(texte, str) or len(texte) > LONGUEUR_MAX:
        raise ErreurSaisie(["(lien) : lien trop long ou illisible"])
    try:
        compresse = base64.urlsafe_b64decode(texte + "=" * (-len(texte) % 4))
        decompresseur = zlib.decompressobj()
        brut = decompresseur.decompress(compresse, TAILLE_MAX)
        if decompresseur.unconsumed_tail:
            raise ErreurSaisie(["(lien) : contenu trop grand"])
        donnees = lire_json(brut, source="(lien)", limites=Limites(taille=TAILLE_MAX))
    except ErreurLecture as e:  # clé en double, imbrication, nombre démesuré…
        raise ErreurSaisie([f"(lien) : lien abîmé (copiez-le en entier) : {e.motif}"]) from None
    except ErreurSaisie:
        raise
    except (binascii.Error, zlib.error, ValueError):
        raise ErreurSaisie(["(lien) : lien abîmé (copiez-le en entier)"]) from None
    if not isinstance(donnees, dict):
        raise ErreurSaisie(["(lien) : lien abîmé (copiez-le en entier)"])
    return donnees


# --- Une situation -------------------------------------------------------------------------------


def situation_partageable(situation: Situation) -> dict[str, Any]:
    """La situation, sans les valeurs par défaut (le lien reste court)."""
    return situation.model_dump(mode="json", exclude_defaults=True)


def lien_situation(situation: Situation) -> str:
    return encoder(situation_partageable(situation))


def situation_du_lien(texte: str) -> Situation:
    return lire_situation(decoder(texte))


def fichier_situation(situation: Situation) -> bytes:
    """Le petit fichier JSON d'une situation (celui que lit ``orientation screen``)."""
    return (json.dumps(situation_partageable(situation), ensure_ascii=False, indent=2)
            + "\n").encode("utf-8")


def situation_du_fichier(octets: bytes) -> Situation:
    if len(octets) > TAILLE_MAX:
        raise ErreurSaisie(["(fichier) : fichier trop grand pour une situation"])
    from orientation.situation.erreurs import lire_situation_json

    return lire_situation_json(octets)


# --- Un essai de règles (paramètres modifiés) -----------------------------------------------------


def essai_partageable(parametres: dict[str, float | int]) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "parametres": dict(sorted(parametres.items()))}


def parametres_de(donnees: dict[str, Any], connus: dict[str, Any]) -> dict[str, float | int]:
    """Les paramètres modifiés d'un essai partagé, vérifiés contre ceux du référentiel."""
    if donnees.get("format") != FORMAT or not isinstance(donnees.get("parametres"), dict):
        raise ErreurSaisie(["(essai) : ce n'est pas un essai de règles partagé par orientation"])
    parametres: dict[str, float | int] = {}
    erreurs = []
    for nom, valeur in donnees["parametres"].items():
        if nom not in connus:
            erreurs.append(f"(essai) : paramètre inconnu « {str(nom)[:80]} »")
        elif isinstance(valeur, bool) or not isinstance(valeur, int | float) \
                or not math.isfinite(valeur):
            erreurs.append(f"(essai) : « {nom} » : un nombre est attendu")
        else:
            parametres[nom] = valeur
    if erreurs:
        raise ErreurSaisie(erreurs)
    return parametres


def fichier_essai(parametres: dict[str, float | int]) -> bytes:
    return (json.dumps(essai_partageable(parametres), ensure_ascii=False, indent=2)
            + "\n").encode("utf-8")


def essai_du_fichier(octets: bytes, connus: dict[str, Any]) -> dict[str, float | int]:
    if len(octets) > TAILLE_MAX:
        raise ErreurSaisie(["(fichier) : fichier trop grand pour un essai"])
    donnees = lire_json(octets, limites=Limites(taille=TAILLE_MAX))
    if not isinstance(donnees, dict):
        raise ErreurSaisie(["(fichier) : ce n'est pas un essai de règles"])
    return parametres_de(donnees, connus)
