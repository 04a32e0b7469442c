"""Les scénarios des experts (``features/``) : ce que ``orientation rules check`` en
vérifie, le glossaire des étapes et sa documentation, et des échecs lisibles en français."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from orientation.interfaces.cli import main
from orientation.referentiel import charger_referentiel, dossier_regles_par_defaut, glossaire
from orientation.referentiel.scenarios import analyser, verifier
from orientation.situation.faits import CHAMPS, QUESTIONNAIRES
from tests.conftest import RACINE, REGLES
from tests.test_referentiel import remplacer

FEATURES = RACINE / "features"


@pytest.fixture
def features_copiees(tmp_path: Path) -> Path:
    cible = tmp_path / "features"
    shutil.copytree(FEATURES, cible)
    return cible


def rules_check(capsys, *options: str) -> tuple[int, str, str]:
    code = main(["rules", "check", *options])
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


def ecrire(dossier: Path, nom: str, texte: str) -> Path:
    chemin = dossier / nom
    chemin.write_text(texte, encoding="utf-8")
    return chemin


# --- Couverture : chaque règle a son scénario ---------------------------------------------------


def test_chaque_regle_du_referentiel_a_un_scenario_etiquete():
    analyse, erreurs = verifier(charger_referentiel(REGLES), FEATURES)
    assert erreurs == []
    assert {r.id for r in charger_referentiel(REGLES).regles} <= analyse.regles_couvertes
    assert analyse.nb_cas >= 60


def test_rules_check_annonce_les_scenarios(capsys):
    code, sortie, _ = rules_check(capsys)
    assert code == 0
    nb = len(charger_referentiel(REGLES).regles)
    assert f"{nb} règles" in sortie and "couvrent chaque règle" in sortie


def test_une_regle_sans_scenario_fait_echouer_rules_check(capsys, regles_copiees):
    remplacer(regles_copiees / "sante.yaml", "regles:\n", """regles:
  - id: R-SANTE-NOUVELLE
    titre: Une règle que personne n'a encore illustrée
    description: Règle d'essai.
    references:
      - titre: "HAS, Plan personnalisé de santé (PPS) PAERPA, mars 2014"
        lien: https://www.has-sante.fr/jcms/c_1638463/fr/plan-personnalise-de-sante-pps-paerpa
    si:
      sante.addiction: oui
    alors:
      niveau: coordonne
""")
    code, _, erreur = rules_check(capsys, "--regles", str(regles_copiees))
    assert code == 1
    assert "Scénarios invalides ou incomplets (features/)" in erreur
    assert ("sante.yaml, ligne 9, règle R-SANTE-NOUVELLE : aucun scénario de features/ ne porte "
            "l'étiquette @R-SANTE-NOUVELLE") in erreur
    assert erreur.count("aucun scénario") == 1


def test_une_etiquette_inconnue_fait_echouer_rules_check(capsys, features_copiees):
    fichier = features_copiees / "sante.feature"
    remplacer(fichier, "  @R-SANTE-DENUTRITION\n", "  @R-SANTE-DENUTRITION @R-SANTE-DENUTRITIO\n")
    ligne = fichier.read_text(encoding="utf-8").splitlines().index(
        "  @R-SANTE-DENUTRITION @R-SANTE-DENUTRITIO") + 1
    code, _, erreur = rules_check(capsys, "--features", str(features_copiees))
    assert code == 1
    assert (f"features/sante.feature, ligne {ligne} : l'étiquette @R-SANTE-DENUTRITIO ne nomme "
            "aucune règle du référentiel ; vouliez-vous dire @R-SANTE-DENUTRITION ?") in erreur


def test_une_etiquette_retiree_laisse_une_regle_sans_scenario(capsys, features_copiees):
    remplacer(features_copiees / "appuis.feature", "  @R-APPUI-GESTION-DE-CAS\n", "")
    code, _, erreur = rules_check(capsys, "--features", str(features_copiees))
    assert code == 1
    assert "appuis.yaml, ligne" in erreur
    assert "règle R-APPUI-GESTION-DE-CAS : aucun scénario" in erreur


PLAN_AVEC_EXEMPLE_AU_SINGULIER = """# language: fr
Fonctionnalité: Essai

  @R-SANTE-POLYMEDICATION
  Règle: Polymédication

    Plan du scénario: Une patiente qui prend <nombre> médicaments
      Soit une patiente de 45 ans
      Et elle prend <nombre> médicaments par jour
      Quand on évalue sa situation
      Alors le parcours est coordonné

      Exemple:
        | nombre |
        | 10     |
