"""Le tableau d'une coordinatrice, aller-retour dans Excel en français (issue 15) : ses mots,
ses en-têtes, ses colonnes à elle, le fichier qu'Excel ouvre tel quel, la documentation."""

import codecs
import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.atelier import reperer_fichier
from orientation.tables.colonnes import ligne_vers_situation, resoudre_entete
from orientation.tables.gabarit import vocabulaire_markdown
from tests.commande import orientation
from tests.conftest import RACINE

# Enregistré par Excel en français : « ; », Windows-1252, libellés du formulaire, une colonne
# « commentaire » à la coordinatrice, une ligne vide à la fin.
EXCEL_FR = (
    "id;Âge;Aidant;Maladies chroniques;Logement;Couverture maladie;Vit seul;commentaire\r\n"
    "p1;84;Épuisé;diabète;Inadapté;sans complémentaire;OUI;revoir en mars\r\n"
    "p2;67;présent;\"Insuffisance cardiaque; BPCO\";adapté;Complète;non;\r\n"
    "p3;91;aucun;;insalubre;aucune;oui;« à domicile »\r\n"
    "p4;45;;;;;;\r\n"
    "p5;78;EPUISE;maladie neuro-évolutive;;;Oui;\r\n"
    "p6;30;;VIH;sans domicile;;non;; point-virgule final\r\n"
    "p7;102;présent;hypertension;adapte;complete;non;\r\n"
    ";;;;;;;\r\n"
).encode("cp1252")


def _cli(*args, entree=None):
    return orientation(*args, entree=entree)


def test_le_fichier_d_excel_en_francais_passe_sans_option(tmp_path):
    # la ligne p6 a un « ; » de trop : elle est seule rejetée
    contenu = EXCEL_FR.replace(";; point-virgule final".encode("cp1252"), b";")
    (tmp_path / "export.csv").write_bytes(contenu)
    p = _cli("batch", str(tmp_path / "export.csv"), "-o", str(tmp_path / "r.csv"))
    erreurs = p.stderr.decode()
    assert p.returncode == 0, erreurs
    assert "Lues : 7 = repérées : 7 + rejetées : 0 ; 1 ligne(s) vide(s) en fin de fichier " \
           "ignorée(s)" in erreurs
    assert "« commentaire »" in erreurs  # annoncée une fois comme recopiée
    assert not (tmp_path / "r.rejets.csv").exists()
    brut = (tmp_path / "r.csv").read_bytes()
    assert brut.startswith(codecs.BOM_UTF8)  # entrée en « ; » : sortie pour Excel en français
    sortie = pd.read_csv(io.BytesIO(brut), sep=";", dtype=str, keep_default_na=False,
                         encoding="utf-8-sig")
    assert list(sortie.columns[:8]) == ["id", "Âge", "Aidant", "Maladies chroniques",
                                        "Logement", "Couverture maladie", "Vit seul",
                                        "commentaire"]
    assert sortie["commentaire"].tolist()[:3] == ["revoir en mars", "", "« à domicile »"]
    assert sortie.loc[0, "Aidant"] == "Épuisé"  # l'entrée est recopiée telle quelle
    assert sortie.loc[0, "niveau"] in ("coordonne", "complexe")
    assert "dac_personne_aidant" in sortie.loc[0, "appuis"]
    # la même chose dans l'application : mêmes octets
    assert reperer_fichier("export.csv", contenu).sortie_csv == brut


def test_excel_fr_et_libelles(tmp_path):
    (tmp_path / "in.csv").write_text(
        "id,age,social.aidant,social.isolement,autonomie.gir,autonomie.aides,"
        "sante.maladies_chroniques\n"
        "a,84,épuisé,oui,4,insuffisantes,\"diabète;BPCO\"\nb,30,,,,,\n")
    p = _cli("batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.csv"),
             "--dialecte", "excel-fr", "--libelles")
    assert p.returncode == 0, p.stderr.decode()
    brut = (tmp_path / "out.csv").read_bytes()
    assert brut.startswith(codecs.BOM_UTF8)
    texte = brut.decode("utf-8-sig")
    premiere = texte.splitlines()[0]
    assert premiere.count(";") > 10 and "Niveau conclu" in premiere
    sortie = pd.read_csv(io.StringIO(texte), sep=";", dtype=str, keep_default_na=False)
    assert sortie["Niveau conclu"].tolist() == ["Parcours complexe", "Parcours simple"]
    assert set(sortie["Urgence"]) <= {"oui", "non"}


def test_une_ligne_de_trop_de_valeurs_est_seule_rejetee_et_le_code_le_dit(tmp_path):
    (tmp_path / "e.csv").write_bytes(EXCEL_FR)
    p = _cli("batch", str(tmp_path / "e.csv"), "-o", str(tmp_path / "r.csv"))
    assert p.returncode == 2
    assert "ligne 7 : (ligne) : 9 valeurs au lieu de 8" in p.stderr.decode()
    assert (tmp_path / "r.rejets.csv").read_bytes().startswith(codecs.BOM_UTF8)


@pytest.mark.parametrize("saisi, attendu", [
    ("Épuisé", "epuise"), (" EPUISE ", "epuise"), ("épuisé", "epuise"), ("epuise", "epuise")])
