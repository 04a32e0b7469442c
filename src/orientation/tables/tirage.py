"""Les gestes communs des deux générateurs de cohortes fictives (``synthese.py`` : couvrir
chaque règle ; ``population.py`` : les fréquences françaises) : colonnes vides, âge tiré dans
une pyramide, tirages par personne, listes jointes. Aucune fréquence ici : chacun apporte
les siennes."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from orientation.tables.colonnes import COLONNES


def depart(rng: np.random.Generator, n: int, pyramide: Sequence[tuple[int, float]],
           debut_id: int) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Les colonnes (texte vide, identifiants ``P0000001``…) et l'âge de ``n`` personnes :
    une tranche de cinq ans tirée selon ``pyramide`` (borne basse, poids ; 95 ans et plus
    sur onze ans), puis uniforme dans la tranche. L'âge est déjà écrit dans ``age``."""
    vide = np.full(n, "", dtype=object)
    colonnes: dict[str, np.ndarray] = {k: vide.copy() for k in COLONNES}
    colonnes["id"] = np.array([f"P{debut_id + i:07d}" for i in range(n)], dtype=object)
    bornes = np.array([b for b, _ in pyramide])
    poids = np.array([p for _, p in pyramide])
    tranche = rng.choice(len(pyramide), size=n, p=poids / poids.sum())
    age = bornes[tranche] + (rng.random(n) * np.where(bornes[tranche] == 95, 11, 5)).astype(int)
    colonnes["age"] = age.astype(str).astype(object)
    return colonnes, age


def oui_non(x: np.ndarray) -> np.ndarray:
    return np.where(x, "oui", "non").astype(object)


def choix(rng: np.random.Generator, valeurs: tuple[str, ...], p: np.ndarray) -> np.ndarray:
    """Un tirage par personne ; ``p`` : probabilités (n, len(valeurs))."""
    cumul = np.cumsum(p, axis=1)
    cumul /= cumul[:, -1:]
    u = rng.random(len(p))[:, None]
    return np.array(valeurs, dtype=object)[(u > cumul).sum(axis=1)]


def joindre(drapeaux: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Les drapeaux d'une liste (nom → booléens par personne) en texte « a;b »."""
    listes: list[list[str]] = [[] for _ in range(n)]
    for nom, d in drapeaux.items():
        for i in np.flatnonzero(d):
            listes[i].append(nom)
    return np.array([";".join(x) for x in listes], dtype=object)
