"""De la situation validée au « fait » que les règles examinent.

Le fait reprend chaque champ de la situation sous son chemin pointé (``social.aidant``),
remplace les listes à vocabulaire fermé par un drapeau par valeur possible
(``sante.maladies_chroniques.diabete``), ajoute quelques champs dérivés sans seuil
(``sante.nb_maladies_chroniques``) et les résultats des instruments validés (``scores.*``).
Les questionnaires bruts (grille AGGIR, GFST, mini-Zarit, EPICES) n'y figurent que par
leurs scores.

Ce module décrit aussi chaque champ consultable par les règles (type, valeurs permises,
libellé français lu dans ``rules/vocabulaire.yaml``) : le chargeur du référentiel s'en sert
pour refuser un champ inconnu ou une valeur impossible.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from orientation.referentiel.vocabulaire import vocabulaire
from orientation.situation import instruments
from orientation.situation.modele import Situation

QUESTIONNAIRES = {"autonomie.aggir", "autonomie.fragilite", "social.mini_zarit", "social.epices"}


@dataclass(frozen=True)
class Champ:
    """Un champ que les règles peuvent consulter."""

    chemin: str
    type: Literal["booleen", "entier", "decimal", "enum", "liste"]
    libelle: str
    valeurs: tuple[str, ...] = ()
    optionnel: bool = False  # peut être absent du fait (score non calculé, GIR non saisi)
    minimum: float | None = None
    maximum: float | None = None
    derive: bool = False


def _libelle(chemin: str) -> str:
    return vocabulaire().libelle(chemin)


# Champs calculés à partir de la situation, sans seuil ni décision.
_DERIVES = (
    Champ("sante.nb_maladies_chroniques", "entier", _libelle("sante.nb_maladies_chroniques"),
          minimum=0, maximum=13, derive=True),
    Champ("handicap.nb_types", "entier", _libelle("handicap.nb_types"), minimum=0, maximum=7,
          derive=True),
    Champ("scores.epices", "decimal", _libelle("scores.epices"), optionnel=True, minimum=0,
          maximum=100, derive=True),
    Champ("scores.epices_precarite", "booleen", _libelle("scores.epices_precarite"),
          optionnel=True, derive=True),
    Champ("scores.mini_zarit", "decimal", _libelle("scores.mini_zarit"), optionnel=True,
          minimum=0, maximum=7, derive=True),
    Champ("scores.mini_zarit_fardeau", "enum", _libelle("scores.mini_zarit_fardeau"),
          valeurs=instruments.MINI_ZARIT_BANDES, optionnel=True, derive=True),
    Champ("scores.gir", "entier", _libelle("scores.gir"), optionnel=True, minimum=1, maximum=6,
          derive=True),
    Champ("scores.gir_source", "enum", _libelle("scores.gir_source"), valeurs=("saisi", "aggir"),
          optionnel=True, derive=True),
    Champ("scores.fragilite", "enum", _libelle("scores.fragilite"),
          valeurs=("non_reperee", "a_confirmer", "fragile", "non_fragile"), optionnel=True,
          derive=True),
    # Les items de mobilité des instruments, tels que répondus (les règles en décident) :
    # transferts et déplacements à l'intérieur d'AGGIR, question « mobilité » du GFST.
    Champ("scores.aggir_transferts", "enum", _libelle("scores.aggir_transferts"),
          valeurs=("A", "B", "C"), optionnel=True, derive=True),
    Champ("scores.aggir_deplacement_interieur", "enum",
          _libelle("scores.aggir_deplacement_interieur"), valeurs=("A", "B", "C"),
          optionnel=True, derive=True),
    Champ("scores.gfst_mobilite", "enum", _libelle("scores.gfst_mobilite"),
          valeurs=("oui", "non", "ne_sait_pas"), optionnel=True, derive=True),
)


def _sans_none(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0], len(args) < len(typing.get_args(annotation))
    return annotation, False


def _champ(chemin: str, info: Any) -> Champ:
    annotation, optionnel = _sans_none(info.annotation)
    origine = typing.get_origin(annotation)
    libelle = _libelle(chemin)
    bornes = {"minimum": None, "maximum": None}
    for meta in info.metadata:
        if hasattr(meta, "ge"):
            bornes["minimum"] = meta.ge
        if hasattr(meta, "le"):
            bornes["maximum"] = meta.le
    if annotation is bool:
        return Champ(chemin, "booleen", libelle, optionnel=optionnel)
    if annotation is int:
        return Champ(chemin, "entier", libelle, optionnel=optionnel, **bornes)
    if origine is Literal:
        return Champ(chemin, "enum", libelle, valeurs=typing.get_args(annotation),
                     optionnel=optionnel)
    if origine is list:
        (element,) = typing.get_args(annotation)
        return Champ(chemin, "liste", libelle, valeurs=typing.get_args(element))
    raise TypeError(f"type de champ non pris en charge : {chemin}")  # pragma: no cover


def _champs_du_modele() -> dict[str, Champ]:
    champs: dict[str, Champ] = {}
    for nom, info in Situation.model_fields.items():
        annotation, _ = _sans_none(info.annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for sous_nom, sous_info in annotation.model_fields.items():
                chemin = f"{nom}.{sous_nom}"
                if chemin not in QUESTIONNAIRES:
                    champs[chemin] = _champ(chemin, sous_info)
        else:
            champs[nom] = _champ(nom, info)
    for derive in _DERIVES:
        champs[derive.chemin] = derive
    return champs


CHAMPS: dict[str, Champ] = _champs_du_modele()


def _plan() -> list[tuple[str, list[tuple[str, str, tuple[tuple[str, str], ...] | None]]
                     | None]]:
    """L'ordre de lecture d'une situation, tiré une fois de ``CHAMPS`` (rangés dans l'ordre du
    modèle) : pour chaque section, ses champs (nom, chemin pointé, et pour une liste les
    couples valeur possible → clé du fait) ; ``None`` pour un champ de premier niveau."""
    plan: dict[str, list | None] = {}
    for chemin, champ in CHAMPS.items():
        if champ.derive:
            continue
        section, _, nom = chemin.partition(".")
        if not nom:
            plan[section] = None
            continue
        possibles = (tuple((p, f"{chemin}.{p}") for p in champ.valeurs)
                     if champ.type == "liste" else None)
        plan.setdefault(section, []).append((nom, chemin, possibles))  # type: ignore[union-attr]
    return list(plan.items())


_PLAN = _plan()


def construire_fait(situation: Situation | Any, parametres: Mapping[str, Any],
                    sections: frozenset[str] | None = None) -> dict[str, Any]:
    """Le fait plat (chemins pointés → valeurs) d'une situation.

    ``parametres`` fournit les seuils d'interprétation des instruments (précarité EPICES,
    bandes du mini-Zarit). Un champ optionnel sans valeur est absent du fait : toute
    comparaison qui le concerne est fausse.

    ``sections`` : ne lire que ces sections de premier niveau (``sante``, ``autonomie``…,
    ou ``age``), avec les champs dérivés et les scores qui en viennent — ce que le repérage
    des cohortes demande pour une unité de colonnes ; ``situation`` n'a alors besoin que de
    ces attributs (une ``Situation`` ou un simple espace de noms de sous-modèles validés).
    """
    fait: dict[str, Any] = {}
    valeurs = situation.__dict__  # les champs validés (le modèle est figé, sans extra)
    for section, champs in _PLAN:
        if sections is not None and section not in sections:
            continue
        valeur = valeurs[section]
        if champs is None or valeur is None:
            fait[section] = valeur
            continue
        sous_valeurs = valeur.__dict__
        for nom, chemin, possibles in champs:
            sous_valeur = sous_valeurs[nom]
            if possibles is not None:
                for possible, cle in possibles:
                    fait[cle] = possible in sous_valeur
            elif sous_valeur is not None:
                fait[chemin] = sous_valeur
    if sections is None or "sante" in sections:
        fait["sante.nb_maladies_chroniques"] = len(situation.sante.maladies_chroniques)
    if sections is None or "handicap" in sections:
        fait["handicap.nb_types"] = len(situation.handicap.types)
    fait.update(calculer_scores(situation, parametres, sections))
    return fait


# Les seuils de rules/parametres.yaml que lit le calcul des scores ci-dessous : le
# chargement du référentiel vérifie qu'ils y sont (sinon, échec au premier repérage).
PARAMETRES_DES_INSTRUMENTS = (
    "epices.seuil_precarite",
    "mini_zarit.borne_fardeau_absent_ou_leger",
    "mini_zarit.borne_fardeau_leger_a_modere",
    "mini_zarit.borne_fardeau_modere_a_severe",
)


def calculer_scores(situation: Situation | Any, parametres: Mapping[str, Any],
                    sections: frozenset[str] | None = None) -> dict[str, Any]:
    """Les scores des instruments renseignés, sous leurs chemins ``scores.*`` (seulement
    ceux des ``sections`` données, si elles le sont)."""
    scores: dict[str, Any] = {}
    social = situation.social if sections is None or "social" in sections else None
    autonomie = situation.autonomie if sections is None or "autonomie" in sections else None
    if social is not None and social.epices is not None:
        score = instruments.score_epices(social.epices.model_dump())
        scores["scores.epices"] = score
        scores["scores.epices_precarite"] = score >= parametres["epices.seuil_precarite"]
    if social is not None and social.mini_zarit is not None:
        score = instruments.score_mini_zarit(social.mini_zarit)
        scores["scores.mini_zarit"] = score
        scores["scores.mini_zarit_fardeau"] = instruments.bande_mini_zarit(
            score,
            (parametres["mini_zarit.borne_fardeau_absent_ou_leger"],
             parametres["mini_zarit.borne_fardeau_leger_a_modere"],
             parametres["mini_zarit.borne_fardeau_modere_a_severe"]),
        )
    if autonomie is None:
        return scores
    if autonomie.gir is not None:
        scores["scores.gir"] = autonomie.gir
        scores["scores.gir_source"] = "saisi"
    elif autonomie.aggir is not None:
        scores["scores.gir"] = instruments.gir_depuis_aggir(autonomie.aggir.model_dump())
        scores["scores.gir_source"] = "aggir"
    if autonomie.aggir is not None:
        scores["scores.aggir_transferts"] = autonomie.aggir.transferts
        scores["scores.aggir_deplacement_interieur"] = autonomie.aggir.deplacement_interieur
    if autonomie.fragilite is not None:
        f = autonomie.fragilite
        scores["scores.gfst_mobilite"] = f.mobilite
        scores["scores.fragilite"] = instruments.conclusion_gfst(
            f.model_dump(exclude={"jugement_fragile"}), f.jugement_fragile
        )
    return scores
