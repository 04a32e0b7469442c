"""Les pages du diagnostic territorial, de l'essai de règles, des scénarios des experts et le
partage, avec ``streamlit.testing`` (sans navigateur)."""

from streamlit.testing.v1 import AppTest

from orientation.interfaces import partage
from orientation.situation.modele import Situation
from tests.conftest import RACINE
from tests.test_app import application, cle, textes


def test_diagnostic_territorial_sur_la_cohorte_fictive():
    at = application("app_pages/territoire.py")
    at.button(key="territoire._fictive").click().run()
    assert not at.exception
    texte = textes(at)
    assert "Lues : 200 = repérées : 200 + rejetées : 0" in texte
    assert "Niveaux par tranche d'âge" in texte and "Demande par fonction d'appui" in texte
    assert texte.count("Total : 200 patients sur 200.") >= 2
    assert len(at.get("vega_lite_chart")) >= 7


def test_essai_de_regles_paerpa_a_70_ans_et_lien_partage():
    at = application("app_pages/impact.py")
    at.checkbox(key="impact._cohorte").uncheck().run()
    at.selectbox(key="impact._nom").select("paerpa.age_minimal").run()
    at.number_input(key="impact._valeur.paerpa.age_minimal").set_value(70).run()
    assert not at.exception
    metriques = {m.label: m.value for m in at.metric}
    assert int(metriques["Orientation changée"]) > 0
    assert "paramètre paerpa.age_minimal : 75 → 70" in at.code[0].value
    code = at.query_params["essai"]
    assert partage.decoder(code)["parametres"] == {"paerpa.age_minimal": 70}
    # Le lien rouvert ailleurs retrouve l'essai.
    autre = AppTest.from_file(str(RACINE / "app_pages/impact.py"), default_timeout=60)
    autre.query_params["essai"] = code
    autre.run()
    assert not autre.exception
    assert autre.session_state["impact.parametres"] == {"paerpa.age_minimal": 70}


def test_scenarios_des_experts_liste_et_editeur():
    at = application("app_pages/gherkin.py")
    assert not at.exception
    assert at.metric[0].value and int(at.metric[0].value) > 150
    at.button(key="gherkin._executer").click().run()
    assert any("Réussi" in s.value for s in at.success)
    at.text_area(key="gherkin.texte").input("""# language: fr
Fonctionnalité: Essai
  Scénario: Aidant épuisé mais parcours dit simple
    Soit une patiente de 84 ans
    Et son aidant est épuisé
    Quand on évalue sa situation
    Alors le parcours est simple
  Scénario: Phrase mal dite
    Soit une patiente de 84 ans
    Et elle vit toute seule
""").run()
    at.button(key="gherkin._executer").click().run()
    assert not at.exception
    explications = "\n".join(c.value for c in at.code)
    assert "Attendu : le parcours est simple" in explications
    assert "Constaté : le parcours est coordonné" in explications
    assert "Phrases proches" in explications and "Et elle vit seule" in explications


def test_une_situation_partagee_par_lien_remplit_le_formulaire():
    code = partage.lien_situation(Situation.model_validate(
        {"age": 84, "social": {"aidant": "epuise", "vit_seul": True}}))
    at = AppTest.from_file(str(RACINE / "app.py"), default_timeout=30)
    at.query_params["situation"] = code
    at.run()
    assert not at.exception
    assert at.number_input(key=cle(at, "age")).value == 84
    at.button(key="reperage._reperer").click().run()
    assert not at.exception
    assert partage.situation_du_lien(at.query_params["situation"]).social.aidant == "epuise"


def test_lien_abime_dit_en_francais():
    at = AppTest.from_file(str(RACINE / "app.py"), default_timeout=30)
    at.query_params["situation"] = "pas-un-lien"
    at.run()
    assert not at.exception
    assert "Lien de situation illisible" in textes(at)
