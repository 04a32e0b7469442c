"""Les oracles des tests : l'évaluation du référentiel la plus simple possible, écrite
directement sur l'arbre des conditions, sans compilation ni trace. Les évaluateurs du paquet
(durable_rules, l'évaluateur vectoriel des cohortes, la trace des explications) sont comparés
à elle."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orientation.evaluation.trace import comparer, sur_conclusion
from orientation.referentiel import (
    Aucune,
    AuMoins,
    Comparaison,
    Condition,
    Referentiel,
    Regle,
    SurConclusion,
    Toutes,
    UneDe,
)

SORTES = ("secteurs", "parcours", "appuis", "alertes", "clusters", "niveau", "pps", "urgence")


def vraie(c: Condition, fait: Mapping[str, Any], conclus: Mapping[str, set]) -> bool:
    if isinstance(c, Comparaison):
        return comparer(c, fait)
    if isinstance(c, SurConclusion):
        return sur_conclusion(c, conclus)
    if isinstance(c, Toutes):
        return all(vraie(t, fait, conclus) for t in c.termes)
    if isinstance(c, UneDe):
        return any(vraie(t, fait, conclus) for t in c.termes)
    if isinstance(c, Aucune):
        return not any(vraie(t, fait, conclus) for t in c.termes)
    if isinstance(c, AuMoins):
        return sum(vraie(t, fait, conclus) for t in c.termes) >= c.nombre
    raise TypeError(c)


def regles_tirees_reference(referentiel: Referentiel, fait: Mapping[str, Any]) -> list[Regle]:
    """L'évaluateur de référence : ``vraie`` sur l'arbre des conditions, répété jusqu'au
    point fixe. Sert d'étalon (banc d'essai, tests)."""
    conclus: dict[str, set] = {s: set() for s in SORTES}
    tirees: set[int] = set()
    change = True
    while change:
        change = False
        for i, r in enumerate(referentiel.regles):
            if i not in tirees and vraie(r.si, fait, conclus):
                tirees.add(i)
                for sorte, valeur in r.alors.paires():
                    conclus[sorte].add(valeur)
                change = True
    return [referentiel.regles[i] for i in sorted(tirees)]
