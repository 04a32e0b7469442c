"""L'assemblage du résultat à partir des règles tirées.

L'assemblage est générique : il réunit les conclusions des règles qui ont été tirées, dans
l'ordre du catalogue. Aucune décision ici : le niveau retenu est le plus élevé des niveaux
conclus (le premier du catalogue, « simple », si aucune règle n'en conclut), l'urgence et
le PPS sont proposés dès qu'une règle les conclut. Les valeurs qui expliquent chaque règle
et les informations à compléter viennent d'une seule trace par règle (``evaluation.trace``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Conclusions:
    """Ce que concluent ensemble des règles tirées, dans l'ordre du catalogue : l'agrégat
    commun à ``screen()`` (``assembler``) et aux cohortes (``tables.cohorte``, une fois par
    ensemble distinct de valeurs conclues). Il ne dépend que des règles tirées."""

    niveau: str  # le plus élevé des niveaux conclus
    niveaux: tuple[str, ...]  # tous les niveaux conclus (ce qu'examine « conclusion.niveau »)
    urgence: bool
    pps: bool
    secteurs: tuple[str, ...]
    parcours: tuple[str, ...]
    clusters: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # id, acteurs, règles
    appuis: tuple[tuple[str, tuple[str, ...]], ...]  # id, règles
    alertes: tuple[tuple[str, tuple[str, ...]], ...]  # id, règles
    regles: tuple[str, ...]

    def conclus(self) -> dict[str, set]:
        """Ce que les règles tirées ont conclu, comme les faits « conclusion_* » du moteur :
        tous les niveaux conclus (pas seulement le plus haut), pour que « conclusion.niveau »
        ait le même sens partout."""
        return {
            "secteurs": set(self.secteurs), "parcours": set(self.parcours),
            "clusters": {c for c, _, _ in self.clusters}, "appuis": {a for a, _ in self.appuis},
            "alertes": {a for a, _ in self.alertes}, "niveau": set(self.niveaux),
            "pps": {True} if self.pps else set(), "urgence": {True} if self.urgence else set(),
        }


def reunir(referentiel: Referentiel, tirees: Sequence[Regle]) -> Conclusions:
    """Réunit les conclusions des règles tirées (dans l'ordre du référentiel) : niveau le plus
    élevé (le premier du catalogue si aucune règle n'en conclut), urgence et PPS dès qu'une
    règle les conclut, listes dans l'ordre du catalogue (acteurs groupés par cluster)."""
    cat = referentiel.catalogue
    niveaux = cat.ordre_niveaux
    niveau = niveaux[0]
    urgence = pps = False
    secteurs: set[str] = set()
    parcours: set[str] = set()
    clusters: dict[str, tuple[set[str], list[str]]] = {}
    appuis: dict[str, list[str]] = {}
    alertes: dict[str, list[str]] = {}
    for r in tirees:
        a = r.alors
        if a.niveau and niveaux.index(a.niveau) > niveaux.index(niveau):
            niveau = a.niveau
        urgence |= a.urgence
        pps |= a.pps
        secteurs.update(a.secteurs)
        parcours.update(a.parcours)
        for cid, acteurs in a.clusters:
            ens, regles = clusters.setdefault(cid, (set(), []))
            ens.update(acteurs)
            regles.append(r.id)
        for aid in a.appuis:
            appuis.setdefault(aid, []).append(r.id)
        for alid in a.alertes:
            alertes.setdefault(alid, []).append(r.id)
    conclus_niveaux = {r.alors.niveau for r in tirees if r.alors.niveau}
    return Conclusions(
        niveau=niveau, niveaux=tuple(n for n in niveaux if n in conclus_niveaux),
        urgence=urgence, pps=pps,
        secteurs=tuple(s for s in cat.secteurs if s in secteurs),
        parcours=tuple(p for p in cat.parcours if p in parcours),
        clusters=tuple((cid, tuple(a for a in cluster.acteurs if a in clusters[cid][0]),
                        tuple(clusters[cid][1]))
                       for cid, cluster in cat.clusters.items() if cid in clusters),
        appuis=tuple((aid, tuple(appuis[aid])) for aid in cat.appuis if aid in appuis),
        alertes=tuple((alid, tuple(alertes[alid])) for alid in cat.alertes if alid in alertes),
        regles=tuple(r.id for r in tirees),
    )


def assembler(
    referentiel: Referentiel,
    situation: Situation,
    fait: Mapping[str, Any],
    tirees: Sequence[Regle],
) -> Orientation:
    """Le résultat complet : les conclusions réunies (``reunir``), leurs explications
    (valeurs témoins), ce qui reste à compléter et les scores."""
    cat = referentiel.catalogue
    c = reunir(referentiel, tirees)
    niveau = c.niveau
    conclus = c.conclus()
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

    # Les scores du résultat (les items d'instruments que lisent les règles restent au fait).
    scores = {k.removeprefix("scores."): v for k, v in fait.items()
              if k.startswith("scores.") and k.removeprefix("scores.") in Scores.model_fields}
    return Orientation(
        niveau=c.niveau,
        urgence=c.urgence,
        secteurs=list(c.secteurs),
        parcours=list(c.parcours),
        pps=c.pps,
        clusters=[
            ClusterPropose(
                id=cid,
                libelle=cat.clusters[cid].libelle,
                acteurs=[Acteur(id=aid, libelle=cat.clusters[cid].acteurs[aid])
                         for aid in acteurs],
                regles=list(regles),
            )
            for cid, acteurs, regles in c.clusters
        ],
        appuis=[AppuiPropose(id=aid, libelle=cat.appuis[aid]["libelle"], regles=list(regles))
                for aid, regles in c.appuis],
        alertes=[Alerte(id=alid, message=cat.alertes[alid]["message"], regles=list(regles))
                 for alid, regles in c.alertes],
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
