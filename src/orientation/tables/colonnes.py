"""Les situations en tableau (CSV, Excel, Parquet, JSON Lines) : une ligne par patient.

Les colonnes sont les chemins pointés des champs de la situation (``age``,
``contexte.medecin_traitant``, ``autonomie.aggir.coherence``…), dérivés du modèle pydantic
(``situation.py``), plus une colonne facultative ``id`` recopiée telle quelle dans la sortie.
Une cellule vide (ou NaN) veut dire « absent » : le champ prend sa valeur par défaut.

Conversion des cellules (les CSV ne contiennent que du texte) :
- booléens : ``oui/non``, ``vrai/faux``, ``true/false``, ``1/0`` (sans casse) ;
- entiers : ``12``, ``12.0`` ou 12.0 (Excel), mais pas ``12.5`` ;
- listes (``sante.maladies_chroniques``, ``handicap.types``, ``social.mini_zarit``) :
  valeurs séparées par ``;`` ;
- questionnaires (``autonomie.aggir.*``, ``autonomie.fragilite.*``, ``social.epices.*``) :
  toutes leurs cellules vides = questionnaire non fait ; en partie remplies = erreur
  (« questionnaire incomplet ») nommant les colonnes manquantes.

Puis la situation est validée par ``Situation`` elle-même : mêmes règles, mêmes messages
français que ``orientation screen``, chacun nommant la colonne fautive.

Colonnes inconnues : le fichier entier est refusé (``ErreurSaisie`` qui les nomme, avec
une suggestion), car une colonne mal orthographiée serait sinon ignorée sur toutes les
lignes. Sans colonne ``age``, le fichier est refusé aussi.
"""

from __future__ import annotations

import difflib
import math
import numbers
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ValidationError

from orientation.referentiel.vocabulaire import majuscule, vocabulaire
from orientation.resultat import Orientation
from orientation.situation.erreurs import ErreurSaisie, messages
from orientation.situation.modele import Situation

COLONNE_ID = "id"
SEPARATEUR_LISTE = ";"

_VRAI = {"oui", "vrai", "true", "1", "o", "yes"}
_FAUX = {"non", "faux", "false", "0", "n", "no"}


@dataclass(frozen=True)
class Colonne:
    """Une colonne d'entrée : un champ de la situation, et comment lire sa cellule."""

    chemin: str
    genre: Literal["booleen", "entier", "enum", "liste"]
    valeurs: tuple[str, ...] = ()  # valeurs permises (énumérations, éléments de liste)
    optionnel: bool = False  # peut rester absent (GIR, jugement du clinicien)
    minimum: int | None = None
    maximum: int | None = None
    defaut: Any = None
    groupe: str | None = None  # questionnaire auquel la colonne appartient
    requis: bool = False  # obligatoire dans son questionnaire (ou ``age``)


def _sans_none(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0], len(args) < len(typing.get_args(annotation))
    return annotation, False


