"""La ligne de commande : ses sorties, ses messages et ses codes (dans le processus des
tests, ``tests/commande.py`` ; le premier test la lance comme un utilisateur, en processus)."""

import json
import subprocess
import sys

import pytest

from tests.commande import orientation
from tests.conftest import EXEMPLES, RACINE


def test_python_m_orientation_est_la_commande_d_un_utilisateur():
    p = subprocess.run([sys.executable, "-m", "orientation", "screen",
                        str(EXEMPLES / "09_urgence.json"), "--format", "json"],
                       capture_output=True, cwd=RACINE, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    assert json.loads(p.stdout)["urgence"] is True
    p = subprocess.run([sys.executable, "-m", "orientation", "screen", "-"], input=b"{",
                       capture_output=True, cwd=RACINE, timeout=120)
    assert p.returncode == 2 and "Traceback" not in p.stderr.decode()


def test_screen_json_imprime_un_seul_objet_du_contrat():
    p = orientation("screen", str(EXEMPLES / "03_personne_agee_complexe.json"), "--format", "json")
    assert p.returncode == 0, p.stderr.decode()
    d = json.loads(p.stdout)
    assert d["niveau"] == "complexe"
    assert {e["regle"] for e in d["explications"]} >= {"R-COMPLEXITE-PLURISECTORIELLE"}


def test_screen_texte_commence_par_le_niveau_puis_les_alertes():
    p = orientation("screen", str(EXEMPLES / "12_maltraitance_suspectee.json"))
    texte = p.stdout.decode()
    assert p.returncode == 0
    assert texte.startswith("PARCOURS")
    assert texte.index("Alertes") < texte.index("Acteurs à mobiliser") < texte.index("Pourquoi ces")


def test_en_urgence_le_15_ouvre_le_texte_et_le_reste_vient_apres():
    p = orientation("screen", str(EXEMPLES / "09_urgence.json"))
    texte = p.stdout.decode()
    assert p.returncode == 0
    assert texte.startswith("!!! ") and "appeler le 15" in texte.splitlines()[0]
    assert texte.index("APRÈS L'URGENCE") < texte.index("PARCOURS")
    assert "Pourquoi ces propositions :" in texte and "[R-CAS-URGENCE-VITALE]" in texte


def test_screen_lit_l_entree_standard():
    p = orientation("screen", "-", "--format", "json", entree='{"age": 30}')
    assert p.returncode == 0
    assert json.loads(p.stdout)["niveau"] == "simple"


@pytest.mark.parametrize(
    ("entree", "attendu"),
    [
        ('{"age": -4}', "age : valeur -4 hors limites"),
        ('{"age": 80, "social": {"vit_seul": true, "aidnt": "aucun"}}', "social.aidnt : champ inconnu"),
        ('{"age": 80, "social": {"aidant": "fatigue"}}', "social.aidant : valeur « fatigue »"),
        ('{"age": "quatre-vingts"}', "age : doit être un nombre entier"),
        ("pas du JSON", "JSON invalide, ligne 1"),
        ('{"age": 80, "autonomie": {"gir": 1, "aggir": {"coherence": "A", "orientation": "A", '
         '"toilette": "A", "habillage": "A", "alimentation": "A", "elimination": "A", '
         '"transferts": "A", "deplacement_interieur": "A"}}}', "autonomie.aggir : la grille AGGIR"),
        ('{"age": 80, "social": {"mini_zarit": ["jamais", "souvent"]}}',
         "social.mini_zarit : questionnaire incomplet"),
        ("", "JSON invalide"),
    ],
)
def test_saisie_invalide_code_2_message_francais_sans_trace(entree, attendu):
    p = orientation("screen", "-", "--format", "json", entree=entree)
    err = p.stderr.decode()
    assert p.returncode == 2
    assert attendu in err
    assert "Traceback" not in err
    assert p.stdout == b""


def test_fichier_introuvable_code_2():
    p = orientation("screen", "nexiste_pas.json")
    assert p.returncode == 2
    assert "introuvable" in p.stderr.decode()


def test_commande_inconnue_code_2_en_francais():
    p = orientation("depister")
    assert p.returncode == 2
    assert "choix invalide" in p.stderr.decode()


def test_aide():
    p = orientation("--help")
    assert p.returncode == 0
    assert "screen" in p.stdout.decode() and "rules" in p.stdout.decode()


def test_rules_check():
    p = orientation("rules", "check")
    assert p.returncode == 0
    assert "Référentiel valide" in p.stdout.decode()
