"""Atelier de scénarios : un lot de situations reçu en fichier (CSV ou Excel), en mémoire :
lire, repérer chaque ligne, exporter.

La lecture des cellules et leur validation sont celles de ``tableau`` (colonnes
documentées, rejets par ligne nommant la colonne fautive) ; ce module ajoute ce qu'il faut
autour pour un coordonnateur : ouvrir le fichier reçu (en mémoire), repérer les lignes
valides avec un suivi de progression, réunir résultats et erreurs dans un seul tableau
dans l'ordre du fichier, et produire les fichiers à télécharger (en mémoire aussi).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.colonnes import (
    COLONNES_REJETS,
    COLONNES_SORTIE,
    DESCRIPTION_COLONNES,
    DESCRIPTION_SORTIE,
    lire_tableau,
    modele_vierge,
    resultat_vers_ligne,
)
from orientation.tables.lot import separateur_csv

Progression = Callable[[int, int], None]


def lire_fichier(nom: str, contenu: bytes) -> pd.DataFrame:
    """Un fichier reçu → tableau de cellules, sans rien écrire sur disque.

    CSV : séparateur « , » ou « ; » (lu sur la ligne d'en-tête, où aucune cellule ne
    contient de liste), UTF-8 (avec ou sans BOM) ou Windows-1252 ; toutes les cellules
    restent du texte, converti ensuite par ``tableau``. Excel : la première feuille.
    """
    extension = nom.rsplit(".", 1)[-1].lower() if "." in nom else ""
    if extension in ("xlsx", "xlsm"):
        try:
            return pd.read_excel(io.BytesIO(contenu), sheet_name=0)
        except Exception as e:  # fichier abîmé ou pas un classeur : dit en français
            raise ErreurSaisie([f"(fichier) : classeur Excel illisible ({type(e).__name__})"]) \
                from None
    if extension != "csv":
        raise ErreurSaisie([f"(fichier) : « {nom} » n'est ni un .csv ni un .xlsx"])
    for encodage in ("utf-8-sig", "cp1252"):
        try:
            texte = contenu.decode(encodage)
            break
        except UnicodeDecodeError:
            continue
    entete = texte.splitlines()[0] if texte.strip() else ""
    if not entete:
        raise ErreurSaisie(["(fichier) : le fichier est vide"])
    separateur = separateur_csv(entete)
    try:
        return pd.read_csv(io.StringIO(texte), sep=separateur, dtype=str,
                           keep_default_na=False, skip_blank_lines=True)
    except (pd.errors.ParserError, csv.Error) as e:
        raise ErreurSaisie([f"(fichier) : CSV illisible — {e}"]) from None


@dataclass(frozen=True)
class Lot:
    """Les résultats d'un lot : une ligne par situation repérée, une par erreur."""

    resultats: pd.DataFrame  # colonnes : ligne, puis tableau.COLONNES_SORTIE
    rejets: pd.DataFrame  # colonnes : tableau.COLONNES_REJETS
    nb_lignes: int

    @property
    def nb_rejetees(self) -> int:
        return self.rejets["ligne"].nunique()

    def vue_d_ensemble(self) -> pd.DataFrame:
        """Toutes les lignes du fichier dans leur ordre : le résultat des lignes valides,
        et à côté, pour les autres, leurs erreurs (« colonne : message »)."""
        erreurs = (self.rejets.assign(erreur=self.rejets["champ"] + " : " + self.rejets["message"])
                   .groupby("ligne", sort=False)
                   .agg(id=("id", "first"), erreurs=("erreur", " ; ".join))
                   .reset_index())
        ensemble = pd.concat([self.resultats.assign(erreurs=""), erreurs], ignore_index=True)
        ensemble = ensemble.sort_values("ligne", kind="stable").reset_index(drop=True)
        ensemble.insert(1, "statut", ensemble["erreurs"].map(lambda e: "erreur" if e else "repéré"))
        return ensemble[["ligne", "statut", *COLONNES_SORTIE, "erreurs"]]


def reperer_tableau(df: pd.DataFrame, screen: Callable, progression: Progression | None = None
                    ) -> Lot:
    """Valide chaque ligne puis repère les lignes valides, en appelant
    ``progression(fait, total)`` au fil de l'eau. Lève ``ErreurSaisie`` si les colonnes
    sont refusées (fichier entier)."""
    valides, rejets = lire_tableau(df)
    lignes = []
    total = len(valides)
    pas = max(1, total // 100)
    for i, (numero, id_, situation) in enumerate(valides, 1):
        lignes.append({"ligne": numero, **resultat_vers_ligne(id_, screen(situation))})
        if progression and (i % pas == 0 or i == total):
            progression(i, total)
    if progression and total == 0:
        progression(0, 0)
    return Lot(
        resultats=pd.DataFrame(lignes, columns=["ligne", *COLONNES_SORTIE]),
        rejets=pd.DataFrame([vars(r) for r in rejets], columns=COLONNES_REJETS),
        nb_lignes=len(df),
    )


# --- Fichiers à télécharger (en mémoire) -------------------------------------------------------


def vers_csv(df: pd.DataFrame) -> bytes:
    """CSV UTF-8 avec BOM (Excel l'ouvre avec ses accents), séparateur « , »."""
    return df.to_csv(index=False).encode("utf-8-sig")


def _classeur(feuilles: dict[str, pd.DataFrame]) -> bytes:
    tampon = io.BytesIO()
    with pd.ExcelWriter(tampon, engine="openpyxl") as classeur:
        for nom, df in feuilles.items():
            df.to_excel(classeur, sheet_name=nom, index=False)
    return tampon.getvalue()


def documentation_colonnes() -> pd.DataFrame:
    return pd.DataFrame({"colonne": list(DESCRIPTION_COLONNES),
                         "description": list(DESCRIPTION_COLONNES.values())})


def modele_csv() -> bytes:
    return vers_csv(modele_vierge())


def modele_excel() -> bytes:
    """Le modèle et, sur une seconde feuille, la description de chaque colonne."""
    return _classeur({"situations": modele_vierge(), "colonnes": documentation_colonnes()})


def resultats_excel(lot: Lot) -> bytes:
    description = pd.DataFrame({"colonne": list(DESCRIPTION_SORTIE),
                                "description": list(DESCRIPTION_SORTIE.values())})
    return _classeur({"resultats": lot.vue_d_ensemble(), "erreurs": lot.rejets,
                      "colonnes": description})
