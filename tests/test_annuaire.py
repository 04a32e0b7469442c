"""L'annuaire (issue 11) : importer FINESS et l'annuaire territorial, puis trouver qui appeler
près du patient, comme un médecin ou un coordinateur le ferait en ligne de commande."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from orientation.annuaire import (
    Annuaire,
    ErreurAnnuaire,
    ErreurLieu,
    charger_regles_annuaire,
    enrichir,
    importer,
)
from orientation.referentiel import ErreurReferentiel
from tests.conftest import EXEMPLES, REGLES, exemple, situation
from tests.test_cli import orientation

ECHANTILLON = EXEMPLES / "annuaire" / "finess-structures-echantillon-20260309.json"
TERRITOIRE = EXEMPLES / "annuaire" / "territoire_exemple_ain.csv"

# Établissements de l'échantillon, lus dans le fichier (etatObjet de l'EGE).
FERMES = {"010787190", "010780211", "010002749", "010002699", "010780310", "010780328",
          "010780427", "010790061", "010780724", "010780732", "010780815", "010784528"}
EHPAD_FONTELUNE = ("010780906", "0474461420")
SSIAD_FONTELUNE = ("010006401", "0474464196")


@pytest.fixture(scope="module")
def dossier_echantillon(tmp_path_factory) -> Path:
    dossier = tmp_path_factory.mktemp("annuaire")
    importer([ECHANTILLON], dossier)
    return dossier


def _contacts(resultat: dict, ident: str) -> list[dict]:
    for c in resultat["clusters"]:
        for a in c["acteurs"]:
            if a["id"] == ident:
                return a["contacts"]
    for a in resultat["appuis"]:
        if a["id"] == ident:
            return a["contacts"]
    raise AssertionError(f"{ident} n'est pas proposé")


def _tous_les_numeros(resultat: dict) -> set[str]:
    numeros = set()
    for c in resultat["clusters"]:
        for a in c["acteurs"]:
            numeros |= {x["finess"] for x in a["contacts"] if x["finess"]}
    for a in resultat["appuis"]:
        numeros |= {x["finess"] for x in a["contacts"] if x["finess"]}
    return numeros


def test_l_echantillon_livre_est_la_copie_exacte_annoncee():
    """examples/annuaire/README.md annonce une copie exacte de l'échantillon d'ansforge."""
    assert (hashlib.sha256(ECHANTILLON.read_bytes()).hexdigest()
            == "f8e113394b89582d34757540f1a97abaf4866074f1765136816087e5cb8cb09d")


# --- Critère de l'issue : importer, puis screen --commune --annuaire -------------------------


def test_importer_puis_screen_donne_nom_et_telephone_du_fichier(tmp_path):
    dossier = tmp_path / "annuaire"
    p = orientation("annuaire", "importer", str(ECHANTILLON), "--annuaire", str(dossier))
    assert p.returncode == 0, p.stderr.decode()
    sortie = p.stdout.decode()
    assert "lues 27 = retenues 15 + fermées 12 + rejetées 0" in sortie
    assert "Licence Ouverte" in sortie

    p = orientation("screen", str(EXEMPLES / "03_personne_agee_complexe.json"), "--format",
                    "json", "--commune", "01004", "--annuaire", str(dossier))
    assert p.returncode == 0, p.stderr.decode()
    d = json.loads(p.stdout)
    ssiad = _contacts(d, "sad_soins")
    assert ssiad[0]["nom"] == "SSIAD EHPAD FONTELUNE AMBERIEU-EN-BUGEY"
    assert (ssiad[0]["finess"], ssiad[0]["telephone"]) == SSIAD_FONTELUNE
    ehpad = _contacts(d, "hebergement_temporaire")
    assert (ehpad[0]["finess"], ehpad[0]["telephone"]) == EHPAD_FONTELUNE
    assert "Licence Ouverte" in ehpad[0]["source"] and "FINESS" in ehpad[0]["source"]
    assert d["lieu"]["commune"] == "01004" and d["lieu"]["distances"] is True


def test_contacts_les_plus_proches_d_abord_et_bornes(dossier_echantillon, moteur):
    o = enrichir(moteur.screen(situation(exemple("03_personne_agee_complexe.json"))), "01004",
                 dossier_echantillon)
    d = o.model_dump(mode="json")
    ehpad = _contacts(d, "hebergement_temporaire")
    distances = [c["distance_km"] for c in ehpad]
    assert distances == sorted(distances) and len(ehpad) == 3  # contacts_max
    # Cerdon est à une quinzaine de kilomètres d'Ambérieu-en-Bugey à vol d'oiseau.
    assert ehpad[1]["nom"].startswith("EHPAD RESIDENCE L'ALBIZIA") and 10 < distances[1] < 25


def test_un_etablissement_ferme_n_apparait_jamais(dossier_echantillon):
    regles = charger_regles_annuaire()
    with Annuaire(dossier_echantillon) as a:
        numeros = {s.finess for s in a.toutes("finess")}
    assert numeros.isdisjoint(FERMES)
    assert len(numeros) == 15
    # Même en le cherchant dans sa commune : le SMUR fermé d'Ambérieu (catégorie 321), la
    # maison de retraite fermée de Champagne-en-Valromey (200).
    p = orientation("annuaire", "chercher", "--commune", "01079", "--format", "json",
                    "--annuaire", str(dossier_echantillon))
    trouves = {c["finess"] for r in json.loads(p.stdout)["resultats"] for c in r["contacts"]}
    assert "010784528" not in trouves and "010780930" in trouves
    assert regles.contacts_max == 3


def test_code_postal_et_commune_inconnue(dossier_echantillon, moteur):
    o = moteur.screen(situation(exemple("03_personne_agee_complexe.json")))
    par_postal = enrichir(o, "01500", dossier_echantillon).model_dump(mode="json")
    assert par_postal["lieu"]["commune"] == "01004"
    assert _contacts(par_postal, "sad_soins")[0]["finess"] == SSIAD_FONTELUNE[0]
    # Une commune de l'Ain que l'annuaire ne connaît pas : le département, sans distance.
    inconnue = enrichir(o, "01999", dossier_echantillon).model_dump(mode="json")
    assert inconnue["lieu"]["commune"] is None and inconnue["lieu"]["departement"] == "01"
    assert all(c["distance_km"] is None for c in _contacts(inconnue, "hebergement_temporaire"))
    assert _contacts(inconnue, "hebergement_temporaire")
    # Ailleurs (Paris) : aucune structure de l'Ain proposée.
    paris = enrichir(o, "75056", dossier_echantillon).model_dump(mode="json")
    assert _tous_les_numeros(paris) == set()
    with pytest.raises(ErreurLieu, match="ni un code commune INSEE"):
        enrichir(o, "Ambérieu", dossier_echantillon)


def test_sans_lieu_le_resultat_est_celui_d_avant_et_le_texte_dit_comment(dossier_echantillon,
                                                                          moteur):
    o = moteur.screen(situation(exemple("03_personne_agee_complexe.json")))
    assert enrichir(o, None, dossier_echantillon) == o
    d = o.model_dump(mode="json")
    assert "lieu" not in d and _tous_les_numeros(d) == set()
    assert all(a["contacts"] == [] for a in d["appuis"])
    p = orientation("screen", str(EXEMPLES / "03_personne_agee_complexe.json"))
    assert "--commune" in p.stdout.decode() and "orientation annuaire importer" in \
        p.stdout.decode()


def test_screen_texte_donne_les_telephones_lisibles(dossier_echantillon):
    p = orientation("screen", str(EXEMPLES / "03_personne_agee_complexe.json"), "--commune",
                    "01004", "--annuaire", str(dossier_echantillon))
    texte = p.stdout.decode()
    assert "SSIAD EHPAD FONTELUNE AMBERIEU-EN-BUGEY — tél. 04 74 46 41 96" in texte
    assert "Licence Ouverte" in texte


def test_meme_entree_meme_sortie(dossier_echantillon):
    args = ("screen", str(EXEMPLES / "03_personne_agee_complexe.json"), "--format", "json",
            "--commune", "01004", "--annuaire", str(dossier_echantillon))
    assert orientation(*args).stdout == orientation(*args).stdout


# --- Annuaire territorial -------------------------------------------------------------------


def test_un_annuaire_territorial_ajoute_le_dac_et_son_telephone(tmp_path, moteur):
    territoire = tmp_path / "territoire.csv"
    territoire.write_text(
        "acteurs;nom;telephone;departements_desservis\n"
        "dac_reponse_globale dac_personne_aidant;DAC Ain Sud;04 00 00 00 01;01\n",
        encoding="utf-8")
    dossier = tmp_path / "annuaire"
    p = orientation("annuaire", "importer", str(ECHANTILLON), str(territoire), "--annuaire",
                    str(dossier))
    assert p.returncode == 0, p.stderr.decode()
    p = orientation("screen", str(EXEMPLES / "13_complexite_ressentie.json"), "--format", "json",
                    "--commune", "01004", "--annuaire", str(dossier))
    d = json.loads(p.stdout)
    dac = _contacts(d, "dac_reponse_globale")
    assert dac[0]["nom"] == "DAC Ain Sud" and dac[0]["telephone"] == "04 00 00 00 01"
    assert dac[0]["source"] == "Annuaire territorial (territoire.csv)"


def test_l_annuaire_territorial_l_emporte_sur_finess(tmp_path, moteur):
    territoire = tmp_path / "territoire.yaml"
    territoire.write_text(
        "source: CPTS du Bugey, annuaire 2026\n"
        "structures:\n"
        "  - acteurs: [ehpad]\n"
        "    nom: EHPAD Fontelune (accueil)\n"
        "    finess: '010780906'\n"
        "    telephone: 04 00 00 00 02\n"
        "    courriel: accueil@fontelune.invalid\n",
        encoding="utf-8")
    dossier = tmp_path / "annuaire"
    importer([ECHANTILLON, territoire], dossier)
    o = moteur.screen(situation(exemple("03_personne_agee_complexe.json")))
    # hebergement_temporaire mène aussi à l'EHPAD (catégorie 500) : la fiche corrigée.
    d = enrichir(o, "01004", dossier).model_dump(mode="json")
    ehpad = _contacts(d, "hebergement_temporaire")
    fontelune = [c for c in ehpad if c["finess"] == EHPAD_FONTELUNE[0]]
    assert len(fontelune) == 1
    assert fontelune[0]["telephone"] == "04 00 00 00 02"
    assert fontelune[0]["courriel"] == "accueil@fontelune.invalid"
    assert fontelune[0]["adresse"].startswith("10 RUE DE LA COMMUNE 1871")  # gardée de FINESS
    assert "CPTS du Bugey" in fontelune[0]["source"] and "FINESS" in fontelune[0]["source"]


def test_les_secteurs_declares_comptent(tmp_path, moteur):
    territoire = tmp_path / "territoire.csv"
    territoire.write_text(
        "acteurs,nom,telephone,communes_desservies,departements_desservis\n"
        "ccas,CCAS d'Ambérieu,04 00 00 00 03,01004,\n"
        "ccas,CCAS de Lagnieu,04 00 00 00 04,01202,\n"
        "ccas,Service social de l'Ain,04 00 00 00 05,,01\n", encoding="utf-8")
    dossier = tmp_path / "annuaire"
    importer([territoire], dossier)
    o = moteur.screen(situation(exemple("03_personne_agee_complexe.json")))
    ccas = _contacts(enrichir(o, "01004", dossier).model_dump(mode="json"), "ccas")
    assert [c["nom"] for c in ccas] == ["CCAS d'Ambérieu", "Service social de l'Ain"]


def test_importer_l_un_garde_l_autre(tmp_path):
    territoire = tmp_path / "territoire.csv"
    territoire.write_text("acteurs,nom,departements_desservis\nccas,CCAS,01\n",
                          encoding="utf-8")
    dossier = tmp_path / "annuaire"
    importer([territoire], dossier)
    importer([ECHANTILLON], dossier)
    with Annuaire(dossier) as a:
        assert (a.nombre("finess"), a.nombre("territoire")) == (15, 1)
    importer([territoire], dossier)
    with Annuaire(dossier) as a:
        assert (a.nombre("finess"), a.nombre("territoire")) == (15, 1)


def test_lignes_rejetees_avec_leur_numero_les_autres_importees(tmp_path):
    territoire = tmp_path / "territoire.csv"
    territoire.write_text(
        "acteurs,nom,telephone,departements_desservis\n"
        "ccas,CCAS,04 00 00 00 03,01\n"
        "caas,CCAS mal écrit,04 00 00 00 03,01\n"
        "ccas,,04 00 00 00 03,01\n"
        "ccas,Sans secteur,04 00 00 00 03,\n"
        "ccas,Téléphone faux,=HYPERLINK(1),01\n", encoding="utf-8")
    dossier = tmp_path / "annuaire"
    p = orientation("annuaire", "importer", str(territoire), "--annuaire", str(dossier))
    assert p.returncode == 2
    assert "lues 5 = retenues 1 + fermées 0 + rejetées 4" in p.stdout.decode()
    err = p.stderr.decode()
    assert "territoire.csv, ligne 3 : acteurs : « caas » n'est ni un acteur" in err
    assert "vouliez-vous dire « ccas » ?" in err
    assert "ligne 4 : nom : obligatoire" in err
    assert "ligne 5 : où intervient-elle ?" in err
    assert "ligne 6 : telephone" in err
    assert "Traceback" not in err
    with Annuaire(dossier) as a:
        assert a.nombre("territoire") == 1


@pytest.mark.parametrize(
    ("nom", "contenu", "attendu"),
    [
        ("t.csv", "acteur,nom,fax\nccas,X,1\n", "colonne(s) inconnue(s) : « fax »"),
        ("t.csv", "nom,telephone\nX,1\n", "colonne « acteurs » obligatoire"),
        ("t.csv", "", "fichier vide"),
        ("t.yaml", "structures: [\n", "YAML invalide"),
        ("t.yaml", "- a\n- b\n", "une liste « structures »"),
        ("t.yaml", "structures:\n  - acteurs: ccas\n    nom: X\n    telefone: 1\n",
         "clé(s) inconnue(s) : « telefone »"),
        ("f.json", "{\"pmej\": [", "JSON invalide"),
        ("f.json", "{\"autre\": 1}", "pas de liste « pmej »"),
        pytest.param("f.json", "[" * 100_000 + "]" * 100_000, "pas de liste « pmej »",
                     id="imbrication-profonde"),
        pytest.param("f.json", '{"pmej": [' + "[" * 100_000 + "]" * 100_000 + "]}",
                     "JSON trop imbriqué", id="imbrication-profonde-dans-pmej"),
        ("f.xml", "<a/>", "format non reconnu"),
    ],
)
def test_fichier_refuse_message_francais_et_annuaire_intact(tmp_path, nom, contenu, attendu):
    dossier = tmp_path / "annuaire"
    importer([ECHANTILLON], dossier)
    avant = (dossier / "annuaire.sqlite").read_bytes()
    fichier = tmp_path / nom
    fichier.write_text(contenu, encoding="utf-8")
    p = orientation("annuaire", "importer", str(fichier), "--annuaire", str(dossier))
    err = p.stderr.decode()
    assert p.returncode == 2
    assert attendu in err and "Traceback" not in err
    assert "L'annuaire n'a pas été modifié" in err
    assert (dossier / "annuaire.sqlite").read_bytes() == avant
    assert sorted(x.name for x in dossier.iterdir()) == ["annuaire.sqlite"]


def test_flux_hostile_borne(tmp_path):
    """Valeur démesurée et adresse mal formée dans des établissements : ces lignes sont
    rejetées, les autres importées, et les comptes tombent juste."""
    flux = json.loads(ECHANTILLON.read_text(encoding="utf-8"))
    actifs = [e for p in flux["pmej"] for e in p.get("ege", []) if e["etatObjet"] == "A"]
    actifs[0]["informationsGeneralesEGE"]["nomEgeLong"] = "X" * 1_000_000
    actifs[1]["adresse"] = "__PROFOND__"
    texte = json.dumps(flux).replace('"__PROFOND__"', "[" * 20 + "]" * 20)
    fichier = tmp_path / "flux.json"
    fichier.write_text(texte, encoding="utf-8")
    b = importer([fichier], tmp_path / "annuaire").fichiers[0]
    assert (b.lues, b.fermees, b.rejetees, b.retenues) == (27, 12, 2, 13)
    assert any("nomEgeLong : texte trop long (1000000 caractères" in r for r in b.rejets)
    assert any("adresse : liste d'objets attendue" in r for r in b.rejets)


# --- Extraction CSV etalab-cs1100507 --------------------------------------------------------

_CH = ("structureet;010000024;010780054;CH DE FLEYRIAT;CENTRE HOSPITALIER DE BOURG-EN-BRESSE "
       "FLEYRIAT;;;900;RTE;DE PARIS;;;451;01;AIN;01440 VIRIAT;0474454647;0474454114;355;"
       "Centre Hospitalier (C.H.);1102;Centres Hospitaliers;26010004500012;8610Z;03;"
       "ARS établissements Publics de santé dotation globale;1;Etablissement public de santé;"
       "1979-02-13;1979-02-13;2020-02-04;")


def test_extraction_csv_windows_1252_avec_coordonnees_lambert93(tmp_path, moteur):
    """Une extraction au format publié (ligne de métadonnées, structureet, geolocalisation),
    en Windows-1252 : le centre hospitalier de Viriat est proposé à sa distance."""
    ehpad_ferme = _CH.replace("010000024", "010780906").replace("355;", "500;", 1)
    lignes = [
        "finess;etalab;3;2026-05-12",
        _CH,
        ehpad_ferme,  # fermé selon le flux JSON importé en même temps
        "structureet;01000002X;0;trop court",
        "geolocalisation;010000024;870262.2;6571540.8;1,ATLASANTE,96,BAN,EPSG:2154 RGF93 / "
        "Lambert-93 (Métropole);2026-05-04",
    ]
    extraction = tmp_path / "etalab-cs1100507-stock-20260512-0339.csv"
    extraction.write_bytes(("\r\n".join(lignes) + "\r\n").encode("cp1252"))
    flux = json.loads(ECHANTILLON.read_text(encoding="utf-8"))
    for p in flux["pmej"]:
        for e in p.get("ege", []):
            if e["informationsGeneralesEGE"]["numFinessEge"] == "010780906":
                e["etatObjet"] = "I"
    flux_modifie = tmp_path / "flux.json"
    flux_modifie.write_text(json.dumps(flux), encoding="utf-8")
    dossier = tmp_path / "annuaire"
    bilan = importer([flux_modifie, extraction], dossier)
    b = bilan.fichiers[1]
    assert (b.lues, b.retenues, b.rejetees) == (3, 2, 1)
    assert "ligne 4" in b.rejets[0]
    assert "extraction etalab-cs1100507 du 12/05/2026" in b.source
    assert bilan.fermees_selon_flux == 1
    o = moteur.screen(situation(exemple("09_urgence.json")))
    d = enrichir(o, "01004", dossier).model_dump(mode="json")
    ch = _contacts(d, "urgences")
    assert ch[0]["nom"] == "CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT"
    assert ch[0]["telephone"] == "0474454647"
    assert ch[0]["adresse"] == "900 RTE DE PARIS, 01440 VIRIAT"
    assert 20 < ch[0]["distance_km"] < 40  # Ambérieu → Viriat, à vol d'oiseau
    assert "établissements" not in ch[0]["nom"]  # lu en Windows-1252, sans mojibake
    assert EHPAD_FONTELUNE[0] not in _tous_les_numeros(d)


# --- Le référentiel de l'annuaire ------------------------------------------------------------


def test_correspondance_validee_fichier_et_ligne(regles_copiees):
    chemin = regles_copiees / "annuaire.yaml"
    texte = chemin.read_text(encoding="utf-8")
    chemin.write_text(texte.replace("  sad_soins:\n", "  sad_soin:\n")
                      .replace('"127": Hospitalisation', '"12": Hospitalisation')
                      .replace("sources: [R397, SAS]\n", "sources: [R397, INCONNUE]\n", 1),
                      encoding="utf-8")
    with pytest.raises(ErreurReferentiel) as e:
        charger_regles_annuaire(regles_copiees)
    messages = "\n".join(e.value.erreurs)
    ligne = texte.splitlines().index("  sad_soins:") + 1
    assert f"annuaire.yaml, ligne {ligne} : « sad_soin » n'est ni un acteur" in messages
    assert "vouliez-vous dire « sad_soins » ?" in messages
    assert "catégorie « 12 » invalide" in messages
    assert "source « INCONNUE » non déclarée" in messages
    p = orientation("rules", "check", "--regles", str(regles_copiees))
    assert p.returncode == 1 and "annuaire.yaml, ligne" in p.stderr.decode()


def test_chaque_correspondance_a_ses_sources():
    regles = charger_regles_annuaire(REGLES)
    assert regles.correspondances["ehpad"].categories == {
        "500": "Etablissement d'hébergement pour personnes âgées dépendantes"}
    assert regles.categories("dac_reponse_globale") == ("606",)
    assert all(c.sources for c in regles.correspondances.values())
    # Ce qui n'a pas de catégorie FINESS vient de l'annuaire territorial.
    assert regles.categories("ccas") == () and regles.categories("plateforme_repit") == ()


# --- Vie privée et écriture --------------------------------------------------------------------


def test_screen_n_ecrit_rien_dans_l_annuaire(tmp_path):
    dossier = tmp_path / "annuaire"
    importer([ECHANTILLON], dossier)
    avant = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in dossier.iterdir()}
    p = orientation("screen", str(EXEMPLES / "03_personne_agee_complexe.json"), "--commune",
                    "01004", "--annuaire", str(dossier))
    assert p.returncode == 0
    apres = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in dossier.iterdir()}
    assert apres == avant


def test_index_ecrit_d_un_coup_sans_fichier_temporaire(tmp_path):
    dossier = tmp_path / "annuaire"
    importer([ECHANTILLON], dossier)
    importer([ECHANTILLON, TERRITOIRE], dossier)
    assert sorted(x.name for x in dossier.iterdir()) == ["annuaire.sqlite"]


def test_dossier_par_defaut_de_l_utilisateur(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "donnees")}
    env.pop("ORIENTATION_ANNUAIRE", None)
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "orientation", "annuaire", "importer",
                        str(TERRITOIRE)], capture_output=True, env=env, timeout=60)
    assert p.returncode == 0, p.stderr.decode()
    assert (tmp_path / "donnees" / "orientation" / "annuaire.sqlite").is_file()


def test_annuaire_absent_message_clair(tmp_path):
    p = orientation("screen", str(EXEMPLES / "01_cas_simple.json"), "--commune", "01004",
                    "--annuaire", str(tmp_path / "rien"))
    assert p.returncode == 2
    assert "aucun annuaire dans" in p.stderr.decode()
    assert "orientation annuaire importer" in p.stderr.decode()
    with pytest.raises(ErreurAnnuaire):
        Annuaire(tmp_path / "rien")


def test_chercher_un_acteur(dossier_echantillon):
    p = orientation("annuaire", "chercher", "--commune", "01004", "--acteur", "sad_soins",
                    "--annuaire", str(dossier_echantillon))
    assert p.returncode == 0
    texte = p.stdout.decode()
    assert "SAD soins (ex-SSIAD) (sad_soins)" in texte
    assert "SSIAD EHPAD FONTELUNE AMBERIEU-EN-BUGEY — tél. 04 74 46 41 96" in texte
    p = orientation("annuaire", "chercher", "--commune", "01004", "--acteur", "ssiad",
                    "--annuaire", str(dossier_echantillon))
    assert p.returncode == 2 and "n'est ni un acteur ni une fonction d'appui" in \
        p.stderr.decode()


def test_exemple_livre_sans_rejet(tmp_path):
    bilan = importer([ECHANTILLON, TERRITOIRE], tmp_path / "annuaire")
    assert bilan.rejets == []
    assert (bilan.nb_finess, bilan.nb_territoire) == (15, 9)


def test_un_ancien_index_illisible_est_remplace(tmp_path):
    dossier = tmp_path / "annuaire"
    dossier.mkdir()
    (dossier / "annuaire.sqlite").write_bytes(b"pas une base SQLite" * 100)
    with pytest.raises(ErreurAnnuaire, match="index illisible"):
        Annuaire(dossier)
    bilan = importer([TERRITOIRE], dossier)
    assert bilan.avertissements and "ancien index écarté" in bilan.avertissements[0]
    with Annuaire(dossier) as a:
        assert (a.nombre("finess"), a.nombre("territoire")) == (0, 9)
