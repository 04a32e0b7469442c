"""L'assemblage du résultat à partir des règles tirées.

L'assemblage est générique : il réunit les conclusions des règles qui ont été tirées, dans
l'ordre du catalogue. Aucune décision ici : le niveau retenu est le plus élevé des niveaux
conclus (le premier du catalogue, « simple », si aucune règle n'en conclut), l'urgence et
le PPS sont proposés dès qu'une règle les conclut. Les valeurs qui expliquent chaque règle
et les informations à compléter viennent d'une seule trace par règle (``evaluation.trace``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from orientation.evaluation.trace import evaluer
from orientation.referentiel import Comparaison, Referentiel, Regle
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
    niveaux = cat.ordre_niveaux
    niveau = niveaux[0]
    urgence = pps = False
    secteurs: dict[str, None] = {}
    parcours: dict[str, None] = {}
    clusters: dict[str, tuple[set[str], list[str]]] = {}
    appuis: dict[str, list[str]] = {}
    alertes: dict[str, list[str]] = {}
    for r in tirees:
        a = r.alors
        if a.niveau and niveaux.index(a.niveau) > niveaux.index(niveau):
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

    # Ce que les règles tirées ont conclu, comme les faits « conclusion_* » du moteur : tous
    # les niveaux conclus (pas seulement le plus haut), pour que « conclusion.niveau » ait le
    # même sens partout.
    conclus = {
        "secteurs": set(secteurs), "parcours": set(parcours), "clusters": set(clusters),
        "appuis": set(appuis), "alertes": set(alertes),
        "niveau": {r.alors.niveau for r in tirees if r.alors.niveau},
        "pps": {True} if pps else set(), "urgence": {True} if urgence else set(),
    }
    ordre = {"secteurs": list(cat.secteurs), "parcours": list(cat.parcours),
             "clusters": list(cat.clusters), "appuis": list(cat.appuis),
             "alertes": list(cat.alertes)}
    traces = {r.id: evaluer(r.si, fait, conclus) for r in referentiel.regles}

    def valeurs(regle: Regle) -> dict[str, Any]:
        resultat: dict[str, Any] = {}
        for t in traces[regle.id].temoins:
            if isinstance(t, Comparaison):
                resultat[t.champ] = valeur_situation(situation, fait, t.champ)
            elif t.sorte in ordre:
                resultat[f"conclusion.{t.sorte}"] = [v for v in ordre[t.sorte]
                                                     if v in conclus[t.sorte]]
            else:
                resultat[f"conclusion.{t.sorte}"] = t.valeur
        return resultat

    tirees_ids = {r.id for r in tirees}
    indecises: dict[str, list[Regle]] = {}
    for r in referentiel.regles:
        if r.id not in tirees_ids:
            for champ in traces[r.id].manquants:
                indecises.setdefault(champ, []).append(r)
    a_completer = classer_a_completer(indecises, niveau, conclus, cat.ordre_niveaux)

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
        a_completer=a_completer,
        referentiel=InfoReferentiel(version=cat.version, nb_regles=len(referentiel.regles)),
    )


def classer_a_completer(indecises: Mapping[str, list[Regle]], niveau: str,
                        conclus: Mapping[str, set], ordre_niveaux: Sequence[str]
                        ) -> list[ACompleter]:
    """Les informations à compléter, les plus influentes d'abord (comme les
    « missingVariables » de Publicodes, classées) : celles dont une règle indécise élèverait
    le niveau du parcours ou conclurait à l'urgence, puis celles qui ajouteraient une
    fonction d'appui ou une alerte, puis les autres ; à égalité, dans l'ordre des champs."""
    ordre_champs = {c: i for i, c in enumerate(CHAMPS)}
    rang_niveau = {n: i for i, n in enumerate(ordre_niveaux)}
    classes = []
    for champ, regles in indecises.items():
        niveaux = [r.alors.niveau for r in regles if r.alors.niveau
                   and rang_niveau[r.alors.niveau] > rang_niveau[niveau]]
        possible = max(niveaux, key=rang_niveau.__getitem__) if niveaux else None
        if possible or any(r.alors.urgence for r in regles):
            influence = 0
        elif any(set(r.alors.appuis) - conclus["appuis"] or set(r.alors.alertes)
                 - conclus["alertes"] for r in regles):
            influence = 1
        else:
            influence = 2
        classes.append(((influence, -rang_niveau.get(possible or niveau, 0),
                         ordre_champs.get(champ, len(ordre_champs))),
                        ACompleter(champ=champ, libelle=CHAMPS[champ].libelle,
                                   regles=[r.id for r in regles], niveau_possible=possible)))
    return [a for _, a in sorted(classes, key=lambda x: x[0])]
