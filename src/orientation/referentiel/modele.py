"""Le modèle du référentiel : règles, conditions, conclusions, paramètres, catalogue.

Des objets immuables, produits par ``chargement`` à partir des fichiers YAML de ``rules/`` ;
les évaluateurs (``orientation.evaluation``) et la documentation les lisent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "CONCLUSIONS_LISTES",
    "OPERATEURS_CONCLUSION",
    "ErreurReferentiel",
    "Reference",
    "Parametre",
    "Comparaison",
    "SurConclusion",
    "Toutes",
    "UneDe",
    "Aucune",
    "AuMoins",
    "Condition",
    "Conclusions",
    "Regle",
    "Cluster",
    "Catalogue",
    "Referentiel",
    "iter_termes",
    "iter_comparaisons",
]

CONCLUSIONS_LISTES = ("secteurs", "parcours", "appuis", "alertes", "clusters")

OPERATEURS_CONCLUSION = ("contient", "nombre_au_moins", "egal")


class ErreurReferentiel(Exception):
    """Une ou plusieurs erreurs dans ``rules/``, chacune avec son fichier et sa ligne."""

    def __init__(self, erreurs: list[str]):
        self.erreurs = erreurs
        super().__init__("\n".join(erreurs))



@dataclass(frozen=True)
class Reference:
    titre: str
    lien: str | None = None
    article: str | None = None


@dataclass(frozen=True)
class Parametre:
    nom: str
    description: str
    valeur: Any
    unite: str
    depuis: dt.date
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class Comparaison:
    """``champ <operateur> valeur`` sur la situation."""

    champ: str
    operateur: str
    valeur: Any
    parametre: str | None = None  # nom du paramètre d'où vient la valeur


@dataclass(frozen=True)
class SurConclusion:
    """Ce que d'autres règles ont conclu (chaînage avant)."""

    sorte: str  # secteurs, parcours, appuis, alertes, clusters, niveau, pps, urgence
    operateur: str  # contient, nombre_au_moins, egal
    valeur: Any


@dataclass(frozen=True)
class Toutes:
    termes: tuple[Condition, ...]


@dataclass(frozen=True)
class UneDe:
    termes: tuple[Condition, ...]


@dataclass(frozen=True)
class Aucune:
    termes: tuple[Condition, ...]


@dataclass(frozen=True)
class AuMoins:
    nombre: int
    termes: tuple[Condition, ...]


Condition = Comparaison | SurConclusion | Toutes | UneDe | Aucune | AuMoins


@dataclass(frozen=True)
class Conclusions:
    niveau: str | None = None
    urgence: bool = False
    pps: bool = False
    secteurs: tuple[str, ...] = ()
    parcours: tuple[str, ...] = ()
    clusters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    appuis: tuple[str, ...] = ()
    alertes: tuple[str, ...] = ()

    def paires(self) -> list[tuple[str, Any]]:
        """(sorte, valeur) de chaque conclusion : ce que ``conclusion.<sorte>`` examine."""
        paires: list[tuple[str, Any]] = [(s, v) for s in ("secteurs", "parcours", "appuis",
                                                          "alertes") for v in getattr(self, s)]
        paires += [("clusters", cid) for cid, _ in self.clusters]
        if self.niveau:
            paires.append(("niveau", self.niveau))
        if self.pps:
            paires.append(("pps", True))
        if self.urgence:
            paires.append(("urgence", True))
        return paires

    def en_dict(self) -> dict[str, Any]:
        """Les conclusions non vides, pour les explications."""
        d: dict[str, Any] = {}
        if self.niveau:
            d["niveau"] = self.niveau
        if self.urgence:
            d["urgence"] = True
        if self.pps:
            d["pps"] = True
        for nom in ("secteurs", "parcours"):
            if getattr(self, nom):
                d[nom] = list(getattr(self, nom))
        if self.clusters:
            d["clusters"] = {c: list(a) for c, a in self.clusters}
        for nom in ("appuis", "alertes"):
            if getattr(self, nom):
                d[nom] = list(getattr(self, nom))
        return d


@dataclass(frozen=True)
class Regle:
    id: str
    titre: str
    description: str
    references: tuple[Reference, ...]
    si: Condition
    alors: Conclusions
    fichier: str
    ligne: int
    theme: str
    note: str | None = None

    @property
    def champs(self) -> tuple[str, ...]:
        """Les champs de la situation que la règle consulte, dans l'ordre d'écriture."""
        return tuple(dict.fromkeys(c.champ for c in iter_comparaisons(self.si)))

    @property
    def conclusions_requises(self) -> tuple[SurConclusion, ...]:
        return tuple(c for c in iter_termes(self.si) if isinstance(c, SurConclusion))


@dataclass(frozen=True)
class Cluster:
    id: str
    libelle: str
    acteurs: dict[str, str]


@dataclass(frozen=True)
class Catalogue:
    version: str
    themes: tuple[str, ...]  # fichiers de règles, dans l'ordre d'évaluation
    niveaux: dict[str, dict[str, str]]
    secteurs: dict[str, str]
    parcours: dict[str, str]
    clusters: dict[str, Cluster]
    appuis: dict[str, dict[str, str]]
    alertes: dict[str, dict[str, str]]

    @property
    def ordre_niveaux(self) -> tuple[str, ...]:
        """Les niveaux du plus simple au plus complexe (ordre de catalogue.yaml) ; le premier
        est celui d'une situation qu'aucune règle ne retient."""
        return tuple(self.niveaux)

    def libelle_acteur(self, cluster: str, acteur: str) -> str:
        return self.clusters[cluster].acteurs[acteur]


@dataclass(frozen=True)
class Referentiel:
    dossier: Path
    catalogue: Catalogue
    parametres: dict[str, Parametre]
    regles: tuple[Regle, ...]
    themes: dict[str, str] = field(default_factory=dict)  # fichier → thème

    @property
    def valeurs_parametres(self) -> dict[str, Any]:
        return {nom: p.valeur for nom, p in self.parametres.items()}

    def regle(self, id_regle: str) -> Regle:
        for r in self.regles:
            if r.id == id_regle:
                return r
        raise KeyError(id_regle)


def iter_termes(condition: Condition) -> Iterator[Condition]:
    yield condition
    if isinstance(condition, Toutes | UneDe | Aucune | AuMoins):
        for terme in condition.termes:
            yield from iter_termes(terme)


def iter_comparaisons(condition: Condition) -> Iterator[Comparaison]:
    return (c for c in iter_termes(condition) if isinstance(c, Comparaison))
