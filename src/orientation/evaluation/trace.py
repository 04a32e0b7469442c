"""Évaluation directe des conditions du référentiel, en Python, sur un fait.

Deux usages : dire quelles valeurs de la situation ont fait tirer une règle (les
« témoins » de l'explication), et servir d'évaluateur de référence, le plus simple
possible, pour comparer avec durable_rules. La sémantique est celle du moteur : un champ
absent ne satisfait aucune comparaison (sa négation est donc vraie) ; une conclusion est
acquise dès qu'une règle tirée l'a produite.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orientation.referentiel import (
    Aucune,
    AuMoins,
    Comparaison,
    Condition,
    SurConclusion,
    Toutes,
    UneDe,
)
from orientation.situation.faits import CHAMPS

Conclus = Mapping[str, set]  # sorte → valeurs conclues (secteurs, appuis, niveau…)


def comparer(c: Comparaison, fait: Mapping[str, Any]) -> bool:
    if c.operateur in ("contient", "contient_un_de"):
        valeurs = c.valeur if isinstance(c.valeur, tuple) else (c.valeur,)
        return any(fait.get(f"{c.champ}.{v}", False) for v in valeurs)
    present = c.champ in fait
    if c.operateur == "renseigne":
        return present == c.valeur
    if not present:
        return False
    v = fait[c.champ]
    match c.operateur:
        case "egal":
            return v == c.valeur
        case "different":
            return v != c.valeur
        case "au_moins":
            return v >= c.valeur
        case "au_plus":
            return v <= c.valeur
        case "superieur_a":
            return v > c.valeur
        case "inferieur_a":
            return v < c.valeur
        case "parmi":
            return v in c.valeur
        case "hors_de":
            return v not in c.valeur
    raise ValueError(f"opérateur inconnu : {c.operateur}")  # pragma: no cover


def sur_conclusion(c: SurConclusion, conclus: Conclus) -> bool:
    valeurs = conclus.get(c.sorte, set())
    if c.operateur == "nombre_au_moins":
        return len(valeurs) >= c.valeur
    return c.valeur in valeurs


def vraie(c: Condition, fait: Mapping[str, Any], conclus: Conclus) -> bool:
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
    raise TypeError(c)  # pragma: no cover


def temoins(c: Condition, fait: Mapping[str, Any], conclus: Conclus) -> list[Comparaison |
                                                                           SurConclusion]:
    """Les comparaisons qui rendent vraie une condition vraie : pour « une_de » et
    « au_moins », seulement les termes vrais ; pour « aucune », tous ses termes (chacun
    est faux, et c'est ce qui compte)."""
    if isinstance(c, Comparaison | SurConclusion):
        return [c]
    if isinstance(c, Toutes | Aucune):
        return [t for terme in c.termes for t in _feuilles_ou_temoins(terme, fait, conclus, c)]
    return [t for terme in c.termes if vraie(terme, fait, conclus)
            for t in temoins(terme, fait, conclus)]


def _feuilles_ou_temoins(terme: Condition, fait: Mapping[str, Any], conclus: Conclus,
                         parent: Condition) -> list[Comparaison | SurConclusion]:
    if isinstance(parent, Aucune):
        return list(_feuilles(terme))
    return temoins(terme, fait, conclus)


def _feuilles(c: Condition) -> list[Comparaison | SurConclusion]:
    if isinstance(c, Comparaison | SurConclusion):
        return [c]
    return [f for t in c.termes for f in _feuilles(t)]



def vraie3(c: Condition, fait: Mapping[str, Any], conclus: Conclus) -> bool | None:
    """Évaluation à trois valeurs (Kleene) : une comparaison sur un champ facultatif absent
    (GIR non évalué, questionnaire non rempli) est *inconnue* (None) au lieu d'être fausse.
    Une condition inconnue pourrait devenir vraie si l'information était renseignée."""
    if isinstance(c, Comparaison):
        if c.operateur != "renseigne" and _facultatif_absent(c.champ, fait):
            return None
        return comparer(c, fait)
    if isinstance(c, SurConclusion):
        return sur_conclusion(c, conclus)
    valeurs = [vraie3(t, fait, conclus) for t in c.termes]
    if isinstance(c, Toutes):
        return False if False in valeurs else None if None in valeurs else True
    if isinstance(c, UneDe):
        return True if True in valeurs else None if None in valeurs else False
    if isinstance(c, Aucune):
        return False if True in valeurs else None if None in valeurs else True
    if isinstance(c, AuMoins):
        vrais, inconnus = valeurs.count(True), valeurs.count(None)
        return True if vrais >= c.nombre else None if vrais + inconnus >= c.nombre else False
    raise TypeError(c)  # pragma: no cover


def _facultatif_absent(chemin: str, fait: Mapping[str, Any]) -> bool:
    champ = CHAMPS.get(chemin)
    return champ is not None and champ.optionnel and chemin not in fait


def champs_a_completer(c: Condition, fait: Mapping[str, Any], conclus: Conclus) -> list[str]:
    """Les champs facultatifs absents dont dépend une condition encore indécise : les
    informations à renseigner pour savoir si la règle s'applique (comme les
    « missingVariables » de Publicodes). Vide si la condition est déjà tranchée."""
    if vraie3(c, fait, conclus) is not None:
        return []
    return list(dict.fromkeys(f.champ for f in _feuilles(c) if isinstance(f, Comparaison)
                              and f.operateur != "renseigne"
                              and _facultatif_absent(f.champ, fait)))
