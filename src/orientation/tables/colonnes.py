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
import functools
import math
import numbers
import sys
import types
import typing
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from pydantic import BaseModel, ValidationError

from orientation.referentiel.vocabulaire import majuscule, vocabulaire
from orientation.resultat import Orientation
from orientation.resultat.assemblage import Conclusions
from orientation.situation.erreurs import ErreurSaisie, messages
from orientation.situation.modele import Situation

if TYPE_CHECKING:
    import pandas as pd


@functools.lru_cache(maxsize=65_536)
def plier(texte: str) -> str:
    """La forme pliée d'un mot saisi : sans accents ni casse, espaces, « _ », « - » et
    apostrophes réduits à une espace (« Épuisé » → « epuise », « sans_complementaire » →
    « sans complementaire »)."""
    decompose = unicodedata.normalize("NFKD", texte)
    sans_accents = "".join(ch for ch in decompose if not unicodedata.combining(ch))
    for sep in ("_", "-", "'", "’"):
        sans_accents = sans_accents.replace(sep, " ")
    return " ".join(sans_accents.casefold().split())

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


def _valeurs_pliees() -> dict[str, dict[str, str | tuple[str, ...]]]:
    """Pour chaque colonne à vocabulaire fermé : forme pliée (de l'identifiant et du libellé
    de chaque valeur) → identifiant ; un tuple d'identifiants quand la forme est ambiguë."""
    voc = vocabulaire()
    tables: dict[str, dict[str, str | tuple[str, ...]]] = {}
    for chemin, c in CHAMPS_COLONNES.items():
        candidats: dict[str, set[str]] = {}
        for v in c.valeurs:
            for forme in (v, voc.valeur(v)):
                candidats.setdefault(plier(forme), set()).add(v)
        tables[chemin] = {f: (next(iter(ids)) if len(ids) == 1 else tuple(sorted(ids)))
                          for f, ids in candidats.items()}
    return tables


VALEURS_PLIEES = _valeurs_pliees()


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


# --- En-têtes : chemin pointé ou libellé français ------------------------------------------------

SECTIONS = tuple(sorted({ch.split(".", 1)[0] for ch in CHAMPS_COLONNES if "." in ch}))


def libelle_colonne(chemin: str) -> str:
    """Le libellé français d'une colonne d'entrée (en-tête accepté à la place du chemin)."""
    if chemin == COLONNE_ID:
        return "identifiant"
    c = CHAMPS_COLONNES[chemin]
    v = vocabulaire()
    questionnaire = v.questionnaires.get(c.groupe or chemin)
    if questionnaire and c.groupe:
        question = questionnaire.questions[chemin.rsplit(".", 1)[1]]
        return f"{questionnaire.libelle} : {question.court}"
    if questionnaire:
        return questionnaire.libelle
    return v.libelle(chemin)


def _entetes_plies() -> dict[str, str | tuple[str, ...]]:
    candidats: dict[str, set[str]] = {}
    for chemin in COLONNES:
        for forme in (chemin, libelle_colonne(chemin)):
            candidats.setdefault(plier(forme), set()).add(chemin)
    return {f: (next(iter(ch)) if len(ch) == 1 else tuple(sorted(ch)))
            for f, ch in candidats.items()}


@dataclass(frozen=True)
class Entete:
    """Les colonnes d'un tableau reçu : ``canoniques`` donne, pour chaque colonne du
    fichier, son nom interne (le chemin du champ, ``id``, ou le nom de la colonne recopiée
    telle quelle) ; ``recopiees`` : les colonnes qui ne sont pas des champs."""

    noms: tuple[str, ...]
    canoniques: tuple[str, ...]
    recopiees: tuple[str, ...]


ENTETES_PLIES = _entetes_plies()