def test_les_valeurs_par_identifiant_ou_libelle_sans_casse_ni_accents(saisi, attendu):
    assert ligne_vers_situation({"age": "80", "social.aidant": saisi}).social.aidant == attendu


def test_les_listes_et_les_autres_vocabulaires():
    s = ligne_vers_situation({"age": "80", "sante.maladies_chroniques": "Diabète ; bpco",
                              "social.couverture": "Sans complémentaire",
                              "social.logement": "INADAPTÉ", "handicap.types": "Moteur",
                              "autonomie.fragilite.vit_seul": "ne sait pas",
                              "autonomie.fragilite.perte_de_poids": "non",
                              "autonomie.fragilite.fatigue": "non",
                              "autonomie.fragilite.mobilite": "oui",
                              "autonomie.fragilite.plainte_memoire": "Non",
                              "autonomie.fragilite.marche_lente": "NON"})
    assert s.sante.maladies_chroniques == ["diabete", "bpco"]
    assert (s.social.couverture, s.social.logement) == ("sans_complementaire", "inadapte")
    assert s.autonomie.fragilite.vit_seul == "ne_sait_pas"


def test_une_valeur_inconnue_reste_une_erreur_qui_nomme_les_valeurs_permises():
    with pytest.raises(ErreurSaisie) as e:
        ligne_vers_situation({"age": "80", "social.aidant": "fatigué"})
    assert e.value.messages == ["social.aidant : valeur « fatigué » non permise ; valeurs "
                                "permises : present, aucun, epuise"]


def test_en_tetes_par_chemin_ou_libelle_colonnes_libres_recopiees():
    entete = resoudre_entete(["ID", "âge", "Maladies Chroniques", "Grille AGGIR : cohérence",
                              "commentaire", "Nom du médecin"])
    assert entete.canoniques[:4] == ("id", "age", "sante.maladies_chroniques",
                                     "autonomie.aggir.coherence")
    assert entete.recopiees == ("commentaire", "Nom du médecin")


@pytest.mark.parametrize("nom, suggestion", [
    ("sante.nb_medicament", "sante.nb_medicaments"), ("social.aidnt", "social.aidant"),
    ("maladies chronique", "sante.maladies_chroniques"), ("sante.inconnu", None),
    ("AGGIR : cohérence", "autonomie.aggir.coherence")])
def test_une_colonne_qui_ressemble_a_un_champ_mal_ecrit_refuse_le_fichier(nom, suggestion):
    with pytest.raises(ErreurSaisie) as e:
        resoudre_entete(["age", nom])
    assert f"« {nom} »" in e.value.messages[0]
    if suggestion:
        assert f"« {suggestion} »" in e.value.messages[0]


def test_sortie_excel_entete_gras_fige_largeurs_et_feuille_des_rejets(tmp_path):
    (tmp_path / "e.csv").write_bytes(EXCEL_FR)
    p = _cli("batch", str(tmp_path / "e.csv"), "-o", str(tmp_path / "r.xlsx"))
    assert p.returncode == 2
    assert not (tmp_path / "r.rejets.csv").exists()  # les rejets sont dans le classeur
    classeur = load_workbook(tmp_path / "r.xlsx")
    assert classeur.sheetnames == ["resultats", "rejets"]
    feuille = classeur["resultats"]
    assert feuille.freeze_panes == "A2" and feuille["A1"].font.b
    assert feuille.column_dimensions["A"].width >= 8
    assert feuille["A2"].value == "p1" and feuille.max_row == 7
    assert classeur["rejets"]["A2"].value == 7


def test_le_modele_s_ecrit_en_xlsx_et_csv(tmp_path):
    assert _cli("modele", "-o", str(tmp_path / "m.xlsx")).returncode == 0
    classeur = load_workbook(tmp_path / "m.xlsx")
    assert classeur.sheetnames == ["situations", "colonnes"]
    assert classeur["situations"]["B1"].value == "age"
    colonnes = pd.read_excel(tmp_path / "m.xlsx", sheet_name="colonnes")
    assert "épuisé" in colonnes.set_index("colonne").loc["social.aidant", "valeurs permises"]
    assert _cli("modele", "-o", str(tmp_path / "m.csv")).returncode == 0
    assert (tmp_path / "m.csv").read_bytes().startswith(codecs.BOM_UTF8 + b"id;age;")
    assert _cli("modele", "-o", str(tmp_path / "m.pdf")).returncode == 2
    with zipfile.ZipFile(tmp_path / "m.xlsx") as z:
        assert "xl/worksheets/sheet2.xml" in z.namelist()


def test_docs_vocabulaire_est_a_jour():
    attendu = vocabulaire_markdown()
    actuel = (RACINE / "docs" / "vocabulaire.md").read_text(encoding="utf-8")
    assert actuel == attendu, ("docs/vocabulaire.md n'est plus à jour : "
                               "orientation modele -o docs/vocabulaire.md")
    assert "| `social.aidant` | aidant |" in actuel


def test_aide_et_readme_renvoient_au_vocabulaire():
    for commande in (["batch", "--help"], ["modele", "--help"]):
        aide = _cli(*commande).stdout.decode()
        assert "vocabulaire.md" in aide or "docs/vocabulaire" in aide, commande
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    assert "docs/vocabulaire.md" in readme and "../shared/domain/CONTRACT.md" not in readme
