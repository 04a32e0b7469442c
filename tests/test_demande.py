"""La demande d'appui au DAC (``orientation fiche``) : une page qu'un coordinateur de DAC peut
traiter, une annexe, et rien d'écrit sur disque que le fichier demandé."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys

import pypdf
import pytest

from orientation.annuaire import enrichir, importer
from orientation.resultat.demande import Demande, lire_demande
from orientation.resultat.fiche import fiche_pdf
from tests.commande import orientation
from tests.conftest import EXEMPLES, RACINE, exemple, situation

LE = dt.date(2026, 3, 9)
DEMANDE = {
    "personne": {"nom": "DUPONT", "prenom": "Jeanne", "naissance": "03/02/1942",
                 "telephone": "04 00 00 00 10"},
    "demandeur": {"nom": "Dr Claire Martin", "qualite": "médecin traitant",
                  "rpps": "10001234567", "telephone": "04 00 00 00 20"},
    "motif": "Chutes répétées, aidante épuisée, refus d'entrée en EHPAD.",
    "deja_fait": "Passage infirmier deux fois par jour depuis janvier.",
    "delai": "dans la semaine",
    "consentement": True,
}


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().replace("\xa0", " ").split())
            for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def dossier_annuaire(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("annuaire")
    importer([EXEMPLES / "annuaire" / "finess-structures-echantillon-20260309.json",
              EXEMPLES / "annuaire" / "territoire_exemple_ain.csv"], dossier)
    return dossier


@pytest.fixture(scope="module")
def complexe(moteur, dossier_annuaire):
    s = situation(exemple("03_personne_agee_complexe.json"))
    return s, enrichir(moteur.screen(s), "01004", dossier_annuaire)


def test_la_premiere_page_est_une_demande_d_appui_complete(complexe):
    s, o = complexe
    pages = _pages(fiche_pdf(s, o, LE, demande=lire_demande(DEMANDE)))
    p1 = pages[0]
    assert p1.startswith("Demande d'appui au dispositif d'appui à la coordination (DAC)")
    # Ordre d'une demande d'appui : personne, demandeur, motif, essais, urgence, consentement,
    # niveau, ce qui est demandé, acteurs.
    for attendu in ("Nom : DUPONT", "Prénom : Jeanne", "Né(e) le : 03/02/1942",
                    "RPPS : 10001234567", "Nom : Dr Claire Martin",
                    "Chutes répétées, aidante épuisée",
                    "Passage infirmier deux fois par jour", "Délai souhaité : dans la semaine",
                    "☒ La personne", "L1110-4", "Parcours complexe", "article L6327-1",
                    "DAC – réponse globale"):
        assert attendu in p1, attendu
    assert p1.index("Personne concernée") < p1.index("Motif de la demande") \
        < p1.index("Urgence et délai") < p1.index("Consentement") \
        < p1.index("Résultat du repérage") < p1.index("Ce qui est demandé au DAC") \
        < p1.index("Acteurs proposés et qui appeler")
    # Qui appeler : le DAC du territoire et le SSIAD de FINESS, avec leur téléphone.
    assert "DAC de l'Ain (exemple fictif) — tél. 01 99 00 01 01" in p1
    assert "SSIAD EHPAD FONTELUNE AMBERIEU-EN-BUGEY — tél. 04 74 46 41 96" in p1
    # Le détail est en annexe, pas sur la demande.
    assert "R-COMPLEXITE-PLURISECTORIELLE" not in p1
    assert pages[1].startswith("Annexe — détail du repérage")
    assert "R-COMPLEXITE-PLURISECTORIELLE" in " ".join(pages[1:])
    assert "Licence Ouverte" in " ".join(pages[1:])  # attribution des données FINESS
    assert "convention nationale pharmaceutique" in " ".join(pages[1:])  # mots entiers


def test_sans_demande_des_champs_a_remplir_et_une_case_vide(complexe, moteur):
    s = situation(exemple("03_personne_agee_complexe.json"))
    p1 = _pages(fiche_pdf(s, moteur.screen(s), LE))[0]
    assert "Nom : …" in p1 and "RPPS : …" in p1
    assert "☐ La personne" in p1 and "☒" not in p1
    assert "renseigner la commune du patient et un annuaire" in p1


def test_l_urgence_vitale_en_tete(moteur):
    s = situation(exemple("09_urgence.json"))
    p1 = _pages(fiche_pdf(s, moteur.screen(s), LE))[0]
    assert p1.index("Signes d'urgence vitale : appeler le 15") < p1.index("Personne concernée")


def test_motif_long_en_annexe_la_demande_tient_sur_une_page(complexe):
    s, o = complexe
    long = " ".join(f"Élément {i} du motif, détaillé par le médecin." for i in range(40))
    pages = _pages(fiche_pdf(s, o, LE, demande=lire_demande({**DEMANDE, "motif": long})))
    assert "(suite en annexe)" in pages[0]
    assert "Élément 39 du motif" not in pages[0]
    assert "Élément 39 du motif" in pages[1]
    assert pages[1].startswith("Annexe")


# Chaque fiche PDF coûte environ une seconde (coupure des lignes par fpdf2) : le lancement par
# défaut en essaie quatre (urgence, personne âgée complexe, rue, maltraitance), la marque
# « lent » toutes les autres.
_FICHES_RAPIDES = {"03_personne_agee_complexe.json", "09_urgence.json",
                   "12_maltraitance_suspectee.json", "20_sans_domicile_malade.json"}


@pytest.mark.parametrize("nom", [
    nom if nom in _FICHES_RAPIDES else pytest.param(nom, marks=pytest.mark.lent)
    for nom in sorted(p.name for p in EXEMPLES.glob("*.json"))])
def test_aucun_mot_coupe_aucune_page_vide(moteur, nom, dossier_annuaire):
    s = situation(exemple(nom))
    o = enrichir(moteur.screen(s), "01004", dossier_annuaire)
    pages = _pages(fiche_pdf(s, o, LE, demande=lire_demande(DEMANDE)))
    for i, texte in enumerate(pages, 1):
        sans_pied = re.sub(r"Demande d'appui au DAC — page \d+/\d+", "", texte).strip()
        assert sans_pied, f"page {i}/{len(pages)} vide"
    tout = " ".join(pages)
    # « Conve ntion » : fpdf2 write() coupait les mots en fin de ligne.
    for mot in re.findall(r"\b[A-Za-zÀ-ÿ]{3,}\b", "Convention nationale pharmaceutique "
                                                   "personnalisé coordination"):
        for i in range(1, len(mot)):
            assert f"{mot[:i]} {mot[i:]}" not in tout


def test_helvetica_sans_police_embarquee(complexe):
    s, o = complexe
    pdf = fiche_pdf(s, o, LE, police=None, demande=lire_demande(DEMANDE))
    p1 = _pages(pdf)[0]
    assert b"Helvetica" in pdf and "[X] La personne" in p1


def test_demande_invalide_message_francais():
    with pytest.raises(Exception) as e:
        lire_demande({"demandeur": {"rpps": "12"}, "personne": {"naissance": "1942-02-03"},
                      "motiff": "x"})
    messages = "\n".join(e.value.messages)
    assert "demandeur.rpps : numéro RPPS : 11 chiffres" in messages
    assert "personne.naissance : date de naissance au format JJ/MM/AAAA" in messages
    assert "motiff : champ inconnu" in messages
    with pytest.raises(Exception) as e:
        lire_demande({"motif": "x" * 2001})
    assert e.value.messages == ["motif : texte trop long (2001 caractères, 2000 au plus)"]
    assert Demande() == lire_demande({})


# --- La commande, comme un médecin la lance ----------------------------------------------------


def _fiche(*args: str, entree: bytes | None = None, env: dict | None = None,
           cwd=RACINE) -> subprocess.CompletedProcess:
    """``orientation fiche`` comme un médecin la lance : un processus à part, pour voir
    tout ce qu'il écrit (dossier personnel, temporaires)."""
    return subprocess.run([sys.executable, "-m", "orientation", "fiche", *args],
                          capture_output=True, input=entree, env=env, cwd=cwd, timeout=120)


