"""Le résultat d'un repérage (CONTRACT.md, « Output ») : le modèle de sortie."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Sortie(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Sortie):
    """Une structure à joindre près du patient (CONTRACT.md, ``contacts``), tirée de l'annuaire
    local (``orientation.annuaire``) : FINESS (Licence Ouverte, ``source`` cite le fichier) ou
    l'annuaire territorial d'un DAC ou d'une CPTS. ``telephone`` tel que dans le fichier ;
    ``distance_km`` à vol d'oiseau depuis le centre approché de la commune, absente quand une
    des deux positions manque."""

    nom: str
    adresse: str | None = None
    telephone: str | None = None
    courriel: str | None = None
    finess: str | None = None
    distance_km: float | None = None
    source: str


class Acteur(_Sortie):
    id: str
    libelle: str
    contacts: list[Contact] = []


class ClusterPropose(_Sortie):
    id: str
    libelle: str
    acteurs: list[Acteur]
    regles: list[str]


class AppuiPropose(_Sortie):
    id: str
    libelle: str
    contacts: list[Contact] = []
    regles: list[str]


class Alerte(_Sortie):
    id: str
    message: str
    regles: list[str]


class Scores(_Sortie):
    epices: float | None = None
    epices_precarite: bool | None = None
    mini_zarit: float | None = None
    mini_zarit_fardeau: str | None = None  # absent_ou_leger … severe (instruments)
    gir: int | None = None
    gir_source: str | None = None  # saisi ou aggir
    fragilite: str | None = None  # non_reperee, a_confirmer, fragile, non_fragile


class ReferenceSortie(_Sortie):
    titre: str
    lien: str | None = None
    article: str | None = None


class Explication(_Sortie):
    regle: str
    titre: str
    description: str
    conclusions: dict[str, Any]
    references: list[ReferenceSortie]
    valeurs: dict[str, Any]
    """Les valeurs de la situation qui ont fait tirer la règle (champ → valeur)."""


class ACompleter(_Sortie):
    """Une information facultative non renseignée (GIR, questionnaire) qui déciderait de
    règles encore indécises : la prochaine question à poser (« missingVariables » de
    Publicodes), les plus influentes d'abord. Ajout au contrat : il rend visible ce que le
    repérage n'a pas pu trancher."""

    champ: str
    libelle: str
    regles: list[str]
    niveau_possible: str | None = None
    """Le niveau plus élevé qu'une de ces règles conclurait : les informations qui
    changeraient le niveau viennent en tête de ``a_completer``."""


class LieuContacts(_Sortie):
    """Où les contacts ont été cherchés (ajout au contrat, issue 11) : présent seulement si
    un lieu et un annuaire ont été donnés. ``saisi`` : le code donné (INSEE ou postal) ;
    ``commune`` : le code INSEE retenu, ``None`` si l'annuaire ne la connaît pas ;
    ``distances`` : vrai si la commune a un centre connu (contacts triés par distance) ;
    ``annuaire`` : les sources de l'annuaire (attribution de la Licence Ouverte)."""

    saisi: str
    commune: str | None = None
    nom: str | None = None
    departement: str | None = None
    distances: bool = False
    annuaire: list[str] = []


class InfoReferentiel(_Sortie):
    version: str
    nb_regles: int


class Orientation(_Sortie):
    niveau: str  # un niveau du catalogue (simple, coordonne, complexe)
    urgence: bool
    secteurs: list[str]  # identifiants du catalogue : les types suivent les données
    parcours: list[str]
    pps: bool
    clusters: list[ClusterPropose]
    appuis: list[AppuiPropose]
    alertes: list[Alerte]
    scores: Scores
    explications: list[Explication]
    a_completer: list[ACompleter] = []
    referentiel: InfoReferentiel
    lieu: LieuContacts | None = None

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        """Les scores absents ne figurent pas dans la sortie (CONTRACT.md)."""
        donnees = super().model_dump(**kwargs)
        donnees["scores"] = {k: v for k, v in donnees["scores"].items() if v is not None}
        if donnees.get("lieu") is None:
            donnees.pop("lieu", None)  # sans lieu ni annuaire, le résultat reste celui d'avant
        return donnees

    def model_dump_json(self, **kwargs: Any) -> str:
        import json

        indent = kwargs.pop("indent", None)
        return json.dumps(self.model_dump(mode="json", **kwargs), ensure_ascii=False,
                          indent=indent)

    @property
    def regles_tirees(self) -> list[str]:
        return [e.regle for e in self.explications]
