"""Outils partagés des tests : le moteur livré, la lecture des exemples, une copie du
référentiel à modifier."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from orientation import Situation
from orientation.engine import moteur_par_defaut

RACINE = Path(__file__).resolve().parents[1]
REGLES = RACINE / "rules"
EXEMPLES = RACINE / "examples"


@pytest.fixture(scope="session")
def moteur():
    return moteur_par_defaut()


def situation(donnees: dict) -> Situation:
    return Situation.model_validate(donnees)


def exemple(nom: str) -> dict:
    return json.loads((EXEMPLES / nom).read_text(encoding="utf-8"))


@pytest.fixture
def regles_copiees(tmp_path: Path) -> Path:
    """Une copie de rules/ que le test peut modifier."""
    cible = tmp_path / "rules"
    shutil.copytree(REGLES, cible)
    return cible
