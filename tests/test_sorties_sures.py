"""Rien de perdu, rien de fuité (issue 10, partie tableaux) : des sorties qui ne détruisent ni
ne prétendent, des fichiers hostiles qui ne plantent ni n'épuisent, des tableurs qui ne
deviennent pas des formules. Chaque reproduction de l'issue est un test."""

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from openpyxl import load_workbook

from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.atelier import reperer_fichier
from orientation.tables.cohorte import ReperageCohorte
from orientation.tables.fichiers import LimitesExcel, Source, ouvrir_lecture
from orientation.tables.lot import executer
from orientation.tables.synthese import ecrire_cohorte
from tests.commande import orientation
from tests.conftest import RACINE
from tests.hostile import xlsx


def _cli(*args, entree=None, env=None, timeout=None):
    """La commande dans ce processus ; dans un processus à part quand le test la borne par
    un délai (un fichier piégé doit être arrêté, pas attendu)."""
    if timeout is None:
        return orientation(*args, entree=entree, env=env)
    return subprocess.run([sys.executable, "-m", "orientation", *args], capture_output=True,
                          cwd=RACINE, timeout=timeout, input=entree,
                          env={**os.environ, **(env or {})})


# --- 1. Le fichier des rejets, la sortie et l'entrée sont trois fichiers ----------------------


def test_le_fichier_des_rejets_n_ecrase_jamais_l_entree(tmp_path):
    ecrire_cohorte(500, 1, tmp_path / "big.rejets.csv", sys.stdout)
    avant = (tmp_path / "big.rejets.csv").read_bytes()
    p = _cli("batch", str(tmp_path / "big.rejets.csv"), "-o", str(tmp_path / "big.csv"))
    assert p.returncode == 2 and "écraserait l'entrée" in p.stderr.decode()
    assert (tmp_path / "big.rejets.csv").read_bytes() == avant
    assert not (tmp_path / "big.csv").exists()


@pytest.mark.parametrize("lien", ["physique", "symbolique"])
def test_un_lien_vers_l_entree_n_est_pas_une_sortie(tmp_path, lien):
    ecrire_cohorte(50, 1, tmp_path / "in.csv", sys.stdout)
    avant = (tmp_path / "in.csv").read_bytes()
    (os.link if lien == "physique" else os.symlink)(tmp_path / "in.csv", tmp_path / "out.csv")
    p = _cli("batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.csv"))
    assert p.returncode == 2 and "écraserait l'entrée" in p.stderr.decode()
    assert (tmp_path / "in.csv").read_bytes() == avant


# --- 2. Un octet NUL ne coupe pas une cellule en silence ---------------------------------------


def test_un_octet_nul_rejette_sa_ligne(tmp_path):
    (tmp_path / "e.csv").write_bytes(b"id,age,sante.maladies_chroniques\nX,8\x004,diabete\n"
                                     b"Y,84,diabete\n")
    rejets = []
    bilan = executer(tmp_path / "e.csv", tmp_path / "s.csv", rejet=rejets.append)
    assert (bilan.reperees, bilan.rejetees) == (1, 1)
    assert (rejets[0].ligne, rejets[0].champ) == (2, "age")
    assert "U+0000" in rejets[0].message
    assert "X" not in (tmp_path / "s.csv").read_text()


# --- 3. Des codes d'unité qui ne débordent pas -------------------------------------------------


def test_les_codes_d_une_unite_ne_debordent_jamais():
    rng = np.random.default_rng(0)
    n, colonnes = 5_000, 11
    parties = []
    for _ in range(colonnes):  # 11 colonnes de 4 000 valeurs : 4 000**11 ≫ 2**63
        codes = rng.integers(0, 4_000, n)
        parties.append((codes, [f"v{i}" for i in range(4_000)] + [None]))
    codes, cles = ReperageCohorte._codes_unite(parties)
    lignes = list(zip(*(p[0] for p in parties), strict=True))
    assert len(cles) == len(set(lignes))
    vus = {}
    for ligne, code in zip(lignes, codes, strict=True):
        assert vus.setdefault(code, ligne) == ligne  # un code = une seule combinaison


