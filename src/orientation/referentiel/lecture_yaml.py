"""Lire un fichier YAML du référentiel en gardant les numéros de ligne.

Chaque dictionnaire et chaque liste lus portent la ligne où ils commencent (``.ligne``),
pour que toute erreur nomme le fichier et la ligne ; une clé en double est une erreur (le
YAML standard garderait silencieusement la dernière).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from orientation.referentiel.modele import ErreurReferentiel


class _Dict(dict):
    ligne: int = 0


class _Liste(list):
    ligne: int = 0


# Le chargeur en C de libyaml quand PyYAML l'a (environ 10 fois plus rapide), sinon celui en
# Python : mêmes constructeurs, mêmes marques de ligne.
class _Chargeur(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _mapping(loader: _Chargeur, node: yaml.MappingNode) -> _Dict:
    loader.flatten_mapping(node)
    resultat = _Dict()
    resultat.ligne = node.start_mark.line + 1
    for cle_node, valeur_node in node.value:
        cle = loader.construct_object(cle_node, deep=True)
        if cle in resultat:
            raise yaml.MarkedYAMLError(
                problem=f"clé « {cle} » en double", problem_mark=cle_node.start_mark
            )
        resultat[cle] = loader.construct_object(valeur_node, deep=True)
    return resultat


def _sequence(loader: _Chargeur, node: yaml.SequenceNode) -> _Liste:
    resultat = _Liste(loader.construct_object(n, deep=True) for n in node.value)
    resultat.ligne = node.start_mark.line + 1
    return resultat


_Chargeur.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Chargeur.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def lire_yaml(chemin: Path) -> Any:
    try:
        texte = chemin.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        message = f"{chemin.name} : le fichier n'est pas en UTF-8 ({e.reason})"
        raise ErreurReferentiel([message]) from None
    try:
        return yaml.load(texte, Loader=_Chargeur)  # noqa: S506 — chargeur dérivé de SafeLoader
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        ligne = f", ligne {mark.line + 1}" if mark else ""
        aide = ""
        if e.problem and "mapping values are not allowed" in e.problem:
            aide = (" (un texte qui contient « : » doit être entre guillemets, "
                    "par exemple titre: \"Polymédication : bilan\")")
        message = f"{chemin.name}{ligne} : YAML invalide — {e.problem}{aide}"
        raise ErreurReferentiel([message]) from None
    except yaml.YAMLError as e:
        raise ErreurReferentiel([f"{chemin.name} : YAML invalide — {e}"]) from None
