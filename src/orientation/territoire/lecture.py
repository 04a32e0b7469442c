"""Une cohorte pour le diagnostic territorial ou l'essai de règles : lue, repérée si elle ne
l'est pas, alignée ligne à ligne avec ses données territoriales.

Deux sortes de fichiers (CSV, Excel, Parquet, JSON Lines, comme ``orientation batch``) :
- **non repérée** : les colonnes d'entrée de ``batch`` (``age``, ``contexte.*``…) ; elle est
  repérée par le pipeline des cohortes (``tables.cohorte.ReperageCohorte``, l'évaluateur
  vectoriel de ``batch``), chaque ligne invalide rejetée avec son numéro ;
- **déjà repérée** : une sortie de ``batch`` (colonne ``niveau``…), à laquelle le
  coordonnateur a pu joindre l'âge et la commune ; les résultats sont lus tels quels.

Une colonne ``commune`` (code INSEE ou nom, donnée territoriale et non champ de la
situation) est mise de côté avant le repérage et recopiée sur chaque ligne. Rien n'est écrit
sur disque ; les comptes tombent juste : lues = repérées + rejetées.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orientation.referentiel import Referentiel
from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.atelier import lire_fichier
from orientation.tables.cohorte import ReperageCohorte
from orientation.tables.colonnes import (
    CHAMPS_COLONNES,
    COLONNE_ID,
    COLONNES_SORTIE,
    Rejet,
    est_vide,
    identifiant,
    verifier_colonnes,
)

COLONNE_COMMUNE = "commune"
FORMATS = (".csv", ".xlsx", ".parquet", ".jsonl")
_COLONNES_REPEREES = set(COLONNES_SORTIE) | set(CHAMPS_COLONNES) | {COLONNE_COMMUNE}


@dataclass
class CohorteReperee:
    """Une ligne par patient repéré : les colonnes de sortie de ``batch`` (listes jointes par
    « ; »), plus ``ligne`` (numéro dans le fichier), ``age`` et ``commune`` quand le fichier
    les donne, et les colonnes d'entrée s'il y en avait."""

    lignes: pd.DataFrame
    rejets: list[Rejet] = field(default_factory=list)
    lues: int = 0
    deja_reperee: bool = False

    @property
    def nb_rejetees(self) -> int:
        return len({r.ligne for r in self.rejets})

    @property
    def reperees(self) -> int:
        return len(self.lignes)


def _aplatir(objet: dict[str, Any], prefixe: str = "") -> dict[str, Any]:
    plat: dict[str, Any] = {}
    for cle, valeur in objet.items():
        if isinstance(valeur, dict):
            plat.update(_aplatir(valeur, f"{prefixe}{cle}."))
        else:
            plat[f"{prefixe}{cle}"] = valeur
    return plat


def _jsonl(octets: bytes) -> tuple[pd.DataFrame, np.ndarray, list[Rejet]]:
    enregistrements, numeros, rejets = [], [], []
    for numero, brut in enumerate(octets.splitlines(), start=1):
        if not brut.strip():
            continue
        try:
            objet = json.loads(brut.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            rejets.append(Rejet(numero, None, "(ligne)", "JSON invalide"))
            continue
        if not isinstance(objet, dict):
            rejets.append(Rejet(numero, None, "(ligne)", "un objet JSON est attendu, par "
                                                         "exemple {\"age\": 80}"))
            continue
        enregistrements.append(_aplatir(objet))
        numeros.append(numero)
    df = pd.DataFrame(enregistrements)
    return df, np.array(numeros, dtype=np.int64), rejets


def lire_tableau_brut(nom: str, octets: bytes) -> tuple[pd.DataFrame, np.ndarray, list[Rejet]]:
    """Les cellules d'un fichier reçu (nom pour le format), le numéro de chaque ligne tel
    que l'utilisateur le voit (l'en-tête est la ligne 1), et les lignes illisibles."""
    suffixe = Path(nom).suffix.lower()
    if suffixe not in FORMATS + (".xlsm",):
        raise ErreurSaisie([f"(fichier) : format « {suffixe or nom} » non pris en charge ; "
                            f"formats permis : {', '.join(FORMATS)}"])
    if suffixe == ".jsonl":
        return _jsonl(octets)
    if suffixe == ".parquet":
        try:
            df = pd.read_parquet(io.BytesIO(octets))
        except Exception as e:  # noqa: BLE001 — tout fichier illisible donne le même message
            raise ErreurSaisie([f"(fichier) : Parquet illisible ({type(e).__name__})"]) from None
    else:
        try:
            df = lire_fichier(nom if suffixe != ".xlsm" else nom, octets)
        except ErreurSaisie:
            raise
        except Exception as e:  # noqa: BLE001
            raise ErreurSaisie([f"(fichier) : fichier illisible ({type(e).__name__})"]) from None
    df.columns = [str(c).strip() for c in df.columns]
    return df, np.arange(2, 2 + len(df), dtype=np.int64), []


def lire_cohorte(source: Path | str | tuple[str, bytes], referentiel: Referentiel
                 ) -> CohorteReperee:
    """Lit (et repère si besoin) une cohorte : un chemin, ou (nom, octets) reçus par
    l'application. ``ErreurSaisie`` si le fichier entier est refusé."""
    if isinstance(source, tuple):
        nom, octets = source
    else:
        chemin = Path(source)
        if not chemin.is_file():
            raise ErreurSaisie([f"(fichier) : « {chemin} » introuvable"])
        nom, octets = chemin.name, chemin.read_bytes()
    df, numeros, rejets = lire_tableau_brut(nom, octets)
    return reperer_tableau(df, numeros, referentiel, rejets)