def test_mille_graphies_d_epices_dans_un_lot_memes_resultats_que_screen(moteur):
    from orientation.tables.colonnes import GROUPES, ligne_vers_situation, resultat_vers_ligne

    rng = np.random.default_rng(1)
    graphies = ["oui", "OUI", "Oui", "o", "O", "1", "vrai", "VRAI", "true", "True", "yes",
                "non", "NON", "Non", "n", "N", "0", "faux", "FAUX", "false", "no", " oui "]
    n = 3_000
    colonnes = {"age": [str(x) for x in rng.integers(18, 100, n)]}
    for chemin in GROUPES["social.epices"]:
        colonnes[chemin] = [graphies[i] for i in rng.integers(0, len(graphies), n)]
    lot = pa.RecordBatch.from_pydict(colonnes)
    sortie, rejets = ReperageCohorte(moteur.referentiel).reperer_lot(lot)
    assert rejets.num_rows == 0 and sortie.num_rows == n
    obtenu = sortie.to_pylist()
    for i in range(0, n, 97):
        ligne = {k: v[i] for k, v in colonnes.items()}
        attendu = resultat_vers_ligne(None, moteur.screen(ligne_vers_situation(ligne)))
        assert obtenu[i]["scores.epices"] == attendu["scores.epices"]
        assert obtenu[i]["regles"] == attendu["regles"]


# --- 4. Un guillemet égaré, un arrêt brutal : rien qui ait l'air complet ----------------------


@pytest.mark.lent  # 25 000 lignes en ligne de commande
def test_un_guillemet_egare_chaque_ligne_est_comptee(tmp_path):
    ecrire_cohorte(25_000, 2, tmp_path / "c.csv", sys.stdout)
    lignes = (tmp_path / "c.csv").read_text().splitlines(keepends=True)
    lignes[22_000] = lignes[22_000].replace(",", ',"', 1)  # ligne 22 001 du fichier
    (tmp_path / "c.csv").write_text("".join(lignes))
    p = _cli("batch", str(tmp_path / "c.csv"), "-o", str(tmp_path / "r.csv"))
    erreurs = p.stderr.decode()
    assert p.returncode == 2 and "Traceback" not in erreurs
    assert "Lues : 25 000 = repérées : " in erreurs
    sortie = pd.read_csv(tmp_path / "r.csv", dtype=str, keep_default_na=False)
    rejets = pd.read_csv(tmp_path / "r.rejets.csv", dtype=str)
    lignes_rejetees = set(rejets["ligne"].astype(int))
    assert 22_001 in lignes_rejetees and "guillemet" in rejets["message"].iloc[0]
    assert len(sortie) + len(lignes_rejetees) == 25_000  # aucune ligne perdue
    assert len(sortie) == 21_999 and lignes_rejetees == set(range(22_001, 25_002))


