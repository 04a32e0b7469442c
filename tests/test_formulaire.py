"""Le formulaire à plat : aller-retour avec la situation, erreurs nommées, aperçus des
instruments pendant la saisie."""

import pytest

from orientation.interfaces.formulaire import (
    aide,
    apercu_aggir,
    apercu_epices,
    apercu_fragilite,
    apercu_mini_zarit,
    champs_du_formulaire,
    cles_saisie,
    elements_saisis,
    exemples,
    message_lisible,
    saisie_depuis_situation,
    saisie_vierge,
    situation_depuis_saisie,
)
from orientation.situation import instruments
from orientation.situation.erreurs import ErreurSaisie, lire_situation
from tests.conftest import EXEMPLES, situation


@pytest.fixture(scope="module")
def parametres(moteur):
    return moteur.referentiel.valeurs_parametres


def erreurs(valeurs):
    with pytest.raises(ErreurSaisie) as e:
        lire_situation(situation_depuis_saisie(valeurs))
    return [message_lisible(m) for m in e.value.messages]


def test_chaque_exemple_charge_dans_le_formulaire_redonne_la_meme_situation():
    livres = exemples(EXEMPLES)
    assert len(livres) == len(list(EXEMPLES.glob("*.json")))
    assert "Personne âgée, situation complexe" in livres
    for titre, s in livres.items():
        assert lire_situation(situation_depuis_saisie(saisie_depuis_situation(s))) == s, titre


def test_un_formulaire_vierge_ne_demande_que_l_age():
    vierge = saisie_vierge()
    assert set(vierge) == set(cles_saisie())
    assert erreurs(vierge) == ["Âge (age) : champ obligatoire manquant"]
    assert lire_situation(situation_depuis_saisie({**vierge, "age": 40})) == situation({"age": 40})


def test_chaque_champ_du_formulaire_a_une_aide():
    for section in ("contexte", "sante", "autonomie", "handicap", "social"):
        for champ in champs_du_formulaire(section):
            assert aide(champ.chemin), champ.chemin


def test_un_gir_saisi_qui_contredit_la_grille_aggir_est_une_erreur_en_francais():
    valeurs = {**saisie_vierge(), "age": 80, "autonomie.gir": 2}
    valeurs.update({f"autonomie.aggir.{v}": "A" for v in instruments.AGGIR_VARIABLES})
    (message,) = erreurs(valeurs)
    assert message.startswith("Grille AGGIR (autonomie.aggir) : la grille AGGIR donne le GIR 6")
    assert "autonomie.gir" in message


def test_un_questionnaire_commence_mais_incomplet_nomme_ce_qui_manque():
    valeurs = {**saisie_vierge(), "age": 80, "social.mini_zarit.0": "souvent",
               "social.epices.sport": True}
    messages = erreurs(valeurs)
    assert "Mini-Zarit (social.mini_zarit) : questionnaire incomplet ou trop long : 1 réponse(s), 7 attendue(s)" in messages
    assert any(m.startswith("Score EPICES — Vivez-vous en couple ? (social.epices.couple)") for m in messages)


def test_un_questionnaire_sans_reponse_est_absent():
    s = lire_situation(situation_depuis_saisie({**saisie_vierge(), "age": 80}))
    assert s.social.epices is None and s.autonomie.aggir is None and s.social.mini_zarit is None


def test_apercus_des_instruments_pendant_la_saisie(parametres):
    valeurs = saisie_vierge()
    assert apercu_epices(valeurs, parametres) == "0/11 réponses"
    valeurs.update({f"social.epices.{q}": False for q in instruments.EPICES_COEFFICIENTS})
    assert apercu_epices(valeurs, parametres) == "Score EPICES : 75,14 / 100 — précarité (seuil 30)"
    valeurs.update({f"social.epices.{q}": q not in ("difficultes_financieres", "travailleur_social")
                    for q in instruments.EPICES_COEFFICIENTS})
    assert apercu_epices(valeurs, parametres).startswith("Score EPICES : 0 / 100 — pas de précarité")

    valeurs.update({f"social.mini_zarit.{i}": "parfois" for i in range(7)})
    assert apercu_mini_zarit(valeurs, parametres) == "Mini-Zarit : 3,5 / 7 (fardeau modéré à sévère)"

    valeurs.update({f"autonomie.aggir.{v}": "B" for v in instruments.AGGIR_VARIABLES})
    assert apercu_aggir(valeurs) == "GIR calculé : 4"
    valeurs["autonomie.aggir.toilette"] = None
    assert apercu_aggir(valeurs) == "7/8 variables codées"

    assert apercu_fragilite(valeurs) == "0/6 réponses"
    valeurs.update({f"autonomie.fragilite.{q}": "non" for q in
                    ("vit_seul", "perte_de_poids", "fatigue", "mobilite", "plainte_memoire")})
    valeurs["autonomie.fragilite.marche_lente"] = "oui"
    assert apercu_fragilite(valeurs) == "Fragilité (GFST) : à confirmer par le clinicien"
    valeurs["autonomie.fragilite.jugement_fragile"] = True
    assert apercu_fragilite(valeurs) == "Fragilité (GFST) : fragile"


def test_les_elements_saisis_omettent_les_valeurs_par_defaut():
    s = situation({"age": 84, "social": {"aidant": "epuise"}, "contexte": {"medecin_traitant": False}})
    assert elements_saisis(s) == [("Âge", "84 ans"), ("Médecin traitant déclaré", "non"),
                                  ("Aidant", "épuisé")]