def _fiche_ici(*args: str):
    """``orientation fiche`` dans ce processus (messages et codes)."""
    return orientation("fiche", *args)


def _arborescence(dossier) -> set[str]:
    return {str(p.relative_to(dossier)) for p in dossier.rglob("*")}


def test_fiche_n_ecrit_que_le_fichier_demande(tmp_path, dossier_annuaire):
    """Identité passée par l'entrée standard : elle n'est écrite que dans le PDF demandé ; pas
    de temporaire laissé, rien dans l'annuaire, rien dans le dossier personnel."""
    travail, maison, temporaire = tmp_path / "travail", tmp_path / "maison", tmp_path / "tmp"
    for d in (travail, maison, temporaire):
        d.mkdir()
    env = {**os.environ, "HOME": str(maison), "TMPDIR": str(temporaire),
           "XDG_DATA_HOME": str(maison / "donnees"), "XDG_CACHE_HOME": str(maison / "cache")}
    annuaire_avant = {p.name: p.read_bytes() for p in dossier_annuaire.iterdir()}
    p = _fiche(str(EXEMPLES / "03_personne_agee_complexe.json"), "-o", "fiche.pdf",
               "--commune", "01004", "--annuaire", str(dossier_annuaire), "--demande", "-",
               "--date", "2026-03-09", entree=json.dumps(DEMANDE).encode(), env=env,
               cwd=travail)
    assert p.returncode == 0, p.stderr.decode()
    assert _arborescence(travail) == {"fiche.pdf"}
    assert _arborescence(temporaire) == set() and _arborescence(maison) == set()
    assert {p.name: p.read_bytes() for p in dossier_annuaire.iterdir()} == annuaire_avant
    pages = _pages((travail / "fiche.pdf").read_bytes())
    assert "Nom : DUPONT" in pages[0] and "tél. 01 99 00 01 01" in pages[0]
    assert b"DUPONT" not in p.stdout + p.stderr


