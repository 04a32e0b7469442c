"""L'évaluation tracée d'une condition : sa valeur, ce qui l'a rendue vraie, ce qui manque.

Un seul parcours de l'arbre des conditions rend, comme l'``evaluateNode`` de Publicodes :
- ``vraie`` : la valeur de la condition avec la sémantique du moteur (un champ absent ne
  satisfait aucune comparaison, sa négation est donc vraie ; une conclusion est acquise dès
  qu'une règle tirée l'a produite) ;
- ``certaine`` : la valeur à trois valeurs (Kleene), où une comparaison sur un champ
  facultatif absent (GIR non évalué, questionnaire non rempli) est *inconnue* (``None``) ;
- ``temoins`` : les comparaisons qui la rendent vraie (pour « une_de » et « au_moins »,
  seulement les termes vrais ; pour « aucune », tous ses termes : chacun est faux, et c'est
  ce qui compte) — les valeurs de l'explication ;
- ``manquants`` : les champs facultatifs absents dont dépend une condition encore
  indécise — les « missingVariables », la prochaine question à poser.

durable_rules décide quelles règles tirent (``moteur.py``) ; ce module dit pourquoi et ce qui
manque, pour ``screen()`` comme pour le lot. Un test différentiel vérifie que ``vraie`` et le
moteur s'accordent sur chaque règle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from orientation.evaluation.operateurs import OPERATEURS
from orientation.referentiel.modele import (
    Aucune,
    AuMoins,
    Comparaison,
    Condition,
    SurConclusion,
    Toutes,
    UneDe,
)
from orientation.situation.faits import CHAMPS

Conclus = Mapping[str, set]  # sorte → valeurs conclues (secteurs, appuis, niveaux…)
Feuille = Comparaison | SurConclusion


@dataclass(frozen=True)
class Trace:
    vraie: bool
    certaine: bool | None
    temoins: tuple[Feuille, ...] = ()
    manquants: tuple[str, ...] = ()


def comparer(c: Comparaison, fait: Mapping[str, Any]) -> bool:
    """Une comparaison sur le fait (sémantique du moteur : champ absent → faux)."""
    if c.operateur in ("contient", "contient_un_de"):
        valeurs = c.valeur if isinstance(c.valeur, tuple) else (c.valeur,)
        return any(fait.get(f"{c.champ}.{v}", False) for v in valeurs)
    present = c.champ in fait
    if c.operateur == "renseigne":
        return present == c.valeur
    if not present:
        return False
    return bool(OPERATEURS[c.operateur].teste(fait[c.champ], c.valeur))


def sur_conclusion(c: SurConclusion, conclus: Conclus) -> bool:
    valeurs = conclus.get(c.sorte, set())
    if c.operateur == "nombre_au_moins":
        return len(valeurs) >= c.valeur
    return c.valeur in valeurs


def _facultatif_absent(chemin: str, fait: Mapping[str, Any]) -> bool:
    champ = CHAMPS.get(chemin)
    return champ is not None and champ.optionnel and chemin not in fait


def _uniques(elements) -> tuple:
    return tuple(dict.fromkeys(elements))


def evaluer(c: Condition, fait: Mapping[str, Any], conclus: Conclus) -> Trace:
    """La trace d'une condition sur un fait, en un seul parcours de l'arbre."""
    if isinstance(c, Comparaison):
        vraie = comparer(c, fait)
        if c.operateur != "renseigne" and _facultatif_absent(c.champ, fait):
            return Trace(vraie, None, (c,) if vraie else (), (c.champ,))
        return Trace(vraie, vraie, (c,) if vraie else ())
    if isinstance(c, SurConclusion):
        vraie = sur_conclusion(c, conclus)
        return Trace(vraie, vraie, (c,) if vraie else ())
    traces = [evaluer(t, fait, conclus) for t in c.termes]
    certaines = [t.certaine for t in traces]
    if isinstance(c, Toutes):
        vraie = all(t.vraie for t in traces)
        certaine = False if False in certaines else None if None in certaines else True
        temoins = [f for t in traces for f in t.temoins] if vraie else []
    elif isinstance(c, UneDe):
        vraie = any(t.vraie for t in traces)
        certaine = True if True in certaines else None if None in certaines else False
        temoins = [f for t in traces if t.vraie for f in t.temoins]
    elif isinstance(c, Aucune):
        vraie = not any(t.vraie for t in traces)
        certaine = False if True in certaines else None if None in certaines else True
        temoins = list(_feuilles(c)) if vraie else []
    elif isinstance(c, AuMoins):
        vraie = sum(t.vraie for t in traces) >= c.nombre
        vrais, inconnus = certaines.count(True), certaines.count(None)
        certaine = True if vrais >= c.nombre else None if vrais + inconnus >= c.nombre \
            else False
        temoins = [f for t in traces if t.vraie for f in t.temoins] if vraie else []
    else:  # pragma: no cover
        raise TypeError(c)
    manquants = _uniques(m for t in traces for m in t.manquants) if certaine is None else ()
    return Trace(vraie, certaine, _uniques(temoins), manquants)


def _feuilles(c: Condition):
    if isinstance(c, Comparaison | SurConclusion):
        yield c
    else:
        for t in c.termes:
            yield from _feuilles(t)
