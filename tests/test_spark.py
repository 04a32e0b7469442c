"""orientation batch --spark et orientation.spark.screen : mêmes lignes, mêmes rejets, mêmes
numéros de ligne que le lot local.

Les tests qui démarrent Spark (une JVM, ≈ 30 s à 1 min sur la machine partagée) sont marqués
« lent » et lancés par .ci/run ; ils ne sont jamais sautés en CI. Une seule session Spark pour
tout le module, en boucle locale (SPARK_LOCAL_IP, spark.driver.host = 127.0.0.1), sans
interface web, avec des blocs de lecture petits (1 Mio) pour qu'un fichier de 20 000 patients
soit lu en plusieurs morceaux, comme un grand fichier sur une grappe.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from orientation.interfaces.cli import main
from orientation.tables.cohorte import ReperageCohorte
from orientation.tables.lot import reperage_pour
from orientation.tables.spark import (
    BILAN,
    REJET,
    RESULTAT,
    ContexteCsv,
    ReferentielEnvoye,
    reperer_partition_csv,
    schema_sortie_locale,
    schema_transport,
)
from orientation.tables.synthese import ecrire_cohorte
from tests.commande import orientation

CONF_TESTS = {"spark.sql.files.maxPartitionBytes": str(1 << 20),
              "spark.sql.shuffle.partitions": "2"}


# --- Les fichiers ---------------------------------------------------------------------------


def cohorte_abimee(dossier: Path, n: int = 20_000) -> tuple[Path, dict[str, int]]:
    """``orientation synth`` puis quelques lignes abîmées, de chaque genre que le lot local
    rejette ; rend le fichier et, pour chaque genre, la ligne du fichier abîmée."""
    propre = dossier / "propre.csv"
    ecrire_cohorte(n, 7, propre, io.StringIO())
    lignes = propre.read_text(encoding="utf-8").split("\n")
    entete = next(csv.reader([lignes[0]]))
    age, aidant = entete.index("age"), entete.index("social.aidant")

    def changer(i: int, colonne: int, valeur: str) -> None:
        cellules = next(csv.reader([lignes[i]]))
        cellules[colonne] = valeur
        tampon = io.StringIO()
        csv.writer(tampon, lineterminator="").writerow(cellules)
        lignes[i] = tampon.getvalue()

    changer(101, age, "quatre-vingts")  # valeur invalide
    changer(5_003, aidant, "xyz")  # valeur hors liste
    changer(7_777, age, "")  # champ obligatoire vide
    changer(12_345, age, "8\x017")  # caractère de contrôle
    lignes[9_001] = lignes[9_001] + ",en trop"  # une valeur de trop
    lignes[15_000] = ""  # ligne vide au milieu
    lignes[16_000] = "," * (len(entete) - 1)  # ligne de cellules vides au milieu
    while lignes and lignes[-1] == "":
        lignes.pop()
    texte = "\n".join(lignes) + "\n\n\n"  # deux lignes vides finales
    fichier = dossier / "pop.csv"
    fichier.write_text(texte, encoding="utf-8")
    propre.unlink()
    # numéros de ligne dans le fichier : l'en-tête est la ligne 1, lignes[i] la ligne i + 1
    return fichier, {"invalide": 102, "liste": 5_004, "vide_age": 7_778, "controle": 12_346,
                     "en_trop": 9_002, "vide": 15_001, "cellules_vides": 16_001}


def _lancer(capsys, *args: str) -> tuple[int, str]:
    code = main(["batch", *args])
    erreur = capsys.readouterr().err
    return code, erreur


def _bilan(erreur: str) -> str:
    """La ligne « Lues : … » sans la durée ni le débit (seuls à changer d'un passage à l'autre)."""
    ligne = [x for x in erreur.splitlines() if x.startswith("Lues")][-1]
    return ligne.rsplit(" (", 1)[0]


def _table(chemin: Path) -> pa.Table:
    """Un Parquet relu, colonnes codées par dictionnaire décodées (les dictionnaires
    dépendent du découpage en lots, pas les valeurs)."""
    table = pq.read_table(chemin)
    return pa.table({n: (c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c)
                     .combine_chunks() for n, c in zip(table.column_names, table.columns,
                                                        strict=True)})


# --- Sans JVM : le travail d'une tâche, appelé directement ------------------------------------


def _contexte_csv(entete: bytes, decalages: dict, d_un_tenant=frozenset()) -> ContexteCsv:
    reperage = reperage_pour()
    noms = entete.decode().split(",")
    entree = pa.schema([(c, pa.dictionary(pa.int32(), pa.string())) for c in noms])
    schema = schema_transport(schema_sortie_locale(reperage, entree), len(noms))
    return ContexteCsv(ReferentielEnvoye.depuis(reperage.referentiel), entete, "utf-8",
                       decalages, frozenset(d_un_tenant), schema, len(noms))


def _lots_de_lignes(fichier: str, blocs: list[tuple[int, list[bytes]]]) -> list[pa.RecordBatch]:
    return [pa.RecordBatch.from_pydict({
        "_fichier": pa.array([fichier] * len(lignes), pa.string()),
        "_bloc": pa.array([bloc] * len(lignes), pa.int64()),
        "_octets": pa.array(lignes, pa.binary())}) for bloc, lignes in blocs]


def test_une_tache_numerote_ses_lignes_comme_le_fichier():
    """Deux blocs d'un même fichier, dont le second commence ligne 5 : chaque rejet porte
    son numéro de ligne dans le fichier, les résultats gardent l'ordre, le bilan compte."""
    entete = b"id,age,social.aidant"
    bloc0 = [entete, b"a,80,epuise", b"b,abc,", b"c,70,"]
    bloc1 = [b"d,60,xyz", b"", b"e,90,aucun", b",,"]
    ctx = _contexte_csv(entete, {("f.csv", 0): 0, ("f.csv", 999): 4})
    sorties = list(reperer_partition_csv(_lots_de_lignes("f.csv", [(0, bloc0), (999, bloc1)]),
                                         ctx))
    tout = pa.Table.from_batches(sorties, schema=ctx.schema)
    genre = tout.column("_genre").to_pylist()
    ids = [i for i, g in zip(tout.column("c0").to_pylist(), genre, strict=True) if g == RESULTAT]
    assert ids == ["a", "c", "e"]
    rejets = [(ligne, i, champ, vide) for g, ligne, i, champ, vide in zip(
        genre, *(tout.column(c).to_pylist() for c in ("_ligne", "_id", "_champ", "_vide")),
        strict=True) if g == REJET]
    assert rejets == [(3, "b", "age", False), (5, "d", "social.aidant", False),
                      (6, None, "(ligne)", True), (8, None, "(ligne)", True)]
    bilans = [(ligne, n, rej, vides, derniere) for g, ligne, n, rej, vides, derniere in zip(
        genre, *(tout.column(c).to_pylist() for c in
                 ("_ligne", "_n", "_rejetees", "_vides", "_derniere")), strict=True)
        if g == BILAN]
    assert bilans == [(2, 2, 1, 0, 4), (5, 1, 1, 2, 7)]