@pytest.mark.lent  # 200 000 lignes, arrêtées en cours de route
def test_un_arret_brutal_ne_laisse_aucun_fichier_qui_a_l_air_complet(tmp_path):
    ecrire_cohorte(200_000, 3, tmp_path / "c.csv", sys.stdout)
    processus = subprocess.Popen([sys.executable, "-m", "orientation", "batch",
                                  str(tmp_path / "c.csv"), "-o", str(tmp_path / "r.csv")],
                                 cwd=RACINE, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
    debut = time.time()
    while time.time() - debut < 60:  # attendre que l'écriture ait commencé
        if any(x.name.startswith(".r.csv.en-cours") for x in tmp_path.iterdir()):
            break
        time.sleep(0.05)
    time.sleep(0.3)
    processus.send_signal(signal.SIGKILL)
    processus.wait()
    assert not (tmp_path / "r.csv").exists() and not (tmp_path / "r.rejets.csv").exists()
    restes = [x.name for x in tmp_path.iterdir() if x.name != "c.csv"]
    assert all(x.startswith(".r.csv.en-cours") for x in restes), restes  # cachés, partiels


def test_une_erreur_en_cours_de_route_ne_laisse_rien_qui_ait_l_air_complet(tmp_path,
                                                                           monkeypatch):
    from orientation.tables import lot as module_lot

    ecrire_cohorte(3_000, 3, tmp_path / "c.csv", sys.stdout)
    appels = []
    vrai = module_lot.Ecrivain.ecrire

    def ecrire_puis_echouer(self, lot):
        appels.append(1)
        if len(appels) == 2:
            raise OSError(28, "No space left on device")
        return vrai(self, lot)

    monkeypatch.setattr(module_lot.Ecrivain, "ecrire", ecrire_puis_echouer)
    with pytest.raises(OSError) as e:
        executer(tmp_path / "c.csv", tmp_path / "r.csv",
                 module_lot.Options(taille=1_000))
    assert e.value.bilan.non_atteintes and e.value.bilan.reperees >= 1_000
    assert sorted(x.name for x in tmp_path.iterdir()) == ["c.csv"]


# --- 7. Sorties impossibles : un message français, code 1 ; entrées : code 2 -----------------


@pytest.mark.parametrize("cible", ["absent/r.csv", "dossier", "/dev/full", "e.csv/r.csv",
                                   "/proc/r.csv"])
def test_une_sortie_impossible_est_dite_en_francais(tmp_path, cible):
    (tmp_path / "e.csv").write_text("age\n80\n")
    (tmp_path / "dossier").mkdir()
    chemin = cible if cible.startswith("/") else str(tmp_path / cible)
    p = _cli("batch", str(tmp_path / "e.csv"), "-o", chemin)
    erreurs = p.stderr.decode()
    assert p.returncode == 1, erreurs
    assert erreurs.startswith("Écriture impossible") and "Traceback" not in erreurs


def test_la_sortie_standard_pleine_est_dite_en_francais(tmp_path):
    (tmp_path / "e.csv").write_text("age\n80\n")
    with open("/dev/full", "wb") as plein:
        p = subprocess.run([sys.executable, "-m", "orientation", "batch",
                            str(tmp_path / "e.csv")], stdout=plein, stderr=subprocess.PIPE,
                           cwd=RACINE, timeout=120)
    assert p.returncode == 1 and "Traceback" not in p.stderr.decode()
    assert "sortie standard" in p.stderr.decode()


def test_une_entree_illisible_est_une_erreur_de_saisie(tmp_path):
    (tmp_path / "e.xlsx").write_bytes(b"pas un classeur")
    p = _cli("batch", str(tmp_path / "e.xlsx"), "-o", str(tmp_path / "r.csv"))
    assert p.returncode == 2 and "classeur Excel illisible" in p.stderr.decode()


# --- 8. Classeurs piégés : refusés avant d'être décompressés ----------------------------------


def test_une_cellule_geante_est_refusee_avant_d_etre_lue(tmp_path):
    bombe = xlsx({"A1": "age", "A2": "8" * 50_000_000})
    assert len(bombe) < 1_000_000
    with pytest.raises(ErreurSaisie) as e:  # refusée sur sa taille annoncée, sans la lire
        reperer_fichier("bombe.xlsx", bombe)
    assert "dépasse" in e.value.messages[0]


@pytest.mark.lent  # classeur piégé, décompressé par un processus à part
def test_un_en_tete_de_200001_cellules_un_seul_message(tmp_path):
    bombe = xlsx({f"1#{i}": "age" for i in range(200_001)})  # sans référence de cellule
    assert len(bombe) < 100_000
    (tmp_path / "b.xlsx").write_bytes(bombe)
    p = _cli("batch", str(tmp_path / "b.xlsx"), "-o", str(tmp_path / "r.csv"), timeout=120)
    assert p.returncode == 2
    assert len(p.stderr) < 2_000 and "colonnes" in p.stderr.decode()


def test_les_limites_du_classeur_lignes_et_taille_decompressee():
    classeur = xlsx({"A1": "age", **{f"A{n}": "80" for n in range(2, 52)}})
    source = Source.octets("c.xlsx", classeur)
    with pytest.raises(ErreurSaisie) as e:
        for _ in ouvrir_lecture(source, limites=LimitesExcel(lignes=20)).lots():
            pass
    assert "lignes" in e.value.messages[0]
    with pytest.raises(ErreurSaisie) as e:
        ouvrir_lecture(source, limites=LimitesExcel(decompresse=500))
    assert "décompressé" in e.value.messages[0]


# --- 9. Messages bornés et échappés -------------------------------------------------------------


def test_une_valeur_enorme_et_des_sequences_de_terminal_ne_passent_pas_telles_quelles(tmp_path):
    enorme = "x" * 5_000_000
    contenu = ("age,social.aidant,id\n"
               f"80,{enorme},a\n"
               "80,\x1b[31m\n  - age : OK,b\n").encode()
    (tmp_path / "e.csv").write_bytes(contenu)
    p = _cli("batch", str(tmp_path / "e.csv"), "-o", str(tmp_path / "r.csv"))
    erreurs = p.stderr.decode()
    assert p.returncode == 2 and len(erreurs) < 5_000
    assert "\x1b" not in erreurs and "\n  - age : OK" not in erreurs
    rejets = (tmp_path / "r.rejets.csv").read_text()
    assert len(rejets) < 5_000 and "\x1b" not in rejets


def test_un_million_d_elements_faux_dans_une_liste_un_message_borne():
    liste = ";".join(["grippe"] * 100_000)
    lot = reperer_fichier("e.csv", f"age,sante.maladies_chroniques\n80,{liste}\n".encode())
    # La liste est bornée par son vocabulaire (situation/modele.py) : refusée d'un seul
    # message, avant que chaque élément soit validé.
    assert lot.nb_rejetees == 1 and len(lot.rejets) == 1
    assert lot.rejets["message"].iloc[0].startswith("liste trop longue (100000 valeurs ; 13")


def test_au_plus_dix_messages_d_un_meme_genre_puis_un_compte(tmp_path):
    (tmp_path / "e.csv").write_text("age\n" + "cent\n" * 500)
    p = _cli("batch", str(tmp_path / "e.csv"), "-o", str(tmp_path / "r.csv"))
    erreurs = p.stderr.decode().splitlines()
    assert len([e for e in erreurs if e.startswith("ligne ")]) == 10
    assert "… et 490 autres erreurs" in p.stderr.decode()
    assert len(pd.read_csv(tmp_path / "r.rejets.csv")) == 500  # le fichier a tout


# --- 10. Formules neutralisées dans les tableurs, valeurs intactes ailleurs ------------------

FORMULES = ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "@SUM(1)", "-1+1"]


