"""Un lot de situations en fichier : lecture en mémoire, repérage, erreurs à côté des
bonnes lignes, fichiers à télécharger."""

import io

import pandas as pd
import pytest

from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.atelier import (
    lire_fichier,
    modele_csv,
    modele_excel,
    reperer_tableau,
    resultats_excel,
    vers_csv,
)


def fichier_csv(lignes: list[str], separateur: str = ",") -> bytes:
    entete = separateur.join(["id", "age", "social.aidant", "sante.maladies_chroniques"])
    return ("\n".join([entete, *lignes]) + "\n").encode("utf-8")


def test_un_csv_se_lit_avec_virgules_ou_points_virgules_et_garde_les_listes():
    for sep in (",", ";"):
        contenu = fichier_csv([f'p1{sep}84{sep}epuise{sep}"diabete;bpco"'], sep)
        df = lire_fichier("patients.csv", contenu)
        assert df.loc[0, "age"] == "84"
        assert df.loc[0, "sante.maladies_chroniques"] == "diabete;bpco"


def test_un_fichier_qui_n_est_ni_csv_ni_excel_est_refuse_en_francais():
    with pytest.raises(ErreurSaisie) as e:
        lire_fichier("patients.pdf", b"%PDF")
    assert e.value.messages == ["(fichier) : « patients.pdf » n'est ni un .csv ni un .xlsx"]
    with pytest.raises(ErreurSaisie):
        lire_fichier("vide.csv", b"")


def test_les_erreurs_sont_a_cote_des_bonnes_lignes_dans_l_ordre_du_fichier(moteur):
    df = lire_fichier("p.csv", fichier_csv(["a,84,epuise,diabete", "b,abc,,", "c,30,fatigue,",
                                            "d,45,,"]))
    progression = []
    lot = reperer_tableau(df, moteur.screen, lambda fait, total: progression.append((fait, total)))
    assert progression[-1] == (2, 2)
    vue = lot.vue_d_ensemble()
    assert list(vue["ligne"]) == [2, 3, 4, 5]
    assert list(vue["statut"]) == ["repéré", "erreur", "erreur", "repéré"]
    assert list(vue["id"]) == ["a", "b", "c", "d"]
    assert vue.loc[1, "erreurs"] == "age : doit être un nombre entier (reçu : « abc »)"
    assert vue.loc[2, "erreurs"].startswith("social.aidant : valeur « fatigue » non permise")
    assert vue.loc[0, "niveau"] in ("coordonne", "complexe") and vue.loc[3, "niveau"] == "simple"
    assert lot.nb_rejetees == 2 and lot.nb_lignes == 4


def test_une_colonne_inconnue_refuse_tout_le_fichier(moteur):
    df = pd.DataFrame([{"age": "80", "social.aidnt": "epuise"}])
    with pytest.raises(ErreurSaisie) as e:
        reperer_tableau(df, moteur.screen)
    assert "social.aidant" in e.value.messages[0]


def test_le_modele_se_relit_et_se_repere(moteur):
    for nom, contenu in (("modele.csv", modele_csv()), ("modele.xlsx", modele_excel())):
        lot = reperer_tableau(lire_fichier(nom, contenu), moteur.screen)
        assert list(lot.resultats["id"]) == ["exemple-1"] and lot.rejets.empty
    colonnes = pd.read_excel(io.BytesIO(modele_excel()), sheet_name="colonnes")
    assert "social.aidant" in set(colonnes["colonne"])


def test_les_resultats_s_exportent_en_csv_et_excel(moteur):
    lot = reperer_tableau(lire_fichier("p.csv", fichier_csv(["a,84,epuise,", "b,x,,"])),
                          moteur.screen)
    csv = vers_csv(lot.vue_d_ensemble()).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("ligne,statut,id,niveau,")
    classeur = pd.read_excel(io.BytesIO(resultats_excel(lot)), sheet_name=None)
    assert set(classeur) == {"resultats", "erreurs", "colonnes"}
    assert list(classeur["erreurs"]["champ"]) == ["age"]
