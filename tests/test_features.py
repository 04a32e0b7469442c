"""Les scénarios des experts du domaine (``features/*.feature``, Gherkin français), exécutés
par pytest-bdd avec le glossaire des étapes de ``tests/glossaire.py``."""

from pytest_bdd import scenarios

from tests.glossaire import *  # noqa: F403 — les définitions d'étapes et la fixture « dossier »

scenarios(".")