def test_les_formules_sont_neutralisees_en_csv_et_excel_et_intactes_en_jsonl(tmp_path):
    lignes = "".join(f'"{f.replace(chr(34), chr(34) * 2)}",80,{f.replace(",", " ")[:3]}x\n'
                     for f in FORMULES)
    (tmp_path / "e.csv").write_text("id,age,remarque\n" + lignes + '"=1+1",cent,\n')
    for sortie in ("r.csv", "r.xlsx", "r.jsonl", "r.parquet"):
        _cli("batch", str(tmp_path / "e.csv"), "-o", str(tmp_path / sortie))
    csv_ = pd.read_csv(tmp_path / "r.csv", dtype=str, keep_default_na=False)
    assert csv_["id"].tolist() == ["'" + f for f in FORMULES]
    rejets = pd.read_csv(tmp_path / "r.rejets.csv", dtype=str, keep_default_na=False)
    assert rejets["id"].tolist() == ["'=1+1"]
    classeur = load_workbook(tmp_path / "r.xlsx")
    cellules = [c.value for c in classeur["resultats"]["A"][1:]]
    assert cellules == ["'" + f for f in FORMULES]
    assert all(c.data_type == "s" for c in classeur["resultats"]["A"])
    assert classeur["rejets"]["B2"].value == "'=1+1"
    jsonl = pd.read_json(tmp_path / "r.jsonl", lines=True, dtype=False)
    assert jsonl["id"].tolist() == FORMULES
    assert pd.read_parquet(tmp_path / "r.parquet")["id"].tolist() == FORMULES


# --- 11. Excel écrit sans fichier temporaire --------------------------------------------------


def test_excel_sans_fichier_temporaire(tmp_path):
    temporaire = tmp_path / "tmp"
    temporaire.mkdir()
    ecrire_cohorte(500, 1, tmp_path / "c.csv", sys.stdout)
    p = _cli("batch", str(tmp_path / "c.csv"), "-o", str(tmp_path / "r.xlsx"),
             env={"TMPDIR": str(temporaire)})
    assert p.returncode == 0, p.stderr.decode()
    assert list(temporaire.iterdir()) == []
    lot = reperer_fichier("c.csv", (tmp_path / "c.csv").read_bytes())
    import tempfile

    ancien = tempfile.tempdir
    tempfile.tempdir = str(temporaire)
    try:
        assert lot.excel()[:2] == b"PK"
    finally:
        tempfile.tempdir = ancien
    assert list(temporaire.iterdir()) == []
