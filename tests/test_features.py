"""Les scénarios des experts du domaine (``features/*.feature``, Gherkin français), exécutés
par pytest-bdd avec le glossaire des étapes (``orientation.referentiel.glossaire``, enregistré
pour pytest-bdd par ``tests/etapes.py``)."""

from pytest_bdd import scenarios

from tests.etapes import *  # noqa: F403 — les définitions d'étapes et la fixture « dossier »

scenarios(".")
