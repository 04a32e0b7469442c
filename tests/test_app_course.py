"""Le résultat est toujours celui des valeurs que le formulaire montre (issue 10, point 12).

Dans un navigateur, « Charger l'exemple » relance la page, qui renvoie un à un les widgets
remplis des nouvelles valeurs ; un clic sur « Repérer » avant la fin de ce renvoi part avec
l'état des widgets tel que le navigateur le connaît : nouvelles valeurs pour les widgets déjà
reçus, anciennes pour les autres. Huit fois sur trois cents, le repérage portait sur ce
mélange des deux exemples.

``streamlit.testing`` n'a pas de navigateur : le test compose lui-même ce message « en
retard » (une partie des widgets de l'exemple précédent, une partie du nouveau, le clic sur
« Repérer ») et vérifie que le résultat est celui du nouvel exemple, exactement, et que le
formulaire le montre."""

from __future__ import annotations

import random
import re

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

from app_pages import composants
from orientation.interfaces.formulaire import exemples, saisie_depuis_situation
from tests.conftest import EXEMPLES, RACINE

PREFIXE = "reperage."
RESULTAT = "reperage._resultat"
EXEMPLES_LIVRES = exemples(EXEMPLES)
TITRES = list(EXEMPLES_LIVRES)


def application() -> AppTest:
    at = AppTest.from_file(str(RACINE / "app.py"), default_timeout=30)
    return at.run()


def etats(at: AppTest) -> WidgetStates:
    """L'état des widgets tel que le navigateur l'enverrait, boutons relâchés."""
    ws = at._tree.get_widget_states()
    for w in ws.widgets:
        if w.HasField("trigger_value"):
            w.trigger_value = False
    return ws


def saisie_affichee(at: AppTest) -> dict:
    """Les valeurs que montrent les widgets du formulaire (clé à plat → valeur)."""
    prefixe = composants.prefixe_widgets(at.session_state, PREFIXE)
    valeurs = {}
    for sorte in ("number_input", "checkbox", "selectbox", "multiselect", "radio"):
        for w in getattr(at, sorte):
            if w.key and w.key.startswith(prefixe) and not w.key[len(prefixe):].startswith("_"):
                valeurs[w.key[len(prefixe):]] = w.value
    return valeurs


def par_champ(at: AppTest) -> dict[str, object]:
    """L'état de chaque widget, par champ du formulaire (clé sans sa génération)."""
    cles = {n.id: n.key for n in at._tree if isinstance(n, Widget)}
    return {re.sub(r"^(\w+\.)\d+\.", r"\1", cles[w.id] or w.id): w for w in etats(at).widgets}


def charger_puis_reperer_aussitot(at: AppTest, titre: str, hasard: random.Random) -> None:
    at.selectbox(key="reperage._exemple").select(titre).run()
    avant = par_champ(at)  # le formulaire montre l'exemple précédent
    at.button(key="reperage._charger").click().run()
    apres = par_champ(at)
    # Le navigateur n'a reçu qu'une partie des widgets de la nouvelle page : pour les
    # autres, il a encore ceux d'avant, avec leurs valeurs.
    retard = WidgetStates()
    for champ, w in apres.items():
        retard.widgets.append(avant[champ] if champ in avant and hasard.random() < 0.5 else w)
    for w in retard.widgets:
        if w.id == at.button(key="reperage._reperer").id:
            w.trigger_value = True
    at._run(retard)


def verifier(at: AppTest, titre: str) -> None:
    assert not at.exception
    erreurs = [e.value for e in at.error]
    assert RESULTAT in at.session_state, f"pas de résultat après « {titre} » : {erreurs}"
    situation, _ = at.session_state[RESULTAT]
    attendue = EXEMPLES_LIVRES[titre]
    assert situation == attendue, f"repérage d'un mélange après « {titre} »"
    affichee = saisie_affichee(at)
    assert affichee == {k: v for k, v in saisie_depuis_situation(attendue).items()
                        if k in affichee}
    assert not any("La saisie a changé" in i.value for i in at.info)


def essais(n: int, graine: int) -> None:
    hasard = random.Random(graine)
    at = application()
    precedent = hasard.choice(TITRES)
    at.selectbox(key="reperage._exemple").select(precedent).run()
    at.button(key="reperage._charger").click().run()
    for _ in range(n):
        titre = hasard.choice([t for t in TITRES if t != precedent])
        charger_puis_reperer_aussitot(at, titre, hasard)
        verifier(at, titre)
        precedent = titre


@pytest.mark.lent  # huit courses de l'application (la version à cent aussi)
def test_charger_puis_reperer_aussitot_ne_melange_jamais_deux_exemples():
    essais(8, graine=1)


@pytest.mark.lent
def test_cent_chargements_suivis_aussitot_d_un_reperage():
    essais(100, graine=2)


def test_charger_et_reperer_dans_le_meme_message():
    """Les deux clics partent ensemble, avec tous les widgets de l'exemple précédent."""
    at = application()
    at.selectbox(key="reperage._exemple").select("Cas simple").run()
    at.button(key="reperage._charger").click().run()
    at.selectbox(key="reperage._exemple").select("Urgence vitale").run()
    ws = etats(at)
    for w in ws.widgets:
        if w.id in (at.button(key="reperage._charger").id, at.button(key="reperage._reperer").id):
            w.trigger_value = True
    at._run(ws)
    verifier(at, "Urgence vitale")