def test_un_entete_different_dans_un_second_fichier_refuse():
    entete = b"id,age"
    ctx = _contexte_csv(entete, {("a.csv", 0): 0, ("b.csv", 0): 0})
    lots = _lots_de_lignes("a.csv", [(0, [entete, b"x,80"])]) + _lots_de_lignes(
        "b.csv", [(0, [b"id,ages", b"y,70"])])
    tout = pa.Table.from_batches(list(reperer_partition_csv(lots, ctx)), schema=ctx.schema)
    erreurs = [e for e in tout.column("_erreur").to_pylist() if e]
    assert erreurs and "b.csv" in erreurs[0] and "en-tête" in erreurs[0]


def test_le_referentiel_est_compile_une_fois_par_processus():
    envoye = ReferentielEnvoye.depuis(reperage_pour().referentiel)
    premier = envoye.reperage()
    assert isinstance(premier, ReperageCohorte)
    assert ReferentielEnvoye(envoye.octets, envoye.empreinte).reperage() is premier


def test_spark_sans_sortie_ou_sur_excel_est_refuse_en_francais(tmp_path, capsys):
    code, erreur = _lancer(capsys, "x.csv", "--spark", "local[2]")
    assert code == 2 and "avec --spark, donnez une sortie" in erreur
    (tmp_path / "a.xlsx").write_bytes(b"")
    code, erreur = _lancer(capsys, str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "r.csv"),
                           "--spark", "local[2]")
    assert code == 2 and "CSV ou en Parquet" in erreur
    assert not (tmp_path / "r.csv").exists()
    # sortie impossible : dite avant de démarrer Spark, sans dossier créé
    (tmp_path / "p.csv").write_text("id,age\na,80\n")
    code, erreur = _lancer(capsys, str(tmp_path / "p.csv"), "-o",
                           str(tmp_path / "absent" / "r.csv"), "--spark", "local[2]")
    assert code == 1 and "dossier introuvable" in erreur
    assert not (tmp_path / "absent").exists()
    code, erreur = _lancer(capsys, str(tmp_path / "p.csv"), "-o", str(tmp_path / "p.csv"),
                           "--spark", "local[2]")
    assert code == 2 and "écraserait l'entrée" in erreur


