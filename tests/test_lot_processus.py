"""``orientation batch`` lancé par la console tourne sans pandas (démarrage plus court,
``orientation.tables.sans_pandas``) : chaque format d'entrée et de sortie, passé par un vrai
processus, donne les mêmes sorties, les mêmes rejets et le même bilan que le lot appelé dans
ce processus (où pandas est chargé) — et pandas n'y a pas été chargé."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook, load_workbook

from orientation.tables.synthese import ecrire_cohorte
from tests.commande import orientation
from tests.conftest import RACINE

# Le processus de la console, et un code de sortie à part si pandas y a été chargé.
LANCER = ("import sys\n"
          "from orientation.interfaces.cli import lancer\n"
          "sys.argv = ['orientation', *sys.argv[1:]]\n"
          "code = lancer()\n"
          "sys.exit(97 if 'pandas' in sys.modules else code)\n")


@pytest.fixture(scope="module")
def cohorte(tmp_path_factory) -> Path:
    """600 patients synthétiques, dont trois lignes abîmées (rejetées, lignes 12, 300, 451)."""
    dossier = tmp_path_factory.mktemp("cohorte")
    propre = dossier / "propre.csv"
    ecrire_cohorte(600, 3, propre, io.StringIO())
    lignes = list(csv.reader(propre.read_text(encoding="utf-8").splitlines()))
    age, aidant = lignes[0].index("age"), lignes[0].index("social.aidant")
    lignes[11][age] = "quatre-vingts"
    lignes[299][aidant] = "xyz"
    lignes[450][age] = ""
    lignes[5][0] = "P5, « bis »"  # un identifiant recopié, une virgule : des guillemets
    tampon = io.StringIO()
    csv.writer(tampon, lineterminator="\n").writerows(lignes)
    fichier = dossier / "pop.csv"
    fichier.write_text(tampon.getvalue(), encoding="utf-8")
    return fichier


def _entree(cohorte: Path, dossier: Path, format_: str) -> Path:
    if format_ == ".csv":
        return cohorte
    lignes = list(csv.reader(cohorte.read_text(encoding="utf-8").splitlines()))
    entete, corps = lignes[0], lignes[1:]
    chemin = dossier / f"pop{format_}"
    if format_ == ".excel-fr.csv":  # le CSV d'Excel en français : « ; », Windows-1252
        tampon = io.StringIO()
        csv.writer(tampon, delimiter=";", lineterminator="\r\n").writerows(lignes)
        chemin.write_bytes(tampon.getvalue().encode("cp1252"))
    elif format_ == ".parquet":
        table = pcsv.read_csv(cohorte, convert_options=pcsv.ConvertOptions(
            column_types={c: pa.string() for c in entete}, strings_can_be_null=False))
        pq.write_table(table, chemin, row_group_size=250)
    elif format_ == ".jsonl":
        chemin.write_text("".join(json.dumps(dict(zip(entete, ligne, strict=True)),
                                             ensure_ascii=False) + "\n" for ligne in corps),
                          encoding="utf-8")
    else:
        classeur = Workbook()
        feuille = classeur.active
        for ligne in lignes:
            feuille.append(ligne)
        classeur.save(chemin)
    return chemin


def _contenu(chemin: Path) -> object:
    """Ce qu'un lecteur lit dans une sortie (les octets d'un Parquet ou d'un classeur
    dépendent du découpage en lots et de la date, pas leurs valeurs)."""
    if chemin.suffix == ".parquet":
        table = pq.read_table(chemin)
        return {n: c.cast(c.type.value_type).to_pylist() if pa.types.is_dictionary(c.type)
                else c.to_pylist() for n, c in zip(table.column_names, table.columns,
                                                   strict=True)}
    if chemin.suffix == ".xlsx":
        classeur = load_workbook(chemin, read_only=True)
        return {f.title: [list(r) for r in f.iter_rows(values_only=True)]
                for f in classeur.worksheets}
    return chemin.read_bytes()


def _bilan(erreur: bytes) -> list[str]:
    """La sortie d'erreur, sans la durée ni le débit (seuls à changer d'un passage à l'autre)."""
    return [x.rsplit(" (", 1)[0] if x.startswith("Lues") else x
            for x in erreur.decode().splitlines()]


CAS = {
    "csv-csv": (".csv", ".csv", ()),
    "csv-parquet-libelles": (".csv", ".parquet", ("--libelles",)),
    "excel-fr-csv": (".excel-fr.csv", ".csv", ()),
    "parquet-parquet": (".parquet", ".parquet", ()),
    "jsonl-jsonl": (".jsonl", ".jsonl", ()),
    "xlsx-xlsx": (".xlsx", ".xlsx", ()),
    "csv-sortie-standard": (".csv", "-", ("--dialecte", "excel-fr")),
}


@pytest.mark.parametrize("cas", list(CAS))
def test_lot_en_processus_sans_pandas(cohorte, tmp_path, cas):
    format_entree, format_sortie, options = CAS[cas]
    entree = _entree(cohorte, tmp_path, format_entree)
    sorties = {}
    for qui in ("processus", "memoire"):
        cible = tmp_path / qui / f"r{format_sortie}"
        cible.parent.mkdir()
        args = ["batch", str(entree), *options]
        if format_sortie != "-":
            args += ["-o", str(cible)]
        if qui == "processus":
            p = subprocess.run([sys.executable, "-c", LANCER, *args], capture_output=True,
                               cwd=RACINE, timeout=300)
            assert p.returncode != 97, "pandas a été chargé par le lot"
        else:
            p = orientation(*args)
        rejets = sorted(cible.parent.glob("*rejets*"))
        sorties[qui] = (p.returncode, _bilan(p.stderr),
                        p.stdout if format_sortie == "-" else _contenu(cible),
                        [(r.name, _contenu(r)) for r in rejets])
    code, bilan, sortie, rejets = sorties["processus"]
    assert "Traceback" not in "\n".join(bilan), bilan
    assert code == 2 and any("rejetées : 3" in x for x in bilan), bilan  # les trois abîmées
    assert sortie
    assert sorties["processus"] == sorties["memoire"]
