"""« Et si… ? » : ce qui change quand la situation change."""

from orientation.resultat.comparaison import champs_modifies, comparer
from tests.conftest import exemple, situation


def test_ajouter_une_urgence_ajoute_l_alerte_les_acteurs_et_la_regle(moteur):
    avant = situation(exemple("03_personne_agee_complexe.json"))
    donnees = exemple("03_personne_agee_complexe.json")
    donnees["contexte"]["urgence"] = True
    apres = situation(donnees)
    d = comparer(moteur.screen(avant), moteur.screen(apres))
    assert d.urgence == (False, True) and not d.identique
    assert "SAMU – centre 15 (Hôpital)" in d.listes["acteurs"].ajouts
    assert d.listes["regles"].ajouts == ("R-CAS-URGENCE-VITALE — Urgence vitale",)
    assert "Urgence vitale : apparaît" in d.en_lignes()
    assert champs_modifies(avant, apres) == [("Signes d'urgence vitale", "non", "oui")]


def test_un_changement_de_niveau_et_des_retraits_sont_dits(moteur):
    complexe = moteur.screen(situation(exemple("03_personne_agee_complexe.json")))
    simple = moteur.screen(situation({"age": 30}))
    d = comparer(complexe, simple)
    lignes = d.en_lignes()
    assert lignes[0] == "Niveau : complexe → simple"
    assert "Fonctions d'appui proposées : − Gestion de cas" in lignes
    assert not d.listes["clusters"].ajouts


def test_la_meme_situation_ne_change_rien(moteur):
    o = moteur.screen(situation({"age": 84, "social": {"isolement": True}}))
    d = comparer(o, o)
    assert d.identique and d.en_lignes() == ["Aucun changement dans l'orientation."]