def test_fiche_refuse_sans_rien_ecrire(tmp_path):
    entree = tmp_path / "situation.json"
    entree.write_text(json.dumps({"age": 84}), encoding="utf-8")
    cas = [
        (["-o", str(entree.with_suffix(".docx"))], "extension .pdf ou .md"),
        (["-o", str(tmp_path / "fiche.pdf"), "--demande", str(tmp_path / "absente.json")],
         "introuvable"),
        (["-o", str(tmp_path / "fiche.pdf"), "--date", "09/03/2026"], "AAAA-MM-JJ"),
        (["-o", str(tmp_path / "fiche.pdf"), "--commune", "Ambérieu", "--annuaire",
          str(tmp_path / "rien")], "aucun annuaire"),
    ]
    for args, attendu in cas:
        p = _fiche_ici(str(entree), *args)
        assert p.returncode == 2, args
        assert attendu in p.stderr.decode() and "Traceback" not in p.stderr.decode()
    assert _arborescence(tmp_path) == {"situation.json"}
    avant = entree.read_bytes()
    entree_pdf = tmp_path / "entree.pdf"
    entree_pdf.write_bytes(b"{\"age\": 84}")
    p = _fiche_ici(str(entree_pdf), "-o", str(entree_pdf))
    assert p.returncode == 2 and "ne sera pas écrasé" in p.stderr.decode()
    assert entree_pdf.read_bytes() == b"{\"age\": 84}" and entree.read_bytes() == avant


def test_fiche_markdown(tmp_path):
    p = _fiche_ici(str(EXEMPLES / "03_personne_agee_complexe.json"), "-o",
                   str(tmp_path / "fiche.md"), "--date", "2026-03-09")
    assert p.returncode == 0
    md = (tmp_path / "fiche.md").read_text(encoding="utf-8")
    assert md.startswith("# Fiche d'orientation") and "Repérage du 9 mars 2026" in md