def reperer_tableau(df: pd.DataFrame, numeros: np.ndarray, referentiel: Referentiel,
                    rejets: list[Rejet] | None = None) -> CohorteReperee:
    """Repère un tableau déjà lu (ou le prend tel quel s'il est déjà repéré)."""
    rejets = list(rejets or [])
    lues = len(df) + len({r.ligne for r in rejets})
    if "niveau" in df.columns:
        return _deja_reperee(df, numeros, referentiel, rejets, lues)
    entree = df.drop(columns=[COLONNE_COMMUNE], errors="ignore")
    verifier_colonnes(list(entree.columns))
    vides = np.array([all(est_vide(v) for v in ligne)
                      for ligne in entree.itertuples(index=False, name=None)], dtype=bool)
    if vides.any():  # une ligne vide finale d'Excel n'est pas un patient : elle n'est pas lue
        df, entree, numeros = df[~vides], entree[~vides], numeros[~vides]
        lues -= int(vides.sum())
    sortie, rejets_reperage = ReperageCohorte(referentiel).traiter_tableau(entree, numeros)
    rejetees = {r.ligne for r in rejets_reperage}
    garde = np.array([n not in rejetees for n in numeros], dtype=bool)
    if garde.sum() != len(sortie):  # pragma: no cover — garde-fou
        raise RuntimeError("repérage : lignes de sortie et d'entrée non alignées")
    lignes = sortie.copy()
    lignes.insert(0, "ligne", numeros[garde])
    entree_gardee = entree[garde].reset_index(drop=True)
    for c in entree_gardee.columns:
        if c != COLONNE_ID:
            lignes[c] = entree_gardee[c].to_numpy()
    if COLONNE_COMMUNE in df.columns:
        lignes[COLONNE_COMMUNE] = _communes(df[COLONNE_COMMUNE].to_numpy()[garde])
    return CohorteReperee(lignes.reset_index(drop=True), rejets + rejets_reperage, lues, False)


def _communes(valeurs: np.ndarray) -> np.ndarray:
    return np.array([None if est_vide(v) else identifiant(v) for v in valeurs], dtype=object)


def _deja_reperee(df: pd.DataFrame, numeros: np.ndarray, referentiel: Referentiel,
                  rejets: list[Rejet], lues: int) -> CohorteReperee:
    inconnues = [c for c in df.columns if c not in _COLONNES_REPEREES]
    if inconnues:
        raise ErreurSaisie([f"(colonnes) : colonne inconnue « {c} » dans un fichier déjà "
                            "repéré (colonnes de sortie de orientation batch, plus age et "
                            "commune)" for c in inconnues])
    niveaux = set(referentiel.catalogue.niveaux)
    valides = []
    for i, (numero, niveau) in enumerate(zip(numeros, df["niveau"], strict=True)):
        texte = "" if est_vide(niveau) else str(niveau).strip()
        if texte in niveaux:
            valides.append(i)
        else:
            id_ = identifiant(df[COLONNE_ID].iloc[i]) if COLONNE_ID in df.columns else None
            rejets.append(Rejet(int(numero), id_, "niveau",
                                f"niveau « {texte} » inconnu (niveaux : {', '.join(niveaux)})"))
    lignes = df.iloc[valides].reset_index(drop=True).copy()
    lignes["niveau"] = [str(v).strip() for v in lignes["niveau"]]
    for c in ("secteurs", "parcours", "clusters", "acteurs", "appuis", "alertes", "regles"):
        lignes[c] = ["" if est_vide(v) else str(v).strip() for v in lignes[c]] \
            if c in lignes.columns else ""
    lignes.insert(0, "ligne", numeros[valides])
    if COLONNE_COMMUNE in lignes.columns:
        lignes[COLONNE_COMMUNE] = _communes(lignes[COLONNE_COMMUNE].to_numpy())
    return CohorteReperee(lignes, rejets, lues, True)
