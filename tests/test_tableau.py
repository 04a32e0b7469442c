"""Lecture des situations en tableau (une ligne par patient) et lignes de sortie."""

import math

import numpy as np
import pandas as pd
import pytest

from orientation import Situation, screen
from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.colonnes import (
    COLONNES,
    COLONNES_SORTIE,
    DESCRIPTION_COLONNES,
    ligne_vers_situation,
    lire_tableau,
    modele_vierge,
    nb_lignes_rejetees,
    resultat_vers_ligne,
)


def messages(ligne):
    with pytest.raises(ErreurSaisie) as e:
        ligne_vers_situation(ligne)
    return e.value.messages


def test_colonnes_derivees_du_modele_et_documentees():
    assert COLONNES[:3] == ["id", "age", "contexte.medecin_traitant"]
    for attendu in ("sante.maladies_chroniques", "autonomie.aggir.coherence",
                    "autonomie.fragilite.jugement_fragile", "social.mini_zarit",
                    "social.epices.travailleur_social", "handicap.types"):
        assert attendu in COLONNES
    assert set(DESCRIPTION_COLONNES) == set(COLONNES)
    assert "present, aucun, epuise" in DESCRIPTION_COLONNES["social.aidant"]


def test_cellules_texte_converties_comme_la_saisie_json():
    s = ligne_vers_situation({
        "age": " 84 ", "contexte.urgence": "VRAI", "contexte.medecin_traitant": "non",
        "sante.maladies_chroniques": "diabete; bpco", "sante.nb_medicaments": "12.0",
        "autonomie.gir": "", "social.aidant": "epuise", "social.vit_seul": "1",
    })
    assert s == Situation.model_validate({
        "age": 84, "contexte": {"urgence": True, "medecin_traitant": False},
        "sante": {"maladies_chroniques": ["diabete", "bpco"], "nb_medicaments": 12},
        "social": {"aidant": "epuise", "vit_seul": True}})


def test_cellules_typees_excel_ou_parquet():
    s = ligne_vers_situation({"age": np.int64(70), "sante.chutes_6_mois": 2.0,
                              "contexte.urgence": np.bool_(True), "autonomie.gir": math.nan,
                              "handicap.types": np.array(["moteur"]), "id": "x"})
    assert (s.age, s.sante.chutes_6_mois, s.contexte.urgence) == (70, 2, True)
    assert s.autonomie.gir is None and s.handicap.types == ["moteur"]


@pytest.mark.parametrize("ligne, attendu", [
    ({"age": "12.5"}, "age : doit être un nombre entier"),
    ({"age": 130}, "age : valeur 130 hors limites"),
    ({}, "age : champ obligatoire manquant"),
    ({"age": 80, "contexte.urgence": "peut-être"}, "contexte.urgence : valeur « peut-être »"),
    ({"age": 80, "social.aidant": "fatigue"}, "social.aidant : valeur « fatigue » non permise"),
    ({"age": 80, "sante.maladies_chroniques": "diabete;grippe"},
     "sante.maladies_chroniques[1] : valeur « grippe »"),
    ({"age": 80, "social.mini_zarit": "jamais;parfois"}, "social.mini_zarit : questionnaire"),
    ({"age": 80, "social.epices.couple": "oui"},
     "social.epices : questionnaire incomplet, manque(nt) : travailleur_social"),
])
def test_erreurs_nomment_la_colonne(ligne, attendu):
    assert any(m.startswith(attendu) for m in messages(ligne)), messages(ligne)


def test_questionnaire_incomplet_un_seul_message():
    m = messages({"age": 80, "autonomie.aggir.coherence": "A", "autonomie.aggir.toilette": "D"})
    assert len([x for x in m if x.startswith("autonomie.aggir :")]) == 1
    assert not any("champ obligatoire manquant" in x for x in m)


def test_lire_tableau_compte_chaque_ligne():
    df = pd.DataFrame({"id": ["a", "b", "", "d"], "age": ["80", "x", "", "40"],
                       "social.aidant": ["epuise", "", "", "fatigue"]})
    valides, rejets = lire_tableau(df)
    assert [(n, i) for n, i, _ in valides] == [(2, "a")]
    assert [(r.ligne, r.id, r.champ) for r in rejets] == [
        (3, "b", "age"), (4, None, "(ligne)"), (5, "d", "social.aidant")]
    assert len(valides) + nb_lignes_rejetees(rejets) == len(df)


def test_colonne_inconnue_refuse_le_fichier_avec_suggestion():
    with pytest.raises(ErreurSaisie) as e:
        lire_tableau(pd.DataFrame({"age": [80], "sante.nb_medicament": [3]}))
    assert "« sante.nb_medicaments »" in e.value.messages[0]


def test_modele_vierge_est_lisible_et_sortie_complete():
    df = modele_vierge()
    assert list(df.columns) == COLONNES
    valides, rejets = lire_tableau(df)
    assert not rejets
    ligne = resultat_vers_ligne("exemple-1", screen(valides[0][2]))
    assert list(ligne) == COLONNES_SORTIE
    assert ligne["niveau"] == "complexe" and "R-COMPLEXITE-PLURISECTORIELLE" in ligne["regles"]
    assert ligne["scores.mini_zarit"] == 5.5 and ligne["scores.epices"] is None
