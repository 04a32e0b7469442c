"""Outils partagés des tests : le moteur livré, la lecture des exemples, une copie du
référentiel à modifier."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from orientation import Situation
from orientation.evaluation.moteur import moteur_par_defaut

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


# --- Les scénarios des experts (features/, pytest-bdd) ---------------------------------------


def pytest_configure(config):
    """Chaque identifiant de règle est un marqueur connu : ``-m R-SANTE-POLYMEDICATION``
    sélectionne les scénarios qui l'illustrent, sans avertissement « marqueur inconnu »."""
    from orientation.referentiel import (
        ErreurReferentiel,
        charger_referentiel,
        dossier_regles_par_defaut,
    )

    try:
        referentiel = charger_referentiel(dossier_regles_par_defaut())
    except ErreurReferentiel:
        return  # les tests du référentiel le diront
    for r in referentiel.regles:
        config.addinivalue_line("markers", f"{r.id}: {r.titre}")


def pytest_bdd_step_error(request, feature, scenario, step, step_func, step_func_args, exception):
    exception.scenario_bdd = (feature, scenario, step)


def pytest_bdd_step_func_lookup_error(request, feature, scenario, step, exception):
    exception.scenario_bdd = (feature, scenario, step)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Un scénario qui échoue s'explique en français, sans trace Python : l'étape, ce qui
    était attendu, ce que le moteur a conclu et pourquoi."""
    rapport = yield
    if not (rapport.failed and call.excinfo):
        return rapport
    from pytest_bdd.exceptions import StepDefinitionNotFoundError

    from orientation.referentiel.glossaire import MessageScenario, phrases_proches

    erreur = call.excinfo.value
    contexte = getattr(erreur, "scenario_bdd", None)
    if contexte is None or not isinstance(erreur, MessageScenario | StepDefinitionNotFoundError):
        return rapport
    feature, scenario, etape = contexte
    lieu = (f"Scénario « {scenario.name} » ({feature.rel_filename}, ligne "
            f"{scenario.line_number})\nÉtape, ligne {etape.line_number} : "
            f"{etape.keyword} {etape.name}")
    if isinstance(erreur, StepDefinitionNotFoundError):
        proches = phrases_proches(etape.name)
        texte = (f"{lieu}\n\nCette phrase n'est pas dans le glossaire des étapes "
                 f"(features/README.md)."
                 + ("\nPhrases proches :\n" + "\n".join(f"  - {p}" for p in proches)
                    if proches else "")
                 + "\nPour une nouvelle phrase, le squelette de sa définition s'obtient avec :\n"
                   "  .venv/bin/python -m pytest --generate-missing --feature features "
                   "tests/test_features.py")
    else:
        texte = f"{lieu}\n\n{erreur}"
    rapport.longrepr = texte
    return rapport