def resoudre_entete(noms: Sequence[Any], reservees: Sequence[str] = ()) -> Entete:
    """Reconnaît chaque en-tête par son chemin (``social.aidant``) ou son libellé français
    (« Aidant », sans casse ni accents). Une colonne qui n'est pas un champ est recopiée
    telle quelle dans la sortie, sauf si elle ressemble à un champ mal orthographié (proche
    d'un chemin ou d'un libellé, ou préfixée d'une section : ``sante.xxx``) : le fichier est
    alors refusé, jamais la colonne ignorée. Refuse aussi les doublons, les noms réservés
    (``reservees`` : colonnes du résultat) et l'absence de la colonne ``age``."""
    erreurs: list[str] = []
    canoniques: list[str] = []
    recopiees: list[str] = []
    for brut in noms:
        nom = "" if brut is None else str(brut).strip()
        plie = plier(nom)
        trouve = ENTETES_PLIES.get(plie)
        if isinstance(trouve, str):
            canoniques.append(trouve)
            continue
        if isinstance(trouve, tuple):
            erreurs.append(f"(colonnes) : l'en-tête « {_texte_recu(nom)} » est ambigu ("
                           + ", ".join(trouve) + ") : écrivez le chemin du champ")
            canoniques.append(nom)
            continue
        proches = difflib.get_close_matches(plie, list(ENTETES_PLIES), n=1, cutoff=0.8)
        section = plie.split(".", 1)[0] if "." in nom else ""
        if not nom:
            erreurs.append(f"(colonnes) : la colonne {len(canoniques) + 1} n'a pas de nom")
        elif proches or section in SECTIONS:
            cible = ENTETES_PLIES[proches[0]] if proches else None
            aide = (f" (vouliez-vous dire « {cible} » ?)" if isinstance(cible, str) else "")
            erreurs.append(f"(colonnes) : colonne inconnue « {_texte_recu(nom)} »{aide} ; elle "
                           "ressemble à un champ : corrigez son nom (aucune colonne n'est "
                           "ignorée)")
        elif nom in reservees:
            erreurs.append(f"(colonnes) : « {_texte_recu(nom)} » est le nom d'une colonne du "
                           "résultat : renommez cette colonne")
        else:
            recopiees.append(nom)
        canoniques.append(nom)
    vus: dict[str, int] = {}
    for c in canoniques:
        vus[c] = vus.get(c, 0) + 1
    for c, n in vus.items():
        if n > 1 and c:
            erreurs.append(f"(colonnes) : la colonne « {_texte_recu(c)} » figure {n} fois")
    if "age" not in canoniques:
        erreurs.append("(colonnes) : colonne obligatoire « age » (ou « âge ») absente")
    if erreurs:
        raise ErreurSaisie(erreurs)
    return Entete(tuple("" if n is None else str(n) for n in noms), tuple(canoniques),
                  tuple(recopiees))


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
    # NA et NaT de pandas : pandas n'est pas importé ici (0,5 s au démarrage d'un lot Arrow
    # qui n'en a pas besoin) ; s'il n'est pas chargé, aucune cellule ne peut en venir
    pd = sys.modules.get("pandas")
    return pd is not None and (valeur is pd.NA or valeur is pd.NaT)


def _texte_recu(valeur: Any) -> str:
    return message_sur(str(valeur).strip(), 60)


def _booleen(valeur: Any) -> bool:
    if isinstance(valeur, bool | np.bool_):
        return bool(valeur)
    if isinstance(valeur, str):
        texte = plier(valeur)
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


def _mot(valeur: Any, chemin: str) -> Any:
    """Une valeur d'un vocabulaire fermé : son identifiant ou son libellé français, sans
    casse ni accents (« Épuisé » → ``epuise``). Une valeur inconnue est laissée telle
    quelle : la validation de ``Situation`` la refuse en citant les valeurs permises."""
    if not isinstance(valeur, str):
        return valeur
    texte = valeur.strip()
    trouve = VALEURS_PLIEES[chemin].get(plier(texte))
    if trouve is None:
        return texte
    if isinstance(trouve, tuple):
        raise _Invalide(f"valeur « {_texte_recu(texte)} » ambiguë : elle peut désigner "
                        + " ou ".join(trouve) + " ; écrivez l'identifiant")
    return trouve


def _enum(valeur: Any, c: Colonne) -> Any:
    return _mot(valeur, c.chemin)


