"""Atelier de scénarios (page Scénarios) : un tableau reçu en fichier, repéré en mémoire par le
même chemin que ``orientation batch`` (``tables.lot.executer``).

Même fichier, mêmes octets : le CSV à télécharger est exactement ce qu'écrirait
``orientation batch fichier.csv -o resultats.csv`` (un test le vérifie), le classeur celui de
``-o resultats.xlsx``. Rien n'est écrit sur disque : le fichier reçu et les exports restent en
mémoire. Le repérage est vectoriel (``tables.cohorte``) : 10 000 lignes en moins d'une
seconde, le référentiel compilé une fois pour la session.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from orientation.tables.colonnes import COLONNES_REJETS
from orientation.tables.fichiers import Source, format_de
from orientation.tables.gabarit import (
    ENTETE_DOCUMENTATION,
    documentation,
    modele_csv,
    modele_excel,
)
from orientation.tables.lot import OPTIONS, Bilan, Collecte, Options, executer

Progression = Callable[[int, int], None]

__all__ = ["Lot", "documentation_colonnes", "modele_csv", "modele_excel", "reperer_fichier"]


@dataclass(frozen=True)
class Lot:
    """Un fichier repéré : la sortie (comme ``batch``), les rejets, les comptes."""

    nom: str
    contenu: bytes
    options: Options
    bilan: Bilan
    resultats: pd.DataFrame  # colonne « ligne », puis les colonnes de la sortie
    rejets: pd.DataFrame  # colonnes : COLONNES_REJETS
    sortie_csv: bytes

    @property
    def nb_lignes(self) -> int:
        return self.bilan.lues

    @property
    def nb_rejetees(self) -> int:
        return self.bilan.rejetees

    def vue_d_ensemble(self) -> pd.DataFrame:
        """Toutes les lignes du fichier dans leur ordre : le résultat des lignes repérées, et
        pour les autres leurs erreurs (« colonne : message »)."""
        r = self.rejets
        erreurs = (r.assign(erreur=r["champ"] + " : " + r["message"])
                   .groupby("ligne", sort=False).agg(erreurs=("erreur", " ; ".join))
                   .reset_index())
        ensemble = pd.concat([self.resultats.assign(erreurs=""), erreurs], ignore_index=True)
        ensemble = ensemble.sort_values("ligne", kind="stable").reset_index(drop=True)
        ensemble.insert(1, "statut", ensemble["erreurs"].map(
            lambda e: "erreur" if e else "repéré"))
        return ensemble

    def excel(self) -> bytes:
        """Le classeur de ``orientation batch … -o resultats.xlsx`` (rejets en seconde
        feuille), calculé à la demande."""
        flux = io.BytesIO()
        executer(Source.octets(self.nom, self.contenu), flux,
                 Options(**{**vars(self.options), "format_sortie": ".xlsx"}))
        return flux.getvalue()


def reperer_fichier(nom: str, contenu: bytes, options: Options = OPTIONS,
                    progression: Progression | None = None) -> Lot:
    """Repère un fichier reçu (CSV, Excel, Parquet, JSON Lines). ``ErreurSaisie`` si le
    fichier entier est refusé (format, en-têtes)."""
    format_de(nom)
    collecte = Collecte()
    flux = io.BytesIO()

    def avancer(bilan: Bilan, total: int | None) -> None:
        if progression is not None:
            progression(bilan.lues, total or bilan.lues)

    bilan = executer(Source.octets(nom, contenu), flux, options, collecte=collecte,
                     progression=avancer)
    if progression is not None:
        progression(bilan.lues, bilan.lues)
    if collecte.lots:
        table = pa.Table.from_batches(collecte.lots)
        colonnes = [c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c
                    for c in table.columns]
        resultats = pa.Table.from_arrays(colonnes, names=table.column_names).to_pandas()
        resultats.insert(0, "ligne", np.concatenate(collecte.lignes))
    else:
        resultats = pd.DataFrame(columns=["ligne"])
    rejets = pd.DataFrame([vars(r) for r in collecte.rejets], columns=COLONNES_REJETS)
    return Lot(nom, contenu, options, bilan, resultats, rejets, flux.getvalue())


def documentation_colonnes() -> pd.DataFrame:
    return pd.DataFrame(documentation(), columns=list(ENTETE_DOCUMENTATION))
