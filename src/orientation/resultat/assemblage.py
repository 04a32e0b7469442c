"""L'assemblage du résultat à partir des règles tirées.

L'assemblage est générique : il réunit les conclusions des règles qui ont été tirées, dans
l'ordre du catalogue. Aucune décision ici : le niveau retenu est le plus élevé des niveaux
conclus (``simple`` si aucune règle n'en conclut), l'urgence et le PPS sont proposés dès
qu'une règle les conclut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from orientation.evaluation.trace import champs_a_completer, temoins
from orientation.referentiel import ORDRE_NIVEAUX, Comparaison, Referentiel, Regle
from orientation.resultat.modele import (
    ACompleter,
    Acteur,
    Alerte,
    AppuiPropose,
    ClusterPropose,
    Explication,
    InfoReferentiel,
    Orientation,
    ReferenceSortie,
    Scores,
)
from orientation.situation.faits import CHAMPS
from orientation.situation.modele import Situation


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
