"""Le modèle de la situation : valeurs par défaut, bornes, vocabulaires fermés, et des
messages d'erreur en français qui nomment chaque champ par son chemin."""

import pytest

from orientation.situation.erreurs import ErreurSaisie, lire_situation, lire_situation_json
from orientation.situation.modele import Situation

GRILLE_A = dict.fromkeys(["coherence", "orientation", "toilette", "habillage", "alimentation",
                          "elimination", "transferts", "deplacement_interieur"], "A")


def erreurs(donnees) -> str:
    with pytest.raises(ErreurSaisie) as e:
        lire_situation(donnees)
    return "\n".join(e.value.messages)


def test_seul_l_age_est_obligatoire_et_les_defauts_sont_ceux_du_contrat():
    s = Situation.model_validate({"age": 40})
    assert s.contexte.medecin_traitant is True
    assert s.social.aidant == "present"
    assert s.social.logement == "adapte"
    assert s.social.couverture == "complete"
    assert s.social.protection_juridique == "aucune"
    assert s.autonomie.aides == "adaptees"
    assert s.sante.nb_medicaments == 0
    assert s.autonomie.gir is None


@pytest.mark.parametrize(
    ("donnees", "attendu"),
    [
        ({}, "age : champ obligatoire manquant"),
        ({"age": -1}, "age : valeur -1 hors limites ; permis : au moins 0"),
        ({"age": 121}, "age : valeur 121 hors limites ; permis : au plus 120"),
        ({"age": "80"}, "age : doit être un nombre entier"),
        ({"age": 80.5}, "age : doit être un nombre entier"),
        ({"age": 80, "social": {"aidant": "fatigue"}},
         "social.aidant : valeur « fatigue » non permise ; valeurs permises : present, aucun, "
         "epuise"),
        ({"age": 80, "sante": {"nb_medicament": 3}}, "sante.nb_medicament : champ inconnu"),
        ({"age": 80, "sant": {}}, "sant : champ inconnu"),
        ({"age": 80, "social": {"vit_seul": "oui"}}, "social.vit_seul : doit valoir true ou false"),
        ({"age": 80, "sante": {"nb_medicaments": 61}}, "sante.nb_medicaments : valeur 61"),
        ({"age": 80, "sante": {"maladies_chroniques": ["grippe"]}},
         "sante.maladies_chroniques[0] : valeur « grippe » non permise"),
        ({"age": 80, "sante": {"maladies_chroniques": ["avc", "avc"]}},
         "sante.maladies_chroniques : la valeur « avc » figure deux fois"),
        ({"age": 80, "social": {"mini_zarit": ["jamais"] * 5}},
         "social.mini_zarit : questionnaire incomplet ou trop long : 5 réponse(s), 7 attendue(s)"),
        ({"age": 80, "social": {"epices": {"sport": True}}},
         "social.epices.travailleur_social : champ obligatoire manquant"),
        ({"age": 80, "autonomie": {"gir": 7}}, "autonomie.gir : valeur 7 hors limites"),
        ({"age": 80, "autonomie": {"aggir": {**GRILLE_A, "transferts": "D"}}},
         "autonomie.aggir.transferts : valeur « D » non permise ; valeurs permises : A, B, C"),
        ({"age": 80, "autonomie": {"fragilite": {"vit_seul": "oui"}}},
         "autonomie.fragilite.perte_de_poids : champ obligatoire manquant"),
    ],
)
def test_une_saisie_invalide_nomme_le_champ_et_ce_qui_est_permis(donnees, attendu):
    assert attendu in erreurs(donnees)


def test_gir_et_grille_aggir_en_desaccord_sont_refuses():
    message = erreurs({"age": 80, "autonomie": {"gir": 2, "aggir": GRILLE_A}})
    assert "autonomie.aggir : la grille AGGIR donne le GIR 6, le GIR saisi" in message


def test_gir_et_grille_aggir_d_accord_sont_acceptes():
    s = lire_situation({"age": 80, "autonomie": {"gir": 6, "aggir": GRILLE_A}})
    assert s.autonomie.gir == 6


def test_toutes_les_erreurs_sont_rapportees_d_un_coup():
    message = erreurs({"age": -3, "social": {"aidant": "x", "logement": "y"}})
    assert message.count("\n") == 2


def test_json_invalide_donne_la_ligne_et_la_colonne():
    with pytest.raises(ErreurSaisie) as e:
        lire_situation_json('{"age": 80,\n "social": }')
    assert "JSON invalide, ligne 2" in e.value.messages[0]


def test_autre_chose_qu_un_objet_est_refuse():
    with pytest.raises(ErreurSaisie, match="un objet JSON est attendu"):
        lire_situation_json("[1, 2]")


def test_texte_non_utf8_est_refuse():
    with pytest.raises(ErreurSaisie, match="UTF-8"):
        lire_situation_json('{"age": 80, "x": "é"}'.encode("latin-1"))