def _est_modele(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _colonne(chemin: str, info: Any, groupe: str | None) -> Colonne:
    annotation, optionnel = _sans_none(info.annotation)
    bornes: dict[str, Any] = {}
    for meta in info.metadata:
        if getattr(meta, "ge", None) is not None:
            bornes["minimum"] = meta.ge
        if getattr(meta, "le", None) is not None:
            bornes["maximum"] = meta.le
    defaut = None if info.is_required() else info.get_default(call_default_factory=True)
    commun = dict(optionnel=optionnel, defaut=defaut, groupe=groupe, requis=info.is_required())
    if annotation is bool:
        return Colonne(chemin, "booleen", **commun)
    if annotation is int:
        return Colonne(chemin, "entier", **bornes, **commun)
    if typing.get_origin(annotation) is Literal:
        return Colonne(chemin, "enum", valeurs=typing.get_args(annotation), **commun)
    if typing.get_origin(annotation) is list:
        (element,) = typing.get_args(annotation)
        return Colonne(chemin, "liste", valeurs=typing.get_args(element), **commun)
    raise TypeError(f"type de champ non pris en charge : {chemin}")  # pragma: no cover


def _colonnes_du_modele() -> dict[str, Colonne]:
    colonnes: dict[str, Colonne] = {}
    for nom, info in Situation.model_fields.items():
        section, _ = _sans_none(info.annotation)
        if not _est_modele(section):
            colonnes[nom] = _colonne(nom, info, None)
            continue
        for sous_nom, sous_info in section.model_fields.items():
            chemin = f"{nom}.{sous_nom}"
            sous_modele, _ = _sans_none(sous_info.annotation)
            if _est_modele(sous_modele):  # un questionnaire : une colonne par question
                for cle, info_cle in sous_modele.model_fields.items():
                    colonnes[f"{chemin}.{cle}"] = _colonne(f"{chemin}.{cle}", info_cle, chemin)
            else:
                colonnes[chemin] = _colonne(chemin, sous_info, None)
    return colonnes


CHAMPS_COLONNES: dict[str, Colonne] = _colonnes_du_modele()
COLONNES: list[str] = [COLONNE_ID, *CHAMPS_COLONNES]
GROUPES: dict[str, tuple[str, ...]] = {}
for _c in CHAMPS_COLONNES.values():
    if _c.groupe:
        GROUPES[_c.groupe] = (*GROUPES.get(_c.groupe, ()), _c.chemin)


# --- Documentation des colonnes ----------------------------------------------------------------

def _oui_non(valeur: Any) -> str:
    return "oui" if valeur else "non"


def _description(c: Colonne) -> str:
    v = vocabulaire()
    questionnaire = v.questionnaires.get(c.groupe or c.chemin)
    if questionnaire and c.groupe:
        question = questionnaire.questions[c.chemin.rsplit(".", 1)[1]].court
        libelle = f"{questionnaire.libelle} ({questionnaire.source}) : {question}"
    elif questionnaire:  # le mini-Zarit : une seule colonne pour les 7 réponses
        libelle = f"{questionnaire.libelle} ({questionnaire.source}), les " \
                  f"{len(questionnaire.questions)} réponses dans l'ordre"
    else:
        libelle = v.libelle(c.chemin)
    libelle = majuscule(libelle)
    if c.genre == "booleen":
        forme = "oui ou non (aussi vrai/faux, true/false, 1/0)"
        exemple = "oui"
    elif c.genre == "entier":
        forme = f"nombre entier de {c.minimum} à {c.maximum}"
        exemple = str(c.maximum // 2 if c.maximum else 1) if c.chemin != "age" else "84"
    elif c.genre == "enum":
        forme = "une valeur parmi : " + ", ".join(c.valeurs)
        exemple = c.valeurs[-1]
    else:
        forme = "valeurs séparées par « ; » parmi : " + ", ".join(c.valeurs)
        exemple = SEPARATEUR_LISTE.join(c.valeurs[:2])
        if c.chemin == "social.mini_zarit":
            forme = "exactement 7 réponses séparées par « ; », chacune : " + ", ".join(c.valeurs)
            exemple = "jamais;parfois;souvent;jamais;jamais;parfois;souvent"
    if c.chemin == "age":
        vide = "obligatoire"
    elif c.groupe and c.requis:
        vide = "vide si le questionnaire n'a pas été fait (alors toutes ses colonnes vides)"
    elif c.optionnel or c.groupe:
        vide = f"vide = {vocabulaire().texte('non_renseigne')}"
    elif c.genre == "booleen":
        vide = f"vide = {_oui_non(c.defaut)}"
    elif c.genre == "liste":
        vide = "vide = aucune"
    else:
        vide = f"vide = {c.defaut}"
    fin = "" if libelle.endswith(("?", ")")) else "."
    return f"{libelle}{fin} {forme[0].upper() + forme[1:]} ; {vide}. Exemple : {exemple}"


DESCRIPTION_COLONNES: dict[str, str] = {
    COLONNE_ID: "Identifiant de la ligne (facultatif, texte libre), recopié tel quel dans la "
                "sortie. N'y mettez ni nom ni numéro de sécurité sociale : un pseudonyme suffit.",
    **{chemin: _description(c) for chemin, c in CHAMPS_COLONNES.items()},
}


# --- Conversion d'une ligne ---------------------------------------------------------------------


class _Invalide(Exception):
    pass


def est_vide(valeur: Any) -> bool:
    """Cellule vide : None, NaN, NA de pandas, texte vide ou blanc."""
    if valeur is None:
        return True
    if isinstance(valeur, str):
        return not valeur.strip()
    if isinstance(valeur, float):
        return math.isnan(valeur)
    if valeur is pd.NA or valeur is pd.NaT:
        return True
    return False


def _texte_recu(valeur: Any) -> str:
    texte = str(valeur).strip()
    return texte if len(texte) <= 60 else texte[:57] + "…"


def _booleen(valeur: Any) -> bool:
    if isinstance(valeur, bool | np.bool_):
        return bool(valeur)
    if isinstance(valeur, str):
        texte = valeur.strip().lower()
        if texte in _VRAI:
            return True
        if texte in _FAUX:
            return False
    elif isinstance(valeur, numbers.Real) and valeur in (0, 1):
        return bool(valeur)
    raise _Invalide(f"valeur « {_texte_recu(valeur)} » non permise ; valeurs permises : oui, "
                    "non (ou vrai/faux, true/false, 1/0)")


def _entier(valeur: Any) -> int:
    if isinstance(valeur, bool | np.bool_):
        raise _Invalide(f"doit être un nombre entier (reçu : {_texte_recu(valeur)})")
    if isinstance(valeur, numbers.Integral):
        return int(valeur)
    if isinstance(valeur, str):
        texte = valeur.strip()
        try:
            return int(texte)
        except ValueError:
            try:
                valeur = float(texte.replace(",", "."))
            except ValueError:
                raise _Invalide(f"doit être un nombre entier (reçu : « {_texte_recu(texte)} »)")\
                    from None
    if isinstance(valeur, numbers.Real) and math.isfinite(valeur) and float(valeur).is_integer():
        return int(valeur)
    raise _Invalide(f"doit être un nombre entier (reçu : {_texte_recu(valeur)})")


def _enum(valeur: Any) -> Any:
    return valeur.strip() if isinstance(valeur, str) else valeur


def _liste(valeur: Any) -> Any:
    if isinstance(valeur, str):
        return [v.strip() for v in valeur.split(SEPARATEUR_LISTE) if v.strip()]
    if isinstance(valeur, list | tuple | np.ndarray):
        return [v.strip() if isinstance(v, str) else v for v in valeur]
    raise _Invalide(f"doit être une liste de valeurs séparées par « ; » (reçu : "
                    f"{_texte_recu(valeur)})")


_CONVERTIR = {"booleen": _booleen, "entier": _entier, "enum": _enum, "liste": _liste}


def _chemin_du_message(message: str) -> str:
    return message.split(" : ", 1)[0]


def convertir_ligne(ligne: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Les cellules d'une ligne → (données imbriquées pour ``Situation``, erreurs de
    conversion). Les colonnes inconnues sont ignorées ici (``lire_tableau`` les refuse)."""
    donnees: dict[str, Any] = {}
    erreurs: list[str] = []
    remplis: dict[str, list[str]] = {}
    for chemin, cellule in ligne.items():
        c = CHAMPS_COLONNES.get(chemin)
        if c is None or est_vide(cellule):
            continue
        try:
            valeur = _CONVERTIR[c.genre](cellule)
        except _Invalide as e:
            erreurs.append(f"{chemin} : {e}")
            valeur = None
        if c.groupe:
            remplis.setdefault(c.groupe, []).append(chemin)
        if valeur is None:
            continue
        morceaux = chemin.split(".")
        cible = donnees
        for m in morceaux[:-1]:
            cible = cible.setdefault(m, {})
        cible[morceaux[-1]] = valeur
    for groupe, presents in remplis.items():
        manquants = [ch.rsplit(".", 1)[1] for ch in GROUPES[groupe]
                     if CHAMPS_COLONNES[ch].requis and ch not in presents]
        if manquants:
            erreurs.append(f"{groupe} : questionnaire incomplet, manque(nt) : "
                           f"{', '.join(manquants)} (remplissez toutes ses colonnes, ou aucune)")
    return donnees, erreurs


def ligne_vers_situation(ligne: Mapping[str, Any]) -> Situation:
    """Une ligne de tableau (cellules texte ou typées) → ``Situation`` validée.

    Lève ``ErreurSaisie`` dont chaque message commence par le chemin du champ (la colonne).
    """
    donnees, erreurs = convertir_ligne(ligne)
    if "age" not in donnees and not any(_chemin_du_message(e) == "age" for e in erreurs):
        erreurs.insert(0, "age : champ obligatoire manquant")
    try:
        situation = Situation.model_validate(donnees)
    except ValidationError as e:
        deja = {_chemin_du_message(m) for m in erreurs}
        incomplets = {g for g in deja if g in GROUPES}
        for m in messages(e):
            chemin = _chemin_du_message(m)
            if chemin in deja or chemin.rsplit(".", 1)[0] in incomplets:
                continue
            erreurs.append(m)
        raise ErreurSaisie(erreurs) from None
    if erreurs:
        raise ErreurSaisie(erreurs)
    return situation


# --- Un tableau entier --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rejet:
    """Une erreur d'une ligne refusée (une ligne fautive peut donner plusieurs rejets).

    ``ligne`` est le numéro que l'utilisateur voit dans son fichier (l'en-tête est la
    ligne 1 d'un CSV ou d'une feuille Excel) ; ``champ`` est la colonne fautive, ou
    ``(ligne)`` quand la ligne entière l'est.
    """

    ligne: int
    id: str | None
    champ: str
    message: str


COLONNES_REJETS = ["ligne", "id", "champ", "message"]


def rejets_depuis_erreur(ligne: int, id_: str | None, erreur: ErreurSaisie) -> list[Rejet]:
    rejets = []
    for m in erreur.messages:
        champ, _, texte = m.partition(" : ")
        rejets.append(Rejet(ligne, id_, champ, texte or m))
    return rejets


def nb_lignes_rejetees(rejets: list[Rejet]) -> int:
    return len({r.ligne for r in rejets})


def verifier_colonnes(colonnes: list[Any]) -> None:
    """Refuse un tableau aux colonnes inconnues, en double ou sans ``age``."""
    erreurs = []
    noms = [str(c).strip() for c in colonnes]
    inconnues = [n for n in noms if n not in CHAMPS_COLONNES and n != COLONNE_ID]
    for n in inconnues:
        proches = difflib.get_close_matches(n, COLONNES, n=1)
        aide = f" (vouliez-vous dire « {proches[0]} » ?)" if proches else ""
        erreurs.append(f"(colonnes) : colonne inconnue « {n} »{aide} ; aucune colonne n'est "
                       "ignorée : corrigez son nom ou retirez-la")
    doublons = sorted({n for n in noms if noms.count(n) > 1})
    for n in doublons:
        erreurs.append(f"(colonnes) : la colonne « {n} » figure plusieurs fois")
    if "age" not in noms:
        erreurs.append("(colonnes) : colonne obligatoire « age » absente")
    if erreurs:
        raise ErreurSaisie(erreurs)


def identifiant(valeur: Any) -> str | None:
    if est_vide(valeur):
        return None
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    return str(valeur).strip()


def lire_tableau(
    df: pd.DataFrame, premiere_ligne: int = 2
) -> tuple[list[tuple[int, str | None, Situation]], list[Rejet]]:
    """Valide chaque ligne d'un tableau de situations.

    Renvoie les situations valides ``(ligne, id, situation)`` et les rejets ; chaque ligne
    est dans l'une ou l'autre liste (lues = valides + lignes rejetées). ``premiere_ligne`` :
    numéro de la première ligne de données (2 sous un en-tête). Lève ``ErreurSaisie`` si les
    colonnes sont inconnues (fichier refusé en entier).
    """
    verifier_colonnes(list(df.columns))
    noms = [str(c).strip() for c in df.columns]
    valides: list[tuple[int, str | None, Situation]] = []
    rejets: list[Rejet] = []
    for i, valeurs in enumerate(df.itertuples(index=False, name=None)):
        numero = premiere_ligne + i
        ligne = dict(zip(noms, valeurs, strict=True))
        id_ = identifiant(ligne.pop(COLONNE_ID, None))
        if all(est_vide(v) for v in valeurs):
            rejets.append(Rejet(numero, id_, "(ligne)", "ligne vide"))
            continue
        try:
            valides.append((numero, id_, ligne_vers_situation(ligne)))
        except ErreurSaisie as e:
            rejets.extend(rejets_depuis_erreur(numero, id_, e))
    return valides, rejets


# --- Sortie -------------------------------------------------------------------------------------

SCORES = ("epices", "epices_precarite", "mini_zarit", "mini_zarit_fardeau", "gir", "gir_source",
          "fragilite")
COLONNES_SORTIE: list[str] = [
    "id", "niveau", "urgence", "pps", "secteurs", "parcours", "clusters", "acteurs", "appuis",
    "alertes", *(f"scores.{s}" for s in SCORES), "regles",
]
DESCRIPTION_SORTIE: dict[str, str] = {
    c: vocabulaire().sortie[c.split(".")[0] if c.startswith("scores.") else c]
    for c in COLONNES_SORTIE
}


def _joindre(valeurs: list[str]) -> str:
    return SEPARATEUR_LISTE.join(valeurs)


def conclusions_vers_ligne(o: Orientation) -> dict[str, Any]:
    """La partie de la ligne de sortie qui ne dépend que des règles tirées."""
    return {
        "niveau": o.niveau,
        "urgence": o.urgence,
        "pps": o.pps,
        "secteurs": _joindre(o.secteurs),
        "parcours": _joindre(o.parcours),
        "clusters": _joindre([c.id for c in o.clusters]),
        "acteurs": _joindre([a.id for c in o.clusters for a in c.acteurs]),
        "appuis": _joindre([a.id for a in o.appuis]),
        "alertes": _joindre([a.id for a in o.alertes]),
        "regles": _joindre(o.regles_tirees),
    }


def resultat_vers_ligne(id: str | None, o: Orientation) -> dict[str, Any]:  # noqa: A002
    """Une orientation → une ligne de sortie (colonnes ``COLONNES_SORTIE``, listes jointes
    par « ; », scores absents = None)."""
    conclusions = conclusions_vers_ligne(o)
    ligne: dict[str, Any] = {"id": id}
    for nom in COLONNES_SORTIE[1:]:
        if nom.startswith("scores."):
            ligne[nom] = getattr(o.scores, nom.removeprefix("scores."))
        else:
            ligne[nom] = conclusions[nom]
    return ligne


def modele_vierge(exemple: bool = True) -> pd.DataFrame:
    """Le modèle à télécharger : toutes les colonnes documentées, et une ligne d'exemple."""
    if not exemple:
        return pd.DataFrame(columns=COLONNES)
    ligne = {c: "" for c in COLONNES}
    ligne.update({
        "id": "exemple-1", "age": "84", "contexte.medecin_traitant": "oui",
        "sante.maladies_chroniques": "insuffisance_cardiaque;diabete",
        "sante.nb_medicaments": "11", "sante.chutes_6_mois": "2",
        "autonomie.gir": "4", "autonomie.aides": "insuffisantes",
        "social.vit_seul": "oui", "social.aidant": "epuise",
        "social.mini_zarit": "souvent;souvent;parfois;souvent;parfois;souvent;parfois",
    })
    return pd.DataFrame([ligne], columns=COLONNES)
