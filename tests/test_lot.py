"""``orientation batch`` et ``synth`` : fichiers corrompus, formats, comptes qui tombent juste."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from orientation import Situation, screen
from orientation.tables.colonnes import COLONNES_SORTIE
from orientation.tables.lot import chemin_des_rejets, executer
from orientation.tables.synthese import cohorte_complete, ecrire_cohorte
from tests.conftest import RACINE

ENTETE = "id,age,social.aidant,sante.nb_medicaments,contexte.urgence,sante.maladies_chroniques\n"
CORROMPU = (
    ENTETE
    + "a,84,epuise,12,non,diabete;bpco\n"          # 2 valide
    + "b,cent,present,0,non,\n"                     # 3 âge illisible
    + "c,70,fatigue,0,non,\n"                       # 4 énumération inconnue
    + "\n"                                          # 5 ligne vide
    + "d,70,present,douze,peut-être,\n"             # 6 deux types faux
    + "e,70,present,0,non,diabete,extra\n"          # 7 valeur en trop
    + "f,130,present,0,non,grippe\n"                # 8 hors limites + maladie inconnue
    + "g,45,aucun,3,oui,\n"                         # 9 valide
)


def _executer(tmp_path, contenu: bytes, nom="entree.csv", sortie="sortie.csv", **kw):
    entree = tmp_path / nom
    entree.write_bytes(contenu)
    rejets = []
    bilan = executer(entree, tmp_path / sortie, rejet=rejets.append, **kw)
    return bilan, rejets


@pytest.mark.parametrize("workers", [1, 2])
def test_csv_corrompu_chaque_ligne_rapportee_le_reste_repere(tmp_path, workers):
    contenu = CORROMPU.encode() + "h,50,present,0,non,\nH\xe9l\xe8ne,60,present,0,non,\n".encode(
        "latin-1")
    bilan, rejets = _executer(tmp_path, contenu, workers=workers, taille=3)
    assert (bilan.lues, bilan.reperees, bilan.rejetees) == (10, 3, 7)
    par_ligne = {}
    for r in rejets:
        par_ligne.setdefault(r.ligne, []).append(r.champ)
    assert par_ligne == {3: ["age"], 4: ["social.aidant"], 5: ["(ligne)"],
                         6: ["sante.nb_medicaments", "contexte.urgence"], 7: ["(ligne)"],
                         8: ["age", "sante.maladies_chroniques[0]"], 11: ["id"]}
    sortie = pd.read_csv(tmp_path / "sortie.csv", dtype=str, keep_default_na=False)
    assert list(sortie.columns) == COLONNES_SORTIE
    assert sortie["id"].tolist() == ["a", "g", "h"]
    attendu = screen(Situation.model_validate({
        "age": 84, "social": {"aidant": "epuise"}, "contexte": {"urgence": False},
        "sante": {"nb_medicaments": 12, "maladies_chroniques": ["diabete", "bpco"]}}))
    assert sortie.loc[0, "niveau"] == attendu.niveau and sortie.loc[1, "urgence"] == "oui"
    fichier_rejets = pd.read_csv(chemin_des_rejets(tmp_path / "sortie.csv"), dtype=str)
    assert len(fichier_rejets) == len(rejets)
    assert "UTF-8" in fichier_rejets["message"].iloc[-1]


def test_latin1_lu_avec_l_encodage_demande(tmp_path):
    contenu = (ENTETE + "H\xe9l\xe8ne,60,present,0,non,\n").encode("latin-1")
    bilan, rejets = _executer(tmp_path, contenu, encodage="latin-1", workers=1)
    assert (bilan.reperees, rejets) == (1, [])
    assert pd.read_csv(tmp_path / "sortie.csv")["id"].tolist() == ["Hélène"]


def test_point_virgule_et_bom_d_excel(tmp_path):
    contenu = "\ufeffid;age;sante.maladies_chroniques\nx;80;\"diabete;bpco\"\n".encode()
    bilan, _ = _executer(tmp_path, contenu, workers=1)
    assert bilan.reperees == 1


def test_jsonl_lignes_invalides(tmp_path):
    lignes = ['{"id": "a", "age": 84, "social": {"aidant": "epuise"}}', "{pas du json",
              "", "[1, 2]", '{"age": 30, "social.aidant": "present", "agee": 3}',
              '{"id": "b", "age": 30, "contexte.urgence": true, "sante.nb_medicaments": 2.0}']
    bilan, rejets = _executer(tmp_path, "\n".join(lignes).encode(), nom="e.jsonl",
                              sortie="s.jsonl", workers=1)
    assert (bilan.lues, bilan.reperees, bilan.rejetees) == (6, 2, 4)
    assert [r.ligne for r in rejets] == [2, 3, 4, 5] and rejets[-1].champ == "agee"
    sortie = [json.loads(x) for x in (tmp_path / "s.jsonl").read_text().splitlines()]
    assert [x["id"] for x in sortie] == ["a", "b"] and sortie[1]["urgence"] is True


@pytest.mark.parametrize("format_", [".parquet", ".xlsx", ".jsonl"])
def test_formats_memes_resultats_que_csv(tmp_path, format_):
    ecrire_cohorte(300, 5, tmp_path / "c.csv", sys.stdout)
    ecrire_cohorte(300, 5, tmp_path / f"c{format_}", sys.stdout)
    executer(tmp_path / "c.csv", tmp_path / "r.csv", workers=1)
    executer(tmp_path / f"c{format_}", tmp_path / f"r{format_}", workers=1)
    lire = {".parquet": pd.read_parquet, ".xlsx": pd.read_excel,
            ".jsonl": lambda p: pd.read_json(p, lines=True, dtype=False)}[format_]
    csv_ = pd.read_csv(tmp_path / "r.csv", dtype=str, keep_default_na=False)
    autre = lire(tmp_path / f"r{format_}")
    assert len(autre) == 300
    for col in ("id", "niveau", "acteurs", "appuis", "regles"):
        assert autre[col].fillna("").astype(str).tolist() == csv_[col].tolist()


def test_colonne_inconnue_refuse_le_fichier(tmp_path):
    (tmp_path / "e.csv").write_text("id,age,sante.nb_medicament\na,80,3\n")
    p = _cli("batch", str(tmp_path / "e.csv"), "-o", str(tmp_path / "s.csv"))
    assert p.returncode == 2 and "sante.nb_medicaments" in p.stderr.decode()
    assert "Traceback" not in p.stderr.decode()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["e.csv"]  # aucune sortie créée


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "orientation", *args], capture_output=True,
                          cwd=RACINE, timeout=120)


def test_synth_puis_batch_en_ligne_de_commande(tmp_path):
    p = _cli("synth", "--n", "2000", "--seed", "4", "-o", str(tmp_path / "c.csv"))
    assert p.returncode == 0, p.stderr.decode()
    assert (tmp_path / "c.csv").read_bytes() == _cli("synth", "--n", "2000", "--seed",
                                                      "4").stdout  # déterministe
    p = _cli("batch", str(tmp_path / "c.csv"), "-o", str(tmp_path / "r.parquet"),
             "--workers", "2")
    assert p.returncode == 0, p.stderr.decode()
    assert "Lues : 2000 = repérées : 2000 + rejetées : 0" in p.stderr.decode()
    assert len(pd.read_parquet(tmp_path / "r.parquet")) == 2000


def test_batch_sans_sortie_ecrit_csv_sur_stdout_et_rejets_sur_stderr(tmp_path):
    (tmp_path / "e.csv").write_text(CORROMPU)
    p = _cli("batch", str(tmp_path / "e.csv"))
    assert p.returncode == 2  # au moins une ligne rejetée
    sortie = p.stdout.decode().splitlines()
    assert sortie[0].startswith("id,niveau") and len(sortie) == 3
    erreurs = p.stderr.decode()
    assert "ligne 3 (b) : age : doit être un nombre entier" in erreurs
    assert "Lues : 8 = repérées : 2 + rejetées : 6" in erreurs
    assert list(tmp_path.iterdir()) == [tmp_path / "e.csv"]  # rien d'autre n'est écrit


def test_synth_distributions_plausibles():
    df = cohorte_complete(5000, 1)
    age = df["age"].astype(int)
    assert 38 <= age.mean() <= 45 and age.max() <= 105
    gir = pd.to_numeric(df["autonomie.gir"], errors="coerce")
    assert (gir[age >= 85] <= 4).mean() > (gir[(age >= 60) & (age < 75)] <= 4).mean()