def _liste(valeur: Any, c: Colonne) -> Any:
    if isinstance(valeur, str):
        return [_mot(v, c.chemin) for v in valeur.split(SEPARATEUR_LISTE) if v.strip()]
    if isinstance(valeur, list | tuple | np.ndarray):
        return [_mot(v, c.chemin) for v in valeur]
    raise _Invalide(f"doit être une liste de valeurs séparées par « ; » (reçu : "
                    f"{_texte_recu(valeur)})")


_CONVERTIR = {"booleen": lambda v, c: _booleen(v), "entier": lambda v, c: _entier(v),
              "enum": _enum, "liste": _liste}


def _chemin_du_message(message: str) -> str:
    return message.split(" : ", 1)[0]


# Par colonne : la colonne, les sections où ranger sa valeur, son nom (calculés une fois ;
# le repérage des cohortes convertit des dizaines de milliers de combinaisons distinctes).
_PLACES = {chemin: (c, tuple(chemin.split(".")[:-1]), chemin.rsplit(".", 1)[-1])
           for chemin, c in CHAMPS_COLONNES.items()}
_CONVERSIONS: dict[tuple[str, str], tuple[Any, str | None]] = {}
_CONVERSIONS_MAX = 100_000


def _convertir_cellule(c: Colonne, cellule: Any) -> tuple[Any, str | None]:
    """(valeur convertie, message d'erreur ou None) d'une cellule non vide, pas encore
    gardée. Une cellule de texte ne dépend que de sa colonne : sa conversion est gardée
    (mémoire bornée ; ``convertir_ligne`` la relit, une liste rendue neuve à chaque fois)."""
    cle = (c.chemin, cellule) if type(cellule) is str else None
    try:
        resultat: tuple[Any, str | None] = (_CONVERTIR[c.genre](cellule, c), None)
    except _Invalide as e:
        resultat = (None, str(e))
    if cle is not None:
        if len(_CONVERSIONS) >= _CONVERSIONS_MAX:
            _CONVERSIONS.clear()
        valeur, erreur = resultat
        _CONVERSIONS[cle] = (list(valeur) if type(valeur) is list else valeur), erreur
    return resultat


