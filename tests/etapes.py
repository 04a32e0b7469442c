"""Le glossaire des étapes (``orientation.referentiel.glossaire``) enregistré pour pytest-bdd :
chaque phrase devient une définition d'étape de ce module, que ``test_features.py`` importe,
avec la fixture ``dossier``. Les phrases elles-mêmes s'écrivent dans le glossaire, pas ici."""

import pytest
from pytest_bdd import given, parsers, then, when

from orientation.referentiel.glossaire import GLOSSAIRE, Dossier

_DECORATEURS = {"Soit": given, "Quand": when, "Alors": then}

for _phrase in GLOSSAIRE:
    # pytest-bdd range la définition d'étape dans le module qui appelle le décorateur : ici.
    _DECORATEURS[_phrase.mot_cle](parsers.re(_phrase.motif),
                                  converters=dict(_phrase.convertisseurs))(_phrase.fonction)


@pytest.fixture
def dossier() -> Dossier:
    return Dossier()
