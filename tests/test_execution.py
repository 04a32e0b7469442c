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


def test_le_message_d_une_alerte_se_lit_numero_par_numero():
    """Ce qu'une alerte dit au médecin (numéros, voies de signalement) se vérifie, mot entier :
    « 15 » ne se lit pas dans « 115 », ni « 119 » dans « L119-1 »."""
    def issue(attentes: str):
        (cas,) = lire_texte(ENTETE + """
  Scénario: Enfant en danger
    Soit un enfant de 8 ans
    Et une maltraitance est suspectée
    Quand on évalue sa situation
""" + attentes)
        return executer(cas)

    assert issue("""    Alors l'alerte « enfant en danger » cite la « CRIP » et le « 119 »
    Et l'alerte « enfant en danger » ne cite pas le « 3977 »
    Et un message d'alerte cite le « 226-14 »
    Et aucun message d'alerte ne cite le « 15 »
""").reussi
    faux = issue("    Alors l'alerte « enfant en danger » cite le « 3977 »\n")
    assert not faux.reussi
    assert ("Attendu : l'alerte « Enfant en danger ou en risque de l'être » est levée et cite "
            "« 3977 »") in faux.explication
    assert "Constaté : son message ne cite pas « 3977 » : « Enfant en danger" in faux.explication
    absente = issue("    Alors l'alerte « urgence » cite le « 15 »\n")
    assert "Constaté : l'alerte « Signes d'urgence vitale » n'est pas levée" in absente.explication
    nulle_part = issue("    Alors un message d'alerte cite le « 3919 » et le « 119 »\n")
    assert "Constaté : « 3919 » n’est cité par aucune alerte" in nulle_part.explication
    assert "  - maltraitance : « Maltraitance suspectée" in nulle_part.explication
    sans_guillemets = issue("    Alors l'alerte « maltraitance » cite le 3977\n")
    assert "écrivez chaque numéro ou mention entre guillemets" in sans_guillemets.explication