"""


def test_le_piege_exemple_au_singulier_est_signale(tmp_path):
    dossier = tmp_path / "features"
    dossier.mkdir()
    ecrire(dossier, "essai.feature", PLAN_AVEC_EXEMPLE_AU_SINGULIER)
    erreurs = analyser(dossier).erreurs
    assert ("features/essai.feature, ligne 7 : le plan du scénario « Une patiente qui prend "
            "<nombre> médicaments » utilise <nombre> mais n'a aucun tableau « Exemples: » "
            "(« Exemple: » au singulier commence un nouveau scénario)") in erreurs
    assert any(e.startswith("features/essai.feature, ligne 13 : le scénario « (sans nom) » n'a "
                            "aucune étape (« Exemple: » au singulier") for e in erreurs)


def test_un_tableau_d_exemples_vide_fait_echouer_rules_check(capsys, features_copiees):
    ecrire(features_copiees, "vide.feature",
           PLAN_AVEC_EXEMPLE_AU_SINGULIER.replace("      Exemple:\n        | nombre |\n"
                                                  "        | 10     |\n",
                                                  "      Exemples:\n        | nombre |\n"))
    code, _, erreur = rules_check(capsys, "--features", str(features_copiees))
    assert code == 1
    assert ("features/vide.feature, ligne 13 : le tableau « Exemples » du plan du scénario "
            "« Une patiente qui prend <nombre> médicaments » est vide") in erreur


def test_en_tete_de_langue_et_syntaxe(tmp_path):
    dossier = tmp_path / "features"
    dossier.mkdir()
    ecrire(dossier, "anglais.feature", "Feature: x\n  Scenario: y\n    Given z\n")
    ecrire(dossier, "casse.feature", "# language: fr\nFonctionnalité: x\n  Scénario: y\n"
                                     "    Soit z\n  n'importe quoi\n")
    erreurs = analyser(dossier).erreurs
    assert any(e.startswith("features/anglais.feature, ligne 1 : le fichier doit commencer par "
                            "« # language: fr »") for e in erreurs)
    assert any(e.startswith("features/casse.feature, ligne 5 : Gherkin invalide") for e in erreurs)


def test_dossier_de_scenarios_introuvable(capsys, tmp_path):
    code, _, erreur = rules_check(capsys, "--features", str(tmp_path / "rien"))
    assert code == 1
    assert "dossier de scénarios introuvable" in erreur


# --- Le glossaire et sa documentation ---------------------------------------------------------


def test_features_readme_liste_chaque_phrase_du_glossaire():
    texte = glossaire.README_FEATURES.read_text(encoding="utf-8")
    assert texte == glossaire.readme_a_jour(texte), (
        "features/README.md n'est plus à jour : lancer .venv/bin/python -m orientation.referentiel.glossaire")
    for phrase in glossaire.GLOSSAIRE:
        assert phrase.modele.replace("|", "\\|") in texte


def _sans_mot_cle(exemple: str) -> str:
    for mot in ("Sachant que ", "Soit ", "Et ", "Quand ", "Alors "):
        if exemple.startswith(mot):
            return exemple[len(mot):]
    return exemple


def test_chaque_exemple_du_glossaire_est_reconnu_par_sa_phrase_et_par_elle_seule():
    import re

    for phrase in glossaire.GLOSSAIRE:
        for exemple in phrase.exemples:
            texte = _sans_mot_cle(exemple)
            assert re.fullmatch(phrase.motif, texte), (phrase.modele, exemple)
            autres = [p.modele for p in glossaire.GLOSSAIRE if p is not phrase
                      and p.mot_cle == phrase.mot_cle and re.fullmatch(p.motif, texte)]
            assert not autres, f"« {exemple} » est aussi reconnu par {autres}"


def test_chaque_champ_de_la_situation_a_sa_phrase():
    documentes = " ".join(p.effet for p in glossaire.GLOSSAIRE if p.mot_cle == "Soit")
    saisissables = [c for c, ch in CHAMPS.items() if not ch.derive] + sorted(QUESTIONNAIRES)
    manquants = [c for c in saisissables if f"`{c}`" not in documentes]
    assert manquants == []


def test_libelles_et_identifiants_sont_acceptes():
    assert glossaire._trouver("DAC - reponse globale", glossaire.appuis(), "appui") == \
        "dac_reponse_globale"
    assert glossaire._trouver("dac_reponse_globale", glossaire.appuis(), "appui") == \
        "dac_reponse_globale"
    assert glossaire._trouver("sortie d'hospitalisation", glossaire.alertes(), "alerte") == \
        "sortie_hospitalisation"
    with pytest.raises(glossaire.PhraseIncomprise, match="Vouliez-vous dire « SAD aide »"):
        glossaire._trouver("SAD aides", glossaire.acteurs(), "acteur")


# --- Un référentiel modifié fait échouer les scénarios, lisiblement --------------------------


def pytest_sous_processus(*args: str, env: dict[str, str] | None = None) -> str:
    p = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0",
                        *args],
                       capture_output=True, text=True, cwd=RACINE, timeout=120,
                       env={**os.environ, **(env or {})})
    return p.stdout + p.stderr


def test_variable_orientation_regles(monkeypatch, tmp_path):
    monkeypatch.setenv("ORIENTATION_REGLES", str(tmp_path))
    assert dossier_regles_par_defaut() == tmp_path
    monkeypatch.delenv("ORIENTATION_REGLES")
    assert dossier_regles_par_defaut() != tmp_path


def test_changer_le_seuil_de_polymedication_fait_echouer_un_scenario_en_francais(regles_copiees):
    remplacer(regles_copiees / "parametres.yaml",
              "  valeur: 10\n  unite: médicaments\n", "  valeur: 12\n  unite: médicaments\n")
    sortie = pytest_sous_processus("tests/test_features.py", "-m", "R-SANTE-POLYMEDICATION",
                                   env={"ORIENTATION_REGLES": str(regles_copiees)})
    assert "1 failed" in sortie or "2 failed" in sortie, sortie
    assert ("Scénario « Une patiente qui prend 10 médicaments par jour » "
            "(features/sante.feature, ligne") in sortie
    assert "Attendu : le parcours est coordonné\nConstaté : le parcours est simple" in sortie
    assert "Situation décrite : âge = 45 ; nombre de médicaments par jour = 10" in sortie
    assert "règles appliquées : aucune" in sortie
    assert "Traceback" not in sortie and "AssertionError" not in sortie
    assert "def " not in sortie  # aucun code Python dans le rapport


FEATURE_FAUSSE = """# language: fr
Fonctionnalité: Des scénarios faux, pour voir les messages

  Scénario: Une attente fausse
    Soit une patiente de 84 ans
    Et son aidant est épuisé
    Quand on évalue sa situation
    Alors la fonction d'appui « Gestion de cas » est proposée

  Scénario: Une phrase inconnue
    Soit une patiente de 84 ans
    Et elle marche avec une canne