def convertir_ligne(ligne: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Les cellules d'une ligne → (données imbriquées pour ``Situation``, erreurs de
    conversion). Les colonnes inconnues sont ignorées ici (``lire_tableau`` les refuse)."""
    donnees: dict[str, Any] = {}
    erreurs: list[str] = []
    remplis: dict[str, list[str]] = {}
    for chemin, cellule in ligne.items():
        place = _PLACES.get(chemin)
        if place is None:
            continue
        c, sections, nom = place
        if type(cellule) is str:  # le cas courant, sans appel : vide, ou conversion gardée
            if not cellule or cellule.isspace():
                continue
            connu = _CONVERSIONS.get((chemin, cellule))
            if connu is None:
                valeur, erreur = _convertir_cellule(c, cellule)
            else:
                valeur, erreur = connu
                if type(valeur) is list:
                    valeur = list(valeur)
        elif est_vide(cellule):
            continue
        else:
            valeur, erreur = _convertir_cellule(c, cellule)
        if erreur is not None:
            erreurs.append(f"{chemin} : {erreur}")
        if c.groupe:
            remplis.setdefault(c.groupe, []).append(chemin)
        if valeur is None:
            continue
        cible = donnees
        for m in sections:
            cible = cible.setdefault(m, {})
        cible[nom] = valeur
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


LONGUEUR_MESSAGE = 300
_INVISIBLES = {i: f"\\x{i:02x}" for i in (*range(0x20), 0x7f)} | {0x0A: "\\n", 0x0D: "\\r",
                                                                  0x09: "\\t"}


def message_sur(texte: str, longueur: int = LONGUEUR_MESSAGE) -> str:
    """Un message qui reprend une saisie, rendu sûr à afficher : caractères de contrôle
    échappés (pas de fausse ligne ni de séquence de terminal), coupé à ``longueur``."""
    texte = texte.translate(_INVISIBLES)
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"


def rejets_depuis_erreur(ligne: int, id_: str | None, erreur: ErreurSaisie,
                         maximum: int | None = None) -> list[Rejet]:
    """Les rejets d'une ligne refusée : un par message, au plus ``maximum`` (puis un
    dernier qui compte les autres), chacun borné et échappé (``message_sur``)."""
    rejets = []
    messages_ = erreur.messages
    reste = 0
    if maximum is not None and len(messages_) > maximum:
        messages_, reste = messages_[:maximum], len(messages_) - maximum
    for m in messages_:
        champ, _, texte = m.partition(" : ")
        rejets.append(Rejet(ligne, id_, message_sur(champ, 80), message_sur(texte or m)))
    if reste:
        rejets.append(Rejet(ligne, id_, "(ligne)", f"… et {reste} autres erreurs sur cette "
                                                    "ligne"))
    return rejets


def nb_lignes_rejetees(rejets: list[Rejet]) -> int:
    return len({r.ligne for r in rejets})


def verifier_colonnes(colonnes: list[Any]) -> Entete:
    """Refuse un tableau aux colonnes mal orthographiées, en double ou sans ``age``."""
    return resoudre_entete(colonnes, COLONNES_RESULTATS)


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
    noms = list(verifier_colonnes(list(df.columns)).canoniques)
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
COLONNES_LISTES = ("secteurs", "parcours", "clusters", "acteurs", "appuis", "alertes")
COLONNES_RESULTATS: list[str] = [
    "niveau", "urgence", "pps", *COLONNES_LISTES, *(f"scores.{s}" for s in SCORES), "regles",
]
COLONNES_SORTIE: list[str] = ["id", *COLONNES_RESULTATS]
DESCRIPTION_SORTIE: dict[str, str] = {
    c: vocabulaire().sortie[c.split(".")[0] if c.startswith("scores.") else c]
    for c in COLONNES_SORTIE
}


def _joindre(valeurs: Sequence[str]) -> str:
    return SEPARATEUR_LISTE.join(valeurs)


def conclusions_vers_ligne(c: Conclusions | Orientation) -> dict[str, Any]:
    """La partie de la ligne de sortie qui ne dépend que des règles tirées : l'agrégat
    commun (``resultat.assemblage.reunir``) mis à plat, listes jointes par « ; » (d'une
    ``Orientation`` de ``screen()`` : les mêmes colonnes)."""
    if isinstance(c, Orientation):
        ligne = resultat_vers_ligne(None, c)
        return {k: ligne[k] for k in ("niveau", "urgence", "pps", *COLONNES_LISTES, "regles")}
    return {
        "niveau": c.niveau,
        "urgence": c.urgence,
        "pps": c.pps,
        "secteurs": _joindre(c.secteurs),
        "parcours": _joindre(c.parcours),
        "clusters": _joindre([cid for cid, _, _ in c.clusters]),
        "acteurs": _joindre([a for _, acteurs, _ in c.clusters for a in acteurs]),
        "appuis": _joindre([a for a, _ in c.appuis]),
        "alertes": _joindre([a for a, _ in c.alertes]),
        "regles": _joindre(c.regles),
    }


def resultat_vers_ligne(id: str | None, o: Orientation) -> dict[str, Any]:  # noqa: A002
    """Une orientation de ``screen()`` → une ligne de sortie (colonnes ``COLONNES_SORTIE``,
    listes jointes par « ; », scores absents = None) : sert d'étalon aux cohortes."""
    conclusions = {
        "niveau": o.niveau, "urgence": o.urgence, "pps": o.pps,
        "secteurs": _joindre(o.secteurs), "parcours": _joindre(o.parcours),
        "clusters": _joindre([c.id for c in o.clusters]),
        "acteurs": _joindre([a.id for c in o.clusters for a in c.acteurs]),
        "appuis": _joindre([a.id for a in o.appuis]),
        "alertes": _joindre([a.id for a in o.alertes]),
        "regles": _joindre(o.regles_tirees),
    }
    ligne: dict[str, Any] = {"id": id}
    for nom in COLONNES_RESULTATS:
        if nom.startswith("scores."):
            ligne[nom] = getattr(o.scores, nom.removeprefix("scores."))
        else:
            ligne[nom] = conclusions[nom]
    return ligne


def modele_vierge(exemple: bool = True) -> pd.DataFrame:
    """Le modèle à télécharger : toutes les colonnes documentées, et une ligne d'exemple."""
    import pandas as pd

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
