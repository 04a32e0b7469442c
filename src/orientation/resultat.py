"""Le résultat d'un repérage (CONTRACT.md, « Output ») et son assemblage.

L'assemblage est générique : il réunit les conclusions des règles qui ont été tirées, dans
l'ordre du catalogue. Aucune décision ici : le niveau retenu est le plus élevé des niveaux
conclus (``simple`` si aucune règle n'en conclut), l'urgence et le PPS sont proposés dès
qu'une règle les conclut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from orientation.evaluation import champs_a_completer, temoins
from orientation.faits import CHAMPS
from orientation.referentiel import ORDRE_NIVEAUX, Comparaison, Referentiel, Regle
from orientation.situation import Situation


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
    mini_zarit_fardeau: (
        Literal["absent_ou_leger", "leger_a_modere", "modere_a_severe", "severe"] | None
    ) = None
    gir: int | None = None
    gir_source: Literal["saisi", "aggir"] | None = None
    fragilite: Literal["non_reperee", "a_confirmer", "fragile", "non_fragile"] | None = None


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
    Publicodes). Ajout au contrat : il rend visible ce que le repérage n'a pas pu trancher."""

    champ: str
    libelle: str
    regles: list[str]


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
    niveau: Literal["simple", "coordonne", "complexe"]
    urgence: bool
    secteurs: list[Literal["sanitaire", "medico_social", "social"]]
    parcours: list[Literal["soins", "sante", "vie"]]
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
        """Les scores absents ne figurent pas dans la sortie (CONTRACT.md), ni le lieu quand
        aucun n'a été donné."""
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


def valeur_situation(situation: Situation, fait: Mapping[str, Any], chemin: str) -> Any:
    """La valeur d'un champ, telle que la personne l'a saisie (listes comprises)."""
    if chemin in fait:
        return fait[chemin]
    section, _, nom = chemin.partition(".")
    return getattr(getattr(situation, section, None), nom, None)


def assembler(
    referentiel: Referentiel,
    situation: Situation,
    fait: Mapping[str, Any],
    tirees: Sequence[Regle],
) -> Orientation:
    """Réunit les conclusions des règles tirées (dans l'ordre du référentiel)."""
    cat = referentiel.catalogue
    niveau = "simple"
    urgence = pps = False
    secteurs: dict[str, None] = {}
    parcours: dict[str, None] = {}
    clusters: dict[str, tuple[set[str], list[str]]] = {}
    appuis: dict[str, list[str]] = {}
    alertes: dict[str, list[str]] = {}
    for r in tirees:
        a = r.alors
        if a.niveau and ORDRE_NIVEAUX.index(a.niveau) > ORDRE_NIVEAUX.index(niveau):
            niveau = a.niveau
        urgence |= a.urgence
        pps |= a.pps
        secteurs.update(dict.fromkeys(a.secteurs))
        parcours.update(dict.fromkeys(a.parcours))
        for cid, acteurs in a.clusters:
            ens, regles = clusters.setdefault(cid, (set(), []))
            ens.update(acteurs)
            regles.append(r.id)
        for aid in a.appuis:
            appuis.setdefault(aid, []).append(r.id)
        for alid in a.alertes:
            alertes.setdefault(alid, []).append(r.id)

    conclus = {
        "secteurs": set(secteurs), "parcours": set(parcours), "clusters": set(clusters),
        "appuis": set(appuis), "alertes": set(alertes), "niveau": {niveau},
        "pps": {True} if pps else set(), "urgence": {True} if urgence else set(),
    }
    ordre = {"secteurs": list(cat.secteurs), "parcours": list(cat.parcours),
             "clusters": list(cat.clusters), "appuis": list(cat.appuis),
             "alertes": list(cat.alertes)}

    def valeurs(regle: Regle) -> dict[str, Any]:
        resultat: dict[str, Any] = {}
        for t in temoins(regle.si, fait, conclus):
            if isinstance(t, Comparaison):
                resultat[t.champ] = valeur_situation(situation, fait, t.champ)
            elif t.sorte in ordre:
                resultat[f"conclusion.{t.sorte}"] = [v for v in ordre[t.sorte]
                                                     if v in conclus[t.sorte]]
            else:
                resultat[f"conclusion.{t.sorte}"] = t.valeur
        return resultat

    tirees_ids = {r.id for r in tirees}
    a_completer: dict[str, list[str]] = {}
    for r in referentiel.regles:
        if r.id not in tirees_ids:
            for champ in champs_a_completer(r.si, fait, conclus):
                a_completer.setdefault(champ, []).append(r.id)

    scores = {k.removeprefix("scores."): v for k, v in fait.items() if k.startswith("scores.")}
    return Orientation(
        niveau=niveau,
        urgence=urgence,
        secteurs=[s for s in cat.secteurs if s in secteurs],
        parcours=[p for p in cat.parcours if p in parcours],
        pps=pps,
        clusters=[
            ClusterPropose(
                id=cid,
                libelle=cluster.libelle,
                acteurs=[Acteur(id=aid, libelle=lib) for aid, lib in cluster.acteurs.items()
                         if aid in clusters[cid][0]],
                regles=clusters[cid][1],
            )
            for cid, cluster in cat.clusters.items()
            if cid in clusters
        ],
        appuis=[AppuiPropose(id=aid, libelle=info["libelle"], regles=appuis[aid])
                for aid, info in cat.appuis.items() if aid in appuis],
        alertes=[Alerte(id=alid, message=info["message"], regles=alertes[alid])
                 for alid, info in cat.alertes.items() if alid in alertes],
        scores=Scores(**scores),
        explications=[
            Explication(
                regle=r.id,
                titre=r.titre,
                description=r.description,
                conclusions=r.alors.en_dict(),
                references=[ReferenceSortie(titre=ref.titre, lien=ref.lien, article=ref.article)
                            for ref in r.references],
                valeurs=valeurs(r),
            )
            for r in tirees
        ],
        a_completer=[ACompleter(champ=c, libelle=CHAMPS[c].libelle, regles=a_completer[c])
                     for c in CHAMPS if c in a_completer],
        referentiel=InfoReferentiel(version=cat.version, nb_regles=len(referentiel.regles)),
    )
