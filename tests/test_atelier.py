"""La page Scénarios et son atelier : un fichier reçu en mémoire, repéré par le chemin de
``orientation batch``, les erreurs à côté des bonnes lignes, les fichiers à télécharger."""

import io

import pandas as pd
import pytest

from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.atelier import modele_csv, modele_excel, reperer_fichier


def fichier_csv(lignes: list[str], separateur: str = ",") -> bytes:
    entete = separateur.join(["id", "age", "social.aidant", "sante.maladies_chroniques"])
    return ("\n".join([entete, *lignes]) + "\n").encode("utf-8")


def test_virgules_ou_points_virgules_les_listes_restent_entieres():
    for sep in (",", ";"):
        lot = reperer_fichier("p.csv", fichier_csv([f'p1{sep}84{sep}epuise{sep}"diabete;bpco"'],
                                                   sep))
        assert lot.resultats.loc[0, "sante.maladies_chroniques"] == "diabete;bpco"
        assert lot.bilan.dialecte == ("excel-fr" if sep == ";" else "standard")


def test_un_fichier_d_un_autre_format_est_refuse_en_francais():
    with pytest.raises(ErreurSaisie) as e:
        reperer_fichier("patients.pdf", b"%PDF")
    assert e.value.messages[0].startswith("(fichier) : format « .pdf » non pris en charge")
    with pytest.raises(ErreurSaisie):
        reperer_fichier("vide.csv", b"")


def test_les_erreurs_sont_a_cote_des_bonnes_lignes_dans_l_ordre_du_fichier():
    progression = []
    lot = reperer_fichier("p.csv", fichier_csv(["a,84,epuise,diabete", "b,abc,,",
                                                "c,30,fatigue,", "d,45,,"]),
                          progression=lambda fait, total: progression.append((fait, total)))
    assert progression[-1] == (4, 4)
    vue = lot.vue_d_ensemble()
    assert list(vue["ligne"]) == [2, 3, 4, 5]
    assert list(vue["statut"]) == ["repéré", "erreur", "erreur", "repéré"]
    assert vue.loc[1, "erreurs"] == "age : doit être un nombre entier (reçu : « abc »)"
    assert vue.loc[2, "erreurs"].startswith("social.aidant : valeur « fatigue » non permise")
    assert vue.loc[0, "niveau"] in ("coordonne", "complexe") and vue.loc[3, "niveau"] == "simple"
    assert lot.nb_rejetees == 2 and lot.nb_lignes == 4


def test_une_colonne_qui_ressemble_a_un_champ_refuse_tout_le_fichier():
    with pytest.raises(ErreurSaisie) as e:
        reperer_fichier("p.csv", b"age,social.aidnt\n80,epuise\n")
    assert "social.aidant" in e.value.messages[0]


def test_le_modele_se_relit_et_se_repere():
    for nom, contenu in (("modele.csv", modele_csv()), ("modele.xlsx", modele_excel())):
        lot = reperer_fichier(nom, contenu)
        assert list(lot.resultats["id"]) == ["exemple-1"] and lot.rejets.empty, nom
    colonnes = pd.read_excel(io.BytesIO(modele_excel()), sheet_name="colonnes")
    assert "social.aidant" in set(colonnes["colonne"])


def test_les_resultats_s_exportent_en_csv_et_excel():
    lot = reperer_fichier("p.csv", fichier_csv(["a,84,epuise,", "b,x,,"]))
    assert lot.sortie_csv.decode().splitlines()[0].startswith("id,age,social.aidant,")
    classeur = pd.read_excel(io.BytesIO(lot.excel()), sheet_name=None)
    assert set(classeur) == {"resultats", "rejets"}
    assert list(classeur["rejets"]["champ"]) == ["age"]
