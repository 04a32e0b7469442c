"""Où est le référentiel en usage : ``rules/`` du paquet installé ou du dépôt, ou le dossier
que nomme la variable d'environnement ``ORIENTATION_REGLES``."""

from __future__ import annotations

import functools
import os
from pathlib import Path

VARIABLE_REGLES = "ORIENTATION_REGLES"


def dossier_regles_par_defaut() -> Path:
    """Le dossier ``rules/`` : celui que nomme la variable d'environnement
    ``ORIENTATION_REGLES`` (pour essayer un référentiel modifié sur toute la suite de
    scénarios), sinon celui du paquet installé, sinon celui du dépôt."""
    choisi = os.environ.get(VARIABLE_REGLES)
    if choisi:
        return Path(choisi)
    return _dossier_du_paquet()


@functools.lru_cache(maxsize=1)
def _dossier_du_paquet() -> Path:
    # cherché une fois : le vocabulaire, lu partout, le demande des centaines de fois
    installe = Path(__file__).parents[1] / "rules"
    if installe.is_dir():
        return installe
    return Path(__file__).resolve().parents[3] / "rules"