# --- Avec Spark -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark():
    """En CI (``CI`` défini), pyspark et Java sont installés par .ci/run : jamais sauté.
    Ailleurs, sauté avec sa raison s'il manque Java."""
    if not os.environ.get("CI") and not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("Java 17+ absent (apt-get install openjdk-17-jre-headless)")
    from orientation.tables.spark import ouvrir_session

    session = ouvrir_session("local[2]", CONF_TESTS)
    assert session.conf.get("spark.driver.host") == "127.0.0.1"
    assert session.conf.get("spark.ui.enabled") == "false"
    yield session
    session.stop()


@pytest.fixture(scope="module")
def cohorte(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("cohorte-spark")
    fichier, abimees = cohorte_abimee(dossier)
    yield fichier, abimees
    shutil.rmtree(dossier, ignore_errors=True)


@pytest.mark.lent
def test_batch_spark_donne_exactement_les_lignes_du_lot_local(spark, cohorte, tmp_path,
                                                               capsys):
    """Le critère de l'issue 14 : `orientation batch pop.csv -o out_spark.parquet --spark
    local[2]` sur 20 000 patients dont des lignes abîmées : mêmes identifiants, mêmes colonnes
    et valeurs (types compris), mêmes rejets aux mêmes lignes, même bilan."""
    pop, abimees = cohorte
    assert spark.read.text(str(pop)).rdd.getNumPartitions() >= 3  # lu en plusieurs blocs
    code_local, err_local = _lancer(capsys, str(pop), "-o", str(tmp_path / "out_local.parquet"))
    code_spark, err_spark = _lancer(capsys, str(pop), "-o", str(tmp_path / "out_spark.parquet"),
                                    "--spark", "local[2]")
    assert code_local == code_spark == 2  # des lignes rejetées
    assert pq.read_schema(tmp_path / "out_spark.parquet") == \
        pq.read_schema(tmp_path / "out_local.parquet")  # mêmes types, dictionnaires compris
    local, distant = _table(tmp_path / "out_local.parquet"), _table(tmp_path / "out_spark.parquet")
    assert distant.num_rows == local.num_rows == 20_000 - 7
    assert distant.column("id").to_pylist() == local.column("id").to_pylist()
    assert distant.equals(local)
    rejets_local = (tmp_path / "out_local.rejets.csv").read_bytes()
    assert (tmp_path / "out_spark.rejets.csv").read_bytes() == rejets_local
    lignes_rejetees = {int(r["ligne"]) for r in csv.DictReader(io.StringIO(
        rejets_local.decode()))}
    assert lignes_rejetees == set(abimees.values())
    assert _bilan(err_spark) == _bilan(err_local) == (
        "Lues : 20 000 = repérées : 19 993 + rejetées : 7 ; 2 ligne(s) vide(s) en fin de "
        "fichier ignorée(s)")
    # les rejets affichés sur la sortie d'erreur : les mêmes, dans le même ordre
    assert [x for x in err_spark.splitlines() if x.startswith("ligne ")] == \
        [x for x in err_local.splitlines() if x.startswith("ligne ")]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # rien de caché laissé


@pytest.mark.lent
def test_batch_spark_csv_vers_csv_octet_pour_octet(spark, cohorte, tmp_path, capsys):
    pop, _ = cohorte
    _lancer(capsys, str(pop), "-o", str(tmp_path / "l.csv"), "--libelles")
    _lancer(capsys, str(pop), "-o", str(tmp_path / "s.csv"), "--libelles", "--spark", "local[2]")
    assert (tmp_path / "s.csv").read_bytes() == (tmp_path / "l.csv").read_bytes()
    assert (tmp_path / "s.rejets.csv").read_bytes() == (tmp_path / "l.rejets.csv").read_bytes()


def _fichier_guillemets(dossier: Path, abimer: bool = True) -> Path:
    """Un export de tableur en Windows-1252, « ; », avec une colonne libre dont une cellule
    tient sur trois lignes (guillemets), une cellule illisible et un guillemet jamais fermé
    vers la fin : lu d'un seul tenant sur Spark, comme en local."""
    ecrire_cohorte(6_000, 3, dossier / "base.csv", io.StringIO())
    lignes = (dossier / "base.csv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    (dossier / "base.csv").unlink()
    sortie = []
    for i, ligne in enumerate(lignes):
        cellules = next(csv.reader([ligne]))
        note = "Remarque" if i == 0 else ("suivi à domicile ; « aidée »" if i % 7 else "")
        if i == 2_500 and abimer:
            note = "première ligne\nseconde ligne\ntroisième ; fin"
        if i == 4_000:
            cellules[1] = "8\x81"  # octet sans caractère en Windows-1252
        tampon = io.StringIO()
        csv.writer(tampon, delimiter=";", lineterminator="").writerow([*cellules, note])
        sortie.append(tampon.getvalue())
    if abimer:
        sortie[5_990] = sortie[5_990] + ';"jamais fermé'
    fichier = dossier / "export.csv"
    # l'octet 0x81 n'a pas de caractère en Windows-1252 : posé après l'encodage
    morceaux = [s.replace("8\x81", "8@@") for s in sortie]
    donnees = ("\r\n".join(morceaux) + "\r\n").encode("cp1252").replace(b"8@@", b"8\x81")
    fichier.write_bytes(donnees)
    return fichier


@pytest.mark.lent
def test_batch_spark_guillemets_sur_plusieurs_lignes_et_windows_1252(spark, tmp_path, capsys):
    fichier = _fichier_guillemets(tmp_path)
    code_l, err_l = _lancer(capsys, str(fichier), "-o", str(tmp_path / "l.csv"))
    code_s, err_s = _lancer(capsys, str(fichier), "-o", str(tmp_path / "s.csv"),
                            "--spark", "local[2]")
    assert code_l == code_s
    assert (tmp_path / "s.csv").read_bytes() == (tmp_path / "l.csv").read_bytes()
    assert (tmp_path / "s.rejets.csv").read_bytes() == (tmp_path / "l.rejets.csv").read_bytes()
    assert _bilan(err_s) == _bilan(err_l)
    sortie = (tmp_path / "l.csv").read_bytes().decode("utf-8-sig")
    assert "première ligne\nseconde ligne" in sortie  # la cellule sur trois lignes recopiée
    rejets = (tmp_path / "l.rejets.csv").read_bytes().decode("utf-8-sig")
    assert "texte illisible" in rejets and "guillemet" in rejets
    assert "lu d'un seul tenant" in err_s


@pytest.mark.lent
def test_batch_spark_guillemets_refermes_sur_leur_ligne_lus_en_parallele(spark, tmp_path,
                                                                         capsys):
    """Des cellules entre guillemets (« ; » dans le texte), toutes refermées sur leur ligne :
    le fichier est lu en plusieurs blocs à la fois, et la sortie est la même qu'en local."""
    fichier = _fichier_guillemets(tmp_path, abimer=False)
    assert spark.read.text(str(fichier)).rdd.getNumPartitions() >= 2
    _, err_l = _lancer(capsys, str(fichier), "-o", str(tmp_path / "l.csv"))
    _, err_s = _lancer(capsys, str(fichier), "-o", str(tmp_path / "s.csv"), "--spark",
                       "local[2]")
    assert "lu d'un seul tenant" not in err_s
    assert (tmp_path / "s.csv").read_bytes() == (tmp_path / "l.csv").read_bytes()
    assert (tmp_path / "s.rejets.csv").read_bytes() == (tmp_path / "l.rejets.csv").read_bytes()
    assert _bilan(err_s) == _bilan(err_l)


@pytest.mark.lent
def test_batch_spark_parquet_en_fichier_et_en_jeux_de_donnees(spark, tmp_path, capsys):
    entree = tmp_path / "cohorte.parquet"
    ecrire_cohorte(5_000, 11, entree, io.StringIO())
    _lancer(capsys, str(entree), "-o", str(tmp_path / "l.parquet"))
    code, err = _lancer(capsys, str(entree), "-o", str(tmp_path / "s.parquet"),
                        "--spark", "local[2]")
    assert code == 0, err
    assert _table(tmp_path / "s.parquet").equals(_table(tmp_path / "l.parquet"))
    # SORTIE sans extension : un dossier de deux jeux Parquet, lisibles par Spark
    code, err = _lancer(capsys, str(entree), "-o", str(tmp_path / "jeux"), "--spark", "local[2]")
    assert code == 0, err
    resultats = spark.read.parquet(str(tmp_path / "jeux" / "resultats"))
    attendu = _table(tmp_path / "l.parquet")
    assert resultats.count() == attendu.num_rows
    assert resultats.columns == attendu.column_names
    lus = pq.read_table(tmp_path / "jeux" / "resultats")
    assert sorted(lus.column("id").to_pylist()) == sorted(attendu.column("id").to_pylist())
    par_id = {r["id"]: r for r in lus.to_pylist()}
    for r in attendu.slice(0, 300).to_pylist():
        assert par_id[r["id"]] == r
    assert spark.read.parquet(str(tmp_path / "jeux" / "rejets")).columns == \
        ["fichier", "ligne", "id", "champ", "message"]
    # --libelles : les mêmes libellés que le lot local
    _lancer(capsys, str(entree), "-o", str(tmp_path / "ll.parquet"), "--libelles")
    code, err = _lancer(capsys, str(entree), "-o", str(tmp_path / "jl"), "--libelles",
                        "--spark", "local[2]")
    assert code == 0, err
    attendu = _table(tmp_path / "ll.parquet")
    lus = pq.read_table(tmp_path / "jl" / "resultats")
    assert lus.column_names == attendu.column_names
    par_id = {r["id"]: r for r in lus.to_pylist()}
    assert all(par_id[r["id"]] == r for r in attendu.to_pylist())
    # relancer remplace la sortie d'orientation ; un dossier étranger n'est jamais écrasé
    assert _lancer(capsys, str(entree), "-o", str(tmp_path / "jeux"), "--spark",
                   "local[2]")[0] == 0
    (tmp_path / "autre").mkdir()
    (tmp_path / "autre" / "important.txt").write_text("à garder")
    code, err = _lancer(capsys, str(entree), "-o", str(tmp_path / "autre"), "--spark",
                        "local[2]")
    assert code == 2 and "n'est pas une sortie d'orientation" in err
    assert (tmp_path / "autre" / "important.txt").read_text() == "à garder"


@pytest.mark.lent
def test_api_des_carnets(spark):
    """orientation.spark.screen(df) : un DataFrame de toutes sortes de types → les lignes
    de reperer_lot (le contrat Arrow du cœur) et ses rejets, numérotés comme sous un en-tête."""
    from orientation import spark as orientation_spark

    lignes = [
        {"id": "a", "age": 84, "social.vit_seul": True, "sante.nb_medicaments": 9},
        {"id": "b", "age": 30, "social.vit_seul": False, "sante.nb_medicaments": None},
        {"id": "c", "age": -4, "social.vit_seul": None, "sante.nb_medicaments": 2},
        {"id": None, "age": None, "social.vit_seul": None, "sante.nb_medicaments": None},
        {"id": "e", "age": 67, "social.vit_seul": True, "sante.nb_medicaments": 1},
    ]
    df = spark.createDataFrame(lignes, "id string, age int, `social.vit_seul` boolean, "
                                       "`sante.nb_medicaments` long").repartition(1)
    resultats, rejets = orientation_spark.screen(df, garder=True)
    obtenus = sorted(resultats.collect(), key=lambda r: r["id"])
    from orientation.tables.fichiers import en_texte

    lot = pa.RecordBatch.from_pylist(lignes)
    lot = pa.RecordBatch.from_arrays([en_texte(c) for c in lot.columns], names=lot.schema.names)
    attendus, rejets_attendus = reperage_pour().reperer_lot(lot)
    attendus = sorted(attendus.to_pylist(), key=lambda r: r["id"])
    assert [r["id"] for r in obtenus] == ["a", "b", "e"]
    for o, a in zip(obtenus, attendus, strict=True):
        assert o.asDict() == a  # colonnes d'entrée en texte, résultats typés, mêmes valeurs
    assert [(r["ligne"], r["champ"]) for r in rejets.orderBy("ligne").collect()] == \
        [(x["ligne"], x["champ"]) for x in rejets_attendus.to_pylist()]
    assert np.array_equal(sorted(r["ligne"] for r in rejets.collect()), [4, 5])
    spark.catalog.clearCache()


def test_import_orientation_ne_charge_pas_pyspark():
    """PySpark n'est chargé que par --spark ou orientation.spark (démarrage de screen et du
    lot local inchangé)."""
    import subprocess
    import sys

    code = ("import sys, orientation, orientation.tables.lot, orientation.interfaces.cli; "
            "sys.exit('pyspark' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_aide_de_batch_annonce_spark(capsys):
    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    aide = capsys.readouterr().out
    assert "--spark MAITRE" in aide and "--spark-conf" in aide


def test_un_echec_de_spark_tient_en_une_phrase():
    from orientation.tables.spark import ErreurSpark

    trace = ("An exception was thrown from the Python worker:\nTraceback (most recent call "
             "last):\n  File \"worker.py\", line 1, in f\nMemoryError: plus de mémoire\n"
             " SQLSTATE: 38000")
    assert str(ErreurSpark(RuntimeError(trace))) == "MemoryError: plus de mémoire"
    assert str(ErreurSpark(RuntimeError("Java gateway process exited"))) == \
        "Java gateway process exited"


def test_une_jvm_arretee_n_est_pas_une_erreur_d_ecriture(tmp_path, monkeypatch):
    """La JVM tombe en cours de route (mémoire épuisée à 1 M de patients sur la machine de
    l'équipe) : le pilote reçoit « Connection refused », une OSError. Le message dit que Spark
    a échoué et comment relancer, pas « Écriture impossible » dans la sortie."""
    import orientation.tables.spark as module

    def tombe(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(module, "executer_spark", tombe)
    (tmp_path / "e.csv").write_text("id,age\na,80\n")
    p = orientation("batch", str(tmp_path / "e.csv"), "-o", str(tmp_path / "s.csv"),
                    "--spark", "local[1]")
    erreur = p.stderr.decode()
    assert p.returncode != 0
    assert "Spark a échoué : la JVM de Spark ne répond plus" in erreur
    assert "spark.driver.memory=4g" in erreur and "Écriture impossible" not in erreur
    assert not (tmp_path / "s.csv").exists()
