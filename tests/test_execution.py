"""Les scénarios exécutés en mémoire, sans pytest (page « Scénarios des experts », situations
des scénarios pour ``rules diff``) : mêmes phrases, mêmes verdicts que pytest-bdd."""

import pytest

from orientation.evaluation.moteur import Moteur
from orientation.referentiel import charger_referentiel
from orientation.referentiel.execution import (
    ErreurGherkin,
    executer,
    executer_tous,
    lire_dossier,
    lire_texte,
    situation_du_cas,
)
from orientation.referentiel.memoire import avec_parametres, depuis_dossier
from tests.conftest import RACINE, REGLES

ENTETE = "# language: fr\nFonctionnalité: Essai\n"


def test_tous_les_scenarios_livres_passent_en_memoire_comme_avec_pytest():
    cas, erreurs = lire_dossier(RACINE / "features")
    assert erreurs == []
    assert len(cas) > 150  # un cas par ligne d'exemples des plans du scénario
    echecs = [i.explication for i in executer_tous(cas) if not i.reussi]
    assert echecs == []


def test_un_scenario_faux_s_explique_en_francais():
    (cas,) = lire_texte(ENTETE + """
  Scénario: Aidant épuisé
    Soit une patiente de 84 ans
    Et son aidant est épuisé
    Quand on évalue sa situation
    Alors le parcours est simple
""")
    issue = executer(cas)
    assert not issue.reussi
    assert issue.etape is not None and issue.etape.ligne == 8
    assert "Étape, ligne 8 : Alors le parcours est simple" in issue.explication
    assert "Attendu : le parcours est simple" in issue.explication
    assert "Constaté : le parcours est coordonné" in issue.explication
    assert "R-SOCIAL-AIDANT-EPUISE" in issue.explication


def test_une_phrase_inconnue_recoit_les_phrases_proches():
    (cas,) = lire_texte(ENTETE + """
  Scénario: Mal dit
    Soit une patiente de 84 ans
    Et elle vit toute seule
""")
    issue = executer(cas)
    assert not issue.reussi
    assert "n'est pas dans le glossaire" in issue.explication
    assert "Et elle vit seule" in issue.explication


def test_plan_du_scenario_et_tableau():
    cas = lire_texte(ENTETE + """
  Plan du scénario: GIR <gir>
    Soit une personne de 80 ans
    Et sa grille AGGIR est :
      | variable      | code |
      | cohérence     | C    |
      | orientation   | C    |
      | toilette      | C    |
      | habillage     | C    |
      | alimentation  | C    |
      | élimination   | C    |
      | transferts    | C    |
      | déplacement intérieur | C |
    Quand on évalue sa situation
    Alors le GIR vaut <gir>

    Exemples:
      | gir |
      | 1   |
      | 2   |
""")
    issues = executer_tous(cas)
    assert [i.reussi for i in issues] == [True, False]
    assert situation_du_cas(cas[0])["autonomie"]["aggir"]["transferts"] == "C"


def test_texte_sans_en_tete_ou_illisible():
    with pytest.raises(ErreurGherkin, match="ligne 1 : le texte doit commencer par"):
        lire_texte("Fonctionnalité: x\n  Scénario: y\n    Soit une personne de 3 ans\n")
    with pytest.raises(ErreurGherkin, match="ligne 5 : Gherkin invalide"):
        lire_texte(ENTETE + "  Scénario: y\n    Soit une personne de 3 ans\n  xx yy\n")


def test_un_autre_referentiel_change_le_verdict():
    (cas,) = lire_texte(ENTETE + """
  Scénario: PPS à 72 ans
    Soit une personne de 72 ans
    Et elle a les maladies chroniques : diabète, insuffisance cardiaque et BPCO
    Quand on évalue sa situation
    Alors un PPS est recommandé
""")
    assert not executer(cas).reussi
    a_70 = Moteur(charger_referentiel(avec_parametres(depuis_dossier(REGLES),
                                                      {"paerpa.age_minimal": 70})))
    assert executer(cas, a_70).reussi