"""


@pytest.mark.lent  # pytest lancé dans un processus à part, sur tous les scénarios
def test_echecs_et_phrases_inconnues_en_francais_identifiants_accentues(tmp_path):
    dossier = tmp_path / "features"
    dossier.mkdir()
    ecrire(dossier, "fausse.feature", FEATURE_FAUSSE)
    sortie = pytest_sous_processus("tests/test_features.py", "-o",
                                   f"bdd_features_base_dir={dossier}", "-rf")
    assert "2 failed" in sortie, sortie
    assert "Étape, ligne 8 : Alors la fonction d'appui « Gestion de cas » est proposée" in sortie
    assert ("Attendu : la fonction d'appui « Gestion de cas » est proposée\nConstaté : la "
            "fonction d'appui « Gestion de cas » n'est pas proposée") in sortie
    assert "fonctions d'appui : DAC – appui à la personne et à l'aidant" in sortie
    assert "R-SOCIAL-AIDANT-EPUISE « Aidant épuisé » — car aidant = épuisé" in sortie
    assert "Étape, ligne 12 : Et elle marche avec une canne" in sortie
    assert "Cette phrase n'est pas dans le glossaire des étapes (features/README.md)" in sortie
    assert "--generate-missing --feature features tests/test_features.py" in sortie
    assert "test_une_attente_fausse" in sortie
    assert "Traceback" not in sortie


@pytest.mark.lent  # pytest lancé dans un processus à part, sur tous les scénarios
def test_les_identifiants_des_tests_gardent_leurs_accents():
    sortie = pytest_sous_processus("tests/test_features.py", "--collect-only", "-q",
                                   "-m", "R-SANTE-DEPISTAGE-ORGANISE")
    assert "test_dépistage_organisé_à_âge_ans[49-n'est pas proposé]" in sortie, sortie
    assert "\\u" not in sortie
