"""``orientation screen`` et ``rules check`` devant des entrées hostiles (issue 10, point 7) :
JSON imbriqué sur mille niveaux, entier de 5 000 chiffres, sortie standard sur /dev/full,
fins de ligne CR seules, flux sans fin… Toujours un message français et le code 2 (saisie)
ou 1 (entrée-sortie, référentiel), jamais de trace Python."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from orientation.interfaces.cli import main
from orientation.situation.lecture import LIMITES
from tests.conftest import EXEMPLES, RACINE

EXEMPLE = str(EXEMPLES / "03_personne_agee_complexe.json")


def lancer(*args: str, entree: bytes | None = None, stdout=subprocess.PIPE, stdin=None
           ) -> subprocess.CompletedProcess:
    """La commande comme un utilisateur la lance (un processus à part)."""
    p = subprocess.run([sys.executable, "-m", "orientation", *args], cwd=RACINE, timeout=60,
                       input=entree, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE)
    err = p.stderr.decode()
    assert "Traceback" not in err and "Exception ignored" not in err, err
    return p


def screen(entree: bytes | str, capsys, monkeypatch, *options: str) -> tuple[int, str, str]:
    """``orientation screen -`` dans ce processus (plus rapide), l'entrée sur stdin."""
    if isinstance(entree, str):
        entree = entree.encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(entree)))
    code = main(["screen", "-", *options])
    sortie = capsys.readouterr()
    assert "Traceback" not in sortie.err
    return code, sortie.out, sortie.err


def test_mille_niveaux_d_imbrication_code_2_sans_trace():
    p = lancer("screen", "-", entree=b'{"age": 80, "x": ' + b"[" * 1_000 + b"]" * 1_000 + b"}")
    assert p.returncode == 2
    assert "JSON trop imbriqué" in p.stderr.decode()
    assert p.stdout == b""


@pytest.mark.parametrize("texte", ['{"age": ' + "9" * 5_000 + "}",
                                   '{"age": 80, "x": -' + "1" * 5_000 + "}",
                                   '{"age": 1e999}', '{"age": NaN}'])
def test_un_nombre_demesure_code_2(texte, capsys, monkeypatch):
    code, out, err = screen(texte, capsys, monkeypatch)
    assert code == 2
    assert "nombre" in err
    assert out == ""


def test_une_cle_en_double_code_2(capsys, monkeypatch):
    code, _, err = screen('{"age": 200,\n "age": 84}', capsys, monkeypatch)
    assert code == 2
    assert "(fichier) : clé « age » en double dans le même objet" in err
    assert "ligne 2" in err


def test_l_aidant_n_est_pas_perdu_en_silence(capsys, monkeypatch):
    code, _, err = screen('{"age": 80, "social": {"aidant": "epuise"}, "social": {}}', capsys,
                          monkeypatch)
    assert code == 2
    assert "clé « social » en double" in err


def test_des_fins_de_ligne_cr_seules_se_reperent(capsys, monkeypatch):
    texte = json.dumps(json.loads((EXEMPLES / "03_personne_agee_complexe.json").read_text()),
                       indent=1).replace("\n", "\r")
    code, out, _ = screen(texte, capsys, monkeypatch, "--format", "json")
    assert code == 0
    assert json.loads(out)["niveau"] == "complexe"
    code, _, err = screen('{"age": 80,\r"social":\r}', capsys, monkeypatch)
    assert code == 2
    assert "ligne 3" in err


def test_un_flux_sans_fin_est_refuse_apres_la_limite():
    with open("/dev/zero", "rb") as zero:
        p = lancer("screen", "-", stdin=zero)
    assert p.returncode == 2
    assert f"trop volumineux (plus de {LIMITES.taille} octets" in p.stderr.decode()


def test_un_dossier_n_est_pas_une_situation(tmp_path, capsys):
    assert main(["screen", str(tmp_path)]) == 2
    assert "est un dossier" in capsys.readouterr().err


def test_une_ligne_forgee_est_impossible(capsys, monkeypatch):
    texte = json.dumps({"age": 80, "social": {"aidant": "x\n  - age : OK\x1b[2J"}})
    code, _, err = screen(texte, capsys, monkeypatch)
    assert code == 2
    assert "  - age : OK" not in err.splitlines()
    assert "\x1b" not in err
    assert err.count("\n") == 2  # « Situation invalide : » et une seule erreur


def test_un_caractere_nul_est_refuse(capsys, monkeypatch):
    code, _, err = screen('{"age": 80, "social": {"aidant": "epuise\\u0000"}}', capsys,
                          monkeypatch)
    assert code == 2
    assert "social.aidant : caractère de contrôle interdit (U+0000)" in err


# --- La sortie standard ----------------------------------------------------------------------


@pytest.mark.parametrize("options", [(), ("--format", "json")])
def test_screen_sur_dev_full_code_1_en_francais(options):
    with open("/dev/full", "wb") as plein:
        p = lancer("screen", EXEMPLE, *options, stdout=plein)
    assert p.returncode == 1
    assert "sortie standard : écriture impossible (plus de place sur le disque)" in \
        p.stderr.decode()


def test_rules_check_sur_dev_full_code_1():
    with open("/dev/full", "wb") as plein:
        p = lancer("rules", "check", stdout=plein)
    assert p.returncode == 1
    assert "écriture impossible" in p.stderr.decode()


def test_une_sortie_fermee_en_route_est_silencieuse():
    lecteur, ecrivain = os.pipe()
    os.close(lecteur)  # comme « | head -c 0 »
    with os.fdopen(ecrivain, "wb") as ferme:
        p = lancer("screen", EXEMPLE, "--format", "json", stdout=ferme)
    assert p.returncode == 0
    assert p.stderr == b""
