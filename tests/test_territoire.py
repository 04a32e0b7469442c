"""Le diagnostic territorial (``orientation territoire``), lancé comme un coordonnateur le
lance : un fichier de cohorte, un rapport HTML ou PDF, des totaux qui tombent juste."""

import io
import json
import re

import pandas as pd
import pytest

from orientation.interfaces.cli import main
from orientation.referentiel import charger_referentiel
from orientation.referentiel.memoire import avec_parametres, depuis_dossier
from orientation.tables.synthese import cohorte_complete
from orientation.territoire.diagnostic import diagnostiquer, tranches_age
from orientation.territoire.lecture import lire_cohorte
from tests.conftest import REGLES
from tests.test_cli import orientation

N = 300
COMMUNES = ["69123", "69266", "69029", ""]


@pytest.fixture(scope="module")
def cohorte_csv(tmp_path_factory):
    df = cohorte_complete(N, graine=4)
    df.insert(1, "commune", [COMMUNES[i % len(COMMUNES)] for i in range(N)])
    chemin = tmp_path_factory.mktemp("territoire") / "pop.csv"
    df.to_csv(chemin, index=False)
    return chemin


@pytest.fixture
def lancer(capsysbinary):
    """La commande dans ce processus (plus vite qu'un sous-processus) : code, sorties."""

    def lancer(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        sorties = capsysbinary.readouterr()
        return code, sorties.out.decode(), sorties.err.decode()

    return lancer


def _diagnostic_du_html(texte: str) -> dict:
    trouve = re.search(r'<script type="application/json" id="diagnostic">(.*?)</script>', texte,
                       re.S)
    assert trouve, "le rapport doit porter ses chiffres en JSON"
    return json.loads(trouve.group(1).replace("<\\/", "</"))


def _figure(d: dict, ident: str) -> dict:
    return next(f for f in d["figures"] if f["id"] == ident)


@pytest.fixture(scope="module")
def rapport_html(cohorte_csv, tmp_path_factory) -> str:
    """Le rapport, produit une fois comme l'utilisateur le produit (sous-processus)."""
    sortie = tmp_path_factory.mktemp("rapport") / "t.html"
    p = orientation("territoire", str(cohorte_csv), "-o", str(sortie))
    assert p.returncode == 0, p.stderr.decode()
    return sortie.read_text(encoding="utf-8")


def test_rapport_html_autonome_dont_les_totaux_font_la_cohorte(rapport_html):
    texte = rapport_html
    # Autonome : aucun script, aucune feuille de style ni image chargés d'ailleurs.
    assert not re.search(r"<script[^>]*\bsrc=", texte)
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", texte)
    assert "<link" not in texte and "@import" not in texte
    assert texte.count("<svg") >= 7
    assert "Niveaux par tranche d'âge" in texte and "Niveaux par commune" in texte
    d = _diagnostic_du_html(texte)
    assert d["lues"] == N and d["reperees"] == N and d["rejetees"] == 0
    for ident in ("niveaux", "niveaux_par_age", "niveaux_par_commune"):
        f = _figure(d, ident)
        assert sum(ligne["effectif"] for ligne in f["lignes"]) == N, ident
    for ident in ("clusters", "acteurs", "appuis", "alertes", "lacunes"):
        f = _figure(d, ident)
        assert 0 <= f["aucun"] <= N
        assert all(0 < ligne["effectif"] <= N - f["aucun"] for ligne in f["lignes"]), ident
    communes = {ligne["categorie"] for ligne in _figure(d, "niveaux_par_commune")["lignes"]}
    assert communes == {"69123", "69266", "69029", "non renseigné"}


def test_les_chiffres_du_rapport_sont_ceux_de_batch(cohorte_csv, rapport_html, tmp_path, lancer):
    """Oracle indépendant : la sortie de ``orientation batch`` sur les mêmes patients."""
    sans_commune = tmp_path / "entree.csv"
    pd.read_csv(cohorte_csv, dtype=str, keep_default_na=False).drop(columns="commune") \
        .to_csv(sans_commune, index=False)
    sortie_batch = tmp_path / "sortie.csv"
    assert lancer("batch", str(sans_commune), "-o", str(sortie_batch))[0] == 0
    batch = pd.read_csv(sortie_batch, dtype=str, keep_default_na=False)
    d = _diagnostic_du_html(rapport_html)
    niveaux = {ligne["id"]: ligne["effectif"] for ligne in _figure(d, "niveaux")["lignes"]}
    assert niveaux == {n: int((batch["niveau"] == n).sum()) for n in niveaux}
    appuis = _figure(d, "appuis")
    for ligne in appuis["lignes"]:
        attendu = int(batch["appuis"].str.split(";").map(lambda a, i=ligne["id"]: i in a).sum())
        assert ligne["effectif"] == attendu, ligne["id"]
    assert appuis["aucun"] == int((batch["appuis"] == "").sum())
    lacunes = _figure(d, "lacunes")["lignes"]
    assert lacunes[0]["id"] == "dac_coordination_territoriale"
    avec_lacune = batch["appuis"].str.split(";").map(lambda a: "dac_coordination_territoriale" in a)
    assert lacunes[0]["effectif"] == int(avec_lacune.sum())
    # Chaque règle citée l'a proposée à au plus ces patients-là.
    for ligne in (x for x in lacunes[1:] if x["id"].startswith("R-")):
        assert ligne["effectif"] == int(batch.loc[avec_lacune, "regles"].str.split(";")
                                        .map(lambda r, i=ligne["id"]: i in r).sum())


def test_charge_de_la_gestion_de_cas_a_40_personnes_par_gestionnaire():
    referentiel = charger_referentiel(REGLES)
    df = cohorte_complete(2000, graine=2)
    d = diagnostiquer(lire_cohorte(("pop.csv", df.to_csv(index=False).encode()), referentiel),
                      referentiel)
    appuis = d.figure("appuis").tableau.set_index("id")
    gestion = appuis.loc["gestion_de_cas"]
    assert gestion["effectif"] > 0
    assert gestion["charge_etp"] == pytest.approx(gestion["effectif"] / 40, abs=0.05)
    assert appuis["charge_etp"].drop("gestion_de_cas").isna().all()


def test_les_tranches_d_age_suivent_les_seuils_des_regles():
    referentiel = charger_referentiel(REGLES)
    assert [t[0] for t in tranches_age(referentiel)] == [
        "moins de 18 ans", "18 à 59 ans", "60 à 74 ans", "75 ans et plus"]
    modifie = charger_referentiel(avec_parametres(depuis_dossier(REGLES),
                                                  {"paerpa.age_minimal": 70}))
    assert [t[0] for t in tranches_age(modifie)][-2:] == ["60 à 69 ans", "70 ans et plus"]


def test_une_ligne_invalide_est_rejetee_et_les_autres_comptees(cohorte_csv, tmp_path, lancer):
    df = pd.read_csv(cohorte_csv, dtype=str, keep_default_na=False)
    df.loc[4, "age"] = "quatre-vingts"
    entree = tmp_path / "abimee.csv"
    df.to_csv(entree, index=False)
    code, texte, erreurs = lancer("territoire", str(entree))
    assert code == 2
    assert "ligne 6" in erreurs and "age" in erreurs
    assert f"Lues : {N} = repérées : {N - 1} + rejetées : 1" in erreurs
    assert "1 ligne(s) rejetée(s)" in texte
    assert f"Total : {N - 1} patients sur {N - 1}." in texte


def test_cohorte_deja_reperee_par_batch(cohorte_csv, tmp_path, lancer):
    entree = tmp_path / "entree.jsonl"
    df = pd.read_csv(cohorte_csv, dtype=str, keep_default_na=False).drop(columns="commune")
    entree.write_text("\n".join(json.dumps({k: v for k, v in r.items() if v != ""})
                                for r in df.to_dict("records")) + "\n", encoding="utf-8")
    reperee = tmp_path / "reperee.parquet"
    assert lancer("batch", str(entree), "-o", str(reperee))[0] == 0
    code, texte, erreurs = lancer("territoire", str(reperee))
    assert code == 0, erreurs
    assert "cohorte déjà repérée" in texte
    assert "pas de répartition par âge" in texte
    assert f"Total : {N} patients sur {N}." in texte


@pytest.mark.lent  # rendu PNG de chaque graphique puis PDF : ~10 s sur la machine chargée
def test_pdf(tmp_path, lancer):
    entree = tmp_path / "pop.csv"
    cohorte_complete(50, graine=1).to_csv(entree, index=False)
    sortie = tmp_path / "t.pdf"
    code, _, erreurs = lancer("territoire", str(entree), "-o", str(sortie))
    assert code == 0, erreurs
    contenu = sortie.read_bytes()
    assert contenu.startswith(b"%PDF") and contenu.count(b"/Subtype /Image") >= 7


def test_fichier_refuse_sans_rapport(tmp_path, lancer):
    entree = tmp_path / "x.csv"
    entree.write_text("age,sante.couleur\n80,bleu\n", encoding="utf-8")
    sortie = tmp_path / "t.html"
    code, _, erreurs = lancer("territoire", str(entree), "-o", str(sortie))
    assert code == 2
    assert "colonne inconnue « sante.couleur »" in erreurs
    assert not sortie.exists()
    assert list(tmp_path.iterdir()) == [entree]  # pas de fichier temporaire laissé


def test_lecture_en_memoire_de_chaque_format():
    referentiel = charger_referentiel(REGLES)
    df = cohorte_complete(40, graine=1)
    tampon = io.BytesIO()
    df.to_parquet(tampon)
    jsonl = "\n".join(json.dumps({k: v for k, v in r.items() if v != ""})
                      for r in df.to_dict("records"))
    tampon_xlsx = io.BytesIO()
    df.to_excel(tampon_xlsx, index=False)
    niveaux = None
    for nom, octets in (("a.csv", df.to_csv(index=False).encode()), ("a.parquet", tampon.getvalue()),
                        ("a.jsonl", jsonl.encode()), ("a.xlsx", tampon_xlsx.getvalue())):
        c = lire_cohorte((nom, octets), referentiel)
        assert (c.lues, c.reperees, c.nb_rejetees) == (40, 40, 0), nom
        if niveaux is None:
            niveaux = list(c.lignes["niveau"])
        assert list(c.lignes["niveau"]) == niveaux, nom
