"""Les opérateurs de comparaison des règles, chacun écrit une fois.

Un opérateur dit à quels types de champ il s'applique, la forme de son opérande (une valeur,
une liste, un intervalle) et comment il se teste :

- ``teste(valeur, operande)`` sert à la fois pour une valeur (la trace des explications,
  ``trace.py``) et pour une colonne numpy (l'évaluateur des cohortes, ``vectoriel.py``) : il
  n'emploie que ce que Python et numpy partagent (comparaisons, ``&``, ``|``) ;
- ``durable`` et ``durable_nie`` le traduisent en expression durable_rules, affirmée et niée
  (le moteur n'a pas de négation générale ; ``moteur.py`` les appelle).

Son libellé et la phrase qui le lit en français sont des données : section ``operateurs`` de
``rules/vocabulaire.yaml``. Ajouter un opérateur, c'est une entrée ici et une dans le
vocabulaire : le chargeur des règles, durable_rules, l'évaluateur des cohortes, la trace,
la documentation des règles et le test différentiel (``tests/test_operateurs.py``, qui
essaie chaque opérateur de ce registre sur les trois évaluateurs) le prennent aussitôt.

Trois opérateurs de structure ne comparent pas une valeur et restent propres à chaque
évaluateur : ``renseigne`` (présence d'un champ facultatif), ``contient`` et
``contient_un_de`` (appartenance à une liste, lue comme des drapeaux).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from typing import Any

__all__ = ["OPERATEURS", "STRUCTURE", "Operateur", "et", "ou", "permis"]

NUMERIQUES = ("entier", "decimal")
STRUCTURE = {"renseigne": ("booleen", "entier", "decimal", "enum"),
             "contient": ("liste",), "contient_un_de": ("liste",)}


def et(termes: list[dict]) -> dict:
    return termes[0] if len(termes) == 1 else {"$and": termes}


def ou(termes: list[dict]) -> dict:
    return termes[0] if len(termes) == 1 else {"$or": termes}


@dataclass(frozen=True)
class Operateur:
    nom: str
    types: tuple[str, ...]  # types de champ (situation.faits.Champ.type)
    operande: str  # « valeur », « liste » (non vide) ou « intervalle » ([min, max])
    teste: Callable[[Any, Any], Any]  # une valeur ou une colonne numpy → booléen(s)
    durable: Callable[[str, Any], dict]  # clé du fait, opérande → expression durable_rules
    durable_nie: Callable[[str, Any], dict]


def _simple(symbole: str | None) -> Callable[[str, Any], dict]:
    if symbole is None:
        return lambda k, v: {k: v}
    return lambda k, v: {symbole: {k: v}}


def _parmi(v: Any, valeurs: tuple) -> Any:
    return reduce(operator.or_, (v == x for x in valeurs))


def _hors_de(v: Any, valeurs: tuple) -> Any:
    return reduce(operator.and_, (v != x for x in valeurs))


def _entre(v: Any, bornes: tuple) -> Any:
    return (v >= bornes[0]) & (v <= bornes[1])


def _ou_egal(k: str, valeurs: tuple) -> dict:
    return ou([{k: x} for x in valeurs])


def _et_different(k: str, valeurs: tuple) -> dict:
    # « $neq » seul sur une clé : la forme qui ne se trompe pas dans un référentiel chargé à
    # l'exécution (durable_rules, ticket 406 ; le test différentiel la surveille).
    return et([{"$neq": {k: x}} for x in valeurs])


_TOUS = ("booleen", *NUMERIQUES, "enum")
OPERATEURS: dict[str, Operateur] = {o.nom: o for o in (
    Operateur("egal", _TOUS, "valeur", operator.eq, _simple(None), _simple("$neq")),
    Operateur("different", _TOUS, "valeur", operator.ne, _simple("$neq"), _simple(None)),
    Operateur("au_moins", NUMERIQUES, "valeur", operator.ge, _simple("$gte"), _simple("$lt")),
    Operateur("au_plus", NUMERIQUES, "valeur", operator.le, _simple("$lte"), _simple("$gt")),
    Operateur("superieur_a", NUMERIQUES, "valeur", operator.gt, _simple("$gt"),
              _simple("$lte")),
    Operateur("inferieur_a", NUMERIQUES, "valeur", operator.lt, _simple("$lt"),
              _simple("$gte")),
    Operateur("parmi", (*NUMERIQUES, "enum"), "liste", _parmi, _ou_egal, _et_different),
    Operateur("hors_de", (*NUMERIQUES, "enum"), "liste", _hors_de, _et_different, _ou_egal),
    Operateur("entre", NUMERIQUES, "intervalle", _entre,
              lambda k, b: {"$and": [{"$gte": {k: b[0]}}, {"$lte": {k: b[1]}}]},
              lambda k, b: {"$or": [{"$lt": {k: b[0]}}, {"$gt": {k: b[1]}}]}),
)}


def permis(type_champ: str) -> tuple[str, ...]:
    """Les opérateurs qui s'appliquent à un type de champ, dans l'ordre du registre."""
    return tuple([n for n, o in OPERATEURS.items() if type_champ in o.types]
                 + [n for n, types in STRUCTURE.items() if type_champ in types])
